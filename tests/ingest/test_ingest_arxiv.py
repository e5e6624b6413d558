"""arXiv and URL sources, replayed offline: recorded arXiv API answers, the sample paper as the
PDF, and the S2ORC LaTeX archive as an e-print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx2
import pytest

from paperdive.errors import IngestError
from paperdive.ingestion import Fetcher, Pacer, ingest, valid_arxiv_id

ARXIV = "arxiv"


def _recording(shared_dir: Path, name: str) -> bytes:
    matches = sorted((shared_dir / ARXIV).glob(f"arxiv_api_id_{name}*.xml"))
    if not matches:
        pytest.skip(f"no recorded arXiv response for {name}")
    return matches[0].read_bytes()


class FakeArxiv:
    """Serves the API, PDF and e-print endpoints, and records every request."""

    def __init__(self, api: bytes, pdf: bytes | None = None, eprint: bytes | None = None) -> None:
        self.api, self.pdf, self.eprint = api, pdf, eprint
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        path = request.url.path
        if request.url.host == "export.arxiv.org" and path == "/api/query":
            return httpx2.Response(200, content=self.api)
        if path.startswith("/pdf/") and self.pdf is not None:
            return httpx2.Response(200, content=self.pdf)
        if path.startswith("/e-print/") and self.eprint is not None:
            return httpx2.Response(200, content=self.eprint)
        return httpx2.Response(404)


@pytest.fixture
def bethe_feed(shared_dir: Path) -> bytes:
    return _recording(shared_dir, "list_1111.2011v2")


def test_arxiv_metadata_comes_from_the_api(
    bethe_feed: bytes, sample_paper_pdf: Path, offline_fetcher: Callable, no_pacing: Pacer
) -> None:
    arxiv = FakeArxiv(bethe_feed, pdf=sample_paper_pdf.read_bytes())
    paper = ingest("1111.2011v2", fetcher=offline_fetcher(arxiv), arxiv_pacer=no_pacing)
    assert paper.source_kind == "arxiv"
    assert paper.arxiv_id == "1111.2011v2"
    assert paper.title.startswith("Quantum Criticality for Extended Nodes on a Bethe Lattice")
    assert paper.authors == ["James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic"]
    assert str(paper.published) == "2011-11-08" and str(paper.updated) == "2012-04-02"
    assert paper.categories == ["cond-mat.str-el", "cond-mat.stat-mech"]
    assert paper.abstract.startswith("Theoretical description of anisotropic systems")
    assert paper.url == "https://arxiv.org/abs/1111.2011v2"
    # no e-print (404): sections come from the PDF
    assert paper.sections[0].title == "Introduction"
    query = arxiv.requests[0].url
    assert query.params["id_list"] == "1111.2011v2"


def test_latex_source_replaces_pdf_sections_when_present(
    bethe_feed: bytes,
    sample_paper_pdf: Path,
    shared_dir: Path,
    offline_fetcher: Callable,
    no_pacing: Pacer,
) -> None:
    # The archive belongs to another paper; what matters is which source the sections came from.
    eprint = (shared_dir / "papers/latex/1911.02782.gz").read_bytes()
    arxiv = FakeArxiv(bethe_feed, pdf=sample_paper_pdf.read_bytes(), eprint=eprint)
    paper = ingest(
        "https://arxiv.org/abs/1111.2011v2", fetcher=offline_fetcher(arxiv), arxiv_pacer=no_pacing
    )
    assert [s.title for s in paper.sections][:3] == [
        "Introduction",
        "Constructing the corpus",
        "Processing PDFs",
    ]
    assert paper.sections[1].number == "2" and paper.sections[2].level == 2
    processing = paper.sections[2]
    assert len(processing.paragraphs) > 1 and processing.text.startswith("We process PDFs")
    [numbered] = [e for e in paper.equations if e.label]  # the one numbered display, as LaTeX
    assert numbered.latex is not None and numbered.latex.startswith(r"S_{title} = \frac")
    assert "$$\nS_{title} = \\frac" in paper.markdown()
    assert [p.url.path for p in arxiv.requests] == [
        "/api/query",
        "/pdf/1111.2011v2",
        "/e-print/1111.2011v2",
    ]


def test_unknown_arxiv_id_is_an_empty_feed(
    shared_dir: Path, offline_fetcher: Callable, no_pacing: Pacer
) -> None:
    empty = _recording(shared_dir, "0000.0000")
    with pytest.raises(IngestError, match="arXiv has no paper with id 2401.99999"):
        ingest("2401.99999", fetcher=offline_fetcher(FakeArxiv(empty)), arxiv_pacer=no_pacing)


def test_malformed_ids_are_refused_before_asking_arxiv(shared_dir: Path) -> None:
    # arXiv silently drops malformed ids: asked for two, it answered with one.
    answer = _recording(shared_dir, "0808.05394_1707.08567").decode()
    assert "<opensearch:totalResults>1<" in answer and "1707.08567" in answer
    assert not valid_arxiv_id("0808.05394")
    assert valid_arxiv_id("1707.08567")
    with pytest.raises(IngestError, match="malformed arXiv id"):
        ingest("0808.05394")


def test_rate_limited_api_is_retried_after_the_servers_delay(
    bethe_feed: bytes, sample_paper_pdf: Path, no_pacing: Pacer
) -> None:
    arxiv = FakeArxiv(bethe_feed, pdf=sample_paper_pdf.read_bytes())
    answers = iter([httpx2.Response(429, headers={"retry-after": "7"})])

    def handler(request: httpx2.Request) -> httpx2.Response:
        return next(answers, None) or arxiv(request)

    slept: list[float] = []
    fetcher = Fetcher(httpx2.Client(transport=httpx2.MockTransport(handler)), sleep=slept.append)
    paper = ingest("1111.2011v2", fetcher=fetcher, arxiv_pacer=no_pacing)
    assert paper.arxiv_id == "1111.2011v2"
    assert slept and slept[0] >= 7


def test_server_errors_are_retried_then_reported(offline_fetcher: Callable) -> None:
    calls: list[httpx2.Request] = []

    def failing(request: httpx2.Request) -> httpx2.Response:
        calls.append(request)
        return httpx2.Response(503)

    with pytest.raises(IngestError, match="HTTP 503 from example.org.*gave up after retries"):
        ingest("https://example.org/paper.pdf", fetcher=offline_fetcher(failing))
    assert len(calls) == 4


def test_network_down(offline_fetcher: Callable) -> None:
    def unreachable(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("Name or service not known", request=request)

    with pytest.raises(IngestError, match="network unreachable"):
        ingest("https://example.org/paper.pdf", fetcher=offline_fetcher(unreachable))


def test_missing_pdf_url(offline_fetcher: Callable) -> None:
    with pytest.raises(IngestError, match="not found \\(HTTP 404"):
        ingest(
            "https://example.org/gone.pdf", fetcher=offline_fetcher(lambda _r: httpx2.Response(404))
        )


def test_html_served_instead_of_a_pdf(offline_fetcher: Callable) -> None:
    login_page = httpx2.Response(200, content=b"<html><body>Please sign in</body></html>")
    with pytest.raises(IngestError, match="is an HTML page, not a PDF"):
        ingest("https://example.org/paper.pdf", fetcher=offline_fetcher(lambda _r: login_page))


def test_endless_download_is_cut_off_while_streaming(offline_fetcher: Callable) -> None:
    streamed = 0

    def endless() -> object:
        nonlocal streamed
        while True:
            streamed += 65536
            yield b"%PDF-" + bytes(65531)

    def handler(_request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=endless())  # chunked, no Content-Length

    with pytest.raises(IngestError, match="larger than the 1,000,000-byte limit"):
        ingest(
            "https://example.org/huge.pdf", fetcher=offline_fetcher(handler), max_bytes=1_000_000
        )
    assert streamed < 2_000_000


def test_declared_size_over_the_cap_is_refused_before_downloading(
    offline_fetcher: Callable,
) -> None:
    def handler(_request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, headers={"content-length": str(10**10)}, content=b"")

    with pytest.raises(IngestError, match="larger than"):
        ingest("https://example.org/huge.pdf", fetcher=offline_fetcher(handler))


def test_pdf_url_source(sample_paper_pdf: Path, offline_fetcher: Callable) -> None:
    pdf = sample_paper_pdf.read_bytes()
    paper = ingest(
        "https://example.org/sample.pdf",
        fetcher=offline_fetcher(lambda _r: httpx2.Response(200, content=pdf)),
    )
    assert paper.source_kind == "pdf_url" and paper.url == "https://example.org/sample.pdf"
    assert paper.title.startswith("Offline Voices for Research Podcasts")


def test_pacer_spaces_requests() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(3.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait_turn()
    now[0] += 1.0
    pacer.wait_turn()
    now[0] += 5.0
    pacer.wait_turn()
    assert slept == [pytest.approx(2.0)]


def test_failing_latex_download_falls_back_to_the_pdf(
    bethe_feed: bytes,
    sample_paper_pdf: Path,
    offline_fetcher: Callable,
    no_pacing: Pacer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    arxiv = FakeArxiv(bethe_feed, pdf=sample_paper_pdf.read_bytes())

    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.path.startswith("/e-print/"):
            return httpx2.Response(502)
        return arxiv(request)

    paper = ingest("1111.2011v2", fetcher=offline_fetcher(handler), arxiv_pacer=no_pacing)
    assert paper.sections[0].title == "Introduction" and paper.sections[0].page == 1
    assert "using the PDF's sections" in caplog.text


def test_errors_do_not_repeat_tokens_from_signed_urls(offline_fetcher: Callable) -> None:
    with pytest.raises(IngestError) as caught:
        ingest(
            "https://files.example.org/p.pdf?X-Amz-Signature=s3cr3t",
            fetcher=offline_fetcher(lambda _r: httpx2.Response(403)),
        )
    assert "files.example.org/p.pdf" in str(caught.value)
    assert "s3cr3t" not in str(caught.value)
