"""A local PDF that shows its arXiv id: the API record is the authority when it can be had,
the page when it cannot (offline is a warning, never an error), and the source link is the
abs page either way; `source_url` sets a local file's link."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import httpx2
import pymupdf
import pytest
from layouts import one_column

from paperdive.ingestion import Fetcher, Pacer, ingest

API_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry>
    <id>http://arxiv.org/abs/{id}</id>
    <updated>2024-01-12T10:00:00Z</updated>
    <published>2024-01-11T10:00:00Z</published>
    <title>{title}</title>
    <summary>The abstract as arXiv has it.</summary>
    <author><name>Maria Garcia</name></author>
    <author><name>Wei Chen</name></author>
    <link href="http://arxiv.org/abs/{id}" rel="alternate" type="text/html"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>"""
TITLE = "Adapting Language Models to Scientific Text"


def _stamped(tmp_path: Path, stamp: str | None, name: str = "paper.pdf") -> Path:
    data, _ = one_column()
    doc = pymupdf.open(stream=data, filetype="pdf")
    if stamp:  # arXiv prints its stamp sideways in the left margin of page 1
        doc[0].insert_text((30, 500), stamp, fontsize=18, rotate=90)
    path = tmp_path / name
    doc.save(path)
    return path


def _api(title: str, requests: list[httpx2.Request]) -> Callable[[httpx2.Request], httpx2.Response]:
    def handler(request: httpx2.Request) -> httpx2.Response:
        requests.append(request)
        arxiv_id = request.url.params["id_list"]
        return httpx2.Response(200, text=API_FEED.format(id=arxiv_id, title=title))

    return handler


def test_a_stamped_pdf_takes_the_api_record_and_the_abs_link(
    tmp_path: Path, offline_fetcher: Callable, no_pacing: Pacer
) -> None:
    path = _stamped(tmp_path, "arXiv:2401.06066v1 [cs.CL] 11 Jan 2024")
    requests: list[httpx2.Request] = []
    paper = ingest(path, fetcher=offline_fetcher(_api(TITLE, requests)), arxiv_pacer=no_pacing)
    assert requests[0].url.params["id_list"] == "2401.06066v1"
    assert paper.source_kind == "local_pdf"
    assert paper.abstract == "The abstract as arXiv has it."
    assert paper.authors == ["Maria Garcia", "Wei Chen"]
    assert str(paper.published) == "2024-01-11" and paper.categories == ["cs.CL"]
    assert paper.url == "https://arxiv.org/abs/2401.06066v1"
    assert paper.sections[0].title == "Introduction"  # the body still comes from the PDF
    assert paper.warnings == []


def test_offline_the_page_is_the_fallback_with_a_warning_and_the_link_stays(
    tmp_path: Path, no_pacing: Pacer, caplog: pytest.LogCaptureFixture
) -> None:
    path = _stamped(tmp_path, "arXiv:2401.06066v1 [cs.CL] 11 Jan 2024")

    def unreachable(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("no network", request=request)

    client = httpx2.Client(transport=httpx2.MockTransport(unreachable))
    start = time.perf_counter()
    paper = ingest(path, fetcher=Fetcher(client, attempts=1), arxiv_pacer=no_pacing)
    assert time.perf_counter() - start < 10
    assert paper.title == TITLE and paper.authors == [
        "Maria Garcia",
        "Wei Chen",
        "Jean-Pierre Dubois",
    ]
    assert paper.url == "https://arxiv.org/abs/2401.06066v1"
    assert paper.arxiv_id == "2401.06066v1" and str(paper.published) == "2024-01-11"
    assert any("using the page's title" in w for w in paper.warnings)
    assert any("using the page's title" in r.getMessage() for r in caplog.records)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_with_sockets_blocked_the_default_lookup_fails_soft(
    tmp_path: Path, no_pacing: Pacer
) -> None:
    path = _stamped(tmp_path, "arXiv:2401.06066v1 [cs.CL] 11 Jan 2024")
    paper = ingest(path, arxiv_pacer=no_pacing)  # no fetcher: the module's own, one try
    assert paper.title == TITLE
    assert paper.url == "https://arxiv.org/abs/2401.06066v1"
    assert paper.warnings and "arXiv" in paper.warnings[0]


def test_a_file_name_id_counts_only_when_the_api_names_the_same_paper(
    tmp_path: Path, offline_fetcher: Callable, no_pacing: Pacer
) -> None:
    same = _stamped(tmp_path, None, name="2401.06066v2.pdf")
    paper = ingest(same, fetcher=offline_fetcher(_api(TITLE, [])), arxiv_pacer=no_pacing)
    assert paper.abstract == "The abstract as arXiv has it."
    assert paper.url == "https://arxiv.org/abs/2401.06066v2"
    other = _stamped(tmp_path, None, name="2401.06067.pdf")
    wrong = _api("Quantum Criticality on a Bethe Lattice", [])
    paper = ingest(other, fetcher=offline_fetcher(wrong), arxiv_pacer=no_pacing)
    assert paper.title == TITLE and paper.url is None and paper.arxiv_id is None
    assert any("names another paper" in w for w in paper.warnings)


def test_source_url_sets_a_local_files_link_without_its_secrets(tmp_path: Path) -> None:
    path = _stamped(tmp_path, None)
    paper = ingest(path, source_url="https://user:pw@example.org/papers/x.pdf?token=abc")
    assert paper.url == "https://example.org/papers/x.pdf"
    assert ingest(path, arxiv_lookup=False).url is None
