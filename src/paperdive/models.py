"""Artifacts that pass between pipeline stages.

Every stage reads and writes these as JSON in the episode folder, so any stage can be
re-run, inspected and cached on its own. Bump SCHEMA_VERSION when a field changes meaning.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

SCHEMA_VERSION = 3  # 2: Section.paragraphs/appendix; Paper tables, footnotes, ...; 3: "cites"

HostRole = Literal["explainer", "skeptic"]
ScriptFormat = Literal["deep-dive", "brief", "critique", "debate", "digest"]


class Artifact(BaseModel):
    schema_version: int = SCHEMA_VERSION


# ---------------------------------------------------------------- ingest -> Paper


SentenceMark = Literal[
    "math",  # carries inline math (written $...$ in the text)
    "figure",  # leans on a figure to make sense
    "table",  # leans on a table
    "equation",  # leans on a displayed equation
    "citation_gap",  # removing its citation would break it: the citation is kept in the text
    "fragment",  # not a complete sentence: cut by a display, a list lead-in, heading residue
    "footnote",  # a footnote, not running prose
    "cites",  # cites other work (its markers may have been taken out): whose idea it tells
]


class Sentence(BaseModel):
    """One sentence as a listener would hear it, with what it is (see SentenceMark).

    `text` is already cleaned: line-break hyphens rejoined, footnote marks stripped,
    citation markers removed where that leaves a grammatical sentence.
    """

    text: str
    marks: list[SentenceMark] = Field(default_factory=list)

    def speakable(self) -> bool:
        """Prose that can be read aloud as it stands."""
        return not {"math", "citation_gap", "fragment", "footnote"} & set(self.marks)


class Paragraph(BaseModel):
    sentences: list[Sentence] = Field(default_factory=list)
    printed: str = ""  # the paragraph as printed: citation markers kept (for citing by number)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


class Section(BaseModel):
    title: str
    level: int = 1  # 1, 2, 3: the heading tree (a level never jumps by more than one)
    number: str | None = None  # "3.2" when the paper numbers its headings
    text: str = ""  # the section's paragraphs as printed, citation markers kept (older readers)
    page: int | None = None  # 1-based page where the heading appears
    paragraphs: list[Paragraph] = Field(default_factory=list)
    appendix: bool = False


class Reference(BaseModel):
    index: int  # 1-based position in the bibliography
    raw: str
    title: str | None = None
    authors: str | None = None
    year: int | None = None
    arxiv_id: str | None = None
    doi: str | None = None
    url: str | None = None

    def link(self) -> str | None:
        """Best public link to the referenced work, or None when there is none."""
        if self.arxiv_id:
            return f"https://arxiv.org/abs/{self.arxiv_id}"
        if self.doi:
            return f"https://doi.org/{self.doi}"
        return self.url


class Caption(BaseModel):
    kind: Literal["figure", "table"]
    label: str  # "Figure 2", "Table 1"
    text: str
    page: int | None = None
    section: str | None = None  # title of the section it is printed in
    after_paragraph: int | None = None  # index into that section's paragraphs (-1: before all)

    def markdown(self) -> str:
        return f"**{self.label}.** {self.text}"


class Table(BaseModel):
    label: str | None = None  # "Table 2"
    caption: str = ""
    rows: list[list[str]] = Field(default_factory=list)  # first row: the header, when known
    page: int | None = None
    section: str | None = None  # where it is printed, as for Caption
    after_paragraph: int | None = None

    def markdown(self) -> str:
        """The caption, then the cells as a Markdown table (when they could be read); a
        table of one column (an example prompt, a listing) as quoted lines."""
        head = f"**{self.label}.** {self.caption}" if self.label else self.caption
        if not self.rows:
            return head
        if all(len(row) <= 1 for row in self.rows):
            quoted = "\n".join(f"> {row[0]}" if row else ">" for row in self.rows)
            return f"{head}\n\n{quoted}".strip()
        width = max(len(row) for row in self.rows)
        rows = [
            [c.replace("|", "\\|") for c in row] + [""] * (width - len(row)) for row in self.rows
        ]
        lines = ["| " + " | ".join(row) + " |" for row in rows]
        lines.insert(1, "|" + " --- |" * width)
        return "\n".join([head, "", *lines]).strip()


class Footnote(BaseModel):
    mark: str | None = None  # "3", "*", "†"
    text: str
    page: int | None = None


class Equation(BaseModel):
    label: str | None = None  # "1", "A.3": the number printed beside it
    latex: str | None = None  # from the e-print, when there is one
    text: str = ""  # read from the PDF's layout: LaTeX-like ('\frac{a}{b}', 'x_i^2', '∑')
    page: int | None = None
    section: str | None = None  # title of the section it sits in
    after_paragraph: int | None = None  # index into that section's paragraphs

    def markdown(self) -> str:
        body = self.latex or self.text
        tag = f" \\tag{{{self.label}}}" if self.label else ""
        return f"$$\n{body}{tag}\n$$"


_LABEL = r"[A-Z]?\d{1,3}(?:\.\d{1,2})?"
_CITED = re.compile(
    rf"\b(?P<kind>Tab(?:le)?s?|Fig(?:ure)?s?)\.?\s*~?\s*(?P<list>{_LABEL}[a-z]?(?:\([a-z]\))?"
    rf"(?:\s*(?:,|and|&|or|to|–|—|-)\s*(?:{_LABEL}[a-z]?(?:\([a-z]\))?))*)",
    re.I,
)
_CITED_PART = re.compile(rf"{_LABEL}|–|—|-|\bto\b")
_MAX_RANGE = 20


def cited_labels(text: str) -> list[str]:
    """The tables and figures a text cites, as their captions' labels, in order: 'table 3',
    'Tab. 3', 'Tables 2–4' (2, 3 and 4), 'Figs. 1 and 2', 'Figure 5b'."""
    found: list[str] = []
    for match in _CITED.finditer(text):
        kind = "Table" if match["kind"].lower().startswith("tab") else "Figure"
        numbers: list[str] = []
        ranged = False
        for part in _CITED_PART.findall(match["list"]):
            if part in ("–", "—", "-", "to"):
                ranged = bool(numbers)
                continue
            if ranged and numbers[-1].isdigit() and part.isdigit():
                low, high = int(numbers[-1]), int(part)
                if low < high <= low + _MAX_RANGE:
                    numbers += [str(n) for n in range(low + 1, high)]
            numbers.append(part)
            ranged = False
        for number in numbers:
            label = f"{kind} {number.upper() if number[:1].isalpha() else number}"
            if label not in found:
                found.append(label)
    return found


class NumberMention(BaseModel):
    text: str  # as written: "85%", "3.3x", "1,024", "0.92"
    value: float
    unit: str | None = None  # "%", "x", "ms", "B" ...
    sentence: str
    section: str | None = None


class Paper(Artifact):
    source: str  # what the user gave: arXiv id, URL or path
    source_kind: Literal["arxiv", "pdf_url", "local_pdf"]
    title: str
    authors: list[str] = Field(default_factory=list)
    published: date | None = None
    updated: date | None = None
    arxiv_id: str | None = None
    categories: list[str] = Field(default_factory=list)
    abstract: str = ""
    url: str | None = None  # landing page (arXiv abs page, or the PDF URL)
    pdf_sha256: str | None = None
    page_count: int = 0
    language: str = "en"
    sections: list[Section] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    captions: list[Caption] = Field(default_factory=list)
    numbers: list[NumberMention] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    equations: list[Equation] = Field(default_factory=list)
    coverage: float | None = None  # body characters placed in sections / body characters read
    warnings: list[str] = Field(default_factory=list)  # what ingest could not read right

    def full_text(self) -> str:
        parts = [self.title, self.abstract]
        parts += [f"{s.title}\n{s.text}" for s in self.sections]
        parts += [c.text for c in self.captions]
        return "\n\n".join(p for p in parts if p)

    def markdown(self) -> str:
        """The text a model reads: headings, paragraphs, tables, equations (LaTeX when known)."""
        out = [f"# {self.title}"]
        if self.authors:
            out.append(", ".join(self.authors))
        if self.abstract:
            out += ["## Abstract", self.abstract]
        equations: dict[tuple[str, int], list[Equation]] = {}
        for equation in self.equations:
            key = (equation.section or "", equation.after_paragraph or 0)
            equations.setdefault(key, []).append(equation)
        floats = self._floats()
        for section in self.sections:
            number = f"{section.number} " if section.number else ""
            out.append(f"{'#' * min(section.level + 1, 4)} {number}{section.title}")
            paragraphs = [p.printed or p.text for p in section.paragraphs] or [section.text]
            out += floats.at(section.title, -1)
            for index, paragraph in enumerate(paragraphs):
                out.append(paragraph)
                out += [e.markdown() for e in equations.pop((section.title, index), [])]
                out += floats.cited(paragraph)
                out += floats.at(section.title, index)
            out += floats.at(section.title, None)
        out += floats.rest()
        if self.references:  # numbered, so a reader can cite works by number
            out.append("## References")
            out.append("\n".join(f"[{r.index}] {r.raw}" for r in self.references))
        return "\n\n".join(part for part in out if part.strip()) + "\n"

    def _floats(self) -> _Floats:
        texts = [p.printed or p.text for s in self.sections for p in s.paragraphs]
        texts += [s.text for s in self.sections if not s.paragraphs]
        floats = _Floats({label for text in texts for label in cited_labels(text)})
        tables = {t.label for t in self.tables if t.label}
        for table in self.tables:
            floats.add(table.label, table.markdown(), table.section, table.after_paragraph)
        for caption in self.captions:  # a figure that is a table of text comes as its table
            if caption.label not in tables:
                floats.add(
                    caption.label, caption.markdown(), caption.section, caption.after_paragraph
                )
        return floats


class _Float:
    def __init__(self, label: str | None, text: str) -> None:
        self.label = label
        self.text = text
        self.shown = False


class _Floats:
    """Tables and figure captions for Paper.markdown(): each after the first paragraph that
    cites it; one cited nowhere where it is printed; the rest at the end."""

    def __init__(self, cited: set[str]) -> None:
        self.cited_anywhere = cited
        self.all: list[_Float] = []
        self.by_label: dict[str, list[_Float]] = {}
        self.by_place: dict[tuple[str, int | None], list[_Float]] = {}

    def add(self, label: str | None, text: str, section: str | None, after: int | None) -> None:
        item = _Float(label, text)
        self.all.append(item)
        if label and label in self.cited_anywhere:
            self.by_label.setdefault(label, []).append(item)
        elif section is not None:
            self.by_place.setdefault((section, after), []).append(item)

    @staticmethod
    def _show(items: list[_Float]) -> list[str]:
        out = [item.text for item in items if not item.shown]
        for item in items:
            item.shown = True
        return out

    def cited(self, paragraph: str) -> list[str]:
        return [
            text
            for label in cited_labels(paragraph)
            for text in self._show(self.by_label.pop(label, []))
        ]

    def at(self, section: str, after: int | None) -> list[str]:
        return self._show(self.by_place.pop((section, after), []))

    def rest(self) -> list[str]:
        return self._show(self.all)


# ---------------------------------------------------------------- write stages


class SourceRef(BaseModel):
    """A passage of the paper that a line of the script rests on."""

    section: str | None = None
    quote: str


class NotePoint(BaseModel):
    text: str
    section: str | None = None
    numbers: list[str] = Field(default_factory=list)


class Notes(Artifact):
    """Close-reading notes: what a careful reader takes away from one paper."""

    paper_title: str
    problem: list[NotePoint] = Field(default_factory=list)
    method: list[NotePoint] = Field(default_factory=list)
    math: list[NotePoint] = Field(default_factory=list)
    results: list[NotePoint] = Field(default_factory=list)
    limitations: list[NotePoint] = Field(default_factory=list)
    threats: list[NotePoint] = Field(default_factory=list)
    related_work: list[NotePoint] = Field(default_factory=list)


class ChapterPlan(BaseModel):
    title: str
    description: str  # one line, shown in the show notes
    beats: list[str] = Field(default_factory=list)
    word_budget: int
    sections: list[str] = Field(default_factory=list)  # paper sections it draws on
    # The percent of the chapter's words the skeptic speaks, as a model's plan set it.
    skeptic_share: int | None = None


class Outline(Artifact):
    format: ScriptFormat
    target_minutes: float
    words_per_minute: float = 150.0  # the voices' speaking rate the budgets were planned at
    chapters: list[ChapterPlan]
    # Set when the paper has too little to say for target_minutes: the length it supports.
    supported_minutes: float | None = None

    @property
    def planned_minutes(self) -> float:
        """The length the episode was planned at: the target, or what the paper supports."""
        return min(self.target_minutes, self.supported_minutes or self.target_minutes)


class Turn(BaseModel):
    host: HostRole
    text: str
    chapter: int  # index into Script.chapters
    source_refs: list[SourceRef] = Field(default_factory=list)
    gloss: str | None = None  # the field's term this turn explains: background, not the paper


class ChapterHeading(BaseModel):
    title: str
    description: str = ""


class Script(Artifact):
    title: str
    format: ScriptFormat
    hosts: dict[HostRole, str]  # role -> the host's display name
    chapters: list[ChapterHeading]
    turns: list[Turn]
    models: list[str] = Field(default_factory=list)  # what wrote it, for the disclosure

    def word_count(self) -> int:
        return sum(len(t.text.split()) for t in self.turns)


class CheckItem(BaseModel):
    kind: Literal["number", "named_result", "claim", "repetition", "balance"]
    turn: int  # index into Script.turns at check time
    text: str  # the number / name / claim that was checked
    status: Literal["grounded", "revised", "cut", "flagged"]
    evidence: str | None = None  # the paper passage it was checked against
    section: str | None = None
    note: str | None = None


class Review(Artifact):
    items: list[CheckItem] = Field(default_factory=list)

    def count(self, kind: str | None = None, status: str | None = None) -> int:
        return sum(
            1
            for i in self.items
            if (kind is None or i.kind == kind) and (status is None or i.status == status)
        )


class Reading(BaseModel):
    title: str
    url: str
    reason: str
    reference_index: int  # position in the paper's bibliography it was taken from


class ChapterNote(BaseModel):
    title: str
    description: str
    start: float | None = None  # seconds; filled in by the audio stage


class PaperLink(BaseModel):
    title: str
    url: str | None = None
    published: date | None = None


class ShowNotes(Artifact):
    title: str
    hook: str
    takeaways: list[str]
    chapters: list[ChapterNote]
    readings: list[Reading] = Field(default_factory=list)
    disclosure: str
    source_url: str | None = None
    paper_date: date | None = None
    papers: list[PaperLink] = Field(default_factory=list)  # every paper (digest episodes)
    summary: str | None = None  # digest summary paragraph
    left_out: list[str] = Field(default_factory=list)  # digest sources not read: "SOURCE: why"


# ---------------------------------------------------------------- voice -> audio


class WordTiming(BaseModel):
    word: str
    start: float
    end: float
    host: HostRole
    turn: int


class ChapterMark(BaseModel):
    title: str
    start: float
    end: float


class EpisodeAudio(Artifact):
    mp3: str  # file name inside the episode folder
    duration: float  # seconds
    bytes: int
    sample_rate: int
    channels: int
    loudness_lufs: float
    true_peak_dbtp: float
    chapters: list[ChapterMark]
    engine: str  # e.g. "kokoro"
    voices: dict[HostRole, str]


# ---------------------------------------------------------------- the episode


class EpisodeInfo(Artifact):
    slug: str
    kind: Literal["deep-dive", "digest"]
    format: ScriptFormat
    sources: list[str]
    title: str | None = None
    created: datetime
    status: Literal["ingested", "scripted", "voiced", "published", "failed"] = "ingested"
    error: str | None = None
    # The length asked for (the format's default when none was): two lengths are two
    # episodes. None for an episode made before that, when every length was one episode.
    minutes: float | None = None
