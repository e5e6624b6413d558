"""The paper as a model reads it: the whole of it as Markdown for the close reading and the
fact-check (with its numbered bibliography), and the passages of the sections a chapter's plan
names for the writing.

A paper's outline is every heading at every level, including the run-in sub-headings that
ingestion left inside a section's text ("6.1.1 Global Citation Counts vs Reencountered
Citations (D1,D3)."), so the plan can name the part it means and the close reading's section
names are all on the plan's list. A chapter gets the whole parts its plan names; when they do
not fit, the parts that carry its beats stay whole and the others keep the paragraphs that hold
the beats' figures and terms, with "[…]" where paragraphs were left out. A beat figure the
named parts do not hold is added with the sentence that states it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from paperdive.errors import WriteError
from paperdive.models import Caption, Paper, Section, Table, cited_labels
from paperdive.writing.check import PaperIndex, content_words, name_forms, names_in
from paperdive.writing.model_scope import PaperScope
from paperdive.writing.quantities import Quantity, figures, quantities, supports
from paperdive.writing.sentences import split_sentences
from paperdive.writing.titles import readable_title

SECTION_NUMBER = re.compile(r"^\s*(?:§\s*)?([A-Z]|\d+)((?:\.\d+)*)\.?\s+")
NAME_PREFIX = re.compile(r"^\s*(?:sections?|sec\.|§|appendix|app\.)\s*", re.IGNORECASE)
PASSAGE_CHARS = 32_000  # a chapter's passages: enough for its sections, short enough to read
OMITTED = "[…]"
RARE_BLOCKS = 2  # a beat name this few paragraphs hold marks the ones to keep
EXACT = 1.0  # a source writing a beat figure as the beat does counts as one more figure held
ELSEWHERE = 0.25  # a beat figure elsewhere in a row's table counts this much for the row
MAX_RUN_IN_TITLE_WORDS = 14
SHARED_WORDS = 1  # content words a source shares with a beat to be about it, short of a name
CAPTION_PREFIX = 60  # a caption whose first characters the text holds is in it already
REFERENCES_HEADING = re.compile(r"^#{1,4} (?:References|Bibliography)\s*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")


def paper_markdown(paper: Paper) -> str:
    """Headings, paragraphs, tables and equations, as ingestion renders them (section by
    section from the plain text when the paper's own rendering fails), and the numbered
    bibliography at the end, so the close reading can cite works by their number."""
    try:
        text = paper.markdown()
    except Exception:  # an older paper.json: the sections' text still has the headings' order
        text = ""
    text = text if text.strip() else fallback_markdown(paper)
    text = _with_captions(paper, text)
    if paper.references and not REFERENCES_HEADING.search(text):
        entries = [f"[{ref.index}] {' '.join(ref.raw.split())}" for ref in paper.references]
        text = text.rstrip("\n") + "\n\n## References\n\n" + "\n\n".join(entries) + "\n"
    return text


def _with_captions(paper: Paper, text: str) -> str:
    """The text with every figure caption (and the caption of a table whose cells were not
    read) it lacks, gathered before the bibliography: a reader who cannot see the figures
    still reads what each shows."""
    flat = " ".join(text.split())
    missing = [
        c.markdown()
        for c in loose_captions(paper)
        if " ".join(c.text.split())[:CAPTION_PREFIX] not in flat
    ]
    if not missing:
        return text
    block = "## Figure and table captions\n\n" + "\n\n".join(missing)
    heading = REFERENCES_HEADING.search(text)
    if heading is None:
        return f"{text.rstrip()}\n\n{block}\n"
    return f"{text[: heading.start()].rstrip()}\n\n{block}\n\n{text[heading.start() :]}"


def fallback_markdown(paper: Paper) -> str:
    out = [f"# {paper.title}"]
    if paper.abstract:
        out += ["## Abstract", paper.abstract]
    for section in paper.sections:
        out += [_heading(section), section.text]
    out += [f"**{c.label}.** {c.text}" for c in paper.captions]
    return "\n\n".join(part for part in out if part.strip()) + "\n"


def _heading(section: Section) -> str:
    number = f"{section.number} " if section.number else ""
    appendix = " (appendix)" if getattr(section, "appendix", False) else ""
    return f"{'#' * min(section.level + 1, 4)} {number}{section.title}{appendix}"


# ---------------------------------------------------------------- the outline


@dataclass
class Part:
    """A headed stretch of the paper: a section's text up to its first run-in sub-heading,
    or one run-in sub-heading's text ("6.1.1 …" inside section 6.1)."""

    section: Section
    number: str | None
    title: str
    level: int
    paragraphs: list[str] = field(default_factory=list)
    first: int = 0  # the section paragraph its text starts in (equations sit after one)
    run_in: bool = False

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def paper_parts(paper: Paper) -> list[Part]:
    """Every headed part of the paper in order, at every level."""
    parts: list[Part] = []
    for section in paper.sections:
        parts += _split_run_in(section)
    return parts


def _split_run_in(section: Section) -> list[Part]:
    paragraphs = [p.text for p in getattr(section, "paragraphs", [])] or [section.text]
    head = Part(section, section.number, section.title, section.level)
    if not section.number:
        head.paragraphs = [p for p in paragraphs if p.strip()]
        return [head]
    pattern = re.compile(
        rf"(?:^|(?<=[\s.”\"’)]))(?<!Section )(?<!Sec\. )(?<!§)"
        rf"{re.escape(section.number)}\.(\d{{1,2}})\.?\s+(?=[A-Z])"
    )
    parts = [head]
    expected = 1
    for index, paragraph in enumerate(paragraphs):
        rest = paragraph
        while True:
            match = pattern.search(rest)
            title = _run_in_title(rest[match.end() :]) if match else None
            if match is None or title is None or int(match[1]) not in (expected, expected + 1):
                break
            before = rest[: match.start()].strip()
            if before:
                parts[-1].paragraphs.append(before)
            expected = int(match[1]) + 1
            parts.append(
                Part(
                    section,
                    f"{section.number}.{match[1]}",
                    title.strip().rstrip(".").strip(),
                    section.level + 1,
                    first=index,
                    run_in=True,
                )
            )
            rest = rest[match.end() + len(title) :].strip()
        if rest.strip():
            parts[-1].paragraphs.append(rest.strip())
    return parts


def _run_in_title(text: str) -> str | None:
    """The heading's words up to its full stop or the paragraph's end, when short enough."""
    end = re.search(r"\.(?:\s+(?=[A-Z“\"(])|\s*$)", text)
    title = text[: end.end()].strip() if end else text.strip()
    words = title.split()
    if not words or len(words) > MAX_RUN_IN_TITLE_WORDS:
        return None
    return text[: end.end()] if end else text


def section_labels(paper: Paper) -> list[str]:
    """Every heading of the paper at every level, as the plan may name them."""
    labels = [part.label for part in paper_parts(paper)]
    return ["Abstract", *labels] if paper.abstract else labels


# ---------------------------------------------------------------- chunks for the close reading


def chunk_markdown(text: str, budget: int) -> list[str]:
    """The Markdown in pieces of at most `budget` characters, cut before headings where it can,
    else between paragraphs; never mid-sentence, never dropped."""
    blocks = re.split(r"\n\n(?=#{1,4} )", text)
    pieces: list[str] = []
    for block in blocks:
        if len(block) <= budget:
            pieces.append(block)
            continue
        pieces += _split_block(block, budget)
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) + 2 > budget:
            chunks.append(current)
            current = ""
        current = f"{current}\n\n{piece}" if current else piece
    return [*chunks, current] if current else chunks


