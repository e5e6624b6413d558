"""Checks on the show notes: complete, and a reading list taken from the bibliography."""

from __future__ import annotations

import re

from paperdive.evaluate.report import Check, share
from paperdive.ingestion.text import sentences
from paperdive.models import Paper, ShowNotes

TAKEAWAYS = (4, 8)


def reading_list(notes: ShowNotes | None, papers: list[Paper]) -> Check:
    """Each reading is a bibliography entry of the paper, linked where that entry points."""
    name = "readings from the bibliography"
    if notes is None:
        return Check(
            area="reading list", name=name, result="no shownotes.json", target="", passed=None
        )
    links = {(ref.index, ref.link()) for paper in papers for ref in paper.references if ref.link()}
    indexes = {ref.index for paper in papers for ref in paper.references}
    wrong = []
    for reading in notes.readings:
        if reading.reference_index not in indexes:
            wrong.append(f"[{reading.reference_index}] {reading.title}: not in the bibliography")
        elif (reading.reference_index, reading.url) not in links:
            wrong.append(
                f"[{reading.reference_index}] {reading.title}: {reading.url} is not its link"
            )
    total = len(notes.readings)
    return Check(
        area="reading list",
        name=name,
        result=share(total - len(wrong), total),
        target="100%",
        passed=not wrong,
        problems=wrong,
    )


def shownotes_completeness(notes: ShowNotes | None, *, voiced: bool) -> Check:
    name = "show notes complete"
    if notes is None:
        return Check(
            area="show notes", name=name, result="no shownotes.json", target="", passed=False
        )
    low, high = TAKEAWAYS
    missing = [
        problem
        for problem, absent in (
            ("no title", not notes.title.strip()),
            ("no hook", not notes.hook.strip()),
            (f"{len(notes.takeaways)} takeaways", not low <= len(notes.takeaways) <= high),
            ("no chapters", not notes.chapters),
            ("no AI disclosure", not notes.disclosure.strip()),
        )
        if absent
    ]
    if voiced:
        missing += [
            f"chapter {c.title!r} has no start time" for c in notes.chapters if c.start is None
        ]
    return Check(
        area="show notes",
        name=name,
        result=f"{len(notes.takeaways)} takeaways, {len(notes.chapters)} chapters, "
        f"{len(notes.readings)} readings",
        target=f"title, hook, {low}–{high} takeaways, chapters"
        + (" with start times" if voiced else "")
        + ", disclosure",
        passed=not missing,
        problems=missing,
    )


_WHOLE = re.compile(r"^[A-Z0-9“\"(].*[.!?][”\")]?$")
_BROKEN = re.compile(
    r"…|\.\.\.|[:;,]$|\[\d|\b(?:Require|Ensure)\b"
    r"|\b(?:include|includes|the following|as follows)\.$"
)
MIN_SENTENCE_WORDS = 3


def whole_sentences(notes: ShowNotes | None) -> Check:
    """The hook, the chapters' lines and the reading list's reasons are whole sentences,
    not fragments cut from the paper ("Their key observations include.")."""
    name = "show notes in whole sentences"
    if notes is None:
        return Check(
            area="show notes", name=name, result="no shownotes.json", target="", passed=None
        )
    texts = [("hook", notes.hook)]
    texts += [(f"chapter {c.title!r}", c.description) for c in notes.chapters]
    texts += [(f"reading [{r.reference_index}]", r.reason) for r in notes.readings]
    problems = [f"{where}: {text!r}" for where, text in texts if text.strip() and not _whole(text)]
    return Check(
        area="show notes",
        name=name,
        result=f"{len(texts) - len(problems)}/{len(texts)} whole",
        target="hook, chapter lines and reading reasons",
        passed=not problems,
        problems=problems,
    )


def _whole(text: str) -> bool:
    parts = sentences(text.strip())
    return bool(parts) and all(
        _WHOLE.match(p)
        and not _BROKEN.search(p)
        and len(p.split()) >= MIN_SENTENCE_WORDS
        and p.count("(") == p.count(")")
        for p in parts
    )
