"""Read a PDF file into the parts of a Paper, refusing files that are not readable papers."""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime

import pymupdf

from paperdive.errors import IngestError
from paperdive.ingestion import quality
from paperdive.ingestion.authors import clean_name, is_person
from paperdive.ingestion.dates import metadata_date, printed_date
from paperdive.ingestion.frontmatter import FrontMatter, read_front_matter
from paperdive.ingestion.headings import (
    Heading,
    add_unlisted,
    detect_headings,
    outline_headings,
)
from paperdive.ingestion.layout import Layout, read_layout
from paperdive.ingestion.references import parse_references
from paperdive.ingestion.structure import (
    UNSECTIONED_TITLE,
    Structure,
    build_structure,
    settle_coverage,
)
from paperdive.ingestion.text import Vocabulary, collapse_spaces, normalize
from paperdive.models import Reference

_MIN_CHARS_PER_PAGE = 40
# MuPDF keeps one global context, so PyMuPDF must never run on two threads at once (its docs:
# "does not support running on multiple threads"). A digest reads its papers on several
# threads (downloads overlap); their PDFs take turns here. Nothing else opens a PDF.
MUPDF = threading.Lock()
_MUPDF_ERRORS = (pymupdf.FileDataError, pymupdf.mupdf.FzErrorBase)
_ARXIV_STAMP = re.compile(
    r"arXiv:(?P<id>(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)\s*\[[^\]]+\]\s*"
    r"(?P<date>\d{1,2} \w{3} \d{4})"
)
_ARXIV_LINE = re.compile(r"\barXiv:\s?(?P<id>\d{4}\.\d{4,5})(?:v\d+)?\b")
_IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")


@dataclass
class PdfContent:
    title: str
    authors: list[str]
    page_count: int
    sha256: str
    structure: Structure
    references: list[Reference]
    arxiv_id: str | None  # from the margin stamp or the first page's arXiv line
    published: date | None  # arXiv stamp, else printed under the title, else PDF metadata
    warnings: list[str] = field(default_factory=list)


def read_pdf(data: bytes, *, name: str, max_pages: int, listed: bool = False) -> PdfContent:
    """`listed`: arXiv lists it as a paper, so a page that does not look like one is only
    a warning (the API record gives title and abstract)."""
    with MUPDF:
        quality.start_watching()
        doc = open_pdf(data, name=name, max_pages=max_pages)
        with doc:
            try:
                return _read(doc, data, name, listed)
            except _MUPDF_ERRORS as exc:  # damage that only shows once a page is read
                raise _damaged(name, exc) from exc


def _read(doc: pymupdf.Document, data: bytes, name: str, listed: bool) -> PdfContent:
    layout = read_layout(doc)
    warnings = quality.damage(doc, layout.text_blocks, name)
    if sum(len(line.text) for line in layout.lines) < _MIN_CHARS_PER_PAGE * doc.page_count:
        raise IngestError(
            f"{name} has no text layer (a scanned PDF?); run OCR on it first, "
            "e.g. `ocrmypdf in.pdf out.pdf`"
        )
    vocabulary = Vocabulary(line.text for line in layout.lines)
    front = read_front_matter(layout, vocabulary)
    headings = _headings(doc, layout, front)
    structure = build_structure(layout, headings, front, vocabulary)
    references = parse_references(structure.reference_lines, doc)
    settle_coverage(structure, references)
    verdict = quality.not_a_paper(
        has_title=bool(front.title),
        has_abstract=front.abstract_marked,
        sections=sum(1 for s in structure.sections if s.title != UNSECTIONED_TITLE),
        references=len(references),
        pages=doc.page_count,
    )
    if verdict and verdict[1] and not listed:
        raise IngestError(f"{name} {verdict[0]}")
    if verdict:
        warnings.append(f"{name} {verdict[0]}")
    arxiv_id, stamped = _arxiv_stamp(layout)
    if not front.abstract:
        warnings.append(f"{name}: no abstract was found on the first pages")
    elif not front.abstract_marked:
        warnings.append(f"{name}: no 'Abstract' printed; took the first paragraph as the abstract")
    return PdfContent(
        title=_title(doc, front),
        authors=front.authors or _metadata_authors(doc),
        page_count=doc.page_count,
        sha256=hashlib.sha256(data).hexdigest(),
        structure=structure,
        references=references,
        arxiv_id=arxiv_id or _printed_arxiv_id(front, layout),
        published=stamped or _unstamped_date(doc, structure),
        warnings=warnings + structure.warnings,
    )


def _headings(doc: pymupdf.Document, layout: Layout, front: FrontMatter) -> list[Heading]:
    """The PDF outline's headings where they match the printed ones, else detected ones."""
    detected = detect_headings(layout.lines, layout.body_size, start=front.end)
    toc = doc.get_toc()
    if not toc:
        return detected
    outline = [h for h in outline_headings(layout.lines, toc) if h.line >= front.end]
    if len(outline) < len(toc) // 2:
        return detected  # an outline that does not match the printed headings
    return add_unlisted(outline, detected)


def _printed_arxiv_id(front: FrontMatter, layout: Layout) -> str | None:
    """An 'arXiv:2401.06066' line on the first page (not the references): the paper's own."""
    found = {
        match["id"]
        for line in layout.lines[: front.end]
        if line.page == 1
        for match in _ARXIV_LINE.finditer(line.text)
    }
    return found.pop() if len(found) == 1 else None


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


def _metadata(doc: pymupdf.Document) -> dict[str, str]:
    return {key: str(value) for key, value in (doc.metadata or {}).items() if value}


def _title(doc: pymupdf.Document, front: FrontMatter) -> str:
    """The printed title; the PDF's metadata only when the page shows none."""
    if front.title:
        return front.title
    meta_title = collapse_spaces(normalize(_metadata(doc).get("title") or ""))
    if len(meta_title) > 8 and not meta_title.lower().startswith(("microsoft word", "untitled")):
        return meta_title
    return "Untitled paper"


def _metadata_authors(doc: pymupdf.Document) -> list[str]:
    """The PDF's author field, only names in it (it often holds a login or a tool's name)."""
    author = normalize(_metadata(doc).get("author") or "")
    parts = (clean_name(p) for p in re.split(r"\s*(?:;|,|\band\b)\s*", author))
    return [p for p in parts if is_person(p)]


def _unstamped_date(doc: pymupdf.Document, structure: Structure) -> date | None:
    today = date.today()
    return printed_date(structure.front_matter, today=today) or metadata_date(
        _metadata(doc).get("creationDate"), today=today
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
