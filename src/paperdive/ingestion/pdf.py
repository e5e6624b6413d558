"""Read a PDF file into the parts of a Paper, refusing files that are not readable papers."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime

import pymupdf

from paperdive.errors import IngestError
from paperdive.ingestion.authors import authors_under_title
from paperdive.ingestion.dates import metadata_date, printed_date
from paperdive.ingestion.headings import add_unlisted, detect_headings, outline_headings
from paperdive.ingestion.layout import Layout, TextLine, read_layout
from paperdive.ingestion.references import parse_references
from paperdive.ingestion.structure import Structure, build_structure
from paperdive.ingestion.text import collapse_spaces, normalize
from paperdive.models import Reference

_MIN_CHARS_PER_PAGE = 40
_MUPDF_ERRORS = (pymupdf.FileDataError, pymupdf.mupdf.FzErrorBase)
_ARXIV_STAMP = re.compile(
    r"arXiv:(?P<id>\d{4}\.\d{4,5}|[a-z\-]+/\d{7})(?:v\d+)?\s*\[[^\]]+\]\s*"
    r"(?P<date>\d{1,2} \w{3} \d{4})"
)
_TITLE_ZONE = 0.45  # the title sits in the upper part of the first page
_MAX_TITLE_LINES = 4
_IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")


@dataclass
class PdfContent:
    title: str
    authors: list[str]
    page_count: int
    sha256: str
    structure: Structure
    references: list[Reference]
    arxiv_id: str | None
    published: date | None  # arXiv stamp, else printed under the title, else PDF metadata


def read_pdf(data: bytes, *, name: str, max_pages: int) -> PdfContent:
    doc = open_pdf(data, name=name, max_pages=max_pages)
    with doc:
        try:
            return _read(doc, data, name)
        except _MUPDF_ERRORS as exc:  # damage that only shows once a page is read
            raise _damaged(name, exc) from exc


def _read(doc: pymupdf.Document, data: bytes, name: str) -> PdfContent:
    layout = read_layout(doc)
    if sum(len(line.text) for line in layout.lines) < _MIN_CHARS_PER_PAGE * doc.page_count:
        raise IngestError(
            f"{name} has no text layer (a scanned PDF?); run OCR on it first, "
            "e.g. `ocrmypdf in.pdf out.pdf`"
        )
    detected = detect_headings(layout)
    toc = doc.get_toc()
    headings = add_unlisted(outline_headings(layout, toc), detected) if toc else detected
    if toc and len(headings) < len(toc) // 2:
        headings = detected  # an outline that does not match the printed headings
    structure = build_structure(layout.lines, headings, layout.body_size)
    arxiv_id, stamped = _arxiv_stamp(layout)
    title_lines = _title_lines(doc, layout)
    return PdfContent(
        title=_title(doc, title_lines),
        authors=_metadata_authors(doc) or authors_under_title(structure.front_matter, title_lines),
        page_count=doc.page_count,
        sha256=hashlib.sha256(data).hexdigest(),
        structure=structure,
        references=parse_references(structure.reference_lines, doc),
        arxiv_id=arxiv_id,
        published=stamped or _unstamped_date(doc, structure),
    )


def open_pdf(data: bytes, *, name: str, max_pages: int) -> pymupdf.Document:
    """Open PDF bytes, or raise IngestError naming what is wrong with them."""
    check_pdf_signature(data, name=name)
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(f"{name} is truncated (no end-of-file marker); download it again")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except (*_MUPDF_ERRORS, RuntimeError, ValueError) as exc:
        raise _damaged(name, exc) from exc
    try:
        _check_readable(doc, name=name, max_pages=max_pages)
    except _MUPDF_ERRORS as exc:
        doc.close()
        raise _damaged(name, exc) from exc
    except IngestError:
        doc.close()
        raise
    return doc


def _damaged(name: str, error: Exception) -> IngestError:
    return IngestError(
        f"{name} is a damaged PDF that cannot be read ({collapse_spaces(str(error))})"
    )


def _check_readable(doc: pymupdf.Document, *, name: str, max_pages: int) -> None:
    if doc.needs_pass:
        raise IngestError(f"{name} is password-protected; save an unencrypted copy and retry")
    if doc.page_count == 0:
        raise IngestError(f"{name} is a damaged PDF with no readable pages")
    if doc.page_count > max_pages:
        raise IngestError(
            f"{name} has {doc.page_count} pages, over the {max_pages}-page limit; "
            "raise max_pages if this really is one paper"
        )


def check_pdf_signature(data: bytes, *, name: str) -> None:
    """Refuse what is plainly not a PDF, saying what it is instead (a login page, an image)."""
    if not data.strip():
        raise IngestError(f"{name} is empty, not a PDF")
    if b"%PDF-" in data[:1024]:
        return
    head = data[:512].lstrip().lower()
    if head.startswith(b"<!doctype html") or b"<html" in head:
        raise IngestError(f"{name} is an HTML page, not a PDF")
    if data.startswith(_IMAGE_SIGNATURES):
        raise IngestError(f"{name} is an image, not a PDF")
    raise IngestError(f"{name} is not a PDF (it does not start with %PDF-)")


def _title(doc: pymupdf.Document, title_lines: list[TextLine]) -> str:
    meta_title = collapse_spaces(normalize(doc.metadata.get("title") or ""))
    if len(meta_title) > 8 and not meta_title.lower().startswith(("microsoft word", "untitled")):
        return meta_title
    if not title_lines:
        return "Untitled paper"
    return collapse_spaces(" ".join(line.text for line in title_lines))


def _title_lines(doc: pymupdf.Document, layout: Layout) -> list[TextLine]:
    """The run of lines in the largest type near the top of the first page."""
    top = doc[0].rect.height * _TITLE_ZONE
    first_page = [
        line
        for line in layout.lines
        if line.page == 1 and line.bbox[1] < top and len(line.text) > 3
    ]
    if not first_page:
        return []
    largest = max(line.size for line in first_page)
    start = next(i for i, line in enumerate(first_page) if line.size == largest)
    title_lines = [first_page[start]]
    for line in first_page[start + 1 : start + _MAX_TITLE_LINES]:
        gap = line.bbox[1] - title_lines[-1].bbox[3]
        if line.size < largest * 0.75 or gap > line.size * 1.5:
            break
        title_lines.append(line)
    return title_lines


def _metadata_authors(doc: pymupdf.Document) -> list[str]:
    author = normalize(doc.metadata.get("author") or "")
    parts = re.split(r"\s*(?:;|,|\band\b)\s*", author)
    return [p.strip() for p in parts if len(p.strip()) > 1]


def _unstamped_date(doc: pymupdf.Document, structure: Structure) -> date | None:
    today = date.today()
    return printed_date(structure.front_matter, today=today) or metadata_date(
        doc.metadata.get("creationDate"), today=today
    )


def _arxiv_stamp(layout: Layout) -> tuple[str | None, date | None]:
    """arXiv prints 'arXiv:2302.07302v1 [cs.HC] 14 Feb 2023' sideways in the left margin."""
    for note in layout.margin_notes:
        match = _ARXIV_STAMP.search(collapse_spaces(note))
        if match:
            try:
                return match["id"], datetime.strptime(match["date"], "%d %b %Y").date()
            except ValueError:
                return match["id"], None
    return None, None