def _split_block(block: str, budget: int) -> list[str]:
    paragraphs = block.split("\n\n")
    pieces: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) <= budget:
            pieces.append(paragraph)
            continue
        sentences = _SENTENCE_END.split(paragraph)
        current = ""
        for sentence in sentences:
            if len(sentence) > budget:
                raise WriteError("a sentence of the paper is longer than the model's context")
            if current and len(current) + len(sentence) + 1 > budget:
                pieces.append(current)
                current = ""
            current = f"{current} {sentence}".strip()
        if current:
            pieces.append(current)
    return pieces


# ---------------------------------------------------------------- matching the plan's names


def match_sections(paper: Paper, names: list[str]) -> list[Section]:
    """The sections a plan names (see `match_parts`), each once, in the paper's order."""
    found: dict[int, Section] = {}
    for part in match_parts(paper, names):
        found.setdefault(id(part.section), part.section)
    return list(found.values())


def match_parts(paper: Paper, names: list[str]) -> list[Part]:
    """The parts a plan names, by number ("3.2"), by title, or by both as the prompt listed
    them, tolerant of case, punctuation, a "Section"/"§" prefix, a trailing "(D1,D3)", and a
    number or title that is slightly off; a part named brings its subparts. In order, once."""
    parts = paper_parts(paper)
    chosen: set[int] = set()
    for name in names:
        for hit in _lookup(parts, name):
            chosen.add(hit)
            following = hit + 1
            while following < len(parts) and parts[following].level > parts[hit].level:
                chosen.add(following)
                following += 1
    return [parts[p] for p in sorted(chosen)]


