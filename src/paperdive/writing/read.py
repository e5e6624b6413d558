"""Stage 1, read: close-reading notes, from the paper's own sentences (or a model's reading)."""

from __future__ import annotations

from paperdive.errors import WriteError
from paperdive.models import NotePoint, Notes, Paper
from paperdive.writing.sentences import PaperText, Sentence, cue_score, numbers_in

# Which notes fields a section feeds, judged from words in its heading.
SECTION_KINDS: dict[str, tuple[str, ...]] = {
    "problem": ("abstract", "introduction", "motivation", "overview"),
    "related_work": ("related", "background", "prior", "preliminar"),
    "method": ("method", "approach", "model", "architecture", "design", "framework", "algorithm"),
    "math": ("method", "approach", "formulation", "theory", "analysis", "preliminar"),
    "results": ("experiment", "evaluation", "result", "ablation", "benchmark", "performance"),
    "limitations": ("limitation", "discussion", "conclusion", "future", "broader"),
    "threats": ("limitation", "discussion", "threat", "ethic", "broader"),
}
# How many points each field may hold: generous, because the notes are the writer's material.
FIELD_CAPS = {
    "problem": 14,
    "method": 30,
    "math": 10,
    "results": 30,
    "limitations": 12,
    "threats": 8,
    "related_work": 10,
}
MIN_SENTENCES = 3


def section_kinds(title: str | None) -> set[str]:
    lowered = (title or "").lower()
    return {kind for kind, words in SECTION_KINDS.items() if any(w in lowered for w in words)}


def check_readable(paper: Paper) -> None:
    if paper.language and not paper.language.lower().startswith("en"):
        raise WriteError(
            f"'{paper.title}' is in language '{paper.language}'; paperdive writes English only"
        )


def extractive_notes(text: PaperText) -> Notes:
    """Pick sentences for each notes field by cue phrases, section and position."""
    paper, sentences = text.paper, text.sentences
    check_readable(paper)
    if len(sentences) < MIN_SENTENCES:
        raise WriteError(
            f"'{paper.title}' has too little readable text ({len(sentences)} sentences) "
            "for an episode"
        )
    taken: set[str] = set()
    fields: dict[str, list[NotePoint]] = {}
    # Scarce fields choose first so a sentence lands where it is most needed.
    for field in ("limitations", "threats", "math", "results", "problem", "related_work", "method"):
        ranked = sorted(
            (s for s in sentences if s.text not in taken),
            key=lambda s: -_field_score(s, field),
        )
        chosen = [s for s in ranked[: FIELD_CAPS[field]] if _field_score(s, field) >= 1.0]
        taken.update(s.text for s in chosen)
        order = {s.text: i for i, s in enumerate(sentences)}
        chosen.sort(key=lambda s: order[s.text])
        fields[field] = [
            NotePoint(text=s.text, section=s.section, numbers=numbers_in(s.text)) for s in chosen
        ]
    return Notes(paper_title=paper.title, **fields)


def _field_score(sentence: Sentence, field: str) -> float:
    score = cue_score(sentence, field)
    if field in section_kinds(sentence.section):
        score += 1.0
    elif score and field in ("method", "results", "limitations"):
        score -= 0.5  # a cue outside its usual section is weaker evidence
    if field == "problem" and sentence.position < 0.3:
        score += 0.5
    return score
