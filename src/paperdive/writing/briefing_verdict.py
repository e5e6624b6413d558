"""The skeptic's verdict, before the goodbye: the result he would remember, and what he
would still want before he bought the claim, from the doubts the episode raised. The one
place the skeptic offers a view of his own; every figure in it was said before, and every
want answers a doubt he raised (no human study, no error bars, a confounded baseline)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from paperdive.writing.conversation import join, listing
from paperdive.writing.sentences import split_sentences
from paperdive.writing.table_lines import TableLine, metric_of

if TYPE_CHECKING:
    from paperdive.writing.briefing_talk import Briefing

MAX_WANTS = 3
CLEAR_LEAD = 0.02  # a table lead under this relative gap is no result to remember
# "On MBPP, DeepSeek-Coder-V2 scores 54.0%, against 44.6% for the runner-up.": the method
# against another system (an ablation's "…, against 80.97 with it" is the method against
# itself, its worse figure first).
_RIVALLED = re.compile(
    r"^(?:On (?P<bench>[^,]+), )?.*?(?P<ours>\d+(?:[.,]\d+)*%?)(?P<unit> [a-z]+)?,? "
    r"against (?P<theirs>\d+(?:[.,]\d+)*%?) for "
)  # "… needs 566 epochs, against 2086 for REBAR": the count's unit said with it


def verdict(b: Briefing, chapter: int | None = None) -> str | None:
    """His closing view, or None when the episode gave him neither a result to stand on
    nor a doubt left open. Said on in his turn of `chapter`, it wants none of the doubts he
    raised since she last spoke: "Their tables give no error bars, either. Still missing: error
    bars." says it twice (after her question or a chapter's break, it sums them up)."""
    turns = b.talk.turns
    last = len(turns) - 1
    going_on = last >= 0 and turns[last].host == "skeptic" and turns[last].chapter == chapter
    heard = [
        key
        for key in b.raised
        if not going_on or any(t.host == "explainer" for t in turns[b.raised_at[key] :])
    ]
    wants = [want for key in heard[:MAX_WANTS] if (want := b.ask(f"want_{key}"))]
    if not wants and b.outline.format == "debate":
        return None  # a debate's skeptic ends on a challenge, or leaves her the last claim
    strength = _strength(b)
    claim = _as_claim(b, strength) if strength else None
    if claim:
        said = b.ask("verdict_claim", claim=claim)
    elif strength:
        said = b.ask("verdict_strength", strength=strength)
    else:
        said = None
    if wants:
        said = join(said, b.ask("verdict_wants", wants=listing(wants)) or "")
    return said or None


def said_as_measured(measure: str, spoken: str) -> bool:
    """Whether the episode said a figure with what it measures: as `measure_of` put it, or
    in its own order ("87% area under the curve" said "an area under the curve of 87%")."""
    figure, _, measured = measure.partition(" ")
    return measure in spoken or (figure in spoken and bool(measured) and measured in spoken)


def _strength(b: Briefing) -> str | None:
    """The result to remember: the headline figure, where the episode said it with what it
    measures (past the cold open that put it, a lead read from their tables first); else the
    clearest lead read from their tables; else a result the episode said with what it
    measures."""
    spoken = b.talk.spoken()
    headline = b.measured if b.measured and said_as_measured(b.measured, spoken) else None
    opened = " ".join(t.text for t in b.talk.turns if t.chapter == 0)
    lead = table_lead(b)
    if headline and (headline not in opened or lead is None):
        return headline
    return lead or b.said_measure()  # the cold open's claim, said again, is no view of his


def table_lead(b: Briefing) -> str | None:
    """The clearest lead the episode read from their tables, as a phrase ("80.97 against
    87.72 on binarised MNIST"), or None; never a loss ("0.033 against 0.136 on Mix" of a
    cross-entropy means nothing to a listener, beside the accuracy it came with)."""
    spoken = b.talk.spoken()
    leads = [
        t
        for t in b.read_tables
        if t.gap >= CLEAR_LEAD and t.text in spoken and "loss" not in (metric_of(t.text) or "")
    ]
    phrased = [(t.gap, phrase) for t in leads if (phrase := _as_phrase(t))]
    return max(phrased, default=(0.0, None))[1]


# "… and meanwhile saves 42.5% of training costs": the verb the figure was said with.
_NOT_A_VERB = frozenset(["is", "was", "has", "as", "its", "this", "thus", "plus", "across"])


def _as_claim(b: Briefing, strength: str) -> str | None:
    """ "it saves 42.5% of training costs", where the episode said the figure after a verb of
    the method's ("42.5% of training costs" alone is a fragment to the ear); the method is
    "it" (its name with the verb would be a run of the paper the episode never said)."""
    said = rf"\b(?P<verb>[a-z]{{3,}}s) {re.escape(strength)}"
    for turn in b.talk.turns:
        for sentence in split_sentences(turn.text):
            found = re.search(said, sentence)
            # The method's figure, said of the method (not of "the router", or a rival).
            if found and found["verb"] not in _NOT_A_VERB and b.reader.names_method(sentence):
                return f"it {found['verb']} {strength}"
    return None


def _as_phrase(line: TableLine) -> str | None:
    """ "54.0% against 44.6% on MBPP", from the table line that said it; None for a line
    that names neither its benchmark nor its measure."""
    found = _RIVALLED.match(line.text)
    if found is None:
        return None
    unit = found["unit"] or ""
    phrase = f"{found['ours']}{unit} against {found['theirs']}{unit}"
    if found["bench"]:
        return f"{phrase} on {found['bench']}"
    metric = metric_of(line.text)  # "20.1% against 24.88% top-1 error"
    return f"{phrase} {metric}" if metric else None