def _lookup(parts: list[Part], name: str) -> list[int]:
    number, title = _parse_name(name)
    titled = [p for p, part in enumerate(parts) if title and _title_key(part.title) == title]
    numbered = [p for p, part in enumerate(parts) if number and part.number == number]
    both = [p for p in numbered if p in titled]
    if both:
        return both
    if numbered and (not title or any(_close_titles(title, parts[p].title) for p in numbered)):
        return numbered
    if titled:
        return titled
    if len(title) > 3:
        inside = [
            p
            for p, part in enumerate(parts)
            if title in _title_key(part.title)
            or (len(_title_key(part.title)) > 3 and _title_key(part.title) in title)
        ]
        if inside:
            return inside
    close = [p for p, part in enumerate(parts) if title and _close_titles(title, part.title)]
    return close or numbered


def _parse_name(name: str) -> tuple[str, str]:
    name = NAME_PREFIX.sub("", name.strip())
    match = SECTION_NUMBER.match(name)
    if match:
        return match.group(1) + match.group(2), _title_key(name[match.end() :])
    bare = name.strip().rstrip(".")
    if re.fullmatch(r"[A-Z]?\d+(?:\.\d+)*|[A-Z]", bare):
        return bare, ""
    return "", _title_key(name)


def _normal(title: str) -> str:
    title = re.sub(r"\(appendix\)\s*$", "", title, flags=re.IGNORECASE)
    return " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())


def _title_key(title: str) -> str:
    """A title compared without case, punctuation or a trailing "(D1,D3)"."""
    title = re.sub(r"\s*\([^()]*\)\s*\.?\s*$", "", title.strip())
    return _normal(title)


def _close_titles(wanted: str, title: str) -> bool:
    a, b = set(wanted.split()), set(_title_key(title).split())
    return bool(a and b) and len(a & b) >= 0.6 * max(len(a), len(b))


# ---------------------------------------------------------------- a chapter's passages


def part_markdown(paper: Paper, part: Part) -> str:
    """One part as the paper's Markdown renders it: heading, paragraphs, and the tables,
    figure captions and equations that belong to it."""
    return "\n\n".join(b for b in _part_blocks(paper, part) if b.strip())


def _part_blocks(
    paper: Paper,
    part: Part,
    tables: list[Table] | None = None,
    captions: list[Caption] | None = None,
) -> list[str]:
    """The heading, then each paragraph with the equations that follow it, then the tables
    and figure captions that belong to the part (see `part_tables`, `part_captions`; each
    block whole: what a budget keeps or leaves out)."""
    section = part.section
    hashes = "#" * min(part.level + 1, 4)
    appendix = " (appendix)" if getattr(section, "appendix", False) and not part.run_in else ""
    blocks = [f"{hashes} {part.label}{appendix}"]
    for offset, paragraph in enumerate(part.paragraphs):
        index = part.first + offset
        equations = [
            e.markdown()
            for e in paper.equations
            if e.section == section.title and (e.after_paragraph or 0) == index
        ]
        blocks.append("\n\n".join([paragraph, *equations]))
    blocks += [t.markdown() for t in (part_tables(paper, part) if tables is None else tables)]
    shown = part_captions(paper, part) if captions is None else captions
    blocks += [c.markdown() for c in shown]
    return blocks


def part_captions(
    paper: Paper,
    part: Part,
    owners: dict[int, Section] | None = None,
    parts: list[Part] | None = None,
) -> list[Caption]:
    """The figure captions that are a part's content (and the captions of tables whose cells
    were not read): those its text cites ("Figure 2", "Fig. 2b", "Figs. 1 and 2", "Figures
    3–5", "Table 4"), and, as the last part of its section, those no section cites that were
    printed in it or, failing that, while it ran (see `_caption_owners`)."""
    text = " ".join(part.paragraphs)
    figures, tables = _figure_numbers(text), _table_numbers(text)
    owned = _caption_owners(paper) if owners is None else owners
    siblings = [p for p in (parts or paper_parts(paper)) if p.section is part.section]
    last = bool(siblings) and siblings[-1].label == part.label
    return [
        caption
        for caption in loose_captions(paper)
        if _caption_cited(caption, figures, tables)
        or (last and owned.get(id(caption)) is part.section)
    ]


def loose_captions(paper: Paper) -> list[Caption]:
    """Captions no table carries: every figure's, and a table's whose cells were not read."""
    tables = {t.label for t in paper.tables if t.label}
    return [c for c in paper.captions if c.kind == "figure" or c.label not in tables]


def _caption_cited(caption: Caption, figures: set[str], tables: set[str]) -> bool:
    number = _table_number(caption.label)
    if caption.kind == "figure":
        return _panel_free(number) in figures
    return number in tables


