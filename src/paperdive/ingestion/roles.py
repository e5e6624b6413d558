"""One role per line of a paper, decided once, in order of certainty.

Roles: front matter (title, byline, abstract, keywords, permission blocks), heading, body
prose, caption, table cell, figure text, footnote, display equation, reference entry, table
of contents, page furniture. Captions find what they label on the side the paper puts its
captions (learnt from the clear cases); footnotes sit under their column's prose and read
as words or a link.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from paperdive.ingestion.frontmatter import FrontMatter
from paperdive.ingestion.headings import (
    REFERENCE_TITLES,
    Heading,
    is_toc_line,
    simplify,
    starts_block,
)
from paperdive.ingestion.layout import LEFT, RIGHT, WIDE, Layout, TextLine
from paperdive.ingestion.tables import table_rows
from paperdive.ingestion.text import collapse_spaces, join_lines
from paperdive.models import Caption, Footnote, Table

Role = Literal[
    "front", "abstract", "heading", "body", "caption", "table", "figure", "footnote",
    "equation", "reference", "toc", "furniture",
]  # fmt: skip

# "Table 3:", "Fig. 2.", and an IEEE paper's "TABLE IV" (its caption on the line below).
_CAPTION_START = re.compile(
    r"^(?P<kind>Figure|Fig\.|Table|Tab\.)\s*(?P<id>[A-Z]?\d+(?:\.\d+)?|(?-i:[IVXL]+))"
    r"\s*(?:[:.|]|$)\s*",
    re.I,
)
_FOOTNOTE_START = re.compile(r"^(?P<mark>\d{1,2}|[*∗†‡§¶♯⋆]+)(?:\s+|(?=[A-Z(“\"]))(?=\S)")
_PAGE_FURNITURE = re.compile(
    r"\b(?:proceedings of|copyright|©|\(c\)|licen[cs]e[ds]?|permission to make|"
    r"preprint\.?\s+under review|work in progress|arxiv:\s*\d{4}\.\d{4,5})",
    re.I,
)
_METADATA = re.compile(
    r"(?:key\s*words|index\s+terms|ccs\s+concepts|acm\s+reference\s+format|general\s+terms|"
    r"additional\s+key\s+words|categories\s+and\s+subject|permission\s+to\s+make|"
    r"publication\s+rights|©|copyright)\b",
    re.I,
)
_PLACEHOLDER = re.compile(r'is available in "\w+"\s+format from:?')
EQUATION_LABEL = re.compile(r"^\(\s*(?P<label>[A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?)\s*\)$")
TRAILING_LABEL = re.compile(r"\s\(\s*(?P<label>[A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?)\s*\)$")
_FOOTNOTE_ZONE = 0.55  # footnotes sit below this fraction of the page height
_MAX_CELL_WORDS = 6
_FIGURE_CELL = re.compile(r"[$(±~≈<>]*[-−+]?\d[\d.,]*\s*[%x×]?[$)*†‡]*")
_SENTENCE_ENDS = (".", "!", "?", ":", ".)", ".”", '."')
_INLINE_MATH = re.compile(r"\$[^$]*\$")
_PLAIN_WORD = re.compile(r"\b[a-z]{3,}\b")  # 'will', 'where': prose around inline math
_DISPLAY_PIECE = 40  # characters: a line this short may be a piece of a display
_NOT_DIGITS = str.maketrans("", "", "$^{} ·×")
_SUBCAPTION = re.compile(r"^\([a-z]\)\s+\S")
_WORD_CELL = re.compile(r"[A-Za-z]{2}")
_TABULAR_SHARE = 0.6
_UNUSUAL = 1.7  # a float on the side a paper does not put its captions is this much farther
_FAR = 1e9


class Roles:
    """One role per layout line, decided once, in order of certainty."""

    def __init__(self, layout: Layout, headings: list[Heading], front: FrontMatter) -> None:
        self.layout = layout
        lines = layout.lines
        self.role: list[Role] = ["body"] * len(lines)
        self.captions: list[Caption] = []
        self.tables: list[Table] = []
        self.footnotes: list[Footnote] = []
        self.float_lines: dict[int, int] = {}  # id of a Caption or Table: its caption's line
        self.front_lines = front.lines
        for index in range(front.end):
            self.role[index] = "front"
        for index in front.abstract_lines:
            self.role[index] = "abstract"
        for heading in headings:
            for offset in range(heading.span):
                self.role[heading.line + offset] = "heading"
        self._placeholders()
        self._references(headings)
        self._table_of_contents(headings, front)
        self._metadata(headings, front)
        self._footnotes()
        self._captions_and_tables()
        self._equations()
        self._loose_tables()
        self.tables.sort(key=lambda t: self.float_lines[id(t)])
        self._small_print()

    def indices(self, role: Role) -> list[int]:
        return [i for i, r in enumerate(self.role) if r == role]

    def _placeholders(self) -> None:
        """arXiv's 'This figure "x.png" is available in "png" format from: URL' pages."""
        lines = self.layout.lines
        for index, line in enumerate(lines):
            if _PLACEHOLDER.search(line.text):
                self.role[index] = "furniture"
                following = index + 1
                if following < len(lines) and lines[following].text.startswith("http"):
                    self.role[following] = "furniture"

    def _references(self, headings: list[Heading]) -> None:
        for position, heading in enumerate(headings):
            if simplify(heading.title) not in REFERENCE_TITLES:
                continue
            end = headings[position + 1].line if position + 1 < len(headings) else len(self.role)
            for index in range(heading.line + heading.span, end):
                if self.role[index] == "body":
                    self.role[index] = "reference"

    def _table_of_contents(self, headings: list[Heading], front: FrontMatter) -> None:
        first = headings[0].line if headings else len(self.role)
        lines = self.layout.lines
        for index in range(front.end, first):
            text = simplify(lines[index].plain)
            if is_toc_line(lines[index]) or text in {"contents", "tableofcontents"}:
                self.role[index] = "toc"

    def _metadata(self, headings: list[Heading], front: FrontMatter) -> None:
        """What a first page prints between the abstract and the first heading that is not
        prose: keywords, CCS concepts, the ACM reference format, copyright and permission
        blocks (in their own small type)."""
        lines = self.layout.lines
        first = headings[0].line if headings else len(lines)
        body = self.layout.body_size
        open_block: int | None = None
        for index in range(front.end, first):
            line = lines[index]
            if line.page > 2 or self.role[index] != "body":
                continue
            if _METADATA.match(line.plain.strip()):
                open_block = line.block
                alone = index + 1 < len(lines) and lines[index + 1].block != line.block
                if alone and len(line.plain.split()) <= 4:
                    open_block = line.block + 1  # 'KEYWORDS' set apart: its list follows
                self.role[index] = "front"
            elif line.block == open_block or line.size < body - 0.5:
                self.role[index] = "front"

    def _footnotes(self) -> None:
        """Small type at the foot of a column, below all its prose, opening with a mark:
        '¹ Code is at ...'; its following lines carry on until the page ends."""
        lines = self.layout.lines
        body = self.layout.body_size
        lowest = self._lowest_prose()
        current: Footnote | None = None
        for index, line in enumerate(lines):
            if self.role[index] not in ("body", "front") or index in self.front_lines:
                current = None
                continue
            small = line.size < body - 0.5
            low = line.bbox[1] > self.layout.page_height(line.page) * _FOOTNOTE_ZONE
            if not (small and low):
                current = None
                continue
            text = line.text.strip()
            if _PAGE_FURNITURE.search(text) and (current is None or current.page != line.page):
                self.role[index] = "furniture"
                current = None
                continue
            match = _FOOTNOTE_START.match(text)
            under_prose = line.bbox[1] > lowest.get((line.page, line.column), 0.0)
            opens = current is not None or starts_block(lines, index)  # not mid-paragraph
            if (line.lead_mark or match) and under_prose and opens and _footnote_like(text):
                mark = line.lead_mark or (match["mark"] if match else None)
                body_text = text if line.lead_mark else text[match.end() :] if match else text
                current = Footnote(mark=mark, text=body_text, page=line.page)
                self.footnotes.append(current)
                self.role[index] = "footnote"
            elif current is not None and current.page == line.page and under_prose:
                current.text = join_lines([current.text, text])
                self.role[index] = "footnote"
            else:
                current = None

    def _lowest_prose(self) -> dict[tuple[int, int], float]:
        """Per page and column, the top of the lowest line of prose-size type."""
        lowest: dict[tuple[int, int], float] = {}
        floor = self.layout.body_size - 0.5
        for line, role in zip(self.layout.lines, self.role, strict=True):
            if role == "body" and line.size >= floor and is_prose(line):
                key = (line.page, line.column)
                lowest[key] = max(lowest.get(key, 0.0), line.bbox[1])
        for (page, column), top in list(lowest.items()):
            if column == WIDE:  # a full-width line sits over both columns
                for side in (LEFT, RIGHT):
                    lowest[(page, side)] = max(lowest.get((page, side), 0.0), top)
        return lowest

    def _captions_and_tables(self) -> None:
        """Captions, then what each labels: the run of non-prose lines on one side of it.
        Every caption has a candidate run above and below; the closest pairs are settled
        first (a caption sits nearer what it labels than the float or text on its other
        side), a table's side needs rows of cells when the other has none, and the side the
        paper usually puts that kind of caption on (learnt from the captions with lines on
        one side only) counts as nearer."""
        found = [c for c in self._captions() if len(c.text) >= 3]
        runs = {
            id(c): (
                self._run(c.first - 1, -1, c.page, c.column),
                self._run(c.last + 1, 1, c.page, c.column),
            )
            for c in found
        }
        sides = {
            kind: _usual_side(
                [runs[id(c)] for c in found if c.kind == kind], above_by_default=kind == "table"
            )
            for kind in ("table", "figure")
        }
        candidates = sorted(
            (self._cost(c, run, below, sides[c.kind], runs[id(c)]), position, below)
            for position, c in enumerate(found)
            for below, run in enumerate(runs[id(c)])
        )
        claimed: set[int] = set()
        cells: dict[int, list[int]] = {}
        for _, position, below in candidates:
            caption = found[position]
            if position in cells:
                continue
            run = [i for i in runs[id(caption)][below] if i not in claimed]
            other = [i for i in runs[id(caption)][1 - below] if i not in claimed]
            if not run and other:
                continue  # its other side may still be free
            cells[position] = run
            claimed.update(run)
        for position, caption in enumerate(found):
            for cell in cells.get(position, []):
                self.role[cell] = caption.kind
            model = caption.model()
            self.captions.append(model)
            self.float_lines[id(model)] = caption.first
            lines = [self.layout.lines[c] for c in sorted(cells.get(position, []))]
            if caption.kind == "table" or _tabular(lines):  # a figure may be a table of text
                text, rows = caption_continued(caption.text, table_rows(lines))
                table = Table(label=caption.label, caption=text, rows=rows, page=caption.page)
                self.tables.append(table)
                self.float_lines[id(table)] = caption.first

    def _loose_tables(self) -> None:
        """Rows of cells with no 'Table N' caption (subtables captioned '(a) ...' only):
        a table of their own, under that subcaption, kept out of the prose."""
        lines = self.layout.lines
        index = 0
        while index < len(lines):
            if not self._loose_row(index):
                index += 1
                continue
            end = index
            while (
                end + 1 < len(lines)
                and self._loose_row(end + 1)
                and lines[end + 1].page == lines[index].page
            ):
                end += 1
            run = list(range(index, end + 1))
            if _tabular([lines[i] for i in run], minimum=2):
                self._loose_table(run)
            index = end + 1

    def _loose_row(self, index: int) -> bool:
        line = self.layout.lines[index]
        return (
            self.role[index] == "body"
            and len(line.segments) >= 2
            and line.wide_gaps >= 1
            and not is_prose(line)
        )

    def _loose_table(self, run: list[int]) -> None:
        lines = self.layout.lines
        after = run[-1] + 1
        caption = ""
        if after < len(lines) and self.role[after] in ("body", "figure"):
            match = _SUBCAPTION.match(lines[after].plain.strip())
            if match and lines[after].size <= lines[run[-1]].size + 0.5:
                caption = lines[after].text.strip()
                self.role[after] = "caption"
        for i in run:
            self.role[i] = "table"
        table = Table(
            caption=caption, rows=table_rows([lines[i] for i in run]), page=lines[run[0]].page
        )
        self.tables.append(table)
        self.float_lines[id(table)] = run[0]

    def _cost(
        self,
        caption: _Caption,
        run: list[int],
        below: int,
        usual: str,
        both: tuple[list[int], list[int]],
    ) -> float:
        """How far a caption is from the lines on one side (lower: more likely its own)."""
        if not run:
            return _FAR
        lines = self.layout.lines
        nearest = lines[run[0]]  # the run goes away from the caption in reading order
        if below:
            gap = nearest.bbox[1] - lines[caption.last].bbox[3]
        else:
            gap = lines[caption.first].bbox[1] - nearest.bbox[3]
        cost = abs(gap) + 1.0
        if (usual == "above") != bool(below):
            cost *= _UNUSUAL
        celled = [any(len(lines[i].segments) > 1 for i in side) for side in both]
        if caption.kind == "table" and celled[1 - below] and not celled[below]:
            cost *= _UNUSUAL * 2
        return cost

    def _captions(self) -> list[_Caption]:
        lines = self.layout.lines
        found: list[_Caption] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            match = _CAPTION_START.match(line.plain.strip())
            if self.role[index] != "body" or not match or not _caption_starts(lines, index):
                index += 1
                continue
            follow = index + 1
            while (
                follow < len(lines)
                and lines[follow].block == line.block
                and self.role[follow] == "body"
                and abs(lines[follow].size - line.size) < 0.6
            ):
                follow += 1
            for member in range(index, follow):
                self.role[member] = "caption"
            texts = [line.text[match.end() :]] + [lines[m].text for m in range(index + 1, follow)]
            kind: Literal["figure", "table"] = (
                "table" if match["kind"].lower().startswith("tab") else "figure"
            )
            found.append(
                _Caption(
                    kind=kind,
                    label=f"{kind.capitalize()} {match['id']}",
                    text=collapse_spaces(join_lines(texts)),
                    page=line.page,
                    first=index,
                    last=follow - 1,
                    column=line.column,
                    continues=self._continues_a_sentence(index),
                )
            )
            index = follow
        return self._not_prose(found)

    def _not_prose(self, found: list[_Caption]) -> list[_Caption]:
        """Drop the 'captions' that are a sentence carried on ('... linking in' | 'Table 4.
        On average, ...'): set in another size than the paper's captions."""
        sizes = Counter(round(self.layout.lines[c.first].size * 2) / 2 for c in found)
        usual = sizes.most_common(1)[0][0] if sizes else 0.0
        kept: list[_Caption] = []
        for caption in found:
            if caption.continues and abs(self.layout.lines[caption.first].size - usual) > 0.4:
                for member in range(caption.first, caption.last + 1):
                    self.role[member] = "body"
            else:
                kept.append(caption)
        return kept

    def _continues_a_sentence(self, index: int) -> bool:
        """'Table 4. On average, ...' at the top of a column in the body's type goes on
        with the sentence the last column left open ('... bibliography linking in')."""
        lines = self.layout.lines
        floor = self.layout.body_size - 0.5
        if lines[index].size < floor:
            return False
        before = index - 1
        while before >= 0 and self.role[before] in ("caption", "figure", "table", "footnote"):
            before -= 1
        if before < 0 or self.role[before] != "body":
            return False
        previous = lines[before]
        return (
            previous.size >= floor
            and is_prose(previous)
            and not _row_of_cells(previous)
            and not previous.plain.rstrip().endswith(_SENTENCE_ENDS)
        )

    def _run(self, start: int, step: int, page: int, column: int = WIDE) -> list[int]:
        """The lines from `start` on, one way, on the same page and column, up to the prose
        around the float: a line of running text in the body's type, or a paragraph's last
        line. Smaller type is the float's own, sentences or not (a table of prompts)."""
        lines = self.layout.lines
        if not 0 <= start < len(lines):
            return []
        found: list[int] = []
        index = start
        while 0 <= index < len(lines) and lines[index].page == page:
            line = lines[index]
            if self.role[index] not in ("body", "figure"):
                break
            if self._prose(index) and not self._label_in_figure(index, step):
                break
            if column != WIDE and line.column not in (column, WIDE):
                break
            found.append(index)
            index += step
        return found

    def _label_in_figure(self, index: int, step: int) -> bool:
        """A line that reads like prose but stands alone in a figure: a block of its own,
        with the figure's small labels going on beyond it ('Multi-Head Attention (MHA)
        Multi-Query Attention (MQA) ...' over the drawings)."""
        lines = self.layout.lines
        line = lines[index]
        alone = all(
            not 0 <= other < len(lines) or lines[other].block != line.block
            for other in (index - 1, index + 1)
        )
        beyond = index + step
        if not alone or not 0 <= beyond < len(lines) or lines[beyond].page != line.page:
            return False
        label = lines[beyond]
        small = label.size < self.layout.body_size - 0.5 or len(label.plain) <= _DISPLAY_PIECE
        return self.role[beyond] in ("body", "figure") and small and not is_prose(label)

    def _prose(self, index: int) -> bool:
        """Running text in the body's type, or a short first or last line of such a
        paragraph."""
        lines = self.layout.lines
        line = lines[index]
        floor = self.layout.body_size - 0.5
        if line.size < floor or _row_of_cells(line):
            return False
        if is_prose(line):
            return True
        if line.wide_gaps >= 2:
            return False
        return any(
            0 <= other < len(lines)
            and lines[other].block == line.block
            and lines[other].size >= floor
            and is_prose(lines[other])
            for other in (index - 1, index + 1)
        )

    def _equations(self) -> None:
        lines = self.layout.lines
        for index, line in enumerate(lines):
            if self.role[index] != "body":
                continue
            text = line.text.strip()
            dense = line.math_chars >= 0.5 * max(len(text.replace(" ", "").replace("$", "")), 1)
            dense = dense and len(_PLAIN_WORD.findall(_INLINE_MATH.sub(" ", text))) < 2
            label_only = bool(EQUATION_LABEL.match(text)) and _near_math(lines, index)
            labelled = bool(TRAILING_LABEL.search(text)) and not is_prose(line)
            formula = labelled and (line.math_chars > 0 or line.wide_gaps > 0 or "=" in text)
            if (dense and line.math_chars > 0) or label_only or formula:
                self.role[index] = "equation"
        self._display_pieces()

    def _display_pieces(self) -> None:
        """Short non-prose lines among a display's lines, within its height, are pieces of
        it (a numerator '1', 'FFN' in roman type, a lone parenthesis)."""
        lines = self.layout.lines
        index = 0
        while index < len(lines):
            if not self._display_like(index):
                index += 1
                continue
            end = index
            while end + 1 < len(lines) and self._display_like(end + 1):
                end += 1
            members = [i for i in range(index, end + 1) if self.role[i] == "equation"]
            if members:
                top = min(lines[i].bbox[1] for i in members)
                bottom = max(lines[i].bbox[3] for i in members)
                margin = 0.5 * self.layout.body_size
                for i in range(index, end + 1):
                    line = lines[i]
                    if top - margin <= (line.bbox[1] + line.bbox[3]) / 2 <= bottom + margin:
                        self.role[i] = "equation"
            index = end + 1

    def _display_like(self, index: int) -> bool:
        line = self.layout.lines[index]
        if self.role[index] == "equation":
            return True
        short = len(line.plain) <= _DISPLAY_PIECE and not is_prose(line)
        return (
            self.role[index] == "body"
            and short
            and line.page == self.layout.lines[max(index - 1, 0)].page
        )

    def _small_print(self) -> None:
        """Text smaller than the prose that is no sentence: chart labels, legends, cells."""
        lines = self.layout.lines
        body = self.layout.body_size
        for index, line in enumerate(lines):
            if self.role[index] == "body" and line.size < body - 0.9 and not is_prose(line):
                self.role[index] = "figure"


