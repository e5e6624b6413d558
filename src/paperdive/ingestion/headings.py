"""Find a paper's section headings among its layout lines.

From the PDF outline when it matches the printed headings; otherwise from the type: a
heading is a short line that starts a block, set apart from the prose by weight, size or
capitals. Numbered headings ('3.2 Method', 'A.1 Proofs', 'IV. RESULTS') are taken when their
numbers move forward; unnumbered ones when they carry a usual name ('Related Work') or share
the type of headings already found (a paper sets all its section headings alike).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from paperdive.ingestion.layout import TextLine

_NUMBERED = re.compile(
    r"^(?P<number>(?:\d{1,2}|[A-H])(?:\.\d{1,2}){0,3})\.?\s+(?P<title>\S.{0,150})$"
)
_APPENDIX_NUMBERED = re.compile(
    r"^(?:appendix|appendices|supplementary\s+material)\s+(?P<number>[A-H](?:\.\d{1,2}){0,2})\b"
    r"\s*[.:—–-]?\s*(?P<title>.{0,150})$",
    re.I,
)
_RUN_IN = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2}){1,2})\.?\s+(?P<title>[A-Z][^.!?]{2,90}?[.:])(?:\s+|$)"
    r"(?P<rest>.*)$"
)
_ROMAN = re.compile(r"^(?P<number>(?:X{0,1})(?:IX|IV|V?I{0,3}))\.\s+(?P<title>[A-Z].{0,150})$")
_CAPTION = re.compile(r"^(?:Figure|Fig\.|Table|Algorithm|Listing)\s*[A-Z]?\d+", re.I)
_LEADERS = re.compile(r"(?:\.\s?){4,}|…")
# Headings papers print without a number, in simplify()'d form.
KNOWN_TITLES = {
    "abstract",
    "introduction",
    "relatedwork",
    "relatedworks",
    "background",
    "preliminaries",
    "method",
    "methods",
    "methodology",
    "approach",
    "experiments",
    "experimentalsetup",
    "evaluation",
    "results",
    "discussion",
    "analysis",
    "limitations",
    "conclusion",
    "conclusions",
    "conclusionandfuturework",
    "conclusionsandfuturework",
    "futurework",
    "broaderimpact",
    "broaderimpacts",
    "ethicsstatement",
    "impactstatement",
    "reproducibilitystatement",
    "acknowledgments",
    "acknowledgements",
    "acknowledgment",
    "acknowledgement",
    "references",
    "bibliography",
    "appendix",
    "appendices",
    "supplementarymaterial",
    "contributions",
    "authorcontributions",
}
_OUTLINE_OMITS = {
    "references", "bibliography", "reference", "literaturecited", "appendix", "appendices",
    "supplementarymaterial", "supplementarymaterials",
}  # fmt: skip
_ALWAYS_TOP = {
    "abstract", "references", "bibliography", "acknowledgments", "acknowledgements",
    "acknowledgment", "acknowledgement", "appendix", "appendices",
}  # fmt: skip
REFERENCE_TITLES = {"references", "bibliography", "reference", "literaturecited"}
APPENDIX_TITLES = {"appendix", "appendices", "supplementarymaterial", "supplementarymaterials"}
_MAX_HEADING_WORDS = 16
_MAX_REFERENCES_CHARS = 24  # 'Literature Cited', '7 References'
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_MAX_HEADING_CHARS = 160


@dataclass(frozen=True)
class Heading:
    line: int  # index into Layout.lines of the heading's first line
    span: int  # how many lines the heading occupies
    title: str
    number: str | None
    level: int
    rest: str = ""  # the text after a run-in heading on its line ('6.1.6 Usage. Finally, ...')


def simplify(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


def split_number(text: str) -> tuple[str | None, str]:
    """'3.2 Method' -> ('3.2', 'Method'); 'Appendix B: Proofs' -> ('B', 'Proofs')."""
    text = re.sub(r"^appendix\s+(?=appendix\b)", "", text.strip(), flags=re.I)
    for pattern in (_APPENDIX_NUMBERED, _NUMBERED, _ROMAN):
        match = pattern.match(text)
        if match and match["title"][:1] and not match["title"][0].isdigit():
            return match["number"], match["title"].strip(" .:")
        if match and pattern is _APPENDIX_NUMBERED:
            return match["number"], match["title"].strip(" .:") or f"Appendix {match['number']}"
    return None, text


def is_toc_line(line: TextLine) -> bool:
    """An entry of a printed table of contents: a title, dot leaders, a page number."""
    if _LEADERS.search(line.text):
        return True
    last = line.segments[-1].text.strip() if len(line.segments) > 1 else ""
    return last.isdigit() and len(line.segments) >= 2


def _style(line: TextLine) -> tuple[float, bool, bool]:
    caps = line.plain.isupper()
    return (round(line.size * 2) / 2, line.bold, caps)


def emphasised(line: TextLine, body_size: float) -> bool:
    if line.bold or line.size > body_size + 0.6:
        return True
    return line.plain.isupper() and sum(ch.isalpha() for ch in line.plain) >= 4


def starts_block(lines: list[TextLine], index: int) -> bool:
    """The line opens a block: a new PDF block, space above it, or a change of type right
    after a finished sentence (a heading or caption the PDF ran into the paragraph)."""
    if index == 0:
        return True
    line, previous = lines[index], lines[index - 1]
    if previous.block != line.block or previous.page != line.page:
        return True
    gap = line.bbox[1] - previous.bbox[3]
    if gap > 0.5 * line.size:
        return True
    restyled = previous.bold != line.bold or abs(previous.size - line.size) > 0.6
    return restyled and previous.plain.rstrip().endswith((".", "!", "?", ":"))


def _candidate(lines: list[TextLine], index: int, body_size: float) -> bool:
    line = lines[index]
    if len(line.text) > _MAX_HEADING_CHARS or line.size < body_size - 0.5:
        return False
    plain_type = not (line.bold or line.size > body_size + 0.6 or line.plain.isupper())
    if plain_type and not _alone_as_references(lines, index):
        return False  # most lines: prose type, no heading
    text = line.plain.strip()
    words = len(text.split())
    return (
        0 < words <= _MAX_HEADING_WORDS
        and len(text) <= _MAX_HEADING_CHARS
        and any(ch.isalpha() for ch in text)
        and not text.endswith((",", ";"))
        and not _CAPTION.match(text)
        and line.math_chars * 3 < len(text)
        and (emphasised(line, body_size) or _alone_as_references(lines, index))
        and starts_block(lines, index)
        and not is_toc_line(line)
    )


def _alone_as_references(lines: list[TextLine], index: int) -> bool:
    """'References' in plain type on a line of its own still opens the bibliography."""
    line = lines[index]
    if len(line.text) > _MAX_REFERENCES_CHARS:
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    alone = following is None or following.block != line.block or following.bbox[1] > line.bbox[3]
    return simplify(split_number(line.plain)[1]) in REFERENCE_TITLES and alone


def detect_headings(lines: list[TextLine], body_size: float, start: int = 0) -> list[Heading]:
    """Headings among lines[start:] (the body: after title, authors and abstract)."""
    candidates = [i for i in range(start, len(lines)) if _candidate(lines, i, body_size)]
    headings: dict[int, Heading] = {}
    roman = any(_ROMAN.match(lines[i].plain.strip()) for i in candidates)
    last_top = 0
    top_type: tuple[float, bool] | None = None  # the type of the first numbered section
    letters_seen = ""
    back_matter = False  # past the references or an 'Appendix' heading
    for index in candidates:
        line = lines[index]
        number, title = split_number(line.plain)
        if number is None:
            if simplify(title) in KNOWN_TITLES:
                headings[index] = Heading(index, 1, title, None, 1)
                back_matter |= simplify(title) in REFERENCE_TITLES | APPENDIX_TITLES
            continue
        if not _capitalised(title) or title.endswith((".", ":")):
            continue
        top = number.split(".")[0]
        if top.isdigit():
            if int(top) < last_top or int(top) > last_top + 2:
                continue  # numbered headings only move forward; this is a list item or a cell
            if "." not in number and _unlike_sections(line, top_type):
                continue  # "1. In both cold-start …": a list set a little larger than the prose
            last_top = int(top)
            if "." not in number and top_type is None:
                top_type = (line.size, line.bold)
            level = number.count(".") + 1
        elif re.fullmatch(r"[IVX]+", top) and "." not in number and roman:
            level = 1
            letters_seen = ""  # its subsections are lettered from A again
        else:  # a letter: appendix sections, or subsections under roman-numbered ones
            marked = bool(re.match(r"^(?:appendix\s+)?[A-H][.:]", line.plain.strip(), re.I))
            if not (back_matter or marked or roman):
                continue  # 'A Simple Baseline' is a title, not appendix A
            if "." not in number and top not in _next_letters(letters_seen):
                continue
            if "." not in number:
                letters_seen = top
            level = (2 if roman else 1) + number.count(".")
        span = _wrapped_span(lines, index)
        full = " ".join([title] + [lines[index + i].plain.strip() for i in range(1, span)])
        headings[index] = Heading(index, span, full, number, min(level, 3))
    _add_styled(lines, candidates, headings)
    _add_run_in(lines, start, headings)
    ordered = [headings[i] for i in sorted(headings)]
    return _tree(_unnumbered_levels(lines, ordered))


def _unlike_sections(line: TextLine, top_type: tuple[float, bool] | None) -> bool:
    """Whether a numbered line is set in plainer type than the paper's first numbered
    section heading: a paper sets its sections alike, bold "1. INTRODUCTION" and "2.
    LIGHTFM", where a list's "1. In both …" is in plain type."""
    if top_type is None:
        return False
    size, bold = top_type
    return bold and not line.bold and line.size < size - 0.6