def _panel_free(number: str) -> str:
    """A figure's number without its panel letter: "5B" → "5" ("A1" stays)."""
    return re.sub(r"(?<=\d)[A-Za-z]$", "", number)


def _figure_numbers(text: str) -> set[str]:
    """The figure numbers a text cites, panels dropped, lists and ranges spelled out."""
    return {_panel_free(n) for n in _cited_numbers(text, "Figure")}


def _caption_owners(paper: Paper) -> dict[int, Section]:
    """Captions (by id) no section's text cites, each given to the section it was printed
    in when ingestion knows it, else to a section running on its page (see `_page_owner`)."""
    cited_figures = {n for s in paper.sections for n in _figure_numbers(s.text)}
    cited_tables = {n for s in paper.sections for n in _table_numbers(s.text)}
    by_title = {s.title: s for s in reversed(paper.sections)}
    owners: dict[int, Section] = {}
    for caption in loose_captions(paper):
        if _caption_cited(caption, cited_figures, cited_tables):
            continue
        printed_in = getattr(caption, "section", None)
        owner = by_title.get(printed_in) if isinstance(printed_in, str) else None
        owner = owner or _page_owner(paper, caption.page, caption.text)
        if owner is not None:
            owners[id(caption)] = owner
    return owners


def part_tables(
    paper: Paper,
    part: Part,
    owners: dict[int, Section] | None = None,
    parts: list[Part] | None = None,
) -> list[Table]:
    """The tables that are a part's content: those its text cites ("Table 2", "table 2",
    "Tab. 2", "Tables 2 and 3", "Tables 2–4"), and, as the last part of its section, those no
    section cites that were printed while the section ran (see `_table_owners`)."""
    cited = _table_numbers(" ".join(part.paragraphs))
    owned = _table_owners(paper) if owners is None else owners
    siblings = [p for p in (parts or paper_parts(paper)) if p.section is part.section]
    last = bool(siblings) and siblings[-1].label == part.label
    return [
        table
        for n, table in enumerate(paper.tables)
        if (table.label and _table_number(table.label) in cited)
        or (last and owned.get(n) is part.section)
    ]


def _table_numbers(text: str) -> set[str]:
    """The table numbers a text cites, lists and ranges spelled out: "Tables 2-4" → 2, 3, 4."""
    return _cited_numbers(text, "Table")


def _cited_numbers(text: str, kind: str) -> set[str]:
    """The numbers of the figures or tables ("Figure", "Table") that `cited_labels` finds."""
    return {
        label.split(" ", 1)[1].upper() for label in cited_labels(text) if label.startswith(kind)
    }


def _table_number(label: str) -> str:
    match = re.search(r"([A-Z]?\d+[a-z]?)\s*\.?\s*$", label, re.IGNORECASE)
    return match.group(1).upper() if match else label


def _table_owners(paper: Paper) -> dict[int, Section]:
    """Tables no section's text cites, each given to a section printed on its page: of the
    sections running on that page, the one whose text shares most words with the table's
    caption and row and column names (the later one on a tie)."""
    cited = {n for section in paper.sections for n in _table_numbers(section.text)}
    owners: dict[int, Section] = {}
    for n, table in enumerate(paper.tables):
        if table.page is None or (table.label and _table_number(table.label) in cited):
            continue
        header = table.rows[0] if table.rows else []
        heads = [table.caption, *header, *(row[0] for row in table.rows if row)]
        owner = _page_owner(paper, table.page, " ".join(heads))
        if owner is not None:
            owners[n] = owner
    return owners


def _page_owner(paper: Paper, page: int | None, text: str) -> Section | None:
    """Of the sections running on `page`, the one whose text shares most words with `text`
    (the later one on a tie); None when the page is unknown or no section runs on it."""
    if page is None:
        return None
    paged = [s for s in paper.sections if s.page is not None]
    running = [
        s
        for i, s in enumerate(paged)
        if (s.page or 0) <= page and (i + 1 == len(paged) or (paged[i + 1].page or 0) >= page)
    ]
    if not running:
        return None
    words = set(content_words(text))
    scores = [len(words & set(content_words(s.text))) for s in running]
    return running[max(range(len(running)), key=lambda i: (scores[i], i))]


