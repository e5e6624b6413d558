"""Stage 5, revise: apply the review, then keep the script within ±10% of its word target.

With a model, a flagged line is rewritten in its conversation, never alone: one request
carries every place to fix, each with the flagged turn, its neighbours, the later turns that
lean on it (the answer to it, a question about a name it introduced, a repeat of the same
wrong figure), what is wrong and the paper passages most like it. The rewritten turns are
checked again; a sentence still unsupported is cut. Without a model (the extractive writer)
unsupported sentences are cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

from paperdive.models import CheckItem, Review, Script, Turn
from paperdive.writing.check import (
    ILLUSTRATIVE,
    NAMED,
    PaperIndex,
    Passage,
    check_text,
    content_words,
    name_forms,
    names_in,
    repetitions,
)
from paperdive.writing.quantities import quantities, supports
from paperdive.writing.sentences import split_sentences, words_of

LENGTH_TOLERANCE = 0.10
PROMPT_WORDS = 4
CONTEXT_BEFORE = 2  # turns shown before a flagged one
CONTEXT_AFTER = 1  # turns shown after the last one that may change
MAX_DEPENDENTS = 4  # later turns that lean on a flagged one and may change with it
MAX_PASSAGES = 6
ABOUT_WORDS = 2  # content words a passage shares with a problem to be about it
NOTE_MARK = "\n\n"  # between a problem's line and what is wrong with it
MAX_TERM_WORDS = 6  # a flagged phrase this short is looked for in the turns after it
MAX_REASONS = 3  # distinct reasons kept for one merged flag
SAME_REASON = 0.5  # reasons sharing this share of their content words say the same thing
# Two or more capitalised words not opening a sentence: a coined term ("Summary Cache").
_TITLE_PHRASE = re.compile(r"(?<=[a-z,;] )(?:[A-Z][\w\-]+ )+[A-Z][\w\-]+")


@dataclass
class Problem:
    turn: int
    kind: str
    text: str  # the number, name or claim
    reason: str


@dataclass
class Window:
    """One place in the conversation to rewrite: the turns shown, in order, those that may
    change, what is wrong, and the paper passages to fix it from."""

    shown: list[int]
    editable: list[int]
    problems: list[Problem]
    passages: list[tuple[str, str | None]] = field(default_factory=list)


class Rewriter(Protocol):
    """Rewrites the editable turns of every window in one go: turn index → new text
    ("" drops the turn); a turn left out of the answer stays as it was."""

    def __call__(self, script: Script, windows: list[Window]) -> dict[int, str]: ...


def revise_script(
    draft: Script,
    review: Review,
    *,
    target_words: int,
    index: PaperIndex,
    rewrite: Rewriter | None = None,
    continuous: bool = False,
) -> tuple[Script, Review]:
    """The revised script, and the review with each flagged item marked revised or cut and
    the rewritten turns checked again.

    `continuous` says the conversation runs on across chapter seams (a model's script): a
    question closing a chapter is answered by the next one, and the hosts alternate there
    too. Otherwise (the extractive writer) each chapter stands alone.
    """
    texts = [t.text for t in draft.turns]
    outcomes: dict[int, CheckItem] = {}
    flagged = [(n, item) for n, item in enumerate(review.items) if item.status == "flagged"]
    for n, item in flagged:
        if item.kind == "repetition":
            said = split_sentences(texts[item.turn])
            texts[item.turn], _ = _cut(texts[item.turn], partial(_is, item.text))
            outcomes[n] = item.model_copy(update={"status": "cut"})
            asker = item.turn - 1
            if (
                said
                and _is(item.text, said[0])
                and asker >= 0
                and (draft.turns[asker].host != draft.turns[item.turn].host)
            ):
                texts[asker] = _without_closing_question(texts[asker])
    # A balance item says how the hosts share the words: noted, never rewritten here.
    content = [(n, item) for n, item in flagged if item.kind not in ("repetition", "balance")]
    changed: dict[int, str] = {}
    if rewrite is not None and content:
        current = _with_texts(draft, texts)
        windows = plan_windows(current, [item for _, item in content], index)
        replies = rewrite(current, windows) if windows else {}
        editable = {t for w in windows for t in w.editable}
        changed = {t: text.strip() for t, text in replies.items() if t in editable}
    rechecked: list[CheckItem] = []
    hosts = set(draft.hosts.values())
    for turn, text in changed.items():
        kept, cut = _keep_supported(text, turn, index, hosts)
        texts[turn] = kept
        rechecked += cut
    before = [t.text for t in draft.turns]
    for n, item in content:
        rewritten = item.turn in changed
        outcomes[n] = _outcome(item, before[item.turn], texts[item.turn], rewritten)
        if not rewritten and item.kind != "claim":
            texts[item.turn], _ = _cut(texts[item.turn], partial(_mentions, item=item))
    for n, item in content:
        if outcomes[n].status == "cut" and item.kind != "number" and _short(item.text):
            _cut_later_mentions(texts, item, set(changed))
    # The rewritten turns are checked again: their grounded items replace the draft's.
    for turn in changed:
        rechecked += [i for i in check_text(texts[turn], turn, index, hosts) if i.kind != "claim"]
    rechecked += _new_repetitions(draft, texts, set(changed))
    kept_items = [
        outcomes.get(n, item)
        for n, item in enumerate(review.items)
        if not (item.turn in changed and item.status == "grounded")
    ]
    turns = _drop_empty(
        [t.model_copy(update={"text": x}) for t, x in zip(draft.turns, texts, strict=True)],
        continuous,
    )
    script = trim_to_length(draft.model_copy(update={"turns": turns}), target_words, continuous)
    items = sorted(kept_items + rechecked, key=lambda i: i.turn)
    return script, _left_out(reindex(Review(items=items), texts, script.turns), script)


# ---------------------------------------------------------------- merging flags


def merge_flags(items: list[CheckItem]) -> list[CheckItem]:
    """Flags that name the same words of the same turn, as one: several critics (one per
    paper of a digest, or one per part of a long paper) often flag the same line. Words that
    differ only in case, spacing or punctuation are the same; words inside other flagged words
    of that turn join the longer flag. The reasons are kept once each (a reason that says what
    an earlier one said, in other words, is dropped), in order. Other items pass unchanged."""
    merged: list[CheckItem] = []
    reasons: list[list[str]] = []
    for item in items:
        at = next((n for n, m in enumerate(merged) if _same_flag(m, item)), None)
        if at is None:
            merged.append(item)
            reasons.append([item.note.strip()] if item.note and item.note.strip() else [])
            continue
        same = merged[at]
        longer = item.text if len(_flag_key(item.text)) > len(_flag_key(same.text)) else same.text
        _add_reason(reasons[at], item.note or "")
        merged[at] = same.model_copy(update={"text": longer, "note": " ".join(reasons[at]) or None})
    return merged


def _add_reason(kept: list[str], reason: str) -> None:
    words = set(content_words(reason))
    if not reason.strip() or len(kept) >= MAX_REASONS:
        return
    if any(_overlap(words, set(content_words(k))) >= SAME_REASON for k in kept):
        return
    kept.append(reason.strip())


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(len(a | b), 1)


def _mergeable(item: CheckItem) -> bool:
    return item.status == "flagged" and item.kind != "repetition"


def _same_flag(a: CheckItem, b: CheckItem) -> bool:
    if not (_mergeable(a) and _mergeable(b)) or a.turn != b.turn or a.kind != b.kind:
        return False
    first, second = _flag_key(a.text), _flag_key(b.text)
    return bool(first and second) and (first in second or second in first)


def _flag_key(text: str) -> str:
    return " " + " ".join(re.findall(r"[^\W_]+", text.lower())) + " "


# ---------------------------------------------------------------- windows


def plan_windows(script: Script, items: list[CheckItem], index: PaperIndex) -> list[Window]:
    """The places to rewrite: one per flagged turn, merged where they overlap; the same
    flag raised by several critics is one problem."""
    by_turn: dict[int, list[CheckItem]] = {}
    for item in merge_flags(items):
        by_turn.setdefault(item.turn, []).append(item)
    windows: list[Window] = []
    for turn, found in sorted(by_turn.items()):
        editable = sorted({turn, *dependents(script, turn, found)})
        first = max(0, turn - CONTEXT_BEFORE)
        last = min(len(script.turns) - 1, editable[-1] + CONTEXT_AFTER)
        problems = [Problem(turn, i.kind, i.text, _reason(i)) for i in found]
        window = Window(list(range(first, last + 1)), editable, problems)
        window.passages = candidate_passages(script, window, found, index)
        if windows and window.shown[0] <= windows[-1].shown[-1] + 1:
            windows[-1] = _merge(windows[-1], window)
        else:
            windows.append(window)
    return windows


def dependents(script: Script, turn: int, items: list[CheckItem]) -> list[int]:
    """Later turns that lean on `turn`: the reply to it, and any turn that repeats a flagged
    figure, name or phrase, or uses a term whose first mention in the script is in `turn`."""
    turns = script.turns
    earlier = {term for t in turns[:turn] for term in terms(t.text)}
    introduced = terms(turns[turn].text) - earlier
    flagged = {i.text.lower() for i in items if _short(i.text)}
    found: list[int] = []
    reply = turn + 1
    if reply < len(turns) and turns[reply].chapter == turns[turn].chapter:
        found.append(reply)
    for later in range(turn + 2, len(turns)):
        if len(found) >= MAX_DEPENDENTS:
            break
        text = turns[later].text
        if terms(text) & introduced or any(f in text.lower() for f in flagged):
            found.append(later)
    return found


def terms(text: str) -> set[str]:
    """Names and coined terms a line uses: "MTP-1", "EAGLE-3", "Routed Block Attention"."""
    found = {form for name in NAMED.findall(text) for form in name_forms(name)}
    for phrase in _TITLE_PHRASE.findall(text):
        found.add(" ".join(phrase.lower().split()))
    return found


def _short(text: str) -> bool:
    return len(text) >= 3 and len(text.split()) <= MAX_TERM_WORDS


def candidate_passages(
    script: Script, window: Window, items: list[CheckItem], index: PaperIndex
) -> list[tuple[str, str | None]]:
    """The paper passages that bear on the flagged lines: for each, the sentences holding the
    figures it says (in any notation; a figure the paper has, so the line can keep it), then
    the best matches for its names and words and for what the check says the paper says
    instead (only those about the problem, see `_about`: a reason names other turns); then
    the best for each turn that may change and for the turn each flagged line answers, turn by
    turn: a query of several turns matches, by their other figures and words, passages on
    other topics (a prompt example from an appendix table, another section's training
    budget)."""
    found: list[tuple[str, str | None]] = []
    problems: list[str] = []
    for item in items:
        text = script.turns[item.turn].text
        sentences = [s for s in split_sentences(text) if _mentions(s, item)] or [text]
        said = " ".join(dict.fromkeys([*sentences, item.text]))
        # the note's figures are not the line's ("only explained later, in turn 19")
        problems.append(f"{text} {item.text}{NOTE_MARK}{item.note or ''}")
        for quantity in quantities(said):
            holding = index.holding(quantity)
            if holding and not quantity.minor:
                best = index.related(said, MAX_PASSAGES)
                found += [(p.text, p.section) for p in sorted(holding, key=_rank(best))[:1]]
        found += [(p.text, p.section) for p in index.related(said, 3)]
        if item.note and item.kind == "claim":  # the critic's reason says what the paper says
            found += [
                (p.text, p.section) for p in index.related(item.note, 2) if _about(p, problems[-1])
            ]
    # each turn that may change, asked for one by one: several turns asked for together
    # match by each other's words
    for turn in window.editable:
        found += [(p.text, p.section) for p in index.related(script.turns[turn].text, 1)]
    # the turn before a flagged line says what it answers: what bears on both
    for item, problem in zip(items, problems, strict=True):
        if item.turn > 0:
            before = index.related(script.turns[item.turn - 1].text, 1)
            found += [(p.text, p.section) for p in before if _about(p, problem)]
    return list(dict.fromkeys(found))[:MAX_PASSAGES]


def _about(passage: Passage, problem: str) -> bool:
    """Whether a passage is about a problem (the flagged turn and the words at fault, then
    after `NOTE_MARK` what is wrong): it states one of the line's figures, holds one of the
    problem's names, or shares `ABOUT_WORDS` of its content words."""
    said = [q for q in quantities(problem.split(NOTE_MARK, 1)[0]) if not q.minor]
    if any(supports(stated, q) for q in said for stated in passage.quantities):
        return True
    names = {form for name in names_in(problem) for form in name_forms(name)}
    if any(passage.holds(form) for form in names):
        return True
    return len(passage.words & set(content_words(problem))) >= ABOUT_WORDS


def _rank(best: list[Passage]) -> Callable[[Passage], int]:
    """Order passages as `best` does, those not in it last."""
    order = {id(p): n for n, p in enumerate(best)}
    return lambda p: order.get(id(p), len(order))


def _joined(script: Script, turns: Iterable[int]) -> str:
    return " ".join(script.turns[t].text for t in turns)


def _merge(a: Window, b: Window) -> Window:
    shown = sorted(set(a.shown) | set(b.shown))
    return Window(
        shown=list(range(shown[0], shown[-1] + 1)),
        editable=sorted(set(a.editable) | set(b.editable)),
        problems=a.problems + b.problems,
        passages=list(dict.fromkeys(a.passages + b.passages))[: 2 * MAX_PASSAGES],
    )


def _reason(item: CheckItem) -> str:
    if item.kind == "number" and (item.note or "").startswith(ILLUSTRATIVE):
        return (
            "the paper states no such figure; it reads as an example the host made up: say "
            'the example without a figure ("dozens of citations") or drop it'
        )
    if item.kind == "number":
        return "the paper states no such figure, exactly or rounded"
    if item.kind == "named_result":
        return "the paper never names this"
    return item.note or "the paper does not support this"


# ---------------------------------------------------------------- applying


def _with_texts(script: Script, texts: list[str]) -> Script:
    turns = [t.model_copy(update={"text": x}) for t, x in zip(script.turns, texts, strict=True)]
    return script.model_copy(update={"turns": turns})


def _keep_supported(
    text: str, turn: int, index: PaperIndex, hosts: set[str]
) -> tuple[str, list[CheckItem]]:
    """The rewritten text without its unsupported sentences, and those cut as review items."""
    kept: list[str] = []
    cut: list[CheckItem] = []
    for sentence in split_sentences(text):
        problems = [
            i
            for i in check_text(sentence, turn, index, hosts)
            if i.status == "flagged" and i.kind != "claim"
        ]
        if problems:
            cut += [
                i.model_copy(update={"status": "cut", "note": "unsupported in the rewrite"})
                for i in problems
            ]
        else:
            kept.append(sentence)
    return " ".join(kept), cut


def _outcome(item: CheckItem, original: str, text: str, rewritten: bool) -> CheckItem:
    """What became of a flagged item: revised when its turn was rewritten into something new
    the paper supports, cut when its sentence only went, flagged (for a person) when a
    critic's claim was left as it was."""
    if rewritten:
        before = set(split_sentences(original))
        new = [s for s in split_sentences(text) if s not in before]
        return item.model_copy(update={"status": "revised" if new else "cut"})
    return item.model_copy(update={"status": "flagged" if item.kind == "claim" else "cut"})


def _without_closing_question(text: str) -> str:
    """A turn without the question it ends on: the line that answered it was cut, and the
    line after it answers something else ("Better than what?" → "They present …")."""
    sentences = split_sentences(text)
    return " ".join(sentences[:-1]) if sentences and sentences[-1].endswith("?") else text


def _cut(text: str, matches: Callable[[str], bool]) -> tuple[str, bool]:
    """The text without the sentences `matches` picks out, and whether any went."""
    sentences = split_sentences(text)
    kept = [s for s in sentences if not matches(s)]
    return " ".join(kept), len(kept) < len(sentences)


def _cut_later_mentions(texts: list[str], item: CheckItem, rewritten: set[int]) -> None:
    """A name or phrase that went with its sentence leaves no later line asking about it
    (a model's rewrite of that line already dealt with it)."""
    phrase = item.text.lower()
    for turn in range(item.turn + 1, len(texts)):
        if turn not in rewritten:
            texts[turn], _ = _cut(texts[turn], partial(_holds, phrase))


def _is(text: str, sentence: str) -> bool:
    return sentence == text


def _holds(phrase: str, sentence: str) -> bool:
    return phrase in sentence.lower()


def _mentions(sentence: str, item: CheckItem) -> bool:
    if item.kind == "number":
        return any(q.text == item.text for q in quantities(sentence))
    if item.kind == "named_result":
        return item.text in sentence
    if item.kind == "claim":
        claim = set(words_of(item.text))
        return item.text in sentence or len(claim & set(words_of(sentence))) > len(claim) / 2
    return sentence == item.text


def _new_repetitions(draft: Script, texts: list[str], changed: set[int]) -> list[CheckItem]:
    """Repeats a rewrite introduced: cut from `texts` and returned as cut items."""
    found = [i for i in repetitions(_with_texts(draft, texts)) if i.turn in changed]
    for item in found:
        texts[item.turn], _ = _cut(texts[item.turn], partial(_is, item.text))
    return [i.model_copy(update={"status": "cut"}) for i in found]


def _left_out(review: Review, script: Script) -> Review:
    """Items whose words went with a line cut for length are cut, not grounded."""
    items = []
    for item in review.items:
        gone = item.turn >= len(script.turns) or item.text not in script.turns[item.turn].text
        if item.status == "grounded" and gone:
            item = item.model_copy(update={"status": "cut", "note": "left out for length"})
        items.append(item)
    return review.model_copy(update={"items": items})


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


def _drop_empty(turns: list[Turn], continuous: bool = False) -> list[Turn]:
    """Remove emptied turns and a question left without its answer, and merge same-host runs:
    within a chapter, or (`continuous`) across a seam too, into the later chapter's turn."""
    kept: list[Turn] = []
    for position, turn in enumerate(turns):
        if not turn.text.strip():
            continue
        following = next((t for t in turns[position + 1 :] if t.text.strip()), None)
        unanswered = turn.text.rstrip().endswith("?") and (
            following is None
            or following.host == turn.host
            or (following.chapter != turn.chapter and not continuous)
        )
        if unanswered:
            continue
        previous = kept[-1] if kept else None
        if previous is None or previous.host != turn.host:
            kept.append(turn)
        elif previous.chapter == turn.chapter or continuous:
            alone = sum(t.chapter == previous.chapter for t in kept) == 1
            chapter = previous.chapter if alone else turn.chapter
            kept[-1] = turn.model_copy(
                update={
                    "text": f"{previous.text} {turn.text}",
                    "chapter": chapter,
                    "source_refs": previous.source_refs + turn.source_refs,
                }
            )
        else:
            kept.append(turn)
    return kept


def trim_to_length(script: Script, target_words: int, continuous: bool = False) -> Script:
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
    return script.model_copy(update={"turns": _drop_empty(turns, continuous)})


def _is_prompt(turn: Turn) -> bool:
    """A question, or a short nudge ("Go on.") that only makes sense with its answer."""
    nudge = not turn.source_refs and len(turn.text.split()) <= PROMPT_WORDS
    return turn.text.rstrip().endswith("?") or nudge
