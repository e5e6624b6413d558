"""Split a bibliography into entries and pull out title, year, arXiv id, DOI and URL."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import pymupdf

from paperdive.ingestion.layout import TextLine
from paperdive.ingestion.text import collapse_spaces, join_lines
from paperdive.models import Reference

_MARKER = re.compile(
    r"^\s*(?:\[(?P<bracket>\d{1,3})\]|(?P<dotted>\d{1,3})\.|\[(?P<label>[A-Za-z][\w+\-]{1,12})\])\s+"
)
_ARXIV_NEW = r"\d{4}\.\d{4,5}(?:v\d+)?"
_ARXIV_OLD = r"[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?"
# Old-style ids name their archive, so they are recognised even without 'arXiv:'.
_ARCHIVES = (
    r"hep-th|hep-ph|hep-lat|hep-ex|gr-qc|astro-ph|cond-mat|quant-ph|math-ph|nucl-th|nucl-ex|"
    r"physics|math|cs|nlin|q-bio|q-fin|stat|econ|eess|chao-dyn|solv-int|alg-geom|funct-an"
)
# arXiv:2401.06066, arXiv preprint arXiv:…, ArXiv abs/…, "ArXiv, abs/…", CoRR, abs/…,
# arxiv.org/abs/… and /pdf/…, arXiv e-prints, the arXiv DOI 10.48550/arXiv.…, hep-th/9901001.
_ARXIV_IN_TEXT = re.compile(
    rf"(?:\b(?:arXiv|CoRR)\b[\s,:]*(?:preprint|e-prints?)?[\s,:]*(?:arXiv\s*:?\s*)?(?:abs/)?\s*"
    rf"|arxiv\.org/(?:abs|pdf)/|10\.48550/arXiv\.|\babs/)"
    rf"(?P<id>{_ARXIV_NEW}|{_ARXIV_OLD})(?:\.pdf)?(?![\d])"
    rf"|\b(?P<old>(?:{_ARCHIVES})(?:\.[A-Z]{{2}})?/\d{{7}}(?:v\d+)?)(?![\d])",
    re.I,
)
_LINK_START = re.compile(r"(?:https?://|www\.|doi:|10\.\d{4,9}/|\S*doi\.org/)", re.I)
_LINK_PIECE = re.compile(r"^[\w/.\-~%?=&#:+]+[.,;)]?$")
_LINK_SEPARATORS = ("/", "-", "_", "=", "?", "&", "#", ":", "~", "%", "+")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}[a-z]?[.,;)]?$")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})[a-z]?(?![\d])")
_TRAILING_PUNCT = ".,;:)]}>"
_TRAILING_YEAR = re.compile(r",?\s*(?:19|20)\d{2}[a-z]?$")
_INDENT_TOLERANCE = 3.0
_MIN_ENTRY_CHARS = 20
_MAX_UNDATED_WORDS = 30
_SURNAME_INITIALS_LIST = re.compile(
    r"(?:(?:and\s+)?[^\s,.][^,.]*?,\s+[A-Z][a-z]?\.(?:\s?-?[A-Z][a-z]?\.)*(?:,\s+|\s+))+"
    r"(?=[A-Z])"
)
_ENTRY_START = re.compile(r"^[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?,\s")
_INITIAL_OR_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\bet al|\bvs|\bIn|\bVol|\bpp|\bNo)$")


def parse_references(lines: list[TextLine], doc: pymupdf.Document | None = None) -> list[Reference]:
    entries = _split_entries(_without_footnotes(lines))
    links = _links_by_entry(entries, doc) if doc is not None else {}
    references: list[Reference] = []
    for position, entry in enumerate(entries):
        text = join_entry([line.text for line in entry], links.get(position, []))
        raw = collapse_spaces(_MARKER.sub("", text))
        if len(raw) >= _MIN_ENTRY_CHARS and _reads_as_reference(raw, links.get(position, [])):
            references.append(parse_reference(len(references) + 1, raw, links.get(position, [])))
    return references


def _reads_as_reference(raw: str, uris: list[str]) -> bool:
    """A bibliography entry names a year or a link; a long paragraph with neither is prose
    that ran past the bibliography (an appendix whose heading was not seen)."""
    if uris or _YEAR.search(raw) or _URL.search(raw) or _DOI.search(raw):
        return True
    return len(raw.split()) <= _MAX_UNDATED_WORDS


def join_entry(texts: list[str], uris: list[str] | None = None) -> str:
    """An entry's lines as one text; a link or DOI broken at a line end is glued back
    ('https://arxiv.' + 'org/abs/2408.15240', '10.18653/v' + '1/N19-1423')."""
    out: list[str] = []
    for text in texts:
        text = text.strip()
        if out and _continues_link(out[-1], text, uris or []):
            out[-1] += text
        else:
            out.append(text)
    return join_lines(out)


def _continues_link(previous: str, text: str, uris: list[str]) -> bool:
    last = previous.split()[-1] if previous.split() else ""
    first = text.split()[0] if text.split() else ""
    if not first or not (_LINK_START.match(last) or "://" in last):
        return False
    joined = (last + first).rstrip(_TRAILING_PUNCT)
    if any(joined in uri for uri in uris):  # the PDF's link annotation has the whole address
        return True
    if any(uri.endswith(last.rstrip(_TRAILING_PUNCT)) for uri in uris):
        return False  # the annotation says the address ends at the line end
    return _looks_continued(last, first)


def _looks_continued(last: str, first: str) -> bool:
    if not _LINK_PIECE.match(first) or _YEAR_ONLY.match(first):
        return False
    if last.endswith(_LINK_SEPARATORS):
        return True
    if last.endswith("."):
        return first[:1].islower() or first[:1].isdigit()
    return not last.endswith((",", ";", ")")) and ("/" in first or "." in first[:-1])


def _without_footnotes(lines: list[TextLine]) -> list[TextLine]:
    """Footnotes and running titles that fall inside the bibliography are set smaller."""
    if not lines:
        return lines
    sizes = sorted(line.size for line in lines)
    typical = sizes[len(sizes) // 2]
    return [line for line in lines if line.size >= typical * 0.93]


def parse_reference(index: int, raw: str, link_uris: list[str] | None = None) -> Reference:
    uris = list(link_uris or [])
    arxiv_id = _first_arxiv_id([raw, *uris])
    doi = _first_doi([raw, *uris])
    urls = [_complete(_strip(u), uris) for u in _URL.findall(raw)]
    urls += [u for u in uris if u.startswith("http")]
    url = next(
        (u for u in urls if u and "arxiv.org" not in u and "doi.org" not in u and "doi:" not in u),
        None,
    )
    plain = _URL.sub(" ", _DOI.sub(" ", _ARXIV_IN_TEXT.sub(" ", raw)))
    year_match = _YEAR.search(plain)
    authors, title = _authors_and_title(plain, year_match)
    return Reference(
        index=index,
        raw=raw,
        title=title,
        authors=authors,
        year=int(year_match.group(1)) if year_match else None,
        arxiv_id=arxiv_id,
        doi=doi,
        url=url,
    )


def _strip(text: str) -> str:
    return text.rstrip(_TRAILING_PUNCT)


def _complete(url: str, uris: list[str]) -> str | None:
    """The URL as the link annotation has it, or as printed when it looks whole; None for
    one that was cut off ('https://example.org/papers-', 'https://example.org/…')."""
    whole = next((uri for uri in uris if uri.startswith(url) and len(uri) > len(url)), None)
    if whole:
        return whole
    if "…" in url or url.endswith(_LINK_SEPARATORS[1:]):
        return None
    return url if url.startswith("http") else f"https://{url}"


def _first_arxiv_id(texts: list[str]) -> str | None:
    for text in texts:
        lower = text.lower()
        if "arxiv" not in lower and "corr" not in lower and "/" not in lower:
            continue  # every form names arXiv or CoRR or holds a slash: skip the long search
        match = _ARXIV_IN_TEXT.search(text)
        if match:
            return _strip(match["id"] or match["old"])
    return None


def _first_doi(texts: list[str]) -> str | None:
    for text in texts:
        match = _DOI.search(text)
        if match:
            return _strip(match.group(1))
    return None


def _sentences_of_entry(text: str) -> list[str]:
    """Cut at '. ' except after initials ('J. Smith') and 'et al.'."""
    parts: list[str] = []
    start = 0
    for match in re.finditer(r"[.?!]\s+", text):
        if _INITIAL_OR_ABBREVIATION.search(text[start : match.start()]):
            continue
        parts.append(text[start : match.start() + 1].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _authors_and_title(text: str, year: re.Match[str] | None) -> tuple[str | None, str | None]:
    quoted = re.search(r"[“\"](.{8,300}?)[,.]?[”\"]", text)
    # Author-year styles (ACL, ICML): "Authors. 2020. Title. Venue."
    if year and (_is_sentence(text, year) or year.start() < len(text) * 0.4):
        before = text[: year.start()].strip(" .,(")
        after = text[year.end() :].lstrip(" .,)")
        parts = _sentences_of_entry(after)
        title = quoted.group(1) if quoted else (parts[0] if parts else None)
        return before or None, _clean_title(title)
    # "Surname, I., Surname, I., and Surname, I. Title. Venue, 2015." (ICML, JMLR)
    initials = _SURNAME_INITIALS_LIST.match(text)
    if initials and not quoted:
        rest = _sentences_of_entry(text[initials.end() :])
        return initials.group(0).strip(" ,"), _clean_title(rest[0] if rest else None)
    # Numbered styles (ACM, IEEE): "Authors. Title. Venue, 2020."
    parts = [p for p in _sentences_of_entry(text) if not _YEAR.fullmatch(p.strip(" .()"))]
    if quoted:
        return parts[0] if parts else None, _clean_title(quoted.group(1))
    if len(parts) >= 2:
        return parts[0].rstrip("."), _clean_title(parts[1])
    return None, _clean_title(parts[0]) if parts else None


def _is_sentence(text: str, year: re.Match[str]) -> bool:
    """The year stands alone between full stops: 'Authors. 2020. Title.'"""
    before, after = text[: year.start()].rstrip(), text[year.end() :].lstrip()
    return before.endswith(".") and after.startswith(".")


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = _TRAILING_YEAR.sub("", title.strip().rstrip(".")).strip()
    return title if len(title) >= 4 else None


def _split_entries(lines: list[TextLine]) -> list[list[TextLine]]:
    numbered = _numbered_starts(lines)
    if lines and len(numbered) >= max(2, len(lines) // 8):
        return _split_where(lines, lambda line: id(line) in numbered)
    if _has_hanging_indent(lines):
        return _split_hanging_indent(lines)
    return _split_at_gaps(lines)


def _numbered_starts(lines: list[TextLine]) -> set[int]:
    """Lines opening an entry '[12]' or '12.': one marker style, numbers counting up (so a
    page range wrapped to '179. doi:...' does not open an entry)."""
    found = [(line, _MARKER.match(line.text)) for line in lines]
    styles = [next(k for k in ("bracket", "dotted", "label") if m[k]) for _, m in found if m]
    if not styles:
        return set()
    style = max(set(styles), key=styles.count)
    if style == "label":  # '[Vas17]': alphabetic labels, no order to check
        return {id(line) for line, match in found if match and match["label"]}
    starts: set[int] = set()
    last = 0
    for line, match in found:
        if not match or not match[style]:
            continue
        number = int(match[style])
        if (last == 0 and number <= 2) or last < number <= last + 3:
            starts.add(id(line))
            last = number
    return starts


def _split_where(lines: list[TextLine], starts: Callable[[TextLine], bool]) -> list[list[TextLine]]:
    entries: list[list[TextLine]] = []
    for line in lines:
        if starts(line) or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    return entries


def _column(line: TextLine, middle: dict[int, float]) -> tuple[int, bool]:
    return line.page, line.x0 > middle[line.page]


def _left_edges(lines: list[TextLine]) -> tuple[dict[int, float], dict[tuple[int, bool], float]]:
    middle = _page_middles(lines)
    left_edge: dict[tuple[int, bool], float] = {}
    for line in lines:
        key = _column(line, middle)
        left_edge[key] = min(left_edge.get(key, line.x0), line.x0)
    return middle, left_edge


def _has_hanging_indent(lines: list[TextLine]) -> bool:
    """Do continuation lines sit indented? (Some styles space entries apart instead.)"""
    middle, left_edge = _left_edges(lines)
    indented = sum(
        1 for line in lines if line.x0 > left_edge[_column(line, middle)] + _INDENT_TOLERANCE
    )
    return indented >= 0.15 * len(lines)


def _split_hanging_indent(lines: list[TextLine]) -> list[list[TextLine]]:
    """Author-year bibliographies start each entry at the column's left edge and indent the rest."""
    middle, left_edge = _left_edges(lines)
    return _split_where(
        lines, lambda line: line.x0 <= left_edge[_column(line, middle)] + _INDENT_TOLERANCE
    )