@dataclass
class _Anchors:
    """What a chapter's beats rest on: their figures, names and words."""

    figures: list[Quantity]
    names: list[str]
    words: set[str]

    @classmethod
    def of(cls, beats: list[str]) -> _Anchors:
        text = " ".join(beats)
        return cls(
            figures=[q for q in quantities(text) if not q.minor],
            names=[f for n in dict.fromkeys(names_in(text)) for f in name_forms(n)],
            words=set(content_words(text)),
        )

    def figures_in(self, text: str) -> int:
        stated = quantities(text)
        return sum(1 for said in self.figures if any(supports(s, said) for s in stated))

    def rare_names(self, blocks: list[str]) -> list[str]:
        """The beat names that at most `RARE_BLOCKS` of the blocks hold."""
        squashed = [re.sub(r"[^a-z0-9]", "", b.lower()) for b in blocks]
        return [
            n
            for n in dict.fromkeys(self.names)
            if 0 < sum(1 for b in squashed if n in b) <= RARE_BLOCKS
        ]

    def score(self, text: str) -> float:
        """How much of the beats a block carries: figures most, then names, then words."""
        lowered = text.lower()
        names = sum(1 for n in self.names if n in re.sub(r"[^a-z0-9]", "", lowered))
        words = len(self.words & set(content_words(text)))
        return 10.0 * self.figures_in(text) + 3.0 * names + words


def chapter_passages(
    papers: list[Paper],
    names: list[str],
    beats: list[str],
    index: PaperIndex,
    budget: int = PASSAGE_CHARS,
    *,
    scope: PaperScope | None = None,
    recalled: Collection[int] = (),
) -> str:
    """The Markdown of the parts a chapter draws on, whole when they fit in `budget`
    characters, else fitted around its beats (see `_fit`); every beat figure comes with the
    sentence or table row that states it (see `_stating`). When the plan named no part the
    paper has, the passages most like the chapter's beats.

    In a digest each paper the chapter presents gets its own heading and a share of the
    budget (a paper whose parts need less leaves the rest to the others), and is fitted
    around the beats about it. Papers in `recalled` (presented in an earlier chapter) are
    not read again: the chapter refers back to them from the points already made."""
    digest = len(papers) > 1
    groups: dict[int, list[list[str]]] = {}
    for number, paper in enumerate(papers):
        if number in recalled:
            continue
        prefix = f"P{number + 1} · "
        wanted = [n.split(" · ", 1)[1] for n in names if n.startswith(prefix)] if digest else names
        found = _paper_groups(paper, wanted)
        if found:
            groups[number] = found
    if not groups:
        related = index.related(" ".join(beats), 12)
        return _join([f"({p.section}) {p.text}" if p.section else p.text for p in related])
    scope = scope or PaperScope(papers, None if digest else [index])
    chapter = sorted(groups)
    about = [(beat, (scope.about(beat) or set(chapter)) if digest else {0}) for beat in beats]
    headings = {p: f"# P{p + 1} · {readable_title(papers[p])}" for p in chapter} if digest else {}
    shares = _shares(
        {p: sum(_size(g) for g in groups[p]) for p in chapter},
        budget - sum(len(h) + 2 for h in headings.values()),
    )
    texts: dict[int, str] = {}
    for p in chapter:
        own = [beat for beat, concerned in about if p in concerned] or beats
        texts[p] = _fit(groups[p], _Anchors.of(own), shares[p])
    text = _join([f"{headings[p]}\n\n{texts[p]}" if digest else texts[p] for p in chapter])
    extra = _stating(papers, scope, about, chapter, text, digest)
    if extra:
        text += "\n\n## From other sections (the sentences and table rows that state this "
        text += "chapter's figures)\n\n" + "\n\n".join(extra)
    return text


def _paper_groups(paper: Paper, wanted: list[str]) -> list[list[str]]:
    """The blocks of each part of `paper` a plan names (the abstract too), each table once."""
    groups: list[list[str]] = []
    if "abstract" in {_title_key(n) for n in wanted} and paper.abstract:
        groups.append(["## Abstract", paper.abstract])
    parts = paper_parts(paper)
    owners = _table_owners(paper)
    caption_owners = _caption_owners(paper)
    shown: set[int] = set()
    for part in match_parts(paper, wanted):
        tables = [t for t in part_tables(paper, part, owners, parts) if id(t) not in shown]
        captions = [
            c for c in part_captions(paper, part, caption_owners, parts) if id(c) not in shown
        ]
        shown |= {id(t) for t in tables} | {id(c) for c in captions}
        groups.append(_part_blocks(paper, part, tables, captions))
    return groups


def _shares(sizes: dict[int, int], budget: int) -> dict[int, int]:
    """The budget split evenly, a paper that needs less than its share leaving the rest."""
    shares: dict[int, int] = {}
    pending = sorted(sizes, key=lambda p: sizes[p])
    left = max(budget, 0)
    while pending:
        even = left // len(pending)
        if sizes[pending[0]] > even:
            shares.update({p: even for p in pending})
            break
        first = pending.pop(0)
        shares[first] = sizes[first]
        left -= sizes[first]
    return shares


