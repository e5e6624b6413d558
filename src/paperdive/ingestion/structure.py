"""Cut a paper's lines into its abstract, sections, bibliography and captions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import takewhile

from paperdive.ingestion.headings import REFERENCE_TITLES, Heading, simplify
from paperdive.ingestion.layout import TextLine
from paperdive.ingestion.text import collapse_spaces, join_lines
from paperdive.models import Caption, Section

_CAPTION_START = re.compile(r"^(?P<kind>Figure|Fig\.|Table)\s*(?P<id>[A-Z]?\d+)\s*[:.|]\s*", re.I)
_ABSTRACT_INLINE = re.compile(r"^abstract\s*[-—:.]\s*", re.I)
# Footnotes, sub/superscripts and the labels inside charts are set below the body size.
_SMALL_PRINT_MARGIN = 0.75  # points
UNSECTIONED_TITLE = "Full text"
_MAX_CELL_WORDS = 6


@dataclass
class Structure:
    abstract: str = ""
    sections: list[Section] = field(default_factory=list)
    reference_lines: list[TextLine] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    front_matter: list[TextLine] = field(default_factory=list)


def build_structure(lines: list[TextLine], headings: list[Heading], body_size: float) -> Structure:
    caption_blocks, captions = _captions(lines)
    structure = Structure(captions=captions)
    if not headings:
        # No headings to cut at: the whole paper is one section.
        headings = [Heading(line=0, span=0, title=UNSECTIONED_TITLE, number=None, level=1)]
    heading_blocks = {lines[h.line].block for h in headings if h.span}
    figure_blocks = caption_blocks | _cells_beside(lines, caption_blocks, heading_blocks)
    structure.front_matter = lines[: headings[0].line]
    bounds = [h.line for h in headings[1:]] + [len(lines)]
    for heading, end in zip(headings, bounds, strict=True):
        body = [
            line
            for line in lines[heading.line + heading.span : end]
            if line.block not in figure_blocks
        ]
        prose = [line.text for line in body if line.size >= body_size - _SMALL_PRINT_MARGIN]
        key = simplify(heading.title)
        if key in REFERENCE_TITLES:
            structure.reference_lines.extend(body)
        elif key == "abstract":
            structure.abstract = join_lines(prose)
        else:
            structure.sections.append(
                Section(
                    title=heading.title,
                    level=heading.level,
                    number=heading.number,
                    text=join_lines(prose),
                    page=lines[heading.line].page,
                )
            )
    if not structure.abstract:
        structure.abstract = _inline_abstract(structure.front_matter)
    return structure


def _inline_abstract(front: list[TextLine]) -> str:
    """'Abstract—We study ...' printed as the first words of a paragraph, not as a heading."""
    for index, line in enumerate(front):
        if _ABSTRACT_INLINE.match(line.text):
            block = [x.text for x in _rest_of_block(front, index)]
            return _ABSTRACT_INLINE.sub("", join_lines(block))
    return ""


def _rest_of_block(lines: list[TextLine], index: int) -> list[TextLine]:
    """lines[index] and the lines after it in the same block (a block's lines are adjacent)."""
    block = lines[index].block
    return list(takewhile(lambda line: line.block == block, lines[index:]))


def _cells_beside(lines: list[TextLine], captions: set[int], keep: set[int]) -> set[int]:
    """Blocks of table cells and chart labels next to a caption: short lines, no sentences."""
    by_block: dict[int, list[TextLine]] = {}
    for line in lines:
        by_block.setdefault(line.block, []).append(line)

    def is_cells(block: int) -> bool:
        rows = by_block.get(block)
        return (
            bool(rows)
            and block not in keep
            and block not in captions
            and all(
                len(row.text.split()) <= _MAX_CELL_WORDS and not row.text.endswith((".", "!", "?"))
                for row in rows
            )
        )

    cells: set[int] = set()
    for caption in captions:
        for step in (1, -1):
            block = caption + step
            while is_cells(block):
                cells.add(block)
                block += step
    return cells


def _captions(lines: list[TextLine]) -> tuple[set[int], list[Caption]]:
    blocks: set[int] = set()
    captions: list[Caption] = []
    for index, line in enumerate(lines):
        match = _CAPTION_START.match(line.text)
        if not match or line.block in blocks:
            continue
        following = [x.text for x in _rest_of_block(lines, index)[1:]]
        text = collapse_spaces(join_lines([line.text[match.end() :], *following]))
        if len(text) < 3:
            continue
        blocks.add(line.block)
        kind = "table" if match["kind"].lower() == "table" else "figure"
        label = f"{kind.capitalize()} {match['id']}"
        captions.append(Caption(kind=kind, label=label, text=text, page=line.page))
    return blocks, captions
