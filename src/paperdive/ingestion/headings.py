"""Find a paper's section headings among its layout lines: from the PDF outline when the
PDF has one, otherwise from numbered headings ('3.2 Method') set in bold or a larger font."""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperdive.ingestion.layout import Layout, TextLine

_NUMBERED = re.compile(
    r"^(?P<number>(?:\d{1,2}|[A-H])(?:\.\d{1,2}){0,3})\.?\s+(?P<title>\S.{0,100})$"
)
# Headings papers print without a number, in simplify()'d form.
_UNNUMBERED = {
    "abstract",
    "introduction",
    "relatedwork",
    "background",
    "method",
    "methods",
    "experiments",
    "results",
    "discussion",
    "limitations",
    "conclusion",
    "conclusions",
    "acknowledgments",
    "acknowledgements",
    "acknowledgment",
    "references",
    "bibliography",
    "appendix",
}
REFERENCE_TITLES = {"references", "bibliography", "reference"}
_MAX_HEADING_WORDS = 14


@dataclass(frozen=True)
class Heading:
    line: int  # index into Layout.lines of the heading's first line
    span: int  # how many lines the heading occupies
    title: str
    number: str | None
    level: int


def simplify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def split_number(text: str) -> tuple[str | None, str]:
    match = _NUMBERED.match(text)
    if match and not match["title"][0].isdigit():
        return match["number"], match["title"].strip()
    return None, text.strip()


def _looks_like_heading(line: TextLine, body_size: float) -> bool:
    emphasised = line.bold or line.size > body_size + 0.6
    words = len(line.text.split())
    return emphasised and 0 < words <= _MAX_HEADING_WORDS and not line.text.endswith((",", ";"))


def detect_headings(layout: Layout) -> list[Heading]:
    """Numbered headings in emphasised type, plus usual unnumbered ones (Abstract, References)."""
    headings: list[Heading] = []
    last_top_number = 0
    for index, line in enumerate(layout.lines):
        if not _looks_like_heading(line, layout.body_size):
            continue
        number, title = split_number(line.text)
        if number is None:
            if simplify(title) in _UNNUMBERED:
                headings.append(Heading(index, 1, title, None, 1))
            continue
        top = number.split(".")[0]
        if top.isdigit():
            if int(top) < last_top_number or int(top) > last_top_number + 2:
                continue  # numbered headings only move forward; this is a list item or a cell
            last_top_number = int(top)
        if title.endswith(".") or not title[0].isupper():
            continue
        span = _wrapped_span(layout.lines, index)
        full_title = " ".join([title] + [layout.lines[index + i].text for i in range(1, span)])
        headings.append(Heading(index, span, full_title, number, number.count(".") + 1))
    return headings


def _wrapped_span(lines: list[TextLine], index: int) -> int:
    """A long heading wraps onto a second line in the same block and the same type."""
    heading = lines[index]
    if index + 1 < len(lines):
        follower = lines[index + 1]
        same_type = follower.bold == heading.bold and abs(follower.size - heading.size) < 0.3
        if follower.block == heading.block and same_type and len(follower.text.split()) <= 8:
            return 2
    return 1


def outline_headings(layout: Layout, toc: list[list]) -> list[Heading]:
    """Place each PDF outline entry on the layout line where its heading is printed."""
    headings: list[Heading] = []
    cursor = 0
    for level, raw_title, page, *_ in toc:
        number, title = split_number(str(raw_title).strip())
        found = _find_title(layout.lines, cursor, title, page)
        if found is None:
            continue
        index, span = found
        printed_number, _ = split_number(layout.lines[index].text)
        headings.append(Heading(index, span, title, number or printed_number, level))
        cursor = index + span
    return headings


def _find_title(lines: list[TextLine], start: int, title: str, page: int) -> tuple[int, int] | None:
    wanted = simplify(title)
    if not wanted:
        return None
    for index in range(start, len(lines)):
        line = lines[index]
        if line.page < page - 1:
            continue
        if line.page > page + 1:
            return None
        joined = ""
        for span in range(1, 4):
            if index + span > len(lines):
                break
            joined += simplify(split_number(lines[index + span - 1].text)[1])
            if joined == wanted:
                return index, span
            if not wanted.startswith(joined):
                break
    return None


def add_unlisted(headings: list[Heading], detected: list[Heading]) -> list[Heading]:
    """Outlines often omit Abstract and References; take those from detection."""
    taken = {h.line for h in headings}
    extra = [
        h
        for h in detected
        if h.number is None
        and simplify(h.title) in {"abstract", *REFERENCE_TITLES}
        and h.line not in taken
    ]
    return sorted(headings + extra, key=lambda h: h.line)
