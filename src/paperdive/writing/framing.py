"""The episode's frame: the cold open before the welcome, and the take-away at the close."""

from __future__ import annotations

from dataclasses import dataclass

from paperdive.writing.conversation import Conversation, LinePicker, join
from paperdive.writing.exchanges import Speak
from paperdive.writing.read import section_kinds
from paperdive.writing.roles import is_caveat, sentence_role
from paperdive.writing.sentences import PaperText, Sentence, cue_score, self_contained, third_person
from paperdive.writing.titles import headline_claim

CLOSING_CLAIMS = 3


@dataclass(frozen=True)
class Ending:
    """The paper's conclusion and its strongest admitted weakness, kept back for the close."""

    claims: list[Sentence]  # best first: the first not already said closes the episode
    doubt: Sentence | None

    def holds(self, sentence: Sentence) -> bool:
        kept = [*self.claims, *([self.doubt] if self.doubt else [])]
        return any(k.text == sentence.text for k in kept)


def cold_open(talk: Conversation, picker: LinePicker, beats: list[Sentence], spoken: Speak) -> None:
    """A surprising result first, the skeptic's doubt about it, and only then the welcome."""
    for beat in beats:
        if talk.is_fresh(third_person(beat.text)):
            talk.say("explainer", f"{picker.pick('hook_lead')} {spoken(beat)}", 0, beat)
            talk.say("skeptic", picker.pick("hook_question"), 0)
            talk.say("explainer", picker.pick("hook_answer"), 0)


def close(
    talk: Conversation, picker: LinePicker, ending: Ending, chapter: int, spoken: Speak
) -> None:
    """The take-away: the paper's conclusion, the skeptic's strongest doubt, the sign-off."""
    doubt = ending.doubt
    claim = next((c for c in ending.claims if talk.is_fresh(third_person(c.text))), None)
    if claim is not None:
        previous = talk.previous
        if previous is not None and previous.host == "explainer":
            talk.say("skeptic", picker.pick("takeaway_question"), chapter)
        lead = None if talk.previous and talk.previous.host == "skeptic" else "takeaway_lead"
        talk.say("explainer", join(lead and picker.pick(lead) or "", spoken(claim)), chapter, claim)
    if doubt is not None and talk.is_fresh(third_person(doubt.text)):
        talk.say("skeptic", f"{picker.pick('doubt_lead')} {spoken(doubt)}", chapter, doubt)
    elif claim is not None:
        talk.say("skeptic", picker.pick("open_doubt"), chapter)
    talk.say("explainer", picker.pick("sign_off"), chapter)


def ending(text: PaperText) -> Ending:
    sentences = [s for s in text.sentences if self_contained(s)]
    concluding = [s for s in sentences if "limitations" in section_kinds(s.section)]
    claims = [
        s
        for s in concluding or [s for s in sentences if s.section == "Abstract"]
        if sentence_role(s) in ("conclusion", "result", "comparison", "method", "other")
    ]

    def claim_strength(s: Sentence) -> float:
        return (
            cue_score(s, "results")
            + cue_score(s, "method")
            + ("conclu" in (s.section or "").lower())
        )

    ranked = sorted(claims, key=claim_strength, reverse=True)
    headline = headline_claim(text.paper, [third_person(s.text) for s in claims])
    if headline is not None:
        ranked.sort(key=lambda s: third_person(s.text) != headline[0])

    caveats = [s for s in sentences if is_caveat(s)]

    def doubt_strength(s: Sentence) -> float:
        in_own_section = "limitation" in (s.section or "").lower()
        plans = "future work" in s.text.lower()  # a plan is a weaker doubt than a weakness
        return cue_score(s, "limitations") + cue_score(s, "threats") + 2 * in_own_section - plans

    return Ending(
        claims=ranked[:CLOSING_CLAIMS], doubt=max(caveats, key=doubt_strength, default=None)
    )