def _capitalised(title: str) -> bool:
    """'Method', '[D1] Discover ...', '3D Vision': the first letter is a capital, or the
    first word is a name with capitals in it ('pWSBM (pure Weighted …)')."""
    first = next((ch for ch in title if ch.isalpha()), "")
    word = title.split()[0] if title.split() else ""
    return first.isupper() or (word[:1].islower() and any(ch.isupper() for ch in word))


def _next_letters(seen: str) -> str:
    """The letter an appendix may continue with: the next one, or A to start."""
    if not seen:
        return "A"
    return chr(ord(seen) + 1) + seen  # a letter may repeat (wrapped or re-detected)


def _add_styled(lines: list[TextLine], candidates: list[int], found: dict[int, Heading]) -> None:
    """Unnumbered lines in the type of the headings already found are headings too."""
    levels: dict[tuple[float, bool, bool], Counter[int]] = {}
    for heading in found.values():
        levels.setdefault(_style(lines[heading.line]), Counter())[heading.level] += 1
    if not levels:
        return
    numbered = sum(1 for h in found.values() if h.number) > len(found) / 2
    for index in candidates:
        if index in found or index - 1 in found:
            continue
        line = lines[index]
        title = line.plain.strip()
        style = _style(line)
        if style not in levels or not _capitalised(title) or title.endswith((".", ":")):
            continue
        if numbered and split_number(title)[0] is None:
            continue  # a paper that numbers its headings numbers them all (bar the known ones)
        if len(title.split()) > 10 or not _followed_by_prose(lines, index):
            continue
        found[index] = Heading(index, 1, title, None, 1)


