"""An arXiv e-print archive unpacked under a budget, so a hostile one fails fast and small.

arXiv serves a gzip'd tar, a gzip'd single .tex file, or the PDF itself. Exactly one gzip
layer is read, as a stream: nothing but the LaTeX text is ever held in memory, and every
byte that is decompressed (kept or skipped) counts against the budget. A second layer of
compression, a sparse or special member, too many members, too many bytes or too much time
all end the reading with an IngestError, and the caller falls back to the PDF.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from paperdive.errors import IngestError

_GZIP = b"\x1f\x8b"
_COMPRESSED = (_GZIP, b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")  # gzip, bz2, xz, zstd
_SOURCE_SUFFIXES = (".tex", ".bbl")
_HEAD = 512


class BudgetExceeded(IngestError):
    """The archive or its LaTeX asked for more bytes, members, depth or time than allowed."""


@dataclass
class Budget:
    """Limits for one e-print, and the clock they are measured by."""

    unpacked_bytes: int = 256_000_000  # decompressed, streamed past, never held
    source_bytes: int = 16_000_000  # the .tex/.bbl text kept
    members: int = 5_000
    source_chars: int = 4_000_000  # the LaTeX after \input and macros are expanded
    seconds: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _deadline: float | None = field(default=None, repr=False)

    def start(self) -> Budget:
        self._deadline = self.clock() + self.seconds
        return self

    def check_time(self) -> None:
        if self._deadline is not None and self.clock() > self._deadline:
            raise BudgetExceeded(f"the LaTeX source took over {self.seconds:g} s to read")

    def check_chars(self, length: int) -> None:
        if length > self.source_chars:
            raise BudgetExceeded(
                f"the LaTeX source expands to over {self.source_chars:,} characters"
            )


def unpack_sources(archive: bytes, budget: Budget) -> dict[str, str] | None:
    """The .tex and .bbl files of an e-print by name; None for a PDF-only submission."""
    try:
        return _unpack(archive, budget)
    except IngestError:
        raise
    except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as exc:
        raise IngestError(f"the LaTeX source archive is damaged ({type(exc).__name__})") from exc


def _unpack(archive: bytes, budget: Budget) -> dict[str, str] | None:
    raw: BinaryIO = io.BytesIO(archive)
    if archive.startswith(_GZIP):
        raw = gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
    stream = io.BufferedReader(_Metered(raw, budget), buffer_size=1 << 16)
    head = stream.peek(_HEAD)[:_HEAD]
    if head.startswith(b"%PDF-"):
        return None  # arXiv serves the PDF itself when a paper was submitted without source
    if head.startswith(_COMPRESSED):
        raise BudgetExceeded("the LaTeX source is compressed twice; only one layer is read")
    if head[257:262] == b"ustar":
        return _tar_sources(stream, budget)
    text = stream.read(budget.source_bytes + 1)
    if len(text) > budget.source_bytes:
        raise BudgetExceeded(f"the LaTeX source is over {budget.source_bytes:,} bytes")
    return {"main.tex": decode(text)}


def _tar_sources(stream: BinaryIO, budget: Budget) -> dict[str, str]:
    sources: dict[str, str] = {}
    kept = 0
    with tarfile.open(fileobj=stream, mode="r|") as tar:  # "r|": a stream, no compression
        for count, member in enumerate(tar, start=1):
            if count > budget.members:
                raise BudgetExceeded(f"the LaTeX source has over {budget.members:,} files")
            if not member.isreg() or member.issparse():
                continue  # links, devices and sparse files expand to nothing we need
            if not member.name.lower().endswith(_SOURCE_SUFFIXES):
                continue
            kept += member.size
            if kept > budget.source_bytes:
                raise BudgetExceeded(f"the LaTeX files are over {budget.source_bytes:,} bytes")
            reader = tar.extractfile(member)
            if reader is not None:
                sources[member.name] = decode(reader.read())
    return sources


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


class _Metered(io.RawIOBase):
    """A byte stream that stops at the budget's byte limit and deadline."""

    def __init__(self, source: BinaryIO, budget: Budget) -> None:
        self._source = source
        self._budget = budget
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        self._budget.check_time()
        count = self._source.readinto(buffer)  # type: ignore[attr-defined]
        self._read += count
        if self._read > self._budget.unpacked_bytes:
            raise BudgetExceeded(
                f"the LaTeX source unpacks to over {self._budget.unpacked_bytes:,} bytes"
            )
        return int(count)