@dataclass
class _Source:
    """Where the paper states a beat figure: a sentence, or a table row."""

    paper: int
    text: str  # the sentence, or the row as the table's Markdown prints it
    section: str | None = None
    table: Table | None = None
    row: list[str] = field(default_factory=list)


def _stating(
    papers: list[Paper],
    scope: PaperScope,
    about: list[tuple[str, set[int]]],
    chapter: list[int],
    text: str,
    digest: bool,
) -> list[str]:
    """For each beat figure the passages do not state (in any form the grounding check
    accepts) where the paper states it, that sentence or table row (with the table's caption
    and header), paper by paper under the paper's heading in a digest. Where a figure is
    stated is found by the company it keeps: the papers the beat is about before the
    chapter's other papers before the rest, then the sentence or row that also holds the beat
    sentence's other figures (or whose table does) and writes the figure as the beat does,
    then its names, then its words; a sentence or row that shares no name and hardly a word
    with the beat (see `_about_beat`) is a coincidence of numbers, never a source."""
    flat = " ".join(text.split())
    held = quantities(flat)
    sentences: dict[int, list[str]] = {}
    rows: dict[int, dict[int, list[list[str]]]] = {}
    tables: dict[int, Table] = {}
    for beat, concerned in about:
        for said_in in split_sentences(beat) or [beat]:
            stated = figures(said_in)
            for said in stated:
                if any(supports(q, said) for q in held):
                    continue  # the chapter's own sections state it: nothing to add
                mates = [q for q in stated if q is not said]
                source = _source_of(papers, scope, said, mates, said_in, concerned, chapter, flat)
                if source is None:
                    continue
                if source.table is None:
                    line = f"({source.section}) {source.text}" if source.section else source.text
                    found = sentences.setdefault(source.paper, [])
                    if line not in found:
                        found.append(line)
                    continue
                tables[id(source.table)] = source.table
                chosen = rows.setdefault(source.paper, {}).setdefault(id(source.table), [])
                if source.row not in chosen:
                    chosen.append(source.row)
    out: list[str] = []
    for paper in sorted(set(sentences) | set(rows)):
        if digest:
            out.append(f"### P{paper + 1} · {readable_title(papers[paper])}")
        out += sentences.get(paper, [])
        for table, chosen in rows.get(paper, {}).items():
            whole = tables[table]
            shown = Table(label=whole.label, caption=whole.caption, rows=whole.rows[:1] + chosen)
            out.append(shown.markdown())
    return out


def _source_of(
    papers: list[Paper],
    scope: PaperScope,
    said: Quantity,
    mates: list[Quantity],
    sentence: str,
    concerned: set[int],
    chapter: list[int],
    flat: str,
) -> _Source | None:
    """Where the paper states `said`, when the passages (`flat`) do not already hold a
    sentence or row that states it as well as the best one does (as near the beat's papers,
    with as many of its other figures); None when they do, or no paper states it."""
    names = [f for n in dict.fromkeys(names_in(sentence)) for f in name_forms(n)]
    words = set(content_words(sentence))
    ranked: list[tuple[tuple[float, ...], _Source]] = []
    for p in scope.holders_of_figure(said):
        tier = 0 if p in concerned else 1 if p in chapter else 2
        for source, company in _candidates(papers[p], p, scope.indexes[p], said, mates):
            if not _about_beat(source, names, words):
                continue
            exact = any(_same(stated, said) for stated in quantities(source.text))
            key = (
                float(tier),
                -(company + (EXACT if exact else 0.0)),
                -float(_names_held(source.text, names)),
                -float(len(words & set(content_words(source.text)))),
            )
            ranked.append((key, source))
    if not ranked:
        return None
    best = min(ranked, key=lambda ks: ks[0])
    if any(key[:2] == best[0][:2] and _shown(source, flat) for key, source in ranked):
        return None
    return best[1]


def _candidates(
    paper: Paper, number: int, index: PaperIndex, said: Quantity, mates: list[Quantity]
) -> list[tuple[_Source, float]]:
    """The paper's sentences and table rows stating `said`, each with how many of `mates`
    it states too (a row also counts a little for each mate elsewhere in its table)."""
    labels = {t.label for t in paper.tables if t.label}
    found: list[tuple[_Source, float]] = []
    for passage in index.holding(said):
        if passage.section in labels or passage.bibliography:
            continue  # table rows are read from the tables themselves, below
        company = sum(1 for m in mates if any(supports(q, m) for q in passage.quantities))
        found.append((_Source(number, passage.text, passage.section), float(company)))
    for table in paper.tables:
        stated = [quantities(" | ".join(row)) for row in table.rows[1:]]
        for row, held in zip(table.rows[1:], stated, strict=True):
            if not any(supports(q, said) for q in held):
                continue
            here = [m for m in mates if any(supports(q, m) for q in held)]
            elsewhere = [
                m
                for m in mates
                if m not in here and any(supports(q, m) for other in stated for q in other)
            ]
            line = _row_line(table, row)
            source = _Source(number, line, table.label, table, row)
            found.append((source, len(here) + ELSEWHERE * len(elsewhere)))
    return found