def _add_run_in(lines: list[TextLine], start: int, found: dict[int, Heading]) -> None:
    """Numbered headings set in the body's type at the start of a paragraph, run into its
    text ('6.1.6 Volunteered Usage. Finally, we ...'): taken when their number is the next
    child of the heading before them (6.1 -> 6.1.1 -> 6.1.2), so a list never passes."""
    children: dict[str, int] = {}
    parent: Heading | None = None
    for index in range(start, len(lines)):
        if index in found:
            parent = found[index]
            continue
        match = _RUN_IN.match(lines[index].plain.strip())
        opens = starts_block(lines, index) or index - 1 in found  # right under a heading
        if parent is None or parent.number is None or not match or not opens:
            continue
        number = match["number"]
        stem, _, last = number.rpartition(".")
        owner = parent.number if stem == parent.number else None
        if owner is None and parent.number.rpartition(".")[0] == stem and parent.level >= 2:
            owner = stem  # a sibling of the run-in heading before it
        if owner is None or int(last) != children.get(owner, 0) + 1:
            continue
        children[owner] = int(last)
        level = min(number.count(".") + 1, 3)
        title = match["title"].strip().rstrip(".:")
        found[index] = Heading(index, 1, title, number, level, match["rest"])
        parent = found[index]


def _unnumbered_levels(lines: list[TextLine], headings: list[Heading]) -> list[Heading]:
    """An unnumbered heading takes the level of numbered ones set in its type; failing that,
    its type's rank among the unnumbered headings' types (larger, bolder: higher)."""
    numbered: dict[tuple[float, bool, bool], Counter[int]] = {}
    for heading in headings:
        if heading.number:
            numbered.setdefault(_style(lines[heading.line]), Counter())[heading.level] += 1
    styles = sorted(
        {_style(lines[h.line]) for h in headings if not h.number},
        key=lambda style: (-style[0], not style[1], not style[2]),
    )
    out: list[Heading] = []
    for heading in headings:
        style = _style(lines[heading.line])
        level = heading.level
        if not heading.number:
            level = (
                numbered[style].most_common(1)[0][0]
                if style in numbered
                else (1 if numbered else styles.index(style) + 1)
            )
            if simplify(heading.title) in _ALWAYS_TOP:
                level = 1
        out.append(replace(heading, level=level))
    return out


