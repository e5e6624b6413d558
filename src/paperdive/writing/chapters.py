"""The extractive writer's chapters: none may be a bare transition, and each is summed up in
one whole sentence for the show notes."""

from __future__ import annotations

from paperdive.models import Script, Turn
from paperdive.writing.plan import CRITIQUE, chapter_kind
from paperdive.writing.roles import sentence_kind
from paperdive.writing.sentences import Sentence, numbers_in, self_contained, third_person

# A chapter with less substance than this is folded into the one before it.
MIN_CHAPTER_WORDS = 25
TRANSITION_WORDS = 6  # a chapter's opening words, at most ("Time to push back.")
DESCRIPTION_WORDS = (8, 30)
# Which kinds of line best sum up a chapter in the show notes.
DESCRIPTION_KIND_RANK: dict[str, int] = {
    "result": 3,
    "comparison": 3,
    "proposal": 3,
    "objective": 2,
    "definition": 2,
    "mechanism": 2,
    "motivation": 2,
    "claim": 2,
    "caveat": 2,
    "hedge": 1,
    "future": 1,
    "setup": 1,
    "prior": 1,
}


def describe(beats: list[Sentence], fallback: str, about: tuple[str, ...] = ()) -> str:
    """A chapter's line for the show notes: the whole sentence, among those it says, that
    best stands on its own and is of the kinds the chapter is `about`; the chapter's own
    description when none is short enough."""
    low, high = DESCRIPTION_WORDS
    candidates = [b for b in beats if self_contained(b) and low <= len(b.text.split()) <= high]
    if not candidates:
        return fallback

    def weight(s: Sentence) -> tuple[bool, int, bool, int]:
        kind = sentence_kind(s)
        rank = DESCRIPTION_KIND_RANK.get(kind, 0)
        return kind in about, rank, bool(numbers_in(s.text)), -s.order

    return third_person(max(candidates, key=weight).text)


def substance(turns: list[Turn]) -> int:
    """Words that say something: the paper's own lines, and the skeptic's statements (as when
    he points out that a paper states no limitations); questions and transitions are not."""
    return sum(
        len(t.text.split())
        for t in turns
        if t.source_refs or (t.host == "skeptic" and not t.text.rstrip().endswith("?"))
    )


def merge_hollow_chapters(script: Script) -> Script:
    """Fold each chapter that says (almost) nothing, other than the skeptic's corner, into
    the chapter before it, dropping the transition that opened it (never a note of the
    skeptic's that says something, nor the close); the last chapter's closing lines move
    with it."""
    kept: list[int] = []
    new_index: dict[int, int] = {}
    for index in range(len(script.chapters)):
        said = [t for t in script.turns if t.chapter == index]
        # The skeptic's corner stands however short: folded into the results, its doubts
        # would be heard as findings, and a critique would have no corner at all.
        corner = chapter_kind(script.chapters[index].title) is CRITIQUE and substance(said) > 0
        if index == 0 or corner or substance(said) >= MIN_CHAPTER_WORDS:
            kept.append(index)
        new_index[index] = len(kept) - 1
    if len(kept) == len(script.chapters):
        return script
    moves: list[tuple[Turn, int]] = []
    opened: set[int] = set()
    for position, turn in enumerate(script.turns):
        following = script.turns[position + 1] if position + 1 < len(script.turns) else None
        asks = turn.text.rstrip().endswith("?")
        # A question closing a chapter is answered by the next one's first line, unless
        # that chapter is folded away; a turn that also says something keeps it, and a
        # question answered in its own chapter folds with its answer.
        closes = following is None or following.chapter != turn.chapter
        unanswered = (
            asks
            and not turn.source_refs
            and closes
            and (following is None or following.chapter not in kept)
        )
        # A bare transition ("Now the doubts."), not the skeptic's note that says something.
        noted = turn.host == "skeptic" and len(turn.text.split()) > TRANSITION_WORDS
        is_transition = not turn.source_refs and not asks and turn.chapter not in opened
        is_transition = is_transition and not noted
        opened.add(turn.chapter)
        if unanswered or (turn.chapter not in kept and is_transition):
            continue
        moves.append((turn, new_index[turn.chapter]))
    return script.model_copy(
        update={"chapters": [script.chapters[i] for i in kept], "turns": moved_turns(moves)}
    )


def moved_turns(moves: list[tuple[Turn, int]]) -> list[Turn]:
    """Turns given their new chapter numbers. Two turns of one host that meet across a
    fold (their old chapters differ) join into one; a paragraph break in a chapter stays."""
    turns: list[Turn] = []
    source_chapter = -1
    for turn, target in moves:
        folded = turns and turns[-1].chapter == target and turn.chapter != source_chapter
        source_chapter = turn.chapter
        if folded and turns[-1].host == turn.host:
            last = turns[-1]
            turns[-1] = last.model_copy(
                update={
                    "text": f"{last.text} {turn.text}",
                    "source_refs": last.source_refs + turn.source_refs,
                }
            )
        else:
            turns.append(turn.model_copy(update={"chapter": target}))
    return turns