def _about_beat(source: _Source, names: list[str], words: set[str]) -> bool:
    """Whether a sentence or table row is about what the beat says, not only a holder of the
    same number ("6" in a word problem for "6 experts fire per token"): it names one of the
    beat's names or shares a content word with it (`SHARED_WORDS`), a row counting its table's
    caption and header row too."""
    text = source.text
    if source.table is not None:
        header = " ".join(source.table.rows[0]) if source.table.rows else ""
        text = f"{source.table.caption or ''} {header} {text}"
    shared = words & set(content_words(text))
    return _names_held(text, names) > 0 or len(shared) >= SHARED_WORDS


def _row_line(table: Table, row: list[str]) -> str:
    """A row as the table's Markdown prints it."""
    width = max(len(r) for r in table.rows)
    cells = [c.replace("|", "\\|") for c in row] + [""] * (width - len(row))
    return "| " + " | ".join(cells) + " |"


def _same(stated: Quantity, said: Quantity) -> bool:
    """The figure as the beat writes it: the same value, in the beat's unit when it gives
    one ("42.5%" is not a score of 42.5; "1,000 shuffles" is "1,000 times")."""
    unit = said.unit == "none" or stated.unit == said.unit
    return unit and abs(stated.value - said.value) <= 1e-9 * max(abs(said.value), 1.0)


def _shown(source: _Source, flat: str) -> bool:
    return " ".join(source.text.split()) in flat


def _names_held(text: str, names: list[str]) -> int:
    squashed = re.sub(r"[^a-z0-9]", "", text.lower())
    return sum(1 for n in names if n in squashed)


def _fit(groups: list[list[str]], anchors: _Anchors, budget: int) -> str:
    """The parts whole when they fit. Otherwise the parts that carry most of the beats stay
    whole while the budget allows; each other part keeps its heading, its first paragraph, and
    the paragraphs holding the beats' figures, names and words, best first, in the paper's
    order, with "[…]" where paragraphs were left out; a paragraph too long even so keeps its
    sentences that carry a beat figure."""
    if sum(_size(g) for g in groups) <= budget:
        return _join([_join(g) for g in groups])
    scores = [anchors.score(_join(g)) / max(_size(g), 1) ** 0.5 for g in groups]
    order = sorted(range(len(groups)), key=lambda g: -scores[g])
    # First what every part keeps at least: its heading and the paragraphs with beat figures
    # or with a beat name the parts hardly use ("cites Kimi k1.5").
    rare = anchors.rare_names([block for group in groups for block in group[1:]])
    kept: list[set[int]] = []
    for group in groups:
        must = {0} | {
            n
            for n, block in enumerate(group)
            if n > 0 and (anchors.figures_in(block) or _names_held(block, rare))
        }
        kept.append(must)
    used = sum(_size([groups[g][n] for n in kept[g]]) for g in range(len(groups)))
    # Then whole parts, those carrying most of the beats first.
    for g in order:
        extra = _size(groups[g]) - _size([groups[g][n] for n in kept[g]])
        if used + extra <= budget:
            kept[g] = set(range(len(groups[g])))
            used += extra
    # Then, part by part, the best of the remaining paragraphs that fit.
    for g in order:
        candidates = sorted(
            (n for n in range(1, len(groups[g])) if n not in kept[g]),
            key=lambda n: (-anchors.score(groups[g][n]), n),
        )
        first = 1 if len(groups[g]) > 1 else None
        if first is not None and first not in kept[g]:
            candidates = [first] + [n for n in candidates if n != first]
        for n in candidates:
            if used + len(groups[g][n]) + 2 <= budget:
                kept[g].add(n)
                used += len(groups[g][n]) + 2
    out: list[str] = []
    for g, group in enumerate(groups):
        blocks: list[str] = []
        for n, block in enumerate(group):
            if n in kept[g]:
                blocks.append(block)
            elif not blocks or blocks[-1] != OMITTED:
                blocks.append(OMITTED)
        out.append(_join(blocks))
    text = _join(out)
    return text if len(text) <= budget else _sentences_only(text, anchors, budget)


