"""Stage 5, revise: apply the review (rewrite or cut what the paper does not support),
then keep the script within ±10% of its word target."""

from __future__ import annotations

from collections.abc import Callable

from paperdive.models import CheckItem, Review, Script, Turn
from paperdive.writing.check import NAMED, PaperIndex, normalise_number
from paperdive.writing.sentences import NUMBER, split_sentences, words_of

LENGTH_TOLERANCE = 0.10
PROMPT_WORDS = 4
# Given a sentence and the claim in it the paper does not support, return a corrected
# sentence (or None to cut it). Used with model backends; the extractive writer cuts.
Rewriter = Callable[[str, CheckItem], str | None]


def revise_script(
    draft: Script,
    review: Review,
    *,
    target_words: int,
    index: PaperIndex,
    rewrite: Rewriter | None = None,
) -> tuple[Script, Review]:
    """The revised script, and the review with each flagged item marked revised or cut."""
    texts = [t.text for t in draft.turns]
    outcomes: list[CheckItem] = []
    for item in review.items:
        if item.status == "grounded":
            outcomes.append(item)
            continue
        sentences = split_sentences(texts[item.turn])
        hits = [s for s in sentences if _mentions(s, item)]
        if not hits:
            # Nothing left to act on: an earlier item already took the sentence out, or a
            # critic's claim could not be located in the line and stays flagged for a person.
            status = "flagged" if item.kind == "claim" else "cut"
            outcomes.append(item.model_copy(update={"status": status}))
            continue
        replacements = {hit: _rewritten(hit, item, index, rewrite) for hit in hits}
        kept = [replacements.get(s, s) for s in sentences]
        texts[item.turn] = " ".join(s for s in kept if s)
        status = "revised" if all(replacements.values()) else "cut"
        outcomes.append(item.model_copy(update={"status": status}))
    turns = _drop_empty(
        [t.model_copy(update={"text": x}) for t, x in zip(draft.turns, texts, strict=True)]
    )
    script = trim_to_length(draft.model_copy(update={"turns": turns}), target_words)
    return script, reindex(Review(items=outcomes), texts, script.turns)


def reindex(review: Review, before: list[str], after: list[Turn]) -> Review:
    """The review with each item's turn moved from the lines `before` to the turns `after`,
    which were made from them by dropping whole lines and joining neighbours with a space.

    An item whose line was dropped points at the turn it sat inside, else the one before it.
    """
    where: list[int] = []
    turn, offset = 0, 0
    for text in before:
        rest = after[turn].text[offset:] if turn < len(after) else ""
        if text and (rest == text or rest.startswith(f"{text} ")):
            where.append(turn)
            offset += len(text) + 1
            if offset >= len(after[turn].text):
                turn, offset = turn + 1, 0
        else:
            where.append(max(turn - 1, 0) if offset == 0 else turn)
    items = [item.model_copy(update={"turn": where[item.turn]}) for item in review.items]
    return review.model_copy(update={"items": items})


def _rewritten(
    sentence: str, item: CheckItem, index: PaperIndex, rewrite: Rewriter | None
) -> str | None:
    """A grounded rewrite of the sentence, or None to cut it."""
    if rewrite is None or item.kind == "repetition":
        return None
    replacement = rewrite(sentence, item)
    return replacement if replacement and _supported(replacement, index) else None


def _mentions(sentence: str, item: CheckItem) -> bool:
    if item.kind == "number":
        wanted = normalise_number(item.text)
        return any(normalise_number(m.group(0)) == wanted for m in NUMBER.finditer(sentence))
    if item.kind == "claim":
        claim = set(words_of(item.text))
        return item.text in sentence or len(claim & set(words_of(sentence))) > len(claim) / 2
    return item.text in sentence


def _supported(sentence: str, index: PaperIndex) -> bool:
    numbers_found = all(index.find_number(m.group(0)) for m in NUMBER.finditer(sentence))
    return numbers_found and all(index.find_name(name) for name in NAMED.findall(sentence))


def _drop_empty(turns: list[Turn]) -> list[Turn]:
    """Remove emptied turns, a question left without its answer, and merge same-host runs."""
    kept: list[Turn] = []
    for position, turn in enumerate(turns):
        if not turn.text.strip():
            continue
        following = next((t for t in turns[position + 1 :] if t.text.strip()), None)
        unanswered = turn.text.rstrip().endswith("?") and (
            following is None or following.host == turn.host or following.chapter != turn.chapter
        )
        if unanswered:
            continue
        if kept and kept[-1].host == turn.host and kept[-1].chapter == turn.chapter:
            kept[-1] = kept[-1].model_copy(
                update={
                    "text": f"{kept[-1].text} {turn.text}",
                    "source_refs": kept[-1].source_refs + turn.source_refs,
                }
            )
        else:
            kept.append(turn)
    return kept


def trim_to_length(script: Script, target_words: int) -> Script:
    """Drop closing exchanges of the chapters furthest over their share until within +10%."""
    turns = list(script.turns)
    limit = int(target_words * (1 + LENGTH_TOLERANCE))
    last_chapter = max((t.chapter for t in turns), default=0)
    while sum(len(t.text.split()) for t in turns) > limit:
        words_by_chapter: dict[int, int] = {}
        for t in turns:
            words_by_chapter[t.chapter] = words_by_chapter.get(t.chapter, 0) + len(t.text.split())
        longest = max(
            (c for c in words_by_chapter if c not in (0, last_chapter)),
            key=lambda c: words_by_chapter[c],
            default=None,
        )
        if longest is None:
            break
        chapter_turns = [i for i, t in enumerate(turns) if t.chapter == longest]
        if len(chapter_turns) <= 2:
            break
        # Cut the chapter's last exchange: its final turn, and the prompt before it.
        cut = chapter_turns[-2:] if _is_prompt(turns[chapter_turns[-2]]) else [chapter_turns[-1]]
        turns = [t for i, t in enumerate(turns) if i not in cut]
    return script.model_copy(update={"turns": _drop_empty(turns)})


def _is_prompt(turn: Turn) -> bool:
    """A question, or a short nudge ("Go on.") that only makes sense with its answer."""
    nudge = not turn.source_refs and len(turn.text.split()) <= PROMPT_WORDS
    return turn.text.rstrip().endswith("?") or nudge
