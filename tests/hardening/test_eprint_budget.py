"""Hostile e-print archives end quickly in an IngestError with memory to spare, and an arXiv
paper whose e-print is hostile is still read, from its PDF."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import resource
import tarfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx2
import pytest
from tenacity import wait_none

from paperdive.errors import IngestError
from paperdive.ingestion import Fetcher, Pacer, ingest
from paperdive.ingestion.eprint import Budget
from paperdive.ingestion.latex import read_eprint

DOC = "\\documentclass{article}\\begin{document}%s\\end{document}"
SECONDS = 10.0  # far above what any case below needs, far below "minutes of CPU"


def tar_gz(files: dict[str, bytes], *, sparse: frozenset[str] = frozenset()) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            header = info.tobuf(format=tarfile.GNU_FORMAT)
            if name in sparse:
                header = _as_sparse(header, real_size=3_000_000_000)
            tar.fileobj.write(header)  # type: ignore[union-attr]
            tar.fileobj.write(data + b"\0" * (-len(data) % 512))  # type: ignore[union-attr]
            tar.offset += len(header) + len(data) + (-len(data) % 512)
    return gzip.compress(buffer.getvalue())


def _as_sparse(header: bytes, real_size: int) -> bytes:
    """An old-GNU sparse header: a 3 GB file of holes around a few real bytes."""
    block = bytearray(header[:512])
    block[156:157] = b"S"
    block[386:398] = b"%011o\0" % 0  # one chunk at offset 0 ...
    block[398:410] = b"%011o\0" % 1  # ... one byte long
    block[483:495] = b"%011o\0" % real_size
    block[148:156] = b" " * 8
    block[148:156] = b"%06o\0 " % sum(block)
    return bytes(block)


def timed(call: Callable[[], object]) -> float:
    start = time.monotonic()
    with pytest.raises(IngestError):
        call()
    return time.monotonic() - start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(
    "inner",
    [gzip.compress, bz2.compress, lzma.compress],
    ids=["gzip-in-gzip", "bz2-in-gzip", "xz-in-gzip"],
)
def test_a_second_compression_layer_is_refused_unread(inner: Callable[[bytes], bytes]) -> None:
    bomb = gzip.compress(inner(b"\0" * 50_000_000))
    with pytest.raises(IngestError, match="compressed twice"):
        read_eprint(bomb)


def test_a_gzip_bomb_stops_at_the_unpacked_limit_without_holding_it() -> None:
    zeros = zlib_stream_of_zeros(400_000_000)
    before = peak_rss_mb()
    assert timed(lambda: read_eprint(zeros)) < SECONDS
    assert peak_rss_mb() - before < 100


def zlib_stream_of_zeros(size: int) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as out:
        chunk = b"\0" * 1_000_000
        for _ in range(size // len(chunk)):
            out.write(chunk)
    return buffer.getvalue()


def test_sparse_members_are_skipped_not_expanded() -> None:
    main = (DOC % "\\section{Intro} Real text.").encode()
    archive = tar_gz({"holes.tex": b"x", "main.tex": main}, sparse=frozenset({"holes.tex"}))
    before = peak_rss_mb()
    paper = read_eprint(archive)
    assert paper is not None and paper.sections[0].text == "Real text."
    assert peak_rss_mb() - before < 100


def test_too_many_members_are_refused() -> None:
    files = {f"f{i}.txt": b"" for i in range(60)}
    with pytest.raises(IngestError, match="over 50 files"):
        read_eprint(tar_gz(files), Budget(members=50))


def test_input_fan_out_is_refused_before_it_grows() -> None:
    fan = "\\input{%s}" * 20
    files = {"main.tex": (DOC % (fan % (("l1",) * 20))).encode()}
    for level in range(1, 6):
        files[f"l{level}.tex"] = (fan % ((f"l{level + 1}",) * 20)).encode()
    files["l6.tex"] = b"x" * 1000
    before = peak_rss_mb()
    assert timed(lambda: read_eprint(tar_gz(files))) < SECONDS
    assert peak_rss_mb() - before < 200


def test_macro_amplification_is_refused_before_it_grows() -> None:
    defs = "\\def\\b{" + "y" * 1000 + "}\\def\\a{" + "\\b" * 600 + "}"
    source = "\\documentclass{article}" + defs + "\\begin{document}" + "\\a " * 20_000
    before = peak_rss_mb()
    assert timed(lambda: read_eprint(gzip.compress(source.encode()))) < SECONDS
    assert peak_rss_mb() - before < 300


@pytest.mark.parametrize("unclosed", ["\\section{", "\\begin{figure}", "\\footnote{"])
def test_unclosed_commands_cost_linear_time(unclosed: str) -> None:
    body = "\\section{Intro} text " + (unclosed + " words ") * 40_000
    start = time.monotonic()
    with contextlib.suppress(IngestError):  # a fall back to the PDF is a fine outcome
        read_eprint(gzip.compress((DOC % body).encode()))
    assert time.monotonic() - start < SECONDS


def test_deep_nesting_is_an_ingest_error_not_a_crash() -> None:
    body = "\\section{Deep} " + "{" * 50_000 + "x" + "}" * 50_000
    with pytest.raises(IngestError, match="nests too deeply"):
        read_eprint(gzip.compress((DOC % body).encode()))


def test_a_truncated_archive_is_an_ingest_error() -> None:
    archive = tar_gz({"main.tex": (DOC % "\\section{A} text").encode() * 200})
    with pytest.raises(IngestError, match="damaged"):
        read_eprint(archive[: len(archive) // 2])


def test_the_time_budget_ends_a_slow_read() -> None:
    ticks = iter(range(1_000_000))
    budget = Budget(seconds=5, clock=lambda: float(next(ticks)) * 10)
    with pytest.raises(IngestError, match="took over 5 s"):
        read_eprint(tar_gz({"main.tex": (DOC % "\\section{A} text").encode()}), budget)


def test_an_arxiv_paper_with_a_hostile_eprint_is_read_from_its_pdf(
    sample_pdf_bytes: bytes, arxiv_feed: bytes
) -> None:
    bomb = gzip.compress(gzip.compress(b"\0" * 10_000_000))

    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.path == "/api/query":
            return httpx2.Response(200, content=arxiv_feed)
        if request.url.path.startswith("/pdf/"):
            return httpx2.Response(200, content=sample_pdf_bytes)
        return httpx2.Response(200, content=bomb)

    client = httpx2.Client(transport=httpx2.MockTransport(handler))
    fetcher = Fetcher(client, backoff=wait_none(), sleep=lambda _s: None)
    paper = ingest("1111.2011v2", fetcher=fetcher, arxiv_pacer=Pacer(0.0))
    assert paper.sections and paper.arxiv_id == "1111.2011v2"


@pytest.fixture
def sample_pdf_bytes() -> bytes:
    from paperdive.sample import sample_pdf

    return sample_pdf().read_bytes()


@pytest.fixture
def arxiv_feed(shared_dir: Path) -> bytes:
    return (shared_dir / "arxiv" / "arxiv_api_id_list_1111.2011v2.xml").read_bytes()
