"""Ingestion: turn an arXiv id/URL, a PDF URL or a local PDF into a Paper.

`ingest` writes nothing; the caller saves the Paper (paper.json) where it wants it.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Literal

import arxiv

from paperdive.errors import IngestError
from paperdive.ingestion import arxiv_api
from paperdive.ingestion.assemble import paper_from_arxiv, paper_from_pdf
from paperdive.ingestion.fetch import Fetcher, Pacer
from paperdive.ingestion.latex import LatexPaper, read_eprint
from paperdive.ingestion.pdf import PdfContent, read_pdf
from paperdive.ingestion.sources import classify, valid_arxiv_id
from paperdive.models import Paper
from paperdive.urls import public_url

__all__ = ["INGEST_VERSION", "Fetcher", "Pacer", "ingest", "valid_arxiv_id"]

# Bump when a Paper read from the same source changes meaning (better titles, new fields the
# writers rely on): unfinished episodes then read their paper again; finished ones keep it.
INGEST_VERSION = 21

log = logging.getLogger(__name__)
_LOOKUP_DEADLINE_S = 10.0
_FILE_NAME_ID = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(v\d+)?(?![\d])")
_SAME_TITLE = 0.6


def ingest(
    source: str | os.PathLike[str],
    *,
    max_pages: int = 300,
    max_bytes: int = 100_000_000,
    fetcher: Fetcher | None = None,
    arxiv_pacer: Pacer | None = None,
    source_url: str | None = None,
    arxiv_lookup: bool = True,
) -> Paper:
    """Read one paper. Raises IngestError with a one-line message on any bad input.

    `fetcher` carries the HTTP client (inject one built on httpx2.MockTransport in tests);
    `arxiv_pacer` spaces arXiv requests (default: the process-wide 3-second pacer).
    `source_url` is the paper's public link (for a local file, which has none of its own).
    `arxiv_lookup`: when a PDF shows its arXiv id (margin stamp, first page, file name), ask
    the arXiv API for the authoritative title, authors, abstract and dates; without network
    that falls back to what the page says, with a warning, within seconds.
    What could not be read right is in `Paper.warnings` (and logged as warnings).
    """
    kind = classify(source)
    shown = public_url(str(source))  # what is stored: never the credentials or a token
    pacer = arxiv_pacer or arxiv_api.ARXIV_PACER
    if kind.kind == "local_pdf":
        path = Path(kind.value)
        content = read_pdf(_read_local(path, max_bytes), name=str(path), max_pages=max_pages)
        lookup = _Lookup(fetcher, pacer) if arxiv_lookup else None
        paper = _with_arxiv_record(
            content, lookup, source=shown, source_kind="local_pdf", file_name=path.name
        )
    else:
        with fetcher or Fetcher() as http:
            if kind.kind == "pdf_url":
                url = public_url(kind.value)
                data = http.get(kind.value, what=f"the PDF at {url}", max_bytes=max_bytes)
                content = read_pdf(data, name=url, max_pages=max_pages)
                lookup = _Lookup(http, pacer) if arxiv_lookup else None
                paper = _with_arxiv_record(
                    content, lookup, source=shown, source_kind="pdf_url", url=url
                )
            else:
                paper = _ingest_arxiv(kind.value, shown, http, pacer, max_pages, max_bytes)
    if source_url:
        paper.url = public_url(source_url)
    for warning in paper.warnings:
        log.warning("%s", warning)
    return paper


def _read_local(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        raise IngestError(f"{path} does not exist")
    if not path.is_file():
        raise IngestError(f"{path} is not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror}") from exc


class _Lookup:
    """The arXiv API record of a PDF that shows its id; optional, so any failure is a
    warning. Without a caller's fetcher it gets one try under a short deadline."""

    def __init__(self, fetcher: Fetcher | None, pacer: Pacer) -> None:
        self.fetcher = fetcher
        self.pacer = pacer

    def __call__(self, arxiv_id: str) -> arxiv.Result | str:
        """The record, or why there is none."""
        try:
            if self.fetcher is not None:
                return arxiv_api.fetch_metadata(arxiv_id, self.fetcher, self.pacer)
            with Fetcher(attempts=1, deadline_s=_LOOKUP_DEADLINE_S) as http:
                return arxiv_api.fetch_metadata(arxiv_id, http, self.pacer)
        except IngestError as exc:
            return str(exc)
        except Exception as exc:  # optional and offline-safe: no network, a blocked socket
            return f"the arXiv API could not be reached ({type(exc).__name__})"


def _with_arxiv_record(
    content: PdfContent,
    lookup: _Lookup | None,
    *,
    source: str,
    source_kind: Literal["pdf_url", "local_pdf"],
    url: str | None = None,
    file_name: str = "",
) -> Paper:
    """A PDF's Paper; when it shows its arXiv id, the API record is the authority for title,
    authors, abstract, dates and the source link, the page the fallback."""
    shown_id = content.arxiv_id  # stamped or printed on the first page: the paper's own
    named_id = None if shown_id else _id_in_file_name(file_name)
    arxiv_id = shown_id or named_id
    record = lookup(arxiv_id) if lookup is not None and arxiv_id else None
    if isinstance(record, arxiv.Result):
        if shown_id or _same_title(record.title, content.title):
            link = url or arxiv_api.ABS_URL.format(id=record.get_short_id())
            return paper_from_arxiv(
                content, record, None, source=source, url=link, source_kind=source_kind
            )
        content.warnings.append(
            f"the file name's arXiv id {arxiv_id} names another paper ({record.title!r}); "
            "ignored it"
        )
    elif record is not None:
        content.warnings.append(f"using the page's title and authors: {record}")
    paper = paper_from_pdf(content, source=source, source_kind=source_kind, url=url)
    if shown_id and not url:
        paper.url = arxiv_api.ABS_URL.format(id=shown_id)
    return paper


def _id_in_file_name(name: str) -> str | None:
    match = _FILE_NAME_ID.search(name)
    if match is None or not valid_arxiv_id(match.group(1)):
        return None
    return match.group(1) + (match.group(2) or "")


def _same_title(a: str, b: str) -> bool:
    """Two titles of one paper: most of their words shared."""
    words_a, words_b = (set(re.findall(r"[a-z0-9]+", t.lower())) for t in (a, b))
    if not words_a or not words_b:
        return False
    return len(words_a & words_b) / len(words_a | words_b) >= _SAME_TITLE


def _ingest_arxiv(
    arxiv_id: str, source: str, http: Fetcher, pacer: Pacer, max_pages: int, max_bytes: int
) -> Paper:
    meta = arxiv_api.fetch_metadata(arxiv_id, http, pacer)
    versioned_id = meta.get_short_id()
    pdf = arxiv_api.fetch_pdf(versioned_id, http, max_bytes=max_bytes, pacer=pacer)
    content = read_pdf(pdf, name=f"arXiv:{versioned_id}", max_pages=max_pages, listed=True)
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
