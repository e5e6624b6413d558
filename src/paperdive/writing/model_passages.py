"""The paper as a model reads it: the whole of it as Markdown for the close reading and the
fact-check, and the passages of the sections a chapter's plan names for the writing."""

from __future__ import annotations

import re

from paperdive.errors import WriteError
from paperdive.models import Paper, Section
from paperdive.writing.check import PaperIndex

SECTION_NUMBER = re.compile(r"^\s*(?:§\s*)?([A-Z]|\d+)((?:\.\d+)*)\.?\s+")
PASSAGE_CHARS = 24_000  # a chapter's passages: enough for its sections, short enough to read


def paper_markdown(paper: Paper) -> str:
    """Headings, paragraphs, tables and equations, as ingestion renders them; section by
    section from the plain text when the paper's own rendering fails."""
    try:
        text = paper.markdown()
    except Exception:  # an older paper.json: the sections' text still has the headings' order
        text = ""
    return text if text.strip() else fallback_markdown(paper)


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


def section_label(section: Section) -> str:
    """How prompts name a section: "3.2 Load-aware scheduling"."""
    return f"{section.number} {section.title}" if section.number else section.title


def section_labels(paper: Paper) -> list[str]:
    labels = [section_label(s) for s in paper.sections]
    return ["Abstract", *labels] if paper.abstract else labels


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
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z(\"“])", paragraph)
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


def match_sections(paper: Paper, names: list[str]) -> list[Section]:
    """The sections a plan names, by number ("3.2"), by title, or by both as the prompt listed
    them; a section named brings its subsections. In the paper's order, each once."""
    sections = paper.sections
    chosen: set[int] = set()
    for name in names:
        number, title = _parse_name(name)
        hits = [
            p
            for p, s in enumerate(sections)
            if (number and s.number and (s.number == number or s.number.startswith(f"{number}.")))
            or (title and _normal(s.title) == title)
        ]
        if not hits and len(title) > 3:
            hits = [p for p, s in enumerate(sections) if title in _normal(s.title)]
        for hit in hits:
            chosen.add(hit)
            following = hit + 1
            while following < len(sections) and sections[following].level > sections[hit].level:
                chosen.add(following)
                following += 1
    return [sections[p] for p in sorted(chosen)]


def _parse_name(name: str) -> tuple[str, str]:
    match = SECTION_NUMBER.match(name)
    if match:
        return match.group(1) + match.group(2), _normal(name[match.end() :])
    bare = name.strip().rstrip(".")
    if re.fullmatch(r"[A-Z]?\d+(?:\.\d+)*|[A-Z]", bare):
        return bare, ""
    return "", _normal(name)


def _normal(title: str) -> str:
    title = re.sub(r"\(appendix\)\s*$", "", title, flags=re.IGNORECASE)
    return " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())


def section_markdown(paper: Paper, section: Section) -> str:
    """One section as the paper's Markdown renders it: heading, paragraphs, and the tables
    and equations that belong to it."""
    paragraphs = [p.text for p in getattr(section, "paragraphs", [])] or [section.text]
    parts = [_heading(section)]
    for index, paragraph in enumerate(paragraphs):
        parts.append(paragraph)
        parts += [
            e.markdown()
            for e in paper.equations
            if e.section == section.title and (e.after_paragraph or 0) == index
        ]
    cited = {t.label for t in paper.tables if t.label and _cites(section.text, t.label)}
    parts += [t.markdown() for t in paper.tables if t.label in cited]
    return "\n\n".join(p for p in parts if p.strip())


def _cites(text: str, label: str) -> bool:
    return bool(re.search(rf"\b{re.escape(label)}\b", text))


def chapter_passages(
    papers: list[Paper],
    names: list[str],
    beats: list[str],
    index: PaperIndex,
    budget: int = PASSAGE_CHARS,
) -> str:
    """The Markdown of the sections a chapter draws on, within `budget` characters; when the
    plan named none the paper has, the passages most like the chapter's beats."""
    blocks: list[str] = []
    for number, paper in enumerate(papers, start=1):
        own = [n.split(" · ", 1)[1] for n in names if n.startswith(f"P{number} · ")]
        wanted = own if len(papers) > 1 else names
        if "abstract" in {_normal(n) for n in wanted} and paper.abstract:
            blocks.append(f"## Abstract\n\n{paper.abstract}")
        blocks += [section_markdown(paper, s) for s in match_sections(paper, wanted)]
    if not blocks:
        found = index.similar(" ".join(beats), 12)
        blocks = [f"({p.section}) {p.text}" if p.section else p.text for p in found]
    return _within(blocks, budget)


def _within(blocks: list[str], budget: int) -> str:
    """The blocks, each cut back at a paragraph (or, for a long first one, a sentence) so
    that all of them fit in `budget`."""
    total = sum(len(b) for b in blocks)
    if total <= budget:
        return "\n\n".join(blocks)
    share = budget / total
    kept = []
    for block in blocks:
        allowance = int(len(block) * share)
        paragraphs = block.split("\n\n")
        taken = [paragraphs[0]]
        for paragraph in paragraphs[1:]:
            if sum(len(t) for t in taken) + len(paragraph) > allowance:
                if len(taken) == 1:
                    taken.append(_first_sentences(paragraph, allowance - len(taken[0])))
                break
            taken.append(paragraph)
        kept.append("\n\n".join(t for t in taken if t))
    return "\n\n".join(kept)


def _first_sentences(paragraph: str, allowance: int) -> str:
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"“])", paragraph):
        if len(out) + len(sentence) + 1 > allowance:
            break
        out = f"{out} {sentence}".strip()
    return out