def _followed_by_prose(lines: list[TextLine], index: int) -> bool:
    following = lines[index + 1 : index + 3]
    return bool(following) and all(
        not line.bold and len(line.plain.split()) >= 5 for line in following[:1]
    )


def _wrapped_span(lines: list[TextLine], index: int) -> int:
    """A long heading wraps onto a second line in the same block and the same type."""
    heading = lines[index]
    if index + 1 < len(lines):
        follower = lines[index + 1]
        same_type = follower.bold == heading.bold and abs(follower.size - heading.size) < 0.3
        close = follower.bbox[1] - heading.bbox[3] < heading.size
        short = len(follower.plain.split()) <= 8 and not follower.plain.rstrip().endswith(".")
        numbered = split_number(follower.plain)[0] is not None
        if follower.block == heading.block and same_type and close and short and not numbered:
            return 2
    return 1


def _tree(headings: list[Heading]) -> list[Heading]:
    """Levels that never jump: a level-3 heading right after a level-1 one becomes level 2."""
    out: list[Heading] = []
    previous = 0
    for heading in headings:
        level = min(heading.level, previous + 1) if previous else 1
        out.append(replace(heading, level=level))
        previous = level
    return out


def outline_headings(lines: list[TextLine], toc: list[list[object]]) -> list[Heading]:
    """Place each PDF outline entry on the layout line where its heading is printed."""
    headings: list[Heading] = []
    cursor = 0
    for level, raw_title, page, *_ in toc:
        number, title = split_number(str(raw_title).strip())
        found = _find_title(lines, cursor, title, int(page))  # type: ignore[call-overload]
        if found is None:
            continue
        index, span = found
        printed_number, _ = split_number(lines[index].plain)
        headings.append(
            Heading(index, span, title, number or printed_number, min(int(level), 3))  # type: ignore[call-overload]
        )
        cursor = index + span
    return _tree(headings)


def _find_title(lines: list[TextLine], start: int, title: str, page: int) -> tuple[int, int] | None:
    wanted = simplify(title)
    if not wanted:
        return None
    for index in range(start, len(lines)):
        line = lines[index]
        if line.page < page - 1 or is_toc_line(line):
            continue
        if line.page > page + 1:
            return None
        joined = ""
        for span in range(1, 4):
            if index + span > len(lines):
                break
            joined += simplify(split_number(lines[index + span - 1].plain)[1])
            if joined == wanted:
                return index, span
            if not wanted.startswith(joined):
                break
    return None


def add_unlisted(headings: list[Heading], detected: list[Heading]) -> list[Heading]:
    """Outlines often omit Abstract, References and Appendix, and the deepest numbered
    headings (run-in '6.1.1 ...' under an outlined 6.1); take those from detection."""
    taken = {h.line for h in headings}
    numbers = {h.number for h in headings if h.number}
    extra = [
        h
        for h in detected
        if h.line not in taken
        and (
            (h.number is None and simplify(h.title) in {"abstract", *_OUTLINE_OMITS})
            or (h.number and h.number not in numbers and h.number.rpartition(".")[0] in numbers)
        )
    ]
    return _tree(sorted(headings + extra, key=lambda h: h.line))
