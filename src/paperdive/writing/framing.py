"""The episode's frame: the cold open and welcome, the skeptic's corner, the close."""

from __future__ import annotations

import re

from paperdive.models import Paper
from paperdive.writing.conversation import join
from paperdive.writing.exchanges import Voices, question, voice
from paperdive.writing.roles import DOUBTS, sentence_kind
from paperdive.writing.sentences import PaperText, Sentence, numbers_in, self_contained

# The lines a skeptic's question probes rather than invites: not "so what do they propose?".
PROBING = frozenset(
    {"mechanism", "objective", "definition", "setup", "result", "comparison", "caveat", "hedge"}
    | {"future", "prior"}
)
# What a result reports about its spread, when it reports any.
_SPREAD = re.compile(
    r"\b(?:std|standard (?:deviation|error)|error bars?|confidence intervals?|variance across|"
    r"statistically significant|significance|p-values?|random seeds|\d+ (?:runs|trials|seeds)|"
    r"averaged over|mean and standard)\b|±|\+/-",
    re.IGNORECASE,
)


def cold_open(v: Voices, beats: list[Sentence], welcome: str) -> None:
    """The headline result first; the skeptic asks why it matters, and the problem it
    answers leads into the welcome."""
    talk = v.talk
    headline = next((b for b in beats if sentence_kind(b) != "motivation"), None)
    problem = next((b for b in beats if sentence_kind(b) == "motivation"), None)
    if headline is not None:
        talk.say("explainer", join(v.picker.pick("hook_lead"), v.spoken(headline)), 0, headline)
    if problem is not None:
        asked = question(v, problem, "motivation") if headline is not None else None
        if asked:
            talk.say("skeptic", asked, 0)
        talk.say("explainer", v.spoken(problem), 0, problem)
    talk.say("explainer", welcome, 0)


def corner(v: Voices, text: PaperText, beats: list[Sentence], chapter: int, opener: str) -> None:
    """The skeptic's corner: his questions, answered in the paper's own words (its
    limitations, hedges, plans and the set-up facts that bound its claims), the doubts he
    reads out himself, and what the paper leaves out, such as any spread across runs."""
    talk = v.talk
    for number, beat in enumerate(beats):
        if not talk.is_fresh(beat):
            continue
        if number == 0:
            voice(v, beat, chapter, opener)
            continue
        kind = sentence_kind(beat)
        asked = question(v, beat, kind)
        his_turn = talk.share("skeptic") < v.skeptic_share and kind in DOUBTS
        if asked and not his_turn:
            talk.say("skeptic", asked, chapter)
            talk.say("explainer", v.spoken(beat), chapter, beat)
        elif his_turn and self_contained(beat) and talk.speaker(chapter) != "skeptic":
            talk.say("skeptic", join(v.picker.pick("doubt_lead"), v.spoken(beat)), chapter, beat)
        else:
            voice(v, beat, chapter)
    if not talk.beats[chapter]:
        talk.say("explainer", opener, chapter)  # what the skeptic notes below is the chapter
    figure = headline_figure(text)
    if figure is not None and not reports_spread(text.paper):
        talk.say("skeptic", v.picker.pick("no_spread", figure=figure), chapter)
    if not any(sentence_kind(b) in DOUBTS for b in beats):
        # Said by whoever holds the floor, so it adds to a turn rather than making one.
        talk.say(talk.speaker(chapter) or "skeptic", v.picker.pick("few_doubts"), chapter)


def challenge(v: Voices, beat: Sentence, chapter: int, reserve: list[Sentence]) -> bool:
    """In a debate, the skeptic meets the explainer's claim before she goes on: with the
    question her next line answers, else with one of the paper's own doubts. Whether he
    did."""
    talk = v.talk
    last = talk.turns[-1] if talk.turns else None
    if last is None or last.host != "explainer" or not last.source_refs or last.chapter != chapter:
        return False  # only a claim made in this chapter is challenged
    if not self_contained(beat) or last.text.endswith("?"):
        return False
    asked = question(v, beat, sentence_kind(beat)) if sentence_kind(beat) in PROBING else None
    if asked:
        talk.say("skeptic", asked, chapter)
        return True
    doubt = next((d for d in reserve if talk.is_fresh(d)), None)
    if doubt is None:
        return False
    reserve.remove(doubt)
    talk.say("skeptic", join(v.picker.pick("doubt_lead"), v.spoken(doubt)), chapter, doubt)
    return True


def headline_figure(text: PaperText) -> str | None:
    """The first figure the abstract (else the paper) reports as a result."""
    ranked = sorted(text.sentences, key=lambda s: (s.role != "abstract", s.order))
    for sentence in ranked:
        if sentence_kind(sentence) in ("result", "comparison"):
            figures = [n for n in numbers_in(sentence.text) if not n.isdigit() or "%" in n]
            if figures:
                return figures[0]
    return None


def reports_spread(paper: Paper) -> bool:
    """Whether the results say anything about how much their numbers vary."""
    return any(_SPREAD.search(section.text) for section in paper.sections) or bool(
        _SPREAD.search(paper.abstract)
    )


def close(v: Voices, beats: list[Sentence], chapter: int, sign_off: str) -> None:
    """The take-away: the skeptic asks what to remember, the explainer answers with the
    paper's own conclusion, and signs off."""
    talk = v.talk
    fresh = [b for b in beats if talk.is_fresh(b)]
    if fresh:
        talk.say("skeptic", v.picker.pick("takeaway"), chapter)
        for beat in fresh:
            voice(v, beat, chapter)
    talk.say("explainer", sign_off, chapter)
