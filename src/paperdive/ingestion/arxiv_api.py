"""arXiv metadata (export API) and source files, fetched politely: one request every 3 s."""

from __future__ import annotations

import os
from urllib.parse import urlencode

import arxiv
from arxiv import _feed as arxiv_feed  # the client's Atom parser; its own HTTP is requests-only

from paperdive.errors import IngestError
from paperdive.ingestion.fetch import Fetcher, NotFound, Pacer

API_URL = "https://export.arxiv.org/api/query"
API_URL_ENV = "PAPERDIVE_ARXIV_API"  # a mirror, or a localhost fixture in tests
PDF_URL = "https://arxiv.org/pdf/{id}"
EPRINT_URL = "https://arxiv.org/e-print/{id}"
ABS_URL = "https://arxiv.org/abs/{id}"
_API_MAX_BYTES = 5_000_000

# arXiv's terms of use ask for at most one request every three seconds, across the process.
ARXIV_PACER = Pacer(3.0)


def api_url() -> str:
    """The arXiv API endpoint: PAPERDIVE_ARXIV_API when set, read at call time."""
    return os.environ.get(API_URL_ENV, "").strip() or API_URL


def fetch_metadata(arxiv_id: str, fetcher: Fetcher, pacer: Pacer = ARXIV_PACER) -> arxiv.Result:
    query = urlencode({"id_list": arxiv_id, "max_results": 1})
    body = fetcher.get(
        f"{api_url()}?{query}",
        what=f"arXiv metadata for {arxiv_id}",
        max_bytes=_API_MAX_BYTES,
        pacer=pacer,
    )
    feed = arxiv_feed.parse(body)
    if feed.malformed:
        raise IngestError(f"the arXiv API sent an unreadable answer for {arxiv_id}; retry later")
    # Unknown ids come back as an empty feed with HTTP 200.
    if not feed.results:
        raise IngestError(f"arXiv has no paper with id {arxiv_id}; check the id")
    return feed.results[0]


def fetch_pdf(
    arxiv_id: str, fetcher: Fetcher, *, max_bytes: int, pacer: Pacer = ARXIV_PACER
) -> bytes:
    try:
        return fetcher.get(
            PDF_URL.format(id=arxiv_id),
            what=f"the PDF of arXiv:{arxiv_id}",
            max_bytes=max_bytes,
            pacer=pacer,
        )
    except NotFound as exc:
        raise IngestError(f"arXiv has no PDF for {arxiv_id} (withdrawn?)") from exc


def fetch_eprint(
    arxiv_id: str, fetcher: Fetcher, *, max_bytes: int, pacer: Pacer = ARXIV_PACER
) -> bytes | None:
    """The LaTeX source archive, or None when the paper has none (PDF-only submissions)."""
    try:
        return fetcher.get(
            EPRINT_URL.format(id=arxiv_id),
            what=f"the LaTeX source of arXiv:{arxiv_id}",
            max_bytes=max_bytes,
            pacer=pacer,
        )
    except NotFound:
        return None
