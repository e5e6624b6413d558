"""Stage 1, read: close-reading notes, from the paper's own sentences (or a model's reading)."""

from __future__ import annotations

from paperdive.errors import WriteError
from paperdive.models import NotePoint, Notes, Paper
from paperdive.writing.roles import Kind, sentence_kind
from paperdive.writing.sentences import PaperText, numbers_in

# Which kinds of sentence each notes field holds, and how many it may hold: generous,
# because the notes are the writer's material.
FIELDS: dict[str, tuple[tuple[Kind, ...], int]] = {
    "problem": (("motivation",), 14),
    "method": (("proposal", "definition", "mechanism"), 30),
    "math": (("objective",), 10),
    "results": (("result", "comparison"), 30),
    "limitations": (("caveat", "future"), 12),
    "threats": (("hedge",), 8),
    "related_work": (("prior",), 10),
}
MIN_SENTENCES = 3


def check_readable(paper: Paper) -> None:
    if paper.language and not paper.language.lower().startswith("en"):
        raise WriteError(
            f"'{paper.title}' is in language '{paper.language}'; paperdive writes English only"
        )


def extractive_notes(text: PaperText) -> Notes:
    """Each notes field holds the paper's first sentences of its kinds, in reading order."""
    paper, sentences = text.paper, text.sentences
    check_readable(paper)
    if len(sentences) < MIN_SENTENCES:
        raise WriteError(
            f"'{paper.title}' has too little readable text ({len(sentences)} sentences) "
            "for an episode"
        )
    fields: dict[str, list[NotePoint]] = {}
    for field, (kinds, cap) in FIELDS.items():
        found = [s for s in sentences if sentence_kind(s) in kinds][:cap]
        fields[field] = [
            NotePoint(text=s.text, section=s.section, numbers=numbers_in(s.text)) for s in found
        ]
    return Notes.model_validate({"paper_title": paper.title, **fields})