def _sentences_only(text: str, anchors: _Anchors, budget: int) -> str:
    """Too long even as paragraphs: the headings, then the sentences holding beat figures,
    then those sharing most with the beats, each paragraph's in its order ("…" between)."""
    blocks = text.split("\n\n")
    sentences = [
        [] if b.startswith("#") or b == OMITTED else split_sentences(b) or [b] for b in blocks
    ]
    size = sum(len(b) + 2 for b, s in zip(blocks, sentences, strict=True) if not s)
    ranked = sorted(
        ((b, n) for b, found in enumerate(sentences) for n in range(len(found))),
        key=lambda bn: (-anchors.score(sentences[bn[0]][bn[1]]), bn),
    )
    chosen: set[tuple[int, int]] = set()
    for b, n in ranked:
        if size + len(sentences[b][n]) + 1 <= budget:
            chosen.add((b, n))
            size += len(sentences[b][n]) + 1
    out: list[str] = []
    for b, block in enumerate(blocks):
        if not sentences[b]:
            out.append(block)
            continue
        picked = [s for n, s in enumerate(sentences[b]) if (b, n) in chosen]
        if len(picked) == len(sentences[b]):
            out.append(block)
        elif picked:
            out.append(" … ".join(picked))
        elif out and out[-1] != OMITTED:
            out.append(OMITTED)
    return _join(out)


def _size(blocks: list[str]) -> int:
    return sum(len(b) + 2 for b in blocks)


def _join(blocks: list[str]) -> str:
    return "\n\n".join(b for b in blocks if b.strip())


# ---------------------------------------------------------------- a plan's beats and sections

MAX_ADDED_SECTIONS = 2  # sections added to one chapter for its beats' figures; the rest come
# as the sentences that state them (see `_stating`)


def sections_for_beats(paper: Paper, names: list[str], beats: list[str]) -> list[str]:
    """The parts of `paper` to add to a chapter's `names` so that every figure its beats
    say is in the chapter's sections: for each figure the named parts do not state (in any
    form the grounding check accepts), the part that states it where it keeps the beat's
    company (see `_source_of`), at most `MAX_ADDED_SECTIONS`, as the plan lists them. A
    plan's beats may draw on its notes, whose figures the close reading found in any part;
    the chapter's writer sees only the parts the chapter lists."""
    return sections_for_chapters(paper, [(names, beats)])[0]


def sections_for_chapters(
    paper: Paper, chapters: list[tuple[list[str], list[str]]]
) -> list[list[str]]:
    """`sections_for_beats` for each of a plan's chapters (its names, its beats), with the
    paper indexed once for them all."""
    searched = _Searched(
        paper, PaperScope([paper], [PaperIndex([paper])]), paper_parts(paper), _table_owners(paper)
    )
    return [_sections_for_beats(searched, names, beats) for names, beats in chapters]


@dataclass
class _Searched:
    """A paper as `sections_for_beats` searches it for a beat's figure."""

    paper: Paper
    scope: PaperScope
    parts: list[Part]
    owners: dict[int, Section]


def _sections_for_beats(searched: _Searched, names: list[str], beats: list[str]) -> list[str]:
    paper, parts = searched.paper, searched.parts
    named = _paper_groups(paper, names)
    flat = " ".join(_join([_join(g) for g in named]).split())
    held = quantities(flat)
    added: list[str] = []
    for beat in beats:
        for sentence in split_sentences(beat) or [beat]:
            stated = figures(sentence)
            for said in stated:
                if any(supports(q, said) for q in held):
                    continue
                mates = [q for q in stated if q is not said]
                source = _source_of([paper], searched.scope, said, mates, sentence, {0}, [0], flat)
                label = _source_part(paper, source, parts, searched.owners) if source else None
                if label is None or label in added:
                    continue
                added.append(label)
                held += quantities(_flat_part(paper, label, parts))
                if len(added) >= MAX_ADDED_SECTIONS:
                    return added
    return added


def _flat_part(paper: Paper, label: str, parts: list[Part]) -> str:
    if label == "Abstract":
        return paper.abstract or ""
    return " ".join(" ".join(part_markdown(paper, p).split()) for p in parts if p.label == label)


def _source_part(
    paper: Paper, source: _Source, parts: list[Part], owners: dict[int, Section]
) -> str | None:
    """The label of the part a sentence or table row is in ("Abstract" for the abstract):
    the part of the source's section whose text holds the sentence, else the section's
    first part; a table's, the part that cites it or was printed with it."""
    if source.table is not None:
        for part in parts:
            if any(t is source.table for t in part_tables(paper, part, owners, parts)):
                return part.label
        return None
    if source.section == "Abstract" and paper.abstract:
        return "Abstract"
    mine = [p for p in parts if p.section.title == source.section]
    wanted = " ".join(source.text.split())[:80]
    for part in mine:
        if wanted and wanted in " ".join(" ".join(part.paragraphs).split()):
            return part.label
    return mine[0].label if mine else None