@dataclass
class _Caption:
    kind: Literal["figure", "table"]
    label: str
    text: str
    page: int
    first: int  # its lines in Layout.lines
    last: int
    column: int = WIDE
    continues: bool = False  # it could carry on a sentence left open before it

    def model(self) -> Caption:
        return Caption(kind=self.kind, label=self.label, text=self.text, page=self.page)


def _caption_starts(lines: list[TextLine], index: int) -> bool:
    """A caption opens a block, or follows what it labels in the same block: a table's last
    row or a chart's label, which no sentence runs on from ('... in' / 'Table 2. The ...')."""
    if starts_block(lines, index):
        return True
    previous = lines[index - 1]
    return previous.page == lines[index].page and not is_prose(previous)


def _tabular(lines: list[TextLine], minimum: int = 3) -> bool:
    """Lines that are a table: mostly rows of two or more cells, some of them words, some
    figures (not a chart's tick labels, which stand alone or are all numbers)."""
    celled = [line for line in lines if len(line.segments) >= 2]
    if len(celled) < minimum or len(celled) < _TABULAR_SHARE * len(lines):
        return False
    cells = [s.text.strip() for line in celled for s in line.segments]
    if any(len(cell.split()) > _MAX_CELL_WORDS for cell in cells):
        return False  # a justified line of prose, set apart at its wide spaces
    worded = sum(1 for cell in cells if _WORD_CELL.search(cell))
    figures = sum(1 for cell in cells if _numeric(cell))
    return worded >= len(celled) and figures >= max(1, len(celled) // 2)


def _numeric(cell: str) -> bool:
    """A figure: '0.12', '72.2%', '31.0 · $10^6$', '±0.3', '1,024'."""
    bare = cell.translate(_NOT_DIGITS)
    return bool(bare) and bool(_FIGURE_CELL.fullmatch(bare))


def _row_of_cells(line: TextLine) -> bool:
    """A table's row in the body's type: cells set apart, the last of them a figure
    ('Avg. of 15 models with LM    55.2')."""
    if line.wide_gaps < 1 or len(line.segments) < 2:
        return False
    last = line.segments[-1].text.strip()
    return bool(_FIGURE_CELL.fullmatch(last))


def _footnote_like(text: str) -> bool:
    """A footnote reads as words or a link, not as a chart's numbers."""
    tokens = text.split()
    if any(t.startswith(("http", "www.")) for t in tokens[:3]):
        return True
    words = sum(1 for t in tokens if t.strip(".,;:()“”\"'").isalpha())
    return words >= 2 and words >= 0.5 * len(tokens)


def _usual_side(runs: list[tuple[list[int], list[int]]], *, above_by_default: bool) -> str:
    """'above' when captions sit above what they label (their cells come after them)."""
    above = sum(1 for before, after in runs if after and not before)
    below = sum(1 for before, after in runs if before and not after)
    if above == below:
        return "above" if above_by_default else "below"
    return "above" if above > below else "below"


def _near_math(lines: list[TextLine], index: int) -> bool:
    neighbours = lines[max(0, index - 3) : index + 2]
    return any(line.math_chars for line in neighbours)


def is_prose(line: TextLine) -> bool:
    """A line of running text: several words, mostly letters (not a row of numbers)."""
    if line.prose is None:
        words = line.plain.split()
        if len(words) <= _MAX_CELL_WORDS or line.wide_gaps >= 2:
            line.prose = False
        else:
            wordy = sum(1 for word in words if word.strip(".,;:()[]“”\"'").isalpha())
            line.prose = wordy >= 0.6 * len(words)
    return line.prose


CAPTION_REST_WORDS = 3  # a row of one cell this long, after a cut caption, is the caption's


def caption_continued(caption: str, rows: list[list[str]]) -> tuple[str, list[list[str]]]:
    """A caption cut mid-sentence ("… at a much lower cost, suggesting") goes on in the first
    row, a lone run of prose ("that anisotropic filters are an unnecessary price to pay."):
    that row is the caption's, not the table's header."""
    while rows and caption and caption.rstrip()[-1:] not in ".:!?)":
        cells = [cell.strip() for cell in rows[0] if cell.strip()]
        # The lone run may sit in any column: a short last line set under the table's middle.
        rest = cells[0] if len(cells) == 1 else ""
        prose = len(rest.split()) >= CAPTION_REST_WORDS or (
            rest[:1].islower() and rest.endswith(".")
        )
        if not prose:
            break
        caption = f"{caption.rstrip()} {rest}"
        rows = rows[1:]
    return caption, rows
