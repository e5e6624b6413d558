"""The steps of a paper's algorithm box, as its own comments name them ("// mini-batch
mean", "// normalize", "// scale and shift"): the method in plain words, for the ear, where
the paper itself wrote them. Only the first algorithm (the first section whose lines carry
such comments), only comments that read as words, and only when there are enough of them
to be a procedure."""

from __future__ import annotations

import re

from paperdive.models import Paper
from paperdive.writing.spoken import without_asides

MIN_STEPS = 3  # fewer comments than this are notes on a formula, not a procedure
MAX_STEPS = 6
MAX_STEP_WORDS = 9

# A comment runs to the next numbered line, formula, comment or LaTeX line break.
_COMMENT = re.compile(r"(?://|▷)\s*(?P<step>[^/$▷\\]+?)\s*(?=\d+:\s|\$|//|▷|\\\\|$)")
_WORDS_ONLY = re.compile(r"^[A-Za-z][A-Za-z\- ,']*$")
# Notes to the reader, not steps: "For clarity, x ≡ …", "See Section 3".
_NOT_A_STEP = re.compile(r"^(?:for clarity|see|note|where|here|i\.e|e\.g)\b", re.IGNORECASE)


def algorithm_steps(paper: Paper) -> list[str]:
    """The first algorithm's steps in order, each a short phrase of the paper's own words."""
    for section in paper.sections:
        found = _comments(section.title, paper)
        if found:
            steps = [s for s in (_step(c) for c in found) if s]
            unique = list(dict.fromkeys(steps))
            return unique[:MAX_STEPS] if len(unique) >= MIN_STEPS else []
    return []


def _comments(title: str, paper: Paper) -> list[str]:
    """The comments of one section's prose and equations, in reading order (an equation
    comes after the paragraph it follows)."""
    section = next(s for s in paper.sections if s.title == title)
    placed: list[tuple[int, int, str]] = []
    for index, paragraph in enumerate(section.paragraphs or []):
        for sentence in paragraph.sentences:
            placed += [(index, 0, m["step"]) for m in _COMMENT.finditer(sentence.text)]
    for equation in paper.equations:
        if equation.section == title and equation.text:
            where = equation.after_paragraph if equation.after_paragraph is not None else -1
            placed += [(where, 1, m["step"]) for m in _COMMENT.finditer(equation.text)]
    return [text for _, _, text in sorted(placed, key=lambda p: (p[0], p[1]))]


def _step(comment: str) -> str | None:
    text = " ".join(without_asides(comment).split()).strip(" ,.;:")
    words = text.split()
    if not words or len(words) > MAX_STEP_WORDS or _NOT_A_STEP.match(text):
        return None
    if not _WORDS_ONLY.match(text):
        return None  # symbols or numbers: a formula's residue, not a step said in words
    first = words[0]
    keep = any(c.isupper() for c in first[1:])  # "KV", "MoBA" stay as written
    return text if keep else text[:1].lower() + text[1:]


def in_order(steps: list[str]) -> str:
    """Steps joined in their order, the repeated "they" said once: "they normalize each
    feature, then estimate the mean from each mini-batch, and then learn a scale"."""
    parts = [
        step[len("they ") :]
        if i and step.startswith("they ") and steps[i - 1].startswith("they ")
        else step
        for i, step in enumerate(steps)
    ]
    if len(parts) <= 2:
        return ", then ".join(parts)
    return ", then ".join(parts[:-1]) + ", and then " + parts[-1]
