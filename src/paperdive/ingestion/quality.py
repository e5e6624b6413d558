"""Checks that turn a misread into something the user sees: a damaged file whose pages came
out empty, or a document that is not a paper at all (a page torn out of one)."""

from __future__ import annotations

import re

import pymupdf

from paperdive.errors import IngestError

_DAMAGE = re.compile(
    r"repair|syntax error|premature end|format error|read error|not a stream|zlib error|"
    r"cannot find|expected object|unknown keyword|invalid|truncated",
    re.I,
)
_MOSTLY_LOST = 0.5
_FRAGMENT_PAGES = 1


def start_watching() -> None:
    """Forget MuPDF's earlier complaints, so `damage` sees only this file's."""
    pymupdf.TOOLS.mupdf_warnings(reset=True)


def damage(doc: pymupdf.Document, text_blocks: list[int], name: str) -> list[str]:
    """Warnings for a file MuPDF had to repair or could not fully parse; IngestError when most
    of its pages came out empty (a truncated download with '%%EOF' glued on, for instance)."""
    complaints = pymupdf.TOOLS.mupdf_warnings(reset=True) or ""
    repaired = bool(doc.is_repaired) or bool(_DAMAGE.search(complaints))
    if not repaired:
        return []
    empty = [n for n, blocks in enumerate(text_blocks, start=1) if not blocks and _no_image(doc, n)]
    if len(empty) > _MOSTLY_LOST * len(text_blocks):
        raise IngestError(
            f"{name} is damaged: {len(empty)} of {len(text_blocks)} pages could not be read "
            "(a truncated or corrupted file); download it again"
        )
    if empty:
        listed = ", ".join(str(n) for n in empty[:10])
        pages, their = ("pages", "their") if len(empty) > 1 else ("page", "its")
        return [
            f"{name} is damaged: {pages} {listed} came out empty, so the episode will miss "
            f"{their} text; download the file again"
        ]
    return [f"{name} is damaged (MuPDF had to repair it); some text may be missing"]


def _no_image(doc: pymupdf.Document, number: int) -> bool:
    try:
        return not doc[number - 1].get_images()
    except (RuntimeError, ValueError):
        return True


def not_a_paper(
    *, has_title: bool, has_abstract: bool, sections: int, references: int, pages: int
) -> tuple[str, bool] | None:
    """Why this does not look like a paper, and whether that is beyond doubt (nothing of a
    paper at all, or a short fragment lacking most of it); None when it looks like one."""
    missing = [
        what
        for what, ok in (
            ("title", has_title),
            ("abstract", has_abstract),
            ("sections", sections >= 2),
            ("references", references > 0),
        )
        if not ok
    ]
    if len(missing) < 2:
        return None
    page_words = "a single page" if pages == 1 else f"{pages} pages"
    reason = (
        f"does not look like a paper: {page_words} with no {_listed(missing)} "
        "(a page torn out of a paper, or a scan of a table?)"
    )
    return reason, len(missing) == 4 or (len(missing) == 3 and pages <= _FRAGMENT_PAGES)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
