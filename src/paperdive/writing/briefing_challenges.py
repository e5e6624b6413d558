"""The skeptic's challenges: the paper's own admissions, results against it and the bounds
of its set-up, each put as his doubt or as a question the paper's words answer.

A deep dive and a critique put them in the corner; a debate puts each one right after the
claim it bears on (`debate_targets`), so claim and challenge alternate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperdive.writing.briefing import (
    PUSHES_BACK,
    challenge_of,
    falls_short,
    filtered_items,
    without_tie,
)
from paperdive.writing.conversation import join
from paperdive.writing.roles import is_caveat
from paperdive.writing.sentences import Sentence
from paperdive.writing.topics import GENERIC_TOPIC, topic_words

if TYPE_CHECKING:
    from paperdive.writing.briefing_talk import Briefing

# A set-up fact that bounds the claims ("a single attention patch"), not a plain fact of it
# ("8 GPUs a node").
BOUNDS = re.compile(
    r"\b(?:only|single|one|small|fixed|limited|solely|just|not|no|without|restricted)\b", re.I
)
# A challenge put, by what would settle it: the `want_…` line of the skeptic's verdict.
SETTLED_BY = {
    "own_framework": "outside",
    "hardware": "compute",
    "scale": "scale",
    "scope": "scope",
    "bound_unlike": "like_for_like",
    "filtered": "set_aside",
}
# The paper's own answer to an admission, in the line right after it: hers to say.
DEFENCE = re.compile(
    r"^(?:Nonetheless|Nevertheless|Still|Even so|That said|Despite (?:this|that)|"
    r"Unlike (?:the )?(?:prior|previous|other|existing|earlier) \w+),?\s"
)
READ_SHARE = 0.45  # he reads a line himself while his share of the words is under this
MIN_SHARED_WORDS = 2  # longer words a doubt and a claim share to be about the same thing


@dataclass
class Challenges:
    """The challenges put in one run of the talk; `opener` (a kind of host line) opens
    the first of them."""

    b: Briefing
    chapter: int
    opener: str | None = None
    asked_about: str | None = None  # the challenge just put, answered line by line

    def opening(self, said: str | None) -> str:
        """His words, after the opener while it is unsaid."""
        kind, self.opener = self.opener, None
        return join(self.b.ask(kind), said or "") if kind else said or ""

    def put(self, planned: Sentence) -> None:
        b, talk, chapter = self.b, self.b.talk, self.chapter
        if not talk.is_fresh(planned):
            return
        beat = without_tie(planned)  # a doubt stands without the line it adds to
        if falls_short(planned, b.reader.own):
            # Where their own results go against them: the strongest doubt, his to say.
            lead = None if b.setbacks else b.ask("setback_lead")  # one for them all
            b.setbacks += 1
            talk.say("skeptic", join(self.opening(lead), b.speak(beat)), chapter, beat)
            b.admitted = True
            self.answer(planned)
            return
        name = challenge_of(beat)
        fields = {"items": filtered_items(beat.text)} if name == "filtered" else {}
        if self.asked_about == "recipe" and name != "recipe":
            self.weigh()
        # A limit the paper admits is his to read: said as the pushback it is, or while
        # his share of the talk is low; else, or past a full turn of his, he asks and
        # she reads it (below).
        his_room = talk.speaker(chapter) != "skeptic" or b.room(chapter, beat)
        if (
            name == "limitation"
            and his_room
            and (PUSHES_BACK.search(beat.text) or talk.share("skeptic") < READ_SHARE)
        ):
            b.admitted = True
            self.asked_about = name  # on the table: a second limit is asked for as one more
            lead = b.ask("doubt_lead")
            talk.say("skeptic", join(self.opening(lead), b.speak(beat)), chapter, beat)
            self.answer(planned)
            return
        if name in ("scale", "hardware") and not BOUNDS.search(beat.text):
            return
        if his_room and (name in ("scale", "hardware") or name == "hedge" and not b.term_in(beat)):
            # A set-up fact that bounds the claims, or a hedge: his to point out.
            lead = b.ask("hedge_lead" if name == "hedge" else "bound_lead")
            talk.say("skeptic", join(self.opening(lead), b.speak(beat)), chapter, beat)
            if name in SETTLED_BY:
                b.raise_doubt(SETTLED_BY[name])
            return
        her_turn = talk.turns[-1].host == "explainer" and b.room(chapter, beat)
        if name and name == self.asked_about and her_turn:
            talk.say("explainer", b.speak(beat), chapter, beat)  # the same doubt, more
            return
        if name == "hedge":
            term = b.term_in(beat)
            asked = b.ask("challenge_hedge", term=term) if term else None
        elif name and self.asked_about == name and b.picker.has(f"challenge_{name}_more"):
            # Asked again, the same challenge asks for more ("Where else …?"): after his
            # own reading of a limit, "What do they admit?" would ask what he said.
            asked = b.ask(f"challenge_{name}_more")
        else:
            asked = b.ask(f"challenge_{name}", **fields) if name else None
        self.asked_about = name
        if not asked:
            return
        talk.say("skeptic", self.opening(asked), chapter)
        talk.say("explainer", b.speak(beat), chapter, beat)
        if name == "filtered":  # what a filtered test leaves unscored, his to draw
            talk.say("skeptic", b.ask("after_filtered", **fields), chapter)
        # where the method is not used ("prefill only") is a limit they state
        b.admitted = b.admitted or name in ("limitation", "scope")
        if name in SETTLED_BY:
            b.raise_doubt(SETTLED_BY[name])

    def answer(self, doubt: Sentence) -> None:
        """Her reply to a doubt he read, where the paper answers it in the next line ("Unlike
        the prior methods, their approach was not designed specifically for this task.")."""
        b = self.b
        after = b.text.sentences[doubt.order + 1 : doubt.order + 2]  # order is reading order
        reply = after[0] if after else None
        if (
            b.outline.format not in ("critique", "debate")  # his words weigh more there
            and reply is not None
            and reply.section == doubt.section
            and DEFENCE.match(reply.text)
            and not is_caveat(reply)  # "Nevertheless, it still lags …" concedes more
            and not falls_short(reply, b.reader.own)
            and b.talk.is_fresh(reply)
        ):
            b.talk.say("explainer", b.speak(reply), self.chapter, reply)

    def done(self) -> None:
        """After the training changes made beside the method, he says what they do to the
        comparison (each one a confound)."""
        if self.asked_about == "recipe":
            self.weigh()

    def weigh(self) -> None:
        talk = self.b.talk
        if talk.turns and talk.turns[-1].host == "explainer":
            talk.say("skeptic", self.b.ask("recipe_weigh"), self.chapter)
            self.b.raise_doubt("recipe")


def debate_targets(
    doubts: list[Sentence], claims: list[Sentence], results: list[Sentence]
) -> dict[int, Sentence]:
    """For a debate: each doubt, by the order of the claim it bears on (its section, else
    the most longer words in common; a bound of their set-up, else, the next of their
    `results`), one doubt a claim. A doubt that bears on none stays for the case against."""
    targets: dict[int, Sentence] = {}
    for doubt in doubts:
        words = topic_words(doubt.text) - GENERIC_TOPIC
        best: tuple[int, int] | None = None
        for claim in claims:
            if claim.order in targets:
                continue
            shared = len(words & topic_words(claim.text))
            score = shared + MIN_SHARED_WORDS * (claim.section == doubt.section)
            if score >= MIN_SHARED_WORDS and (best is None or score > best[0]):
                best = (score, claim.order)
        if best is None and challenge_of(without_tie(doubt)) not in (None, "limitation", "future"):
            free = [r.order for r in results if r.order not in targets]
            best = (0, free[0]) if free else None
        if best is not None:
            targets[best[1]] = doubt
    return targets
