"""Ingestion: turn an arXiv id/URL, a PDF URL or a local PDF into a Paper.

`ingest` writes nothing; the caller saves the Paper (paper.json) where it wants it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from paperdive.errors import IngestError
from paperdive.ingestion import arxiv_api
from paperdive.ingestion.assemble import paper_from_arxiv, paper_from_pdf
from paperdive.ingestion.fetch import Fetcher, Pacer
from paperdive.ingestion.latex import LatexPaper, read_eprint
from paperdive.ingestion.pdf import read_pdf
from paperdive.ingestion.sources import classify, valid_arxiv_id
from paperdive.models import Paper
from paperdive.urls import public_url

__all__ = ["Fetcher", "Pacer", "ingest", "valid_arxiv_id"]

log = logging.getLogger(__name__)


def ingest(
    source: str | os.PathLike,
    *,
    max_pages: int = 300,
    max_bytes: int = 100_000_000,
    fetcher: Fetcher | None = None,
    arxiv_pacer: Pacer | None = None,
) -> Paper:
    """Read one paper. Raises IngestError with a one-line message on any bad input.

    `fetcher` carries the HTTP client (inject one built on httpx2.MockTransport in tests);
    `arxiv_pacer` spaces arXiv requests (default: the process-wide 3-second pacer).
    """
    kind = classify(source)
    shown = public_url(str(source))  # what is stored: never the credentials or a token
    if kind.kind == "local_pdf":
        return _ingest_local(Path(kind.value), shown, max_pages, max_bytes)
    with fetcher or Fetcher() as http:
        if kind.kind == "pdf_url":
            url = public_url(kind.value)
            data = http.get(kind.value, what=f"the PDF at {url}", max_bytes=max_bytes)
            content = read_pdf(data, name=url, max_pages=max_pages)
            return paper_from_pdf(content, source=shown, source_kind="pdf_url", url=url)
        pacer = arxiv_pacer or arxiv_api.ARXIV_PACER
        return _ingest_arxiv(kind.value, shown, http, pacer, max_pages, max_bytes)


def _ingest_local(path: Path, source: str, max_pages: int, max_bytes: int) -> Paper:
    if not path.exists():
        raise IngestError(f"{path} does not exist")
    if not path.is_file():
        raise IngestError(f"{path} is not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror}") from exc
    content = read_pdf(data, name=str(path), max_pages=max_pages)
    return paper_from_pdf(content, source=source, source_kind="local_pdf")


def _ingest_arxiv(
    arxiv_id: str, source: str, http: Fetcher, pacer: Pacer, max_pages: int, max_bytes: int
) -> Paper:
    meta = arxiv_api.fetch_metadata(arxiv_id, http, pacer)
    versioned_id = meta.get_short_id()
    pdf = arxiv_api.fetch_pdf(versioned_id, http, max_bytes=max_bytes, pacer=pacer)
    content = read_pdf(pdf, name=f"arXiv:{versioned_id}", max_pages=max_pages)
    latex = _latex_source(versioned_id, http, pacer, max_bytes)
    url = arxiv_api.ABS_URL.format(id=versioned_id)
    return paper_from_arxiv(content, meta, latex, source=source, url=url)


def _latex_source(arxiv_id: str, http: Fetcher, pacer: Pacer, max_bytes: int) -> LatexPaper | None:
    """The paper's LaTeX, when arXiv has it; any trouble with it falls back to the PDF."""
    try:
        archive = arxiv_api.fetch_eprint(arxiv_id, http, max_bytes=max_bytes, pacer=pacer)
        return read_eprint(archive) if archive else None
    except IngestError as exc:
        log.warning("using the PDF's sections: %s", exc)
    except Exception as exc:  # the source is optional and hostile: the PDF is always there
        log.warning("using the PDF's sections: the LaTeX source failed to parse (%r)", exc)
    return None
