"""The extractive writer's chapters: none may be a bare transition, and each is summed up in
one line of the show notes."""

from __future__ import annotations

import re

from paperdive.models import Script, Turn
from paperdive.writing.roles import sentence_role
from paperdive.writing.sentences import (
    CUES,
    Sentence,
    cue_score,
    self_contained,
    shorten,
    starts_with_a_leading_phrase,
    third_person,
)

# A chapter with less substance than this is folded into the one before it.
MIN_CHAPTER_WORDS = 25
DESCRIPTION_WORDS = 18
# Which kinds of line best sum up a chapter in the show notes.
DESCRIPTION_ROLE_RANK: dict[str, int] = {
    "comparison": 3,
    "result": 3,
    "proposal": 3,
    "definition": 2,
    "method": 2,
    "problem": 2,
    "conclusion": 2,
    "caveat": 1,
    "setup": 1,
    "prior": 1,
}
_POINTER = re.compile(r"\b(?:Figure|Table|Line|Lines|Equation|Algorithm)\b")


def describe(beats: list[Sentence]) -> str:
    """A chapter's one line for the show notes: its strongest self-standing point, shortened."""

    def weight(s: Sentence) -> tuple[bool, bool, int, float]:
        strongest = max(cue_score(s, field) for field in CUES)
        standalone = self_contained(s) and not _POINTER.search(s.text)
        opens_on_its_subject = not starts_with_a_leading_phrase(s.text)
        role_rank = DESCRIPTION_ROLE_RANK.get(sentence_role(s), 0)
        return standalone, opens_on_its_subject, role_rank, strongest

    return shorten(third_person(max(beats, key=weight).text), DESCRIPTION_WORDS)


def substance(turns: list[Turn]) -> int:
    """Words that say something: the paper's own lines, and the skeptic's statements (as when
    he points out that a paper states no limitations); questions and transitions are not."""
    return sum(
        len(t.text.split())
        for t in turns
        if t.source_refs or (t.host == "skeptic" and not t.text.rstrip().endswith("?"))
    )


def merge_hollow_chapters(script: Script) -> Script:
    """Fold each chapter that says (almost) nothing into the chapter before it,
    dropping the transition that opened it; the last chapter's closing lines move with it."""
    kept: list[int] = []
    new_index: dict[int, int] = {}
    for index in range(len(script.chapters)):
        turns = [t for t in script.turns if t.chapter == index]
        if index == 0 or substance(turns) >= MIN_CHAPTER_WORDS:
            kept.append(index)
        new_index[index] = len(kept) - 1
    if len(kept) == len(script.chapters):
        return script
    turns: list[Turn] = []
    opened: set[int] = set()
    for position, turn in enumerate(script.turns):
        following = script.turns[position + 1] if position + 1 < len(script.turns) else None
        asks = turn.text.rstrip().endswith("?")
        unanswered = asks and (following is None or following.chapter != turn.chapter)
        is_transition = not turn.source_refs and not asks and turn.chapter not in opened
        opened.add(turn.chapter)
        if unanswered or (turn.chapter not in kept and is_transition):
            continue
        target = new_index[turn.chapter]
        if turns and turns[-1].host == turn.host and turns[-1].chapter == target:
            last = turns[-1]
            turns[-1] = last.model_copy(
                update={
                    "text": f"{last.text} {turn.text}",
                    "source_refs": last.source_refs + turn.source_refs,
                }
            )
        else:
            turns.append(turn.model_copy(update={"chapter": target}))
    return script.model_copy(
        update={"chapters": [script.chapters[i] for i in kept], "turns": turns}
    )