def _split_at_gaps(lines: list[TextLine]) -> list[list[TextLine]]:
    """Entries set flush left and spaced apart: a wider gap between lines opens an entry; at
    the top of a column, a line opens one when the last entry ended with a full stop."""
    gaps = [
        b.bbox[1] - a.bbox[3]
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.column == b.column and b.bbox[1] > a.bbox[1]
    ]
    if not gaps:
        return [lines] if lines else []
    typical = sorted(gaps)[len(gaps) // 3]
    right: dict[tuple[int, int], float] = {}
    for line in lines:
        key = (line.page, line.column)
        right[key] = max(right.get(key, 0.0), line.bbox[2])
    entries: list[list[TextLine]] = []
    for line in lines:
        previous = entries[-1][-1] if entries else None
        if previous is None:
            entries.append([line])
            continue
        same_column = previous.page == line.page and previous.column == line.column
        gap = line.bbox[1] - previous.bbox[3]
        if same_column and line.bbox[1] > previous.bbox[1]:
            new = gap > typical + max(1.5, 0.25 * line.size)
        else:  # the top of a new column: did the last entry end there?
            short = right[(previous.page, previous.column)] - previous.bbox[2] > 2 * line.size
            ended = previous.text.rstrip().endswith(".")
            new = ended and (short or bool(_ENTRY_START.match(line.text)))
        if new:
            entries.append([line])
        else:
            entries[-1].append(line)
    return entries


def _page_middles(lines: list[TextLine]) -> dict[int, float]:
    """Per page, the x between the text's left and right edges (the gutter on 2-column pages)."""
    extents: dict[int, tuple[float, float]] = {}
    for line in lines:
        left, right = extents.get(line.page, (line.bbox[0], line.bbox[2]))
        extents[line.page] = (min(left, line.bbox[0]), max(right, line.bbox[2]))
    return {page: (left + right) / 2 for page, (left, right) in extents.items()}


def _links_by_entry(entries: list[list[TextLine]], doc: pymupdf.Document) -> dict[int, list[str]]:
    """The PDF's link annotations on an entry's lines (hyperref puts arXiv/DOI links there)."""
    found: dict[int, list[str]] = defaultdict(list)
    by_page: dict[int, list[tuple[int, TextLine]]] = defaultdict(list)
    for index, entry in enumerate(entries):
        for line in entry:
            by_page[line.page].append((index, line))
    for page_number, placed in by_page.items():
        for link in doc[page_number - 1].get_links():
            uri = link.get("uri")
            if not uri:
                continue
            rect = link["from"]
            centre = ((rect.x0 + rect.x1) / 2, (rect.y0 + rect.y1) / 2)
            owner = next((i for i, line in placed if _contains(line.bbox, centre)), None)
            if owner is not None:
                found[owner].append(uri)
    return found


def _contains(bbox: tuple[float, float, float, float], point: tuple[float, float]) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 - 1 <= point[0] <= x1 + 1 and y0 - 1 <= point[1] <= y1 + 1
