"""The briefing's conversation: who says each chosen line, and the only questions asked,
those the next line precisely answers (see briefing.py for what is chosen)."""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import NamedTuple

from paperdive.models import ChapterHeading, HostRole, Outline, Script
from paperdive.store import content_hash
from paperdive.writing.algorithm import algorithm_steps, in_order
from paperdive.writing.briefing import (
    _DATA,
    _SCALE,
    MIN_CHAPTER_LINES,
    PUSHES_BACK,
    STEP,
    WRAP_LINES,
    Reader,
    as_headline,
    briefing_outline,
    falls_short,
    gist,
    gist_said,
    of_a_rival,
    paper_lines,
    result_figures,
    runs_repeated,
    sets_up_test,
    spread_reported,
    why_answer,
    without_tie,
)
from paperdive.writing.briefing_challenges import (
    BOUNDS,
    READ_SHARE,
    Challenges,
    debate_targets,
)
from paperdive.writing.briefing_objections import objections, raise_objections
from paperdive.writing.briefing_verdict import said_as_measured, table_lead, verdict
from paperdive.writing.chapters import MIN_CHAPTER_WORDS, describe, moved_turns, substance
from paperdive.writing.check import minutes_after_review
from paperdive.writing.conversation import Conversation, LinePicker, join, listing
from paperdive.writing.digest_names import spelled_count
from paperdive.writing.exchanges import COMPARED_WITH, topic_of
from paperdive.writing.glossary import with_glosses
from paperdive.writing.model_balance import SHOW_BAND
from paperdive.writing.plan import (
    ALTERNATIVES,
    COLD_OPEN,
    CRITIQUE,
    EXPERIMENTS,
    FOUND_TITLE,
    IDEA,
    MECHANICS,
    NUMBERS,
    PRIOR,
    PROBLEM,
    SHORT_RATIO,
    WRAP,
    ChapterKind,
    chapter_kind,
    figures_in,
)
from paperdive.writing.roadmap import method_part_of, method_parts, top_sections
from paperdive.writing.roles import (
    _COMPARISON,
    answers_clearly,
    defined_term,
    is_caveat,
    plural,
    sentence_kind,
)
from paperdive.writing.sentences import (
    COMPOUND_LINKS,
    FIRST_PERSON,
    PaperText,
    Sentence,
    self_contained,
    split_sentences,
    third_person,
)
from paperdive.writing.table_lines import TableLine, metric_of
from paperdive.writing.titles import readable_title
from paperdive.writing.topics import GENERIC_TOPIC, same_subject, shares_topic, topic_words
from paperdive.writing.verbatim import keeping

Speak = Callable[[Sentence], str]
MAX_TURN_WORDS = 50
# Words a turn may run to: past 60 a turn is long (the eval allows half the words in such
# turns, none over 100), so a line that would take her turn past this needs a question that
# fits it, else it is left out.
MAX_LONG_TURN = 60
MAX_TURN_SENTENCES = 2
MAPPED_FORMATS = frozenset(["deep-dive", "brief"])  # the method's parts named before its steps
# Terms of the field explained on request, by format (all of them, and of those most
# listeners know): none of the familiar ones (a listener of a deep dive hears "what's
# backpropagation?" as talking down), a critique's and a debate's words go to doubts and
# challenges.
GLOSSES = {"deep-dive": (3, 0), "brief": (1, 0)}
EXPLAINING = (PROBLEM, PRIOR, IDEA, MECHANICS)  # chapters where a gloss may follow her line
TABLE_TURN = 3  # table comparisons Theo reads
MAP_PART_WORDS = 4  # a heading longer than this, said in a list of the method's parts, is lost
# His share of the words so far, for her to go on past a full turn on his prompt: the show's
# floor (a host who only prompts is no co-host).
HIS_FLOOR = SHOW_BAND[0]
HIS_LOW = HIS_FLOOR + 0.05  # his share of the words under which her turns hold a line each
HIS_ASKING_SHARE = 0.70  # of Theo's turns, those that ask or push back, at the least
SIGN_OFF_WORDS = 5  # "That was DRAW. Thanks for listening.", at the least
WRAP_SHARE = 0.36  # below this share of the talk, Theo states the second take-away
NEAR_TIE = 0.01  # a relative gap under this is a near tie, said as one
# A score on a named benchmark: "60.8 on AIME", "94.6% on MATH500": a decimal or a percent
# (not a whole count), on a name that is no chip ("2.5 on GPUs", "1.5 on A100").
_FIGURE_ON = re.compile(
    r"(?<![\w.])(?P<figure>\d+\.\d+%?|\d+%) on "
    r"(?!(?:[GT]PU|[AHV]\d{2,3}|H20)s?\b)(?P<bench>[A-Z][\w\-]*[A-Z0-9]\w*)"
)
# A table line's two figures: "… scores 8.97, against 8.95 for LLaMA3 70B Instruct."
_TWO_FIGURES = re.compile(r"(\d+(?:[.,]\d+)*%?),? against (\d+(?:[.,]\d+)*%?)")
MAX_NEXT_STEPS = 3  # "And what happens after that?" in one chapter
SUBJECT_CHARS = 30  # a line is about a term it names this early
# What a "how does it work?" answer does: a step, said in the present.
_STEP = re.compile(
    r"\b(?:comput(?:es|e)|splits?|selects?|partitions?|routes?|maps?|encodes?|decodes?|"
    r"projects?|updates?|generates?|predicts?|combines?|replaces?|aggregates?|averages?|"
    r"assigns?|concatenates?|normali[sz]es?|attends? to|consists? of|is composed of|takes? as "
    r"input|outputs?|feeds?|compresses?|stores?|caches?|scores?|ranks?|samples?|learns?)\b",
    re.IGNORECASE,
)
# A line that ends announcing the parts to come: "they make two necessary simplifications."
_ANNOUNCED = re.compile(
    r"\b(?P<n>two|three|four|five|several) (?:[\w-]+ ){0,2}?(?P<what>simplifications|steps|"
    r"changes|components|parts|stages|phases|variants|schemes|ideas|modifications|ways|"
    r"approaches|strategies|techniques|properties|observations|contributions|problems|"
    r"challenges|issues|types|kinds)[.:]?$",
    re.IGNORECASE,
)
# A line that names what was described: "We use the term vine", "which we call single path".
_NAMING = re.compile(
    r"\b(?:use the (?:term|name)|(?:we|they|authors) (?:call|dub|term)|(?:is|are) (?:called|"
    r"dubbed|termed)|refer to (?:this|it|them) as)\b",
    re.IGNORECASE,
)
_HEDGED = re.compile(r"\b(?:could|would|might|may|observed|believe|hypothesi[sz]e)\b", re.I)
# A baseline by its whole name, up to three words ("DeepSeek-V2 Chat SFT"); a dot only
# inside a name ("Qwen1.5"), never the full stop after it.
_BASELINE_NAME = re.compile(
    COMPARED_WITH + r"(?P<name>[A-Z][\w\-]*(?:\.[\w\-]+)*(?:\s[A-Z0-9][\w\-]*(?:\.[\w\-]+)*){0,2})"
)
_ECHO = re.compile(
    r"(?<![\w.])(?P<echo>\d+(?:\.\d+)?(?:\s?%|x|×| times)\s(?:(?:fewer|more|less|faster|"
    r"smaller|larger|lower|higher|cheaper|reduction in|of|the)\s)?"
    r"[a-z][a-z\-]+(?:\s[a-z][a-z\-]+)?)"
)
# A snag of the method's or of earlier work's, his to read in the telling of the method: a
# step done "without" something ("without any chain of thought") or that "only" costs a
# little is the method's own.
_SNAG = re.compile(
    r"\b(?:but|though|however|cannot|unless|not|no|never|downsides?|drawbacks?|"
    r"disadvantages?)\b|n't\b",
    re.I,
)
_ORDINAL = re.compile(r"^(?:\w+ ){0,3}the (second|third|final|last) ([a-z]{4,})\b", re.I)
# A snag the method's telling meets: "The downside of the vine method is …", "this problem
# is impractical to solve due to the large number of constraints".
_DOWNSIDE = re.compile(
    r"\b(?:downsides?|drawbacks?|disadvantages?|impractical|intractable|infeasible|"
    r"prohibitive(?:ly)?)\b",
    re.IGNORECASE,
)
# A finding that qualifies the one before it: "The improvement is however counterbalanced by
# the larger power consumption" (an opening "However," may turn either way: left alone).
_QUALIFIES = re.compile(
    r"\bhowever\b|\b(?:counterbalanced|offset|outweighed) by\b|\bat the (?:cost|expense) of\b",
    re.IGNORECASE,
)
_BECAUSE = re.compile(
    r"\b(?:because|since|so that|due to|means|leads? to|without|otherwise|so)\b", re.I
)
_ECHO_TAIL = frozenset(
    [
        "to",
        "of",
        "than",
        "the",
        "and",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "as",
        "from",
        "a",
        "an",
    ]
)


def other(host: HostRole) -> HostRole:
    return "skeptic" if host == "explainer" else "explainer"


# "By RL, we refer to the problem of …": what the authors mean by a term, said outright.
_MEANT = re.compile(r"^By (?P<term>[^,]{1,40}), (?:we|they|the authors) (?:refer to|mean)\b")


class Briefing:
    """One episode being written: the talk so far and how lines are said."""

    def __init__(self, text: PaperText, outline: Outline, hosts: dict[HostRole, str], speak: Speak):
        self.text = text
        self.reader = Reader.of(text)
        self.outline = outline
        self.say_line = speak
        self.in_results = False  # in the findings: a line that moves to a new test names it
        self.talk = Conversation()
        self.looks = False  # whether that claim is how its output looks or sounds to people
        self.measured: str | None = None  # the headline figure with what it measures
        self.pending: int | None = None  # a chapter whose last turn awaits Nora's answer
        self.opener: str | None = None
        self.generic_asked = False  # a numbers question that names no measure, asked once
        self.trailing: list[TableLine] = []  # a table row where the method trails: a doubt
        self.next_steps: Counter[int] = Counter()  # generic next-step questions per chapter
        self.planned_before: dict[int, int] = {}  # a line's order → its plan predecessor's
        self.top = top_sections(text.paper)  # a section's title → its top-level section's
        self.part = method_part_of(text.paper)  # … → the title of the method part it tells
        # "multi-head latent attention" → "MLA": a part named by an acronym's long form
        self.acronym_of = {long.lower(): s for s, long in text.acronyms.long_forms.items()}
        self.full_text = text.paper.full_text()
        core = gist(self.reader, {s.order: sentence_kind(s) for s in text.sentences})
        self.gist = core.order if core else None  # the method in plain words: hers, asked for
        # In a debate, the doubts of the case against, by the claim each one challenges.
        self.debated = _debated(text, outline)
        self.admitted = False  # whether the paper's own limits were said
        self.framed: set[int] = set()  # his turns that put a claim to the test ("…, if true:")
        self.setbacks = 0  # results against the method said so far
        self.raised: list[str] = []  # the doubts he raised, as what he would still want
        self.raised_at: dict[str, int] = {}  # the turn he last raised each in
        self.read_tables: list[TableLine] = []  # the table comparisons said
        self.objections = objections(text, self.reader.method)  # his own questions, for the corner
        self.mapped: str | None = None  # the method's parts, named before its mechanics
        self.map_tried = False
        # What the paper leaves unmeasured, still to point out (once, at a claim or after).
        self.to_ask_judges = not _HUMAN_JUDGED.search(self.full_text)  # "by whose eye?"
        lines = paper_lines(text.paper)
        self.to_ask_spread = not spread_reported(text.paper, lines)  # "no error bars on 94.1%"
        self.no_spread = "no_spread_repeated" if runs_repeated(lines) else "no_spread_briefing"
        paper = text.paper
        self.fields = {
            "explainer": hosts["explainer"],
            "skeptic": hosts["skeptic"],
            "title": readable_title(paper),
            "authors": _authors(paper.authors),
            "short": self.reader.method or "the paper",
            # What a short episode calls itself: "a short debate on …".
            "episode": outline.format if outline.format in ("critique", "debate") else "briefing",
        }
        self.picker = LinePicker(content_hash(paper.title, outline.format, "briefing"), self.fields)

    # -- saying things -------------------------------------------------------------------
    def speak(self, beat: Sentence) -> str:
        """A line as said; in the findings, after the test it reports where it moves on to a
        test of its own section and names none ("On code fixing: … 73.7% in Aider")."""
        said = self.say_line(beat)
        last = self.talk.last_beat
        if not self.in_results or beat.role != "results" or not beat.section:
            return said
        if (last is not None and last.section == beat.section) or not figures_in(beat.text):
            return said
        topic = topic_of(beat.section)
        if topic is None or _NO_TEST.search(topic) or names_topic(beat.text, topic):
            return said
        lead = self.ask("test_lead", topic=topic)
        return f"{lead} {said}" if lead else said

    def nora(self, beat: Sentence, chapter: int) -> None:
        """Nora says a line, after the chapter's opening words if she has not yet spoken."""
        beat = self.unechoed(beat)
        opener, self.opener = self.opener, None
        if opener and self.talk.speaker(chapter) is None:
            self.talk.say("explainer", join(opener, self.speak(beat)), chapter, beat)
        else:
            self.talk.say("explainer", self.speak(beat), chapter, beat)

    def unechoed(self, beat: Sentence) -> Sentence:
        """Her answer to "How do they encourage full use of the state space?" without its
        "To encourage full use of the state space," (the question said it just now)."""
        turns = self.talk.turns
        purpose = _PURPOSE_CLAUSE.match(beat.text)
        goal = purpose_of(beat.text)
        if not (turns and purpose and goal) or turns[-1].host != "skeptic":
            return beat
        if goal.lower() not in turns[-1].text.lower():
            return beat
        rest = beat.text[purpose.end() :].lstrip()
        return replace(beat, text=rest[:1].upper() + rest[1:])

    def line(self, host: HostRole, beat: Sentence | TableLine, chapter: int) -> None:
        if isinstance(beat, TableLine):
            self.talk.say(host, beat.text, chapter)
        else:
            self.talk.say(host, self.speak(beat), chapter, beat)

    def room(self, chapter: int, beat: Sentence | TableLine, slack: int = 0) -> bool:
        """Whether the turn now spoken can take this line and stay short."""
        if self.talk.speaker(chapter) is None:
            return True
        turn = self.talk.turns[-1].text
        if self.mapped:  # the method's map weighs as the chapter's opening words would
            turn = turn.replace(self.mapped, "Parts.", 1)
        sentences = len(re.findall(r"[.!?](?:\s|$)", turn))
        words = len(turn.split()) + len(beat.text.split())
        limit = min(MAX_TURN_WORDS + 20 * slack, MAX_LONG_TURN)
        most = MAX_TURN_SENTENCES + slack
        telling = chapter_kind(self.outline.chapters[chapter].title) in (IDEA, MECHANICS)
        her_turn = self.talk.turns[-1].host == "explainer"
        if telling and her_turn and self.talk.share("skeptic") < HIS_LOW:
            most -= 1  # a line each, so that he asks between them while he has said little
        return sentences < most and words <= limit

    def ask(self, kind: str, **extra: str) -> str | None:
        return self.picker.pick(kind, **extra)

    def raise_doubt(self, want: str) -> None:
        """Note a doubt he raised, by what would settle it (a `want_…` line), for his verdict."""
        if want not in self.raised:
            self.raised.append(want)
        turns = self.talk.turns
        his = bool(turns) and turns[-1].host == "skeptic"  # said on in his turn
        self.raised_at[want] = len(turns) - his  # where he last raised it

    def next_step(self, beat: Sentence) -> str | None:
        """ "And the decoder network?" before a step about a part of the method named as
        its subject; else "And what happens after that?", asked a few times a chapter at
        most (asked before every step, it says nothing)."""
        subject = self.subject_question(beat)
        if subject:
            return subject
        part = _FOR_LEAD.match(beat.text)
        if part:
            if part.group("each"):
                return self.ask("question_for_each", topic=part.group("each_topic"))
            return self.ask("question_for", topic=part.group("topic"))
        chapter = self.talk.turns[-1].chapter if self.talk.turns else 0
        last = self.talk.last_beat
        if self.next_steps[chapter] >= MAX_NEXT_STEPS or _NAMING.search(beat.text):
            return None  # "We use the term vine, since …" names a step; it is none
        counted = _ANNOUNCED.search(last.text) if last is not None else None
        if counted:  # "they make two necessary simplifications." → "What are the two?"
            return self.ask("question_counted", count=f"{counted['n']} {counted['what']}")
        if last is None or not STEP.search(last.text):
            return None  # "after that" with no step said before it asks about nothing
        if not STEP.search(beat.text) or _SNAG.search(beat.text):
            return None  # "And the next step?" → "They require a smaller KV cache, but …"
        self.next_steps[chapter] += 1
        return self.ask("question_next_step")

    # -- chapters ------------------------------------------------------------------------
    def cold_open(self, beats: list[Sentence | TableLine], chapter: int) -> None:
        headline = next((as_headline(b) for b in beats if isinstance(b, Sentence)), None)
        lead = next((b for b in beats if isinstance(b, TableLine)), None)
        if headline is not None:
            self.looks = bool(_LOOKS.search(headline.text))
            self.measured = measure_of(headline.text)
            # The skeptic puts the claim the episode will test; the explainer welcomes.
            self.talk.say(
                "skeptic", join(self.ask("claim_lead"), self.speak(headline)), chapter, headline
            )
            self.framed.add(len(self.talk.turns) - 1)
        elif lead is not None:  # the headline is their table's clear lead
            cites = [lead.source] if lead.source else []
            self.talk.say("skeptic", join(self.ask("claim_lead"), lead.text), chapter, cites=cites)
            self.read_tables.append(lead)
        short = self.outline.planned_minutes < SHORT_RATIO * self.outline.target_minutes
        host: HostRole = "explainer" if headline is not None or lead is not None else "skeptic"
        self.talk.say(host, self.welcome(host, short), chapter)

    def welcome(self, host: HostRole, short: bool) -> str:
        """The show's welcome, said by `host` (who names the other second)."""
        if host == "explainer":
            return self.ask("welcome_briefing" if short else "welcome") or ""
        return self.ask("welcome_briefing_skeptic" if short else "welcome_skeptic") or ""

    def explain(self, kind: ChapterKind, beats: list[Sentence | TableLine], chapter: int) -> None:
        """Nora explains; Theo asks the question a line answers before she says it. A line
        no question fits runs on in her turn while it stays short; past that it is said
        by Theo when it pushes back (earlier work's limits), else left out."""
        found = self.outline.chapters[chapter].title == FOUND_TITLE  # findings in words
        self.in_results = kind is NUMBERS
        opener = self.ask("open_found" if found else f"open_{kind.key}")
        tables = [b for b in beats if isinstance(b, TableLine)]
        lines = [b for b in beats if isinstance(b, Sentence)]
        self.planned_before |= {b.order: a.order for a, b in zip(lines, lines[1:], strict=False)}
        talk = self.talk
        if kind in (PROBLEM, PRIOR, EXPERIMENTS):
            self.skeptic_reads(lines, chapter, opener)
            if tables:  # the set-up's results, where the paper's prose states none
                self.tables(tables, chapter)
            return
        self.opener = opener if not (talk.turns and talk.turns[-1].text.endswith("?")) else None
        if kind is MECHANICS:
            self.method_map(chapter)
        fresh = [b for b in lines if talk.is_fresh(b)]
        following = {a.order: b for a, b in zip(fresh, fresh[1:], strict=False)}
        answer: int | None = None  # the line that answers the question he just put
        challenges = Challenges(self, chapter)
        for beat in fresh:
            self.challenge_claims(challenges, beat)
            if not talk.is_fresh(beat) or self.orphan_ordinal(beat):
                continue
            if beat.order == self.gist:
                beat = gist_said(beat)
            speaking = talk.speaker(chapter)
            if beat.order == answer:
                self.nora(as_answer(beat), chapter)
                continue
            if kind is NUMBERS and sets_up_test(beat, sentence_kind(beat)):
                # A test's set-up is his to put, and what it found hers to say.
                finding = following.get(beat.order)
                said = self.speak(beat)
                if (
                    finding is not None
                    and finding.section == beat.section
                    and not sets_up_test(finding, sentence_kind(finding))
                    and not self.orphan_ordinal(finding)  # said, never skipped
                ):
                    asked = self.question(finding, NUMBERS) or self.ask("question_result")
                    said = f"{said} {asked}"
                    answer = finding.order
                talk.say("skeptic", said, chapter, beat)
                continue
            awaits_answer = bool(talk.turns) and talk.turns[-1].text.endswith("?")
            doubts = (
                falls_short(beat, self.reader.own)
                or (is_caveat(beat) and self_contained(beat))
                or bool(_QUALIFIES.search(beat.text, 1))
            )
            if kind is NUMBERS and doubts and speaking is not None and not awaits_answer:
                # A result that tells against the method, or a difficulty the paper admits,
                # is the skeptic's to point out, in his turn or after hers ("But …" once: a
                # chain of buts says each line is the same); his turn full, she grants it.
                if speaking == "skeptic" and not self.fits_turn(beat):
                    self.nora(beat, chapter)
                    continue
                said = self.speak(beat)
                but = (
                    talk.turns[-1].host == "skeptic"
                    or said.startswith("But ")
                    or bool(_QUALIFIES.search(said, 1))  # "… is however …" needs no "But"
                )
                if not but:
                    said = f"But {said[:1].lower()}{said[1:]}" if _lowers(said) else said
                talk.say("skeptic", said, chapter, beat)
                continue
            if not self_contained(beat):
                # A line that leans on the one before is said right after it, or not at all.
                if speaking is not None and self.follows(beat):
                    asked = self.leaning_question(beat)
                    if asked:  # "To accomplish this, …" answers "How do they do that?"
                        talk.say("skeptic", asked, chapter)
                        self.nora(beat, chapter)
                        continue
                    if _DOWNSIDE.search(beat.text) and speaking == "explainer":
                        talk.say("skeptic", self.speak(beat), chapter, beat)  # his to raise
                        continue
                    if (
                        kind is MECHANICS
                        and speaking == "explainer"
                        and _TURN_LEAD.match(beat.text)
                    ):
                        talk.say("skeptic", self.speak(beat), chapter, beat)  # a snag: his
                        continue
                    mechanism = kind is MECHANICS and not PUSHES_BACK.search(beat.text)
                    if mechanism and speaking == "skeptic":
                        self.nora(beat, chapter)  # his snag, and she tells it out
                        continue
                    if self.room(chapter, beat, slack=1) or self.fits_turn(beat):
                        full = not self.room(chapter, beat, slack=1)
                        reads = speaking == "explainer" and full and self.his_to_read(kind)
                        talk.say("skeptic" if reads else speaking, self.speak(beat), chapter, beat)
                    elif speaking == "explainer" and _WHAT_FOR.match(beat.text):
                        # "This allows users to …", her turn full: what the step is for.
                        talk.say("skeptic", self.ask("question_what_for"), chapter)
                        self.nora(beat, chapter)
                    elif speaking == "explainer" and (step := self.step_question(beat, last=None)):
                        talk.say("skeptic", step, chapter)
                        self.nora(as_answer(beat), chapter)
                    elif kind is NUMBERS:
                        # The finding its lines led up to ("This suggests that …"), her turn
                        # full: his to draw, never lost with its set-up said.
                        drawn = self.their_reading(beat) if speaking == "explainer" else None
                        talk.say(other(speaking), drawn or self.speak(beat), chapter, beat)
                continue
            snag = (_SNAG.search(beat.text) and sentence_kind(beat) not in _HERS) or (
                _DOWNSIDE.search(beat.text)  # "The downside of the vine method is …"
            )
            if (
                kind.key in ("mechanics", "idea")
                and beat.order != self.gist
                and (
                    beat.role == "background"
                    or sentence_kind(beat) in ("prior", "caveat", "motivation")
                    or snag
                )
            ):
                # What came before the method, and the snags it answers, are his to read
                # (the method itself is hers); before the method in plain words, he asks
                # for it.
                if speaking != "skeptic" or self.fits_turn(beat):
                    said, after = self.speak(beat), following.get(beat.order)
                    gist_next = after is not None and after.order == self.gist
                    asked = self.ask("question_instead") if gist_next else None
                    talk.say("skeptic", f"{said} {asked}" if asked else said, chapter, beat)
                continue
            last = talk.last_beat
            part = self.gist_question(beat, chapter)
            topic = self.part_topic(beat, last) if part is None and kind is MECHANICS else None
            taken_up = self.takes_up(topic) if topic else None
            if topic and not taken_up:
                if talks_of(topic, beat.text, self.reader.method):
                    part = self.meaning_question(topic, beat) or self.part_question(topic)
                elif talk.turns and talk.turns[-1].host == "skeptic":
                    # "What about the closed-loop tuner?" → "Asynchrony is …" would not
                    # answer it: she names the part herself and goes on
                    taken_up = self.ask("part_signpost", topic=self.named_part(topic))
            if part is None and _SCORED.search(beat.text) and self.may_ask(chapter):
                part = self.ask("question_scored")  # about the line itself, never the last
            if kind is NUMBERS and not (talk.turns and talk.turns[-1].text.endswith("?")):
                part = self.finding_question(beat, last)  # after his own point, too
            opening = talk.speaker(chapter) is None  # "And what did they find?" opens, once
            asked = part or (self.question(beat, kind, opening) if self.may_ask(chapter) else None)
            if asked and not part and speaking and last is not None and kind is not NUMBERS:
                # Mid-chapter, a question only about what was just said (or, in the paper's
                # own telling, the line it goes on with).
                asked = asked if same_subject(beat, last) or self.follows(beat) else None
            if (
                self.pending is not None
                and talk.turns[-1].host == "skeptic"
                and talk.turns[-1].chapter == self.pending  # his reading closed the last one
                and not asked
            ):
                asked = self.bridge(beat, kind)
            self.pending = None
            if taken_up and not asked:
                talk.say("explainer", join(taken_up, self.speak(as_answer(beat))), chapter, beat)
                continue
            if asked and talk.speaker(chapter) is None and talk.turns[-1].host == "skeptic":
                talk.say("skeptic", asked, chapter)  # his question opens her chapter
                self.opener = None
                self.nora(as_answer(beat), chapter)
            elif asked:
                talk.say("skeptic", asked, chapter)
                self.nora(as_answer(beat), chapter)
            elif handover := self.handover(beat, kind, last):
                talk.say("skeptic", handover, chapter)  # his reading ends on what she answers
                self.nora(as_answer(beat), chapter)
            elif speaking != "explainer" or (
                self.room(chapter, beat) and not self.another_part(beat)
            ):  # asked for "in a sentence", she answers in one
                self.nora(beat, chapter)
            else:
                # Her turn is full: Theo asks about what the line is about, else she goes
                # on in a new paragraph (the method and its results are hers to say).
                about = self.follow_up(beat, last) if last is not None else None
                if self.follows(beat):  # "To accomplish this, …" answers "How?"
                    about = self.leaning_question(beat) or about
                if (
                    about is None and kind in (MECHANICS, IDEA) and self.may_ask(chapter)
                ):  # "And the core of MLA?"
                    about = self.subject_question(beat)
                if about is None and self.another_part(beat):
                    about = self.ask("question_proposal_more")
                if about is None and sentence_kind(beat) == "definition":
                    about = self.question(beat, kind)  # "What's ontology matching?"
                if about:
                    talk.say("skeptic", about, chapter)
                    self.nora(as_answer(beat), chapter)
                elif kind is NUMBERS and (
                    PUSHES_BACK.search(beat.text) or talk.share("skeptic") < READ_SHARE
                ):
                    # A further result that qualifies the rest is his to point out; others
                    # he reads while his share of the talk is low, as theirs to weigh.
                    qualifies = PUSHES_BACK.search(beat.text)
                    said = self.speak(beat) if qualifies else self.their_reading(beat)
                    talk.say("skeptic", said, chapter, beat)
                elif kind is NUMBERS:
                    pass  # a further result no question fits, her turn full: left out
                elif step := self.step_question(beat, last):
                    talk.say("skeptic", step, chapter)  # the next step of what she explains
                    self.nora(as_answer(beat), chapter)
                elif self.his_to_read(kind):
                    talk.say("skeptic", self.speak(beat), chapter, beat)
                elif self.fits_turn(beat):
                    self.nora(beat, chapter)
                elif kind is MECHANICS and self.he_may_read():
                    # Left out, every later line of the method would be too (her turn
                    # stays full): he says this one, she goes on from it.
                    talk.say("skeptic", self.speak(beat), chapter, beat)
                # else: no question fits and her turn is full: the line is left out
        self.challenge_claims(challenges, None)
        challenges.done()
        self.in_results = False
        if kind is NUMBERS:
            self.two_speedups(chapter)
        if kind is MECHANICS:
            self.algorithm(chapter)
        if tables:
            self.tables(tables, chapter)

    def two_speedups(self, chapter: int) -> None:
        """A speed-up the numbers say that is not the one said before (MoBA's 6.5x when
        prefilling 1M tokens, after the open's 16x at 10M): he sets the two side by side,
        or a listener hears one figure contradict the other."""
        before = speedups(t.text for t in self.talk.turns if t.chapter < chapter)
        here = speedups(t.text for t in self.talk.turns if t.chapter == chapter)
        new = [figure for figure in here if figure not in before]
        if before and new:
            self.talk.say(
                "skeptic", self.ask("two_speedups", first=before[0], second=new[0]), chapter
            )

    def method_map(self, chapter: int) -> None:
        """Before the method's first step, in a deep dive or a brief: he asks how it is
        built, she names its parts by the paper's headings ("Three parts: …")."""
        tried, self.map_tried = self.map_tried, True
        if tried or self.outline.format not in MAPPED_FORMATS or self.opener is None:
            return  # mapped once; a critique or debate spends its words on doubts
        if self.reader.method is None:
            return  # "How is the paper built?" asks about the paper, not its method
        parts = method_parts(self.text.paper)
        if not parts or any(len(part.split()) > MAP_PART_WORDS for part in parts):
            return  # long headings ("monotonic improvement guarantee for …") are no map by ear
        count = spelled_count(len(parts)).capitalize()
        self.mapped = self.ask("method_map", count=count, parts=listing(parts))
        if self.mapped:
            self.talk.say("skeptic", self.ask("ask_method_map") or "", chapter)
            self.talk.say("explainer", self.mapped, chapter)
            self.opener = None

    def challenge_claims(self, challenges: Challenges, upcoming: Sentence | None) -> None:
        """In a debate, Theo challenges her claim once she has made it, before her next line
        (unless that line goes on from hers): with a doubt of the paper's that bears on it,
        else with what the paper leaves unmeasured about it. In any other format, a finding
        of how the output looks, said in the numbers, is doubted right after it."""
        talk = self.talk
        if not talk.turns or talk.turns[-1].host != "explainer" or talk.last_beat is None:
            return
        if self.outline.format != "debate" and not self.to_ask_judges:
            return  # outside a debate, only "By whose eye?" is asked at a claim
        if upcoming is not None and not self_contained(upcoming):
            return
        claim = talk.last_beat
        if claim not in talk.beats[challenges.chapter]:
            return  # her line of the chapter before: no claim of this one yet
        if self.outline.format != "debate":
            # A finding of how the output looks is doubted as it is said, not in the corner
            # after other doubts, where "By whose eye?" would seem to answer those.
            numbers = chapter_kind(self.outline.chapters[challenges.chapter].title) is NUMBERS
            if numbers and self.judged_by_eye(claim):
                talk.say("skeptic", self.ask("no_judges"), challenges.chapter)
            return
        said = {beat.order for beat in talk.beats[challenges.chapter]}
        for order in sorted(said & self.debated.keys()):
            challenges.put(self.debated.pop(order))
        if talk.turns[-1].host == "explainer":
            doubt = self.unmeasured(claim)
            if doubt:
                talk.say("skeptic", doubt, challenges.chapter)

    def unmeasured(self, claim: Sentence) -> str | None:
        """What the paper does not measure about a claim, once each: how it looks, to no
        one asked; a figure from one run, with no spread."""
        if self.judged_by_eye(claim):
            return self.ask("no_judges")
        figure = measure_of(claim.text) if result_figures(claim.text) else None
        if (
            figure
            and self.to_ask_spread
            and sentence_kind(claim) in ("result", "comparison")
            and not _COST.search(claim.text)
        ):
            self.to_ask_spread = False
            self.raise_doubt("spread")
            return self.ask(self.no_spread, figure=figure)
        return None

    def judged_by_eye(self, claim: Sentence) -> bool:
        """Whether the claim is how the output looks or sounds, to no one asked; the doubt
        is raised once."""
        if not (self.to_ask_judges and _LOOKS.search(claim.text)):
            return False
        self.to_ask_judges = False
        self.raise_doubt("judges")
        return True

    def algorithm(self, chapter: int) -> bool:
        """The method's steps as the paper's algorithm box names them, when it names them in
        words: asked for by Theo after the telling (his last line, or hers), said by Nora
        ("Step by step: mini-batch mean, then mini-batch variance, then normalize, and then
        scale and shift.")."""
        talk = self.talk
        last = talk.turns[-1] if talk.turns else None
        steps = algorithm_steps(self.text.paper)
        if not steps or last is None or last.chapter != chapter:
            return False
        if last.host == "skeptic" and (last.text.endswith("?") or self.outline.format == "debate"):
            return False  # his question, or a debate's doubt, is hers to answer first
        said = in_order(steps)
        talk.say("skeptic", self.ask("question_algorithm"), chapter)
        talk.say(
            "explainer",
            join(self.ask("algorithm_lead"), said + "."),
            chapter,
        )
        return True

    def new_baseline(self, name: str) -> bool:
        """Whether "And against X?" asks something new: X is not the method, nor named in
        the turn just said (the question would repeat it)."""
        last = self.talk.turns[-1].text if self.talk.turns else ""
        return name != self.reader.method and name not in last

    def leaning_question(self, beat: Sentence) -> str | None:
        """The question a line that goes on from the one before answers: "To accomplish
        this, …" a how, "To address this, …" what they do about it."""
        if _HOW_LEAD.match(beat.text):
            return self.ask("question_how")
        if _ANSWER_LEAD.match(beat.text):
            return self.ask("question_answer")
        return None

    def fits_turn(self, beat: Sentence) -> bool:
        """Whether the turn being spoken stays under a monologue with this line in it."""
        turn = self.talk.turns[-1].text if self.talk.turns else ""
        return len(turn.split()) + len(beat.text.split()) <= MAX_LONG_TURN

    def step_question(self, beat: Sentence, last: Sentence | None) -> str | None:
        """ "And what happens after that?" before a step of the method that goes on from the
        part just explained (its section); "Why?" before the reason for it."""
        last = last or self.talk.last_beat
        if last is None or beat.role != "method" or last.section != beat.section:
            return None
        if not shares_topic(beat, last):
            return None  # "And after that step?" answered by a line about something else
        if why_answer(beat):
            return self.ask("question_reason")
        if goal := purpose_of(beat.text):
            return self.ask("question_goal", goal=goal)
        if STEP.search(beat.text) and not _HEDGED.search(beat.text):
            return self.next_step(beat)
        return None

    def handover(self, beat: Sentence, kind: ChapterKind, last: Sentence | None) -> str | None:
        """After a line he has read, the question her next line answers, asked in his turn
        while too few of his turns ask ("… a two-stage RL training strategy … How do they
        obtain reliable reward models?"), so that he is the show's questioner, not a second
        reader."""
        turns = self.talk.turns
        if not turns or turns[-1].host != "skeptic" or turns[-1].text.endswith("?"):
            return None
        if last is None or self.asks_enough(HIS_ASKING_SHARE):
            return None
        if not (same_subject(beat, last) or self.follows(beat)):
            return None  # a question only about what was just said
        return self.question(beat, kind, opening=False)

    def he_may_read(self) -> bool:
        """Whether the skeptic may say a line of the method: his share of the words stays
        low, and most of his turns still ask or push back (he is the show's questioner)."""
        return self.talk.share("skeptic") < READ_SHARE and self.asks_enough(HIS_ASKING_SHARE)

    def his_to_read(self, kind: ChapterKind) -> bool:
        """Whether a line of a deep dive's or a brief's method her full turn could still take
        is his to say: while he has said little, so that he is more than a voice that asks (a
        short method leaves him his share), and never below the share of asking turns eval
        holds him to (a looser floor left a held-out deep dive at 69% against its 70%)."""
        return (
            kind is MECHANICS
            and self.outline.format in ("deep-dive", "brief")
            and self.talk.share("skeptic") < HIS_LOW
            and self.asks_enough(HIS_ASKING_SHARE)
        )

    def asks_enough(self, floor: float) -> bool:
        """Whether, with one more turn of his that neither asks nor pushes back, at least
        `floor` of his turns would still ask or push back."""
        his = [(i, t.text) for i, t in enumerate(self.talk.turns) if t.host == "skeptic"]
        asking = sum(
            t.endswith("?") or bool(PUSHES_BACK.search(t)) or i in self.framed for i, t in his
        )
        return asking >= floor * (len(his) + 1)

    def their_reading(self, beat: Sentence) -> str:
        """A finding of the authors' own ("we found", "our results show") the skeptic
        reads, said as theirs to be weighed, not as his praise ("Their reading: …")."""
        own = sentence_kind(beat) in ("result", "comparison", "claim")
        if not (own and FIRST_PERSON.search(beat.original)):
            return self.speak(beat)
        return join(self.ask("reading_lead"), self.speak(beat))

    def part_topic(self, beat: Sentence, last: Sentence | None) -> str | None:
        """The next part of the method the telling moves on to, named by its section ("read
        and write operations"), or None where the line stays in the part just told."""
        if last is None or last.role != "method" or not (beat.section and last.section):
            return None
        part = self.part_of(beat) or beat.section
        if part == self.part_of(last):
            if beat.section == last.section:
                return None
            part = beat.section  # the next subsection of one part ("Gaussian posterior")
        topic = topic_of(part.split(":")[0])
        said = self.just_said(last)
        if self.mapped:  # the map names every part: none of them is told by it
            said = said.replace(self.mapped, "")
        if topic is None or just_named(topic, said):
            return None
        short = self.acronym_of.get(topic.lower())
        if short and just_named(short, said):
            return None  # "For attention, they design MLA, …": multi-head latent attention
        return topic

    def meaning_question(self, topic: str, beat: Sentence) -> str | None:
        """ "What do they mean by reinforcement learning?" before the line that says what
        they mean by it ("By RL, we refer to …"), where "And RL, what about it?" asked
        nothing in particular."""
        meant = _MEANT.match(beat.text)
        term = meant["term"] if meant else defined_term(beat)
        short = self.acronym_of.get(topic.lower(), "")
        if term is None or term.lower() not in (topic.lower(), short.lower()):
            return None
        return self.ask("question_meaning", term=self.as_written(topic))

    def method_as_said(self, text: str) -> str | None:
        """The method's name as a line says it: "TRPO", or its long form where the line
        spells it out ("… called Trust Region Policy Optimization"); None where unnamed."""
        method = self.reader.method
        if not method:
            return None
        forms = (method, self.text.acronyms.long_forms.get(method))
        return next(
            (n for n in forms if n and re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)),
            None,
        )

    def part_question(self, topic: str) -> str | None:
        """ "Where do the read and write operations come in?" """
        method = self.reader.method
        named = self.named_part(topic)
        if named == topic or (method and method.lower() in topic.lower()):
            # "What about DeepSeekMoE?", "What about the MoBA gate?": a name takes no article,
            # and never "where does CiteSee come in?"
            return self.ask("question_about", term=named)
        return self.ask("question_part", topic=topic, does=does_of(topic))

    def named_part(self, topic: str) -> str:
        """A part of the method as said in a sentence: "the read operation", "MLA"."""
        method = self.reader.method
        if method and method.lower() in topic.lower():
            return topic if topic.lower() == method.lower() else f"the {topic}"
        if _NAME.fullmatch(topic) or topic.lower() in self.acronym_of:
            return topic
        return f"the {topic}"

    def takes_up(self, topic: str) -> str | None:
        """ "Which is where the selective attention model comes in.": her answer to the snag he
        just read, where the next part of the method is what meets it (rather than his
        reading a snag and then asking himself for the part)."""
        turns = self.talk.turns
        last = self.talk.last_beat
        if not turns or turns[-1].host != "skeptic" or not turns[-1].source_refs or last is None:
            return None
        method = self.reader.method
        if not (_TURN_LEAD.match(last.text) or _DOWNSIDE.search(last.text)) or (
            method and method.lower() in topic.lower()
        ):
            return None
        comes = "comes" if does_of(topic) == "does" else "come"
        return self.ask("part_taken_up", topic=topic, comes=comes)

    def just_said(self, last: Sentence) -> str:
        """The last line of the paper said, with the rest of the turn it was said in ("The
        second scheme, which they call vine, …. This method has mostly been explored …")."""
        turns = self.talk.turns
        return f"{turns[-1].text} {last.text}" if turns else last.text

    def subject_question(self, beat: Sentence) -> str | None:
        """ "And the decoder network?" before a line about a part of the method named as its
        subject, never the method itself."""
        found = step_subject(beat.text)
        if found is None or found.subject == self.reader.method:
            return None
        subject, verb, after = found.subject, found.verb.lower(), found.after.lower()
        if verb in ("is", "are") and _DONE_HOW.match(after):
            done = after.split()[0]
            return self.ask("question_subject_how", be=verb, subject=subject, done=done)
        if verb in ("is", "are") and after.split(" ", 1)[0] in ("the", "a", "an"):
            return self.ask("question_subject_what", be=verb, subject=subject)
        if STEP.fullmatch(verb) and not verb.endswith("ed"):
            plural = not verb.endswith("s")
            base = _base_form(verb) if _OBJECT_FOLLOWS.match(after) else None
            if base:  # "What does the router select?" before "The router selects the top two …"
                kind = "question_subject_verb_plural" if plural else "question_subject_verb"
                return self.ask(kind, subject=subject, verb=base)
            kind = "question_subject_do" if plural else "question_subject_does"
            return self.ask(kind, subject=subject)
        return self.ask("question_subject", subject=subject)

    def gist_question(self, beat: Sentence, chapter: int) -> str | None:
        """ "How does MLA work, in a sentence?" before the paper's own one-line account of
        how its method works (named after what the line opens on, when it names a part)."""
        if beat.order != self.gist or not self.may_ask(chapter) or _HOW_MADE.search(beat.text):
            return None
        opening = beat.text.split(" ", 1)[0].strip(",")
        if opening in self.reader.terms or self.reader.names_method(opening):
            return self.ask("question_gist_named", name=opening)
        return self.ask("question_gist")

    def another_part(self, beat: Sentence) -> bool:
        """Whether the line proposes a part of the method other than the one her last line
        said, the method in plain words ("They design a device-limited routing …" after how
        MLA works): a question of its own."""
        last = self.talk.last_beat
        return (
            last is not None
            and last.order == self.gist
            and sentence_kind(beat) == "proposal"
            and not self.reader.names_method(beat.text)
        )

    def orphan_ordinal(self, beat: Sentence) -> bool:
        """ "The second scheme, which they call vine, …" where the first was never said:
        left out (the listener would wait for a first that does not come)."""
        nth = _ORDINAL.match(beat.text)
        if nth is None or nth.group(1).lower() not in ("second", "third"):
            return False
        heard = self.talk.spoken()
        thing = re.escape(nth.group(2))
        # "they make two necessary simplifications" announces the first as much as naming it
        first = rf"\b(?:first (?:[\w-]+ )?{thing}|(?:two|three|four|several) (?:[\w-]+ )?{thing})"
        return not re.search(first, heard, re.IGNORECASE)

    def finding_question(self, beat: Sentence, last: Sentence | None) -> str | None:
        """ "What about the street view house number generation?" where the findings move
        on to the next test the paper reports in a section of its own."""
        if beat.role != "results" or not beat.section:
            return None
        if last is not None and last.section == beat.section:
            return None
        topic = topic_of(beat.section)
        if topic is None or _NO_TEST.search(topic) or not names_topic(beat.text, topic):
            return None  # "What about the classification on MNIST?" → "SGD converges …"
        if _COUNTED.match(topic) and not figures_in(beat.text):
            return None  # "And the number of taste components?" asks for a figure not given
        return self.ask("question_test", topic=topic)

    def may_ask(self, chapter: int) -> bool:
        """Theo asks only after Nora has said something since his last question."""
        turns = self.talk.turns
        return not turns or turns[-1].host == "explainer" or self.talk.speaker(chapter) is None

    def tables(self, tables: list[TableLine], chapter: int) -> None:
        """The comparisons from the tables: Theo asks how the method does against the
        other systems, Nora reads where it leads or draws level (behind by a hair, 0.782
        against 0.785, is a tie, no doubt); where it trails is his to point out."""
        read = tables[:TABLE_TURN]
        leaders = [t for t in read if t.leader]
        if leaders:  # others' systems on the paper's task: which came out on top
            self.talk.say("skeptic", self.ask("question_leader"), chapter)
            cites = [t.source for t in leaders if t.source]
            self.talk.say("explainer", " ".join(t.text for t in leaders), chapter, cites=cites)
            return
        ahead = [t for t in read if t.gap >= 0]
        level = [t for t in read if -NEAR_TIE < t.gap < 0]
        behind = [t for t in read if t.gap <= -NEAR_TIE][:1]  # one "but", never a chain
        if ahead or level:
            # "And against full attention?" where every line is against the same one.
            rivals = {t.rival for t in ahead + level}
            rival = rivals.pop() if len(rivals) == 1 else None
            asked = self.ask("question_rival", rival=rival) if rival else None
            self.talk.say("skeptic", asked or self.ask("question_rivals"), chapter)
            said = join(self.ask("table_lead"), " ".join(t.text for t in ahead)) if ahead else ""
            self.read_tables += ahead
            cites = [t.source for t in ahead if t.source]
            self.talk.say("explainer", said, chapter, cites=cites)
            # Level is his to note after her leads (so it is heard as no win), or her answer.
            tied = join(self.ask("level_lead"), " ".join(t.text for t in level)) if level else ""
            cites = [t.source for t in level if t.source]
            self.talk.say("skeptic" if ahead else "explainer", tied, chapter, cites=cites)
            tie = next(
                (m for t in ahead if t.gap < NEAR_TIE and (m := _TWO_FIGURES.search(t.text))), None
            )
            if tie:  # 8.97 against 8.95, said as a win, would cost the show its credibility
                # after a tie he has just read, the lead is one more, not a second verdict
                close = "ahead_close_too" if tied else "ahead_close"
                self.talk.say("skeptic", self.ask(close, ours=tie[1], theirs=tie[2]), chapter)
        if any(chapter_kind(c.title) is CRITIQUE for c in self.outline.chapters[chapter:]):
            self.trailing = behind  # held up in the skeptic's corner, where doubts are weighed
            return
        for line in behind:  # against the headline the chapter opened with
            text = f"But {line.text[:1].lower()}{line.text[1:]}"
            self.talk.say("skeptic", text, chapter, cites=[line.source] if line.source else [])

    def skeptic_reads(self, lines: list[Sentence], chapter: int, opener: str | None) -> None:
        """Earlier work, the problem and the set-up, read by Theo (it is what he will hold
        the claims to); Nora says a line when he asks for it with the question it answers.
        His last line hands over with the question the next chapter's first line answers
        (asked in his turn, see `explain`). A line no turn has room for is left out."""
        talk = self.talk
        fresh = [b for b in lines if talk.is_fresh(b)]
        if not fresh:
            return
        kind = chapter_kind(self.outline.chapters[chapter].title)
        for beat in fresh:
            speaking = talk.speaker(chapter)
            if not self_contained(beat):
                if speaking is not None and self.follows(beat):
                    # Said on in the turn it leans on, or, that turn full, by the other host
                    # ("Several products now make such episodes." "They share one design …").
                    said_by = speaking if self.room(chapter, beat, 1) else other(speaking)
                    talk.say(said_by, self.speak(beat), chapter, beat)
                continue
            # The set-up is what the claims rest on: his, and he hands it over asking what
            # came out of it; of the problem and earlier work, what pushes back is his.
            # The rest is his too while his share of the talk is low (he hands it over
            # with the question her next chapter answers).
            his = (
                kind is EXPERIMENTS
                or bool(PUSHES_BACK.search(beat.text) or BOUNDS.search(beat.text))
                or talk.share("skeptic") < READ_SHARE
            )
            if speaking is None:
                # He opens with what he will hold the claims to; she opens the rest, and
                # after his closing question (no two turns of one host across a seam).
                seam = talk.turns[-1].host if talk.turns else None
                host: HostRole = "skeptic" if his and seam != "skeptic" else "explainer"
                asked = None
                if kind is PROBLEM:  # "Their goal here is to provide …" answers no problem
                    aim = "question_aim" if _AIM_STATED.search(beat.text) else "question_problem"
                    asked = self.ask(aim)
                pushes = bool(PUSHES_BACK.search(beat.text) or BOUNDS.search(beat.text))
                if seam == "explainer" and asked and (host == "explainer" or not pushes):
                    # After her welcome he asks for the problem; he reads it himself only
                    # where it pushes back (a line read by him there neither asks nor doubts).
                    talk.say("skeptic", asked, chapter)
                    talk.say("explainer", self.speak(beat), chapter, beat)
                    continue
                if seam == "explainer" and host == "explainer" and kind is not None:
                    host = "skeptic" if his else "explainer"
                talk.say(host, join(opener, self.speak(beat)), chapter, beat)
                continue
            if speaking == "skeptic" and his and self.room(chapter, beat):
                talk.say("skeptic", self.speak(beat), chapter, beat)
                continue
            if speaking == "explainer" and not his and self.room(chapter, beat):
                talk.say("explainer", self.speak(beat), chapter, beat)
                continue
            previous = talk.last_beat
            said_before = bool(talk.beats[chapter])
            asked = (self.question(beat, kind, opening=not said_before) if kind else None) or (
                self.follow_up(beat, previous) if previous is not None else None
            )
            if asked and previous is not None and not same_subject(beat, previous):
                asked = None  # a question only about what was just said
            if asked:
                talk.say("skeptic", asked, chapter)  # he asks her for the next part
                talk.say("explainer", self.speak(beat), chapter, beat)
            elif his and (speaking == "explainer" or self.fits_turn(beat)):
                talk.say("skeptic", self.speak(beat), chapter, beat)
            elif not his and (speaking == "skeptic" or self.fits_turn(beat)):
                talk.say("explainer", self.speak(beat), chapter, beat)
            # else: no question fits and the turn is full: the line is left out
        said = sum(len(t.source_refs) for t in talk.turns if t.chapter == chapter)
        if said >= MIN_CHAPTER_LINES:  # a chapter too thin to stand is left out, its bridge too
            self.pending = chapter

    def follows(self, beat: Sentence) -> bool:
        """Whether a line that leans on the one before comes right after it, in its part of
        the paper (the line before it in the plan: the plan keeps a leaning line after what
        it leans on, past an example it leaves out)."""
        last = self.talk.last_beat
        if last is None or self.top_of(last) != self.top_of(beat) or beat.after_gap:
            return False  # a subsection may open on "However, …" of the one before it
        return last.order == beat.order - 1 or self.planned_before.get(beat.order) == last.order

    def top_of(self, line: Sentence) -> str | None:
        """The top-level section a line is in (its own section where it has none above)."""
        return self.top.get(line.section, line.section) if line.section else None

    def part_of(self, line: Sentence) -> str | None:
        """The part of the method a line tells, by its section's title (as `top_of` where
        the method names no parts)."""
        return self.part.get(line.section, line.section) if line.section else None

    def corner(self, beats: list[Sentence | TableLine], chapter: int) -> None:
        """Theo's challenges from the paper's set-up facts, each answered in the paper's
        words; and, when the paper reports no spread, he says so."""
        talk = self.talk
        put = Challenges(self, chapter, opener="open_critique")
        for planned in beats:
            if isinstance(planned, Sentence):
                put.put(planned)
        put.done()
        opening = put.opening
        admitted = self.admitted
        for line in self.trailing:  # the method's own table, against it
            lead = opening(self.ask("trailing_lead"))
            cites = [line.source] if line.source else []
            talk.say("skeptic", join(lead, line.text), chapter, cites=cites)
            admitted = True  # a loss the paper prints is a limit it shows
        raise_objections(self, opening, chapter)
        notes = []
        if self.to_ask_spread:
            figure = self.said_measure()
            if figure:  # a figure the episode said, with what it measures, never a bare one
                notes.append(self.ask(self.no_spread, figure=figure))
                self.raise_doubt("spread")
            elif table_lead(self) or self.trailing:  # only their tables' figures were said
                notes.append(self.ask("no_spread_tables"))
                self.raise_doubt("spread")
            elif self.said_results():  # figures said without what they measure
                notes.append(self.ask("no_spread_paper"))
                self.raise_doubt("spread")
        if not admitted:  # a paper that admits little: that is a doubt, said of it by name
            notes.insert(0, self.ask("few_doubts"))
            self.raise_doubt("limits")
        spread = wide_range(talk.spoken())
        if spread:  # "improvements ranging from 10% to 69%": where it is tested decides
            notes.insert(0, self.ask("wide_range", low=spread[0], high=spread[1]))
        if self.looks and self.to_ask_judges:
            notes.insert(0, self.ask("no_judges"))  # "indistinguishable", to no one asked
            self.raise_doubt("judges")
        said = " ".join(n for n in notes if n)
        if said:
            talk.say("skeptic", opening(said), chapter)

    def alternatives(self, beats: list[Sentence | TableLine], chapter: int) -> None:
        """Theo asks whether something else explains the gains, and Nora answers with
        what the ablations found; a line that leans on the one before goes on in her turn,
        as does a short one, and he asks before any other."""
        lines = [b for b in beats if isinstance(b, Sentence) and self.talk.is_fresh(b)]
        method = self.reader.method or "the method"
        for index, beat in enumerate(lines):
            if index and (not self_contained(beat) or self.room(chapter, beat)):
                self.nora(beat, chapter)
                continue
            asked = "open_alternatives" if index == 0 else "question_ablation_more"
            self.talk.say("skeptic", self.ask(asked, method=method), chapter)
            self.nora(as_answer(beat), chapter)

    def said_results(self) -> list[Sentence]:
        """The results of theirs the episode said with figures: no count of computation or
        memory (it does not vary from run to run), no rival's ("The best Fast R-CNN model
        achieves …"), none the problem or earlier work told ("Some of those techniques are
        very effective, approaching the accuracy of 100% in their predictions")."""
        others = {
            i
            for i, c in enumerate(self.outline.chapters)
            if chapter_kind(c.title) in (PROBLEM, PRIOR)
        }
        return [
            beat
            for chapter, beats in self.talk.beats.items()
            if chapter not in others
            for beat in beats
            if isinstance(beat, Sentence)
            and result_figures(beat.text)
            and sentence_kind(beat) in ("result", "comparison")
            and not _COST.search(beat.text)
            and not of_a_rival(beat, self.reader)
        ]

    def said_measure(self) -> str | None:
        """A result the episode has said, as its figure with what it measures."""
        spoken = self.talk.spoken()
        measured = self.measured
        if measured and said_as_measured(measured, spoken) and not _COST.search(measured):
            return measured
        return next((m for beat in self.said_results() if (m := measure_of(beat.text))), None)

    def wrap(self, beats: list[Sentence | TableLine], chapter: int) -> None:
        talk = self.talk
        fresh = [
            b
            for b in beats
            if isinstance(b, Sentence) and talk.is_fresh(b) and not _INTRODUCES.search(b.text)
        ]  # a take-away is a finding, never the paper introduced again
        alone = self.claim_to_hold(fresh[0]) if len(fresh) == 1 else None
        if alone:  # one take-away, while his share of the talk is low: his claim to hold
            talk.say("skeptic", alone, chapter, fresh[0])
        elif sum(len(b.text.split()) for b in fresh[:WRAP_LINES]) >= MIN_CHAPTER_WORDS:
            talk.say("skeptic", self.ask("takeaway"), chapter)
            first, *rest = fresh[:WRAP_LINES]
            talk.say("explainer", self.speak(first), chapter, first)
            for beat in rest:
                claim = self.claim_to_hold(beat)
                talk.say(
                    "skeptic" if claim else "explainer", claim or self.speak(beat), chapter, beat
                )
        elif fresh:
            # One short line: her answer to the doubts, so that his last doubt is not the
            # show's last word but for her goodbye; said where, with the goodbye, it stands
            # as a chapter (folded into the doubts, it would pass for one).
            claim = self.claim_to_hold(fresh[0])
            said = claim or join(self.ask("takeaway_folded"), self.speak(fresh[0]))
            if len(said.split()) + SIGN_OFF_WORDS >= MIN_CHAPTER_WORDS:
                talk.say("skeptic" if claim else "explainer", said, chapter, fresh[0])

    def claim_to_hold(self, beat: Sentence) -> str | None:
        """A take-away said by Theo as the claim he holds them to, while his share of the
        talk is low (the sign-off after it is hers); None when it is hers to say."""
        if self.talk.share("skeptic") >= WRAP_SHARE or not self_contained(beat):
            return None
        said = self.speak(beat)
        said = f"{said[:1].lower()}{said[1:]}" if _lowers(said) else said
        return join(self.ask("takeaway_claim"), said)

    # -- questions -----------------------------------------------------------------------
    def follow_up(self, beat: Sentence, before: Sentence) -> str | None:
        """A term the next line is about, already heard ("What about the gate?"); or, for
        the next step of the same part of the method, "And what happens after that?"."""
        heard = before.text.lower()
        method = self.reader.method or ""
        for term in terms_in_order(self.reader.terms, beat.text):
            # The line must be about the term: its subject, the term whole (not "DeepSeek"
            # of "DeepSeek-V2", nor a part of the method's own name).
            subject = re.match(rf"^(?:The |For )?{re.escape(term)}(?![\w\-])", beat.text)
            if subject and term.lower() in heard and term not in method:
                asked = self.term_question(term, beat.text[subject.end() :])
                return asked or self.ask("question_about", term=term)
        shared = topic_words(beat.text) & topic_words(before.text)
        step = _STEP.search(beat.text) and sentence_kind(beat) == "mechanism"
        step = step and beat.role == "method"
        if before.section == beat.section and shared and step:
            return self.next_step(beat)
        return None

    def term_question(self, term: str, rest: str) -> str | None:
        """ "What does RMD require?" before "RMD requires that …", where "What about RMD?"
        right after a line on RMD asked nothing: the line's own verb, when it acts on
        something said after it."""
        words = rest.split()
        part = owned_part(rest)
        if part:  # "UCCA's foundational layer covers …": asked for by what it owns
            return self.ask("question_about", term=f"{term}{rest[0]}s {part}")
        if len(words) < 2 or not _TELLS.fullmatch(words[0]) or words[0].endswith("ed"):
            return None
        acts_on = not _AUXILIARY.fullmatch(words[1]) and _OBJECT_FOLLOWS.match(words[1])
        if not acts_on and words[1] != "that":  # "requires that intermediate variables …"
            return None
        base = _base_form(words[0])
        if base is None:
            return None
        plural = does_of(term) == "do"
        return self.ask(
            "question_term_verb_plural" if plural else "question_term_verb", term=term, verb=base
        )

    def as_written(self, term: str) -> str:
        """A term that opens its sentence as the paper writes it elsewhere: "paraphrase
        generation" lower case, "Gaussian processes" as they are."""
        lowered = term[:1].lower() + term[1:]
        if lowered != term and term.split()[0][1:].islower() and lowered in self.full_text:
            return lowered
        return term

    def term_in(self, beat: Sentence) -> str | None:
        """The paper's own term a line is about (not the method's name), if it has one."""
        found = [t for t in self.reader.terms if t in beat.text and t != self.reader.method]
        return terms_in_order(found, beat.text)[0] if found else None

    def bridge(self, beat: Sentence, kind: ChapterKind) -> str | None:
        """Theo's question after his reading, which the next chapter's first line answers:
        what they propose instead, or what they found."""
        found = sentence_kind(beat)
        if kind.key == "numbers" and found in ("result", "comparison"):
            return self.ask("question_found")
        if kind.key == "numbers" and result_figures(beat.text):
            return self.ask("bridge_figures")  # "… implemented to reach 12.02 nA/με"
        named = bool(self.reader.method and self.reader.method in beat.text)
        last = self.talk.last_beat
        # "What's their alternative?" after a problem, a limit or earlier work, or of what
        # the line before was about; not after "… can drive exploration in bandits".
        before = last is None or shares_topic(beat, last) or snag_of(last)
        if kind.key in ("idea", "mechanics") and (found == "proposal" or named) and before:
            return self.ask("question_instead")  # answered by their method, said as theirs
        method = self.reader.method
        if kind.key == "mechanics" and method and beat.text.startswith(f"{method} "):
            return self.ask("bridge_method")  # "S2ORC is constructed using …"
        if kind.key == "idea" and found in ("proposal", "definition", "mechanism") and before:
            return self.ask("question_answer")
        return None

    def asked_of(self, term: str) -> bool:
        """Whether he has already asked a question that names `term`."""
        named = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
        return any(
            turn.host == "skeptic" and any(q.endswith("?") and named.search(q) for q in said)
            for turn in self.talk.turns
            if (said := split_sentences(turn.text))
        )

    def question(self, beat: Sentence, kind: ChapterKind, opening: bool = True) -> str | None:
        """The question this line precisely answers, or None (then no question is asked).
        `opening`: nothing of the chapter's kind has been said yet (a "what's the set-up?"
        asked after a set-up line would be answered by a second one)."""
        text = beat.text
        found = sentence_kind(beat)
        term = defined_term(beat)
        if term and len(term.split()) <= 4 and found == "definition" and not _RATED.match(text):
            term = self.as_written(term)
            # "What is OPaL?" twice: asked about it already, he asks for more of it
            # "Remind me, what is Cochrane?" only where Cochrane was said before
            heard = any(term.lower() in t.text.lower() for t in self.talk.turns)
            asked = "question_definition_heard" if heard else "question_definition"
            again = "question_definition_again" if self.asked_of(term) else asked
            return self.ask(again, term=term, be="are" if plural(beat) else "is")
        if why_answer(beat) and kind.key == "problem" and _BECAUSE.search(text):
            # "Why is that a problem?" leans on a problem said; first, he asks what it is
            return self.ask("question_problem" if opening else "question_motivation")
        telling = kind.key in ("mechanics", "idea")
        goal = purpose_of(text) if telling else None
        if why_answer(beat) and telling:
            # "To avoid reward hacking, they …" says why of its own step: it answers "Why
            # is that needed?" of the line before only when its purpose is about that line,
            # else "How do they avoid reward hacking?".
            purpose = _PURPOSE_CLAUSE.match(text)
            last = self.talk.last_beat
            about = topic_words(purpose[0]) if purpose else set()
            if purpose and last is not None and not about & topic_words(last.text) - GENERIC_TOPIC:
                return self.ask("question_goal", goal=goal) if goal else None
            return self.ask("question_reason")
        if goal:  # "In order to save the training costs of RL, they adopt GRPO, …"
            return self.ask("question_goal", goal=goal)
        clear = answers_clearly(beat)
        nth = _ORDINAL.match(text)
        if kind.key == "mechanics" and nth:  # "They make the second simplification: …"
            return self.ask("question_ordinal", nth=nth.group(1).lower(), thing=nth.group(2))
        if kind.key == "mechanics" and _STEP.search(text) and not _HEDGED.search(text):
            last = self.talk.last_beat
            topic = topic_of(beat.section or "") if beat.section else None
            if last is not None and last.section != beat.section and topic:
                if just_named(topic, self.just_said(last)) or found != "mechanism":
                    return None  # "And vine? How does that work?" after vine's line, or
                    # before a line that tells no working ("… ensures a positive output")
                if not talks_of(topic, text, self.reader.method):
                    return None  # "How does chain-of-thought prompting work?" → "… JSON …"
                return self.ask("question_topic", topic=topic)
            name = self.reader.method
            if name and text.startswith(name) and found == "mechanism":
                return self.ask("named_mechanism", name=name)
            own = found == "mechanism" and beat.role == "method"  # not background's
            if last is not None and last.section == beat.section and own:
                # "And what happens after that?" of the part just told, not of another thing
                return self.next_step(beat) if shares_topic(beat, last) else None
            if found == "mechanism" and clear:
                return self.ask("question_mechanism")
        if kind.key == "numbers" and found in ("result", "comparison") and result_figures(text):
            against = _BASELINE_NAME.search(text)
            if found == "comparison" and against and self.new_baseline(against.group("name")):
                return self.ask("baseline_comparison", name=against.group("name"))
            metric = figure_metric(text)
            if metric:  # the question names what the answer's figure measures
                counted = metric.endswith("s") and metric.split()[-1] not in _UNCOUNTED
                if counted:
                    return self.ask("question_count", metric=metric)
                # "… increasing performance by about 5–10% in AUC" tells a change, no level
                changed = _TELLS_CHANGE.search(text)
                return self.ask("question_gain" if changed else "question_metric", metric=metric)
            if self.generic_asked or measure_of(text) is None:
                return None  # "How much, exactly?" once, before a figure that says what
            last = self.talk.last_beat
            if last is not None and not shares_topic(beat, last):
                return None  # how much of what was just said ("comparable"), not a speed-up
            self.generic_asked = True
            return self.ask("question_numbers")
        if kind.key == "numbers" and found == "comparison" and clear:
            against = _BASELINE_NAME.search(text)
            if against and self.new_baseline(against.group("name")):
                return self.ask("baseline_comparison", name=against.group("name"))
        if (
            kind.key == "numbers"
            and found in ("result", "comparison")
            and not figures_in(text)
            and opening
        ):
            return self.ask("question_found")  # a finding said in words opens the findings
        if kind.key == "experiments" and found == "setup" and clear and opening:
            if _SCALE.search(text) and figures_in(text):
                return self.ask("question_scale")
            if _DATA.search(text):
                return self.ask("question_setup")
        if kind.key == "problem" and found == "motivation" and clear and _BECAUSE.search(text):
            return self.ask("question_problem" if opening else "question_motivation")
        if kind.key == "prior" and found == "prior" and clear:
            # After earlier work was said, "How have others tackled it?" sounds unheard.
            return self.ask("question_prior" if opening else "question_prior_more")
        named = self.method_as_said(text)
        if kind.key == "idea" and found == "proposal" and clear and named:
            return self.ask("named_proposal", name=named)
        if _COMPARISON.search(text) and is_caveat(beat) and clear:
            return self.ask("question_caveat")
        return None


# "A decoder network receives …", "The pass rate is then calculated …": a step whose
# subject names the part of the method it is about.
_SUBJECT_LEAD = re.compile(
    r"^(?:(?:Then|Next|Finally|Moreover|Furthermore|In addition|Also),?\s+)?"
    r"(?i:the|a|an|each|every|both(?: the)?)\s+"
)
# "For attention, they design MLA …": the part of the method a step is for.
# "For every prompt, …" is asked of each prompt; "For example, …", "For simplicity, …" and
# "For this reason, …" name no part at all.
_FOR_LEAD = re.compile(
    r"^For (?!(?:all|any|some|most|many|both|example|instance|simplicity|clarity|brevity|"
    r"convenience|comparison|completeness|reference|this|these|that|now|"
    r"(?:every|each) (?:one|two|three|four|five|ten|\d+))\b)"
    r"(?:(?P<each>(?:every|each) )(?P<each_topic>(?:[a-z][\w\-]*\s){0,2}[a-z][\w\-]*)|"
    r"(?P<topic>(?:[a-z][\w\-]*\s){0,3}[a-z][\w\-]*)), (?=[a-z])"
)
_VERB_AFTER_SUBJECT = re.compile(
    r"(?:is|are|was|were|has|have|can|will|must|then|also|first|now|only)", re.IGNORECASE
)
MAX_PART_WORDS = 2  # "foundational layer" of "UCCA's foundational layer covers …"


def owned_part(rest: str) -> str | None:
    """The part a name owns as its line's subject ("foundational layer" of "'s foundational
    layer, targeted …" or "'s foundational layer covers …"); None where it is no plain noun
    ended by a comma or a verb."""
    if not re.match(r"^['’]s [a-z]", rest):
        return None
    words = rest[3:].split()
    for n in range(1, min(MAX_PART_WORDS, len(words) - 1) + 1):
        head, after = words[:n], words[n]
        if head[-1].endswith(","):
            return " ".join(head).rstrip(",")
        if _AUXILIARY.fullmatch(after) or _TELLS.fullmatch(after):
            return " ".join(head)
    return None


# What a named part does to something, said as the verb of its line ("RMD requires …").
_TELLS = re.compile(
    rf"{STEP.pattern}|\b(?:requires?|needs?|allows?|enables?|provides?|assumes?|ensures?|"
    r"avoids?|reduces?|increases?|improves?|keeps?|treats?|handles?|supports?|captures?|"
    r"prevents?|removes?|discards?|preserves?|exploits?|trains?|optimi[sz]es?|"
    r"minimi[sz]es?|maximi[sz]es?|defines?|builds?|creates?|extends?|generali[sz]es?)\b",
    re.IGNORECASE,
)
_AUXILIARY = re.compile(r"(?:can|could|may|might|must|should|will|would|is|are|was|were)", re.I)
# "The latter is …", "The idea is …": a subject that names no part of the method.
_NOT_A_PART = re.compile(
    r"(?:latter|former|same|above|following|first|second|third|last|other|rest|main|key|idea|"
    r"goal|aim|reason|results?|problem|authors|approach|method|paper|work)",
    re.IGNORECASE,
)
MAX_SUBJECT_WORDS = 4
# A name said without an article: "DeepSeekMoE", "MLA", "GRPO".
_NAME = re.compile(r"[A-Za-z]*[a-z]?[A-Z][\w\-]*[A-Z][\w\-]*")
# How an answer is scored: "… is judged to be correct, the pair counts as one correct
# instance", "a prediction is considered correct if …".
_SCORED = re.compile(
    r"\b(?:counts? as (?:an? |one )?(?:correct|incorrect|right|wrong|match)|"
    r"(?:is|are) (?:considered|deemed|judged|counted|marked|scored) (?:to be |as )?"
    r"(?:correct|incorrect|right|wrong|a match))\b",
    re.IGNORECASE,
)
# "… is trained with a contrastive loss": a line that says how its subject is done (not
# "… is implemented in order to reduce …", which says why).
_DONE_HOW = re.compile(
    # "are followed by ReLU activations" says what comes next, not how: no "How are … followed?"
    r"(?!(?:followed|preceded|accompanied|succeeded|surrounded|denoted|shown|given) )"
    r"[a-z]{3,}ed (?:by|with|using|via|through|as|from|into|over|in(?! order))\b|"
    r"(?:(?:pre-?)?train|fine-?tun|test|evaluat)ed on\b"  # "How is the system trained?"
)


_INSTEAD_OF = ("caveat", "prior")  # what "What do they do instead?" may follow …
# … and a problem said as a snag ("prone to overfitting", "intractable"), not a task's name
# ("contextual bandit problems").
_SNAG_WORDS = re.compile(
    r"\b(?:challeng\w*|bottlenecks?|costly|expensive|difficult|hard|harder|lacks?|limited|"
    r"struggl\w*|inefficien\w*|suffers?|fails?|unfortunately|slow|prone|overfit\w*|"
    r"quadratic\w*)\b",
    re.I,
)


# A line that states what the authors set out to do: their goal, not a problem.
_AIM_STATED = re.compile(r"\b(?:goal|aim|objective)s? (?:here |of this \w+ )?(?:is|are) to\b", re.I)


def terms_in_order(terms: Iterable[str], text: str) -> list[str]:
    """The terms in the order the text says them; of two that start at the same place, the
    whole word first ("LLMs", not "LLM"), whatever order a set gave them in."""
    return sorted(terms, key=lambda t: (text.find(t), -len(t), t))


def snag_of(line: Sentence) -> bool:
    """Whether a line says what is wrong, for "What's their alternative?" to follow."""
    if sentence_kind(line) in _INSTEAD_OF:
        return True
    return any(p.search(line.text) for p in (_SNAG, _DOWNSIDE, _SNAG_WORDS))


# "To avoid potential reward hacking, …": the purpose a line opens on.
_PURPOSE_CLAUSE = re.compile(r"^(?:To|In order to)\b[^,]{3,80},")


def does_of(topic: str) -> str:
    """ "do" or "does", as the topic's head noun asks: "Where do the read and write operations
    come in?", "Where does the thompson sampling for neural networks come in?"."""
    head = _QUALIFIER.split(topic)[0].split()[-1]
    return "do" if head.endswith("s") and not head.endswith(("ss", "sis")) else "does"


MAX_ENDING = 3  # letters a word may add to another and stay the same word ("-ing", "-es")
SHARED_STEM = 7  # letters two words share at the start to be one stem ("generati-")


def names_topic(text: str, topic: str) -> bool:
    """Whether a line names a longer word of the topic ("house numbers" for "street view
    house number generation"), so that it answers a question about it."""
    wanted = _words_of(topic)
    return any(_same_word(w, v) for w in _words_of(text) for v in wanted)


def _words_of(text: str) -> list[str]:
    """The longer words, lower-cased, a plural in -ies as its -y ("entities", "entity")."""
    return [re.sub(r"ies$", "y", w.lower()) for w in re.findall(r"[A-Za-z][\w-]{3,}", text)]


def _same_word(a: str, b: str) -> bool:
    """One word, or it with an ending ("number", "numbers"), or two of one long stem
    ("generation", "generative"): never two words that only begin alike ("control
    variate" is no "variational autoencoder")."""
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and len(long) - len(short) <= MAX_ENDING:
        return True
    return len(os.path.commonprefix([a, b])) >= SHARED_STEM


def talks_of(topic: str, text: str, method: str | None) -> bool:
    """Whether a line is about a part of the method by the part's own words (the method's
    name aside, which every part has): "measurement functions" in "They design the
    measurement functions …", but nothing of "closed-loop" in "Asynchrony is …"."""
    own = [
        w
        for w in re.findall(r"[A-Za-z][\w\-]{3,}", topic)
        if w.lower() != (method or "").lower() and w.lower() not in GENERIC_TOPIC
    ]
    return not own or names_topic(text, " ".join(own))


def just_named(topic: str, said: str) -> bool:
    """Whether the turn just said is about `topic` already: asking for it sounds unheard."""
    return re.search(rf"\b{re.escape(topic)}\b", said, re.IGNORECASE) is not None


class Subject(NamedTuple):
    """A step's subject, its verb and the words after it ("router", "is", "trained by …")."""

    subject: str
    verb: str
    after: str


# What a step's verb acts on, right after it: "selects the top two blocks", "receives samples"
_OBJECT_FOLLOWS = re.compile(
    r"(?!(?:to|of|as|in|on|at|by|for|from|with|into|over|across|through|between|that|"
    r"whether|if|when|where|how|which|and|or|but|only|also|then|first)\b)[a-z]"
)


def _base_form(verb: str) -> str | None:
    """ "selects" → "select", "applies" → "apply", "compresses" → "compress"; a verb already
    in its base form ("compute", of "the gates compute …") stays; None for one that is no
    plain word."""
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("izes", "yzes")):
        return verb[:-1]  # "minimizes" → "minimize"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes")):
        return verb[:-2]
    if verb.endswith("s") and not verb.endswith("ss"):
        return verb[:-1]
    return verb if verb.isalpha() else None


# A participle and its preposition after a noun: "stores used with …", "maps shown in …".
_REDUCED_RELATIVE = re.compile(
    r"(?:\w+ed|built|made|given|shown|taken|known|seen|written|chosen|drawn) "
    r"(?:by|with|in|on|for|from|at|as|to|during|under)\b"
)


def step_subject(text: str) -> Subject | None:
    """The part of the method a step is about, as named by its subject ("decoder network"
    of "A decoder network receives samples …"); None when the line does not open on one."""
    lead = _SUBJECT_LEAD.match(text)
    if lead is None:
        return None
    words = text[lead.end() :].split()
    for n in range(1, min(MAX_SUBJECT_WORDS, len(words) - 1) + 1):
        head, at = words[:n], n
        if not re.fullmatch(r"[A-Za-z][\w\-]*", head[-1]):
            return None  # a possessive, a symbol or a clause mark: no plain noun phrase
        if head[-1].lower() in COMPOUND_LINKS:
            continue  # "The input and output item embeddings are tied": "output" is no verb
        if words[at].endswith("ly") and at + 1 < len(words):
            at += 1  # "The router dynamically selects …"
        verb = words[at]
        if STEP.fullmatch(verb) and at + 1 < len(words) and _AUXILIARY.fullmatch(words[at + 1]):
            continue  # "The BN transform can be added …": a noun of the subject, no verb
        if STEP.fullmatch(verb) and _REDUCED_RELATIVE.match(" ".join(words[at + 1 : at + 3])):
            continue  # "The knowledge stores used with the baseline can be …": a noun too
        if _VERB_AFTER_SUBJECT.fullmatch(verb) or STEP.fullmatch(verb):
            if n == 1 and _NOT_A_PART.fullmatch(head[0]):
                return None
            return Subject(" ".join(head), verb, " ".join(words[at + 1 :]))
    return None


# A range of gains said as one figure: "ranging from 10% to 69%", "between 3 and 12 points".
_RANGE = re.compile(
    # a gain's range ("improvements ranging from 10% to 69%"), not a setting swept
    r"\b(?:improv\w*|gains?|better|speed-?ups?|reduc\w*|increas\w*|boost\w*)\b[^.;]{0,40}?"
    r"\b(?:from|between) (?P<low>\d+(?:\.\d+)?)(?P<first>%| points?)? (?:to|and) "
    r"(?P<high>\d+(?:\.\d+)?)(?P<unit>%| points)?"
)
WIDE_RANGE = 3.0  # the high end at least this many times the low end: a wide spread


def wide_range(spoken: str) -> tuple[str, str] | None:
    """The first range of gains said whose high end is many times its low end, as said
    ("10%", "69%"); None where none is."""
    for found in _RANGE.finditer(spoken):
        low, high = float(found["low"]), float(found["high"])
        unit = found["unit"] or found["first"]
        if unit and low > 0 and high >= WIDE_RANGE * low:
            return f"{found['low']}{unit}", f"{found['high']}{unit}"
    return None


# What a method costs (computation, memory, time), not a score that varies across runs.
_COST = re.compile(
    r"\b(?:speed-?ups?|faster|slower|computation|compute|FLOPs|memory|cache|latency|"
    r"throughput|time|parameters|costs?|overheads?)\b",
    re.IGNORECASE,
)
# A claim of how the output looks or sounds to people ("cannot be distinguished from real
# data with the naked eye"), and the study with people that would measure it.
_LOOKS = re.compile(
    r"\b(?:realistic|photo-?realistic|indistinguishable|cannot be distinguished|naked eye|"
    r"natural-sounding|human-like|convincing|lifelike|high-fidelity)\b",
    re.IGNORECASE,
)
_HUMAN_JUDGED = re.compile(
    r"\b(?:human (?:evaluation|judges?|raters?|study|studies|annotators?|preference|readers|"
    r"listeners|subjects|evaluators|experts)|"
    r"user stud(?:y|ies)|raters|annotators|participants|mean opinion score|MOS|"
    r"Turing test|crowd-?sourc\w*|Mechanical Turk|subjects were)\b",
    re.IGNORECASE,
)
# A results heading that names no test of its own ("Main Results", "Experimental Setup").
# A figure told as a change, however it is said ("by about 5–10%", "10% less", "a gain of"),
# wider than briefing's change by a size, which the introduction's headline must state
# with its verb.
_TELLS_CHANGE = re.compile(
    r"\bby (?:about |roughly |nearly |up to |over )?[-+]?\d|\b\d+(?:\.\d+)?\s?(?:%|points?|pp) "
    r"(?:less|more|lower|higher|fewer)\b|\b(?:improvement|gain|increase|drop|reduction) of\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(r"^(?:\w+ )?(?:number|amount|count|size) of\b", re.IGNORECASE)
_NO_TEST = re.compile(
    r"\b(?:results?|experiments?|experimental|evaluations?|assessments?|setups?|settings?|analys[ie]s|"
    r"discussion|summary|overview|findings|details)\b",
    re.IGNORECASE,
)
# What only the explainer says: the method itself.
_HERS = frozenset(["mechanism", "definition", "proposal"])
# A line that (re)introduces the paper or its method: no take-away. A past participle
# counts only after its subject ("we introduced"): "the uncertainty introduced allows the
# network …" is a finding.
_INTRODUCES = re.compile(
    r"\b(?:introduces?|presents?|proposes?|describes?)\b(?! (?:a|an|the) "
    r"(?:drop|gain|improvement|reduction))|\b(?:we|they|authors|paper|work|have|has|had|"
    r"was|were|is|are|been)\s+(?:\w+ly\s+|also\s+|first\s+)?(?:introduced|presented|"
    r"proposed|described)\b",
    re.I,
)
# "Academic papers are an increasingly important domain": what the term is worth, not what
# it is (no answer to "What are academic papers?").
_RATED = re.compile(
    r"^[^,]{1,60}? (?:is|are) (?:a|an|the|one of the) (?:\w+ly )?(?:important|popular|common|"
    r"essential|critical|crucial|growing|major|central|fundamental|promising|long-standing)\b"
)
# What follows a part's head noun: "sampling" in "thompson sampling for neural networks".
_QUALIFIER = re.compile(r"\s(?:for|of|in|on|with|to|by|from|under)\s")
# "However, RoPE is incompatible with low-rank KV compression.": the telling turns on a snag
# ("But first, …" and "Yet another …" turn on nothing).
_TURN_LEAD = re.compile(r"^(?:However|But(?! first)|Yet(?! another)|Unfortunately),?\s")
# "This allows users to make quick judgments …": what the step before it is for.
_WHAT_FOR = re.compile(
    r"^(?:This|That|These|It) (?:\w+ )?(?:allows|lets|enables|ensures|prevents|avoids|keeps)\b"
)
_HOW_LEAD = re.compile(
    r"^To (?:accomplish|achieve|do|implement|realize|realise) (?:this|that|so)\b"
)
_ANSWER_LEAD = re.compile(
    r"^To (?:address|avoid|solve|mitigate|overcome|fix|remedy|prevent) (?:this|that|these|it)\b"
    r"|^Instead,\s"
)


# "They make the second simplification: since …": a lead that says the question again.
_RESTATED = re.compile(
    r"^(?:We|They|The authors) (?:make|take|add|use|introduce) the (?:second|third|final|last) "
    r"[a-z]{4,}:\s+(?=\w)"
)


# "In order to save the training costs of RL, they adopt …": what a step is for, said
# before it by its doers; the goal ends where a clause about its object begins.
_PURPOSE = re.compile(
    r"^(?:To|In order to) (?P<goal>(?!achieve this\b)"
    r"[a-z][^,;:]{5,90}?)(?: (?:that|which|who|where|while|so that|and thus)\b[^,]*)?,\s*"
    r"(?=(?:we|they|the authors)\b)",
    re.IGNORECASE,
)
MAX_GOAL_WORDS = 9


def purpose_of(text: str) -> str | None:
    """The goal a line's opening clause names ("save the training costs of RL"), as
    "How do they …?" asks for it, or None."""
    found = _PURPOSE.match(text)
    if found is None or len(found["goal"].split()) > MAX_GOAL_WORDS:
        return None
    goal = found["goal"]
    return None if unspeakable_goal(goal) else goal


def unspeakable_goal(goal: str) -> bool:
    """A goal "How do they …?" cannot carry: one that opens on no verb ("To the best …"),
    or a test's ("To demonstrate the suitability of S2ORC, they train …": an experiment,
    not a step of the method)."""
    return goal.split()[0].lower() in _NO_GOAL


_NO_GOAL = frozenset(
    ["the", "a", "an", "our", "their", "its", "each", "all", "this", "that", "do", "be", "sum",
     "demonstrate", "show", "test", "evaluate", "verify", "validate", "assess", "illustrate",
     "study", "investigate", "examine", "measure", "compare", "confirm", "check",
     "understand", "analyze", "analyse"]
)  # fmt: skip


def as_answer(beat: Sentence) -> Sentence:
    """The line as the answer to a question: without saying the question again ("They make
    the second simplification: …") nor an opening "Moreover" (after a question it adds to
    nothing)."""
    beat = without_tie(beat)
    lead = _RESTATED.match(beat.text)
    if lead is None:
        return beat
    rest = beat.text[lead.end() :]
    return replace(beat, text=rest[:1].upper() + rest[1:])


def _lowers(text: str) -> bool:
    """Whether the line's first word may be lower-cased after "But" (not a name)."""
    first = text.split()[0]
    return first in (
        "The",
        "A",
        "An",
        "In",
        "On",
        "With",
        "Without",
        "When",
        "For",
        "At",
        "This",
        "Despite",
    )


def echo_of(text: str) -> str | None:
    """The figure of a headline, with the words it counts: "14 times fewer training steps"."""
    match = _ECHO.search(text)
    if not match:
        return None
    words = match.group("echo").split()
    while words and words[-1].lower() in _ECHO_TAIL:
        words.pop()
    return " ".join(words) if len(words) >= 3 else None


def measure_of(text: str) -> str | None:
    """A result's figure with what it measures ("14 times fewer training steps", "4.82% test
    error"), or None when the line does not say what its figure measures. The figures of
    an opening concession are another's ("While a prior survey found 21% …, participants
    used CiteSee 2.7x more often"), not the result."""
    conceded = _CONCEDED.match(text)
    if conceded and _OTHERS.search(conceded.group(0)) and not _OURS.search(conceded.group(0)):
        text = text[conceded.end() :]
    echo = echo_of(text)
    if echo:
        words = echo.split()
        while words and words[-1].lower() in _NUMBER_WORDS | _ECHO_TAIL:
            words.pop()  # "6.5x faster at one (million)": the figure's words, not the next
        if len(words) >= 3:
            return " ".join(words)
    metric = metric_of(text)
    bounds = {m["figure"] for m in _THRESHOLD.finditer(text)}
    percents = [f for f in result_figures(text) if "%" in f and f not in bounds]
    if metric and percents:
        return f"{percents[0]} {metric}"
    on = _FIGURE_ON.search(text)
    return f"{on['figure']} on {on['bench']}" if on else None


# "By making several approximations to the scheme, they develop a practical algorithm": how
# the authors arrived at the method, no answer to how it works.
_HOW_MADE = re.compile(
    r"^(?:By|Through|Via)\b[^,]+, (?:we|they|the authors) (?:\w+ly )?(?:develop|propose|"
    r"design|introduce|present)",
    re.IGNORECASE,
)
_CONCEDED = re.compile(r"^(?:While|Although|Though|Whereas|Even though)\b[^,]*,\s*")
# "… overlaps a true positive by less than the required 50% IOU": a bound the set-up draws,
# no result ("My pick: 50% error").
# ("over 90% accuracy" is a result: only a bound named as one is left out)
_THRESHOLD = re.compile(
    r"\b(?:required|threshold(?: of)?|cut-?off(?: of)?)\s+(?P<figure>\d[\d.]*%)", re.IGNORECASE
)
# Whose the conceded figure is: others' ("a prior survey found 21%") or the method's own.
_OTHERS = re.compile(r"\b(?:prior|previous|existing|other|earlier|baselines?|surveys?)\b", re.I)
_OURS = re.compile(r"\b(?:our|we|their (?:method|model|approach|system))\b", re.I)
FIGURE_REACH = 4  # words between a figure and the measure it is of
_UNCOUNTED = frozenset(["loss", "precision", "throughput", "process", "success"])  # not plurals


def figure_metric(text: str) -> str | None:
    """What the line's first figure measures, when the measure stands next to it ("4.82%
    top-5 test error", "an accuracy of 94.1%"); "the same accuracy with 14 times fewer
    training steps" has a figure of steps, not of accuracy."""
    figures = result_figures(text)
    if not figures:
        return None
    at = text.find(figures[0])
    before = text[:at].split()[-FIGURE_REACH:]
    after = text[at + len(figures[0]) :].split()[:FIGURE_REACH]
    leads_in = bool(before) and before[-1].lower() in ("of", "at", "to", "is", "was", "=", "by")
    return metric_of(" ".join(after)) or (metric_of(" ".join(before)) if leads_in else None)


_NUMBER_WORDS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
     "thousand", "million", "billion", "each", "every", "all", "most", "least"]
)  # fmt: skip


def _authors(authors: list[str]) -> str:
    if not authors:
        return "its authors"
    if len(authors) <= 2:
        return " and ".join(authors)
    return f"{authors[0]} and co-authors"


def _debated(text: PaperText, outline: Outline) -> dict[int, Sentence]:
    """A debate's doubts (its case against), by the order of the claim each challenges (of
    her idea, method and numbers); none for other formats."""
    if outline.format != "debate":
        return {}
    lookup = {s.text: s for s in text.sentences}
    by_kind: dict[ChapterKind | None, list[Sentence]] = {}
    for chapter in outline.chapters:
        lines = [lookup[x] for x in chapter.beats if x in lookup]
        by_kind.setdefault(chapter_kind(chapter.title), []).extend(lines)
    claims = [s for kind in (IDEA, MECHANICS, NUMBERS) for s in by_kind.get(kind, [])]
    results = [s for s in by_kind.get(NUMBERS, []) if sentence_kind(s) in ("result", "comparison")]
    return debate_targets(by_kind.get(CRITIQUE, []), claims, results)


# "a speedup ratio of up to 6.5x", "16x faster": a multiplier said of speed
_SPEEDUP = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?[x×](?!\w)")
_SPEED = re.compile(r"\b(?:faster|speed-?ups?|accelerat\w*)\b", re.IGNORECASE)


def speedups(texts: Iterable[str]) -> list[str]:
    """The speed-ups the texts say ("16x"), in order, each once: multipliers in a sentence
    that speaks of speed."""
    found: list[str] = []
    for text in texts:
        for sentence in split_sentences(text):
            if not _SPEED.search(sentence):
                continue
            for match in _SPEEDUP.finditer(sentence):
                if (figure := f"{match[1]}x") not in found:
                    found.append(figure)
    return found


def his_view(b: Briefing, chapter: int) -> None:
    """His verdict where no take-away chapter follows his doubts: asked for by her where it
    would run his turn past a turn's length, not run on from it ("… And no error bars. My
    pick: …")."""
    view = verdict(b, chapter)
    if view is None:
        return
    last = b.talk.turns[-1] if b.talk.turns else None
    if last and last.host == "skeptic" and len(f"{last.text} {view}".split()) > MAX_LONG_TURN:
        b.talk.say("explainer", b.ask("ask_verdict"), chapter)
        view = verdict(b, chapter)  # asked for, it sums up the doubts of his turn too
    b.talk.say("skeptic", view, chapter)


def briefing_script(
    text: PaperText,
    outline: Outline,
    hosts: dict[HostRole, str],
    speak: Speak | None = None,
    models: list[str] | None = None,
) -> Script:
    """The deep dive's conversation, from the plan briefing_outline made."""
    speak = speak or (lambda s: third_person(s.text))
    b = Briefing(text, outline, hosts, speak)
    lookup: dict[str, Sentence | TableLine] = {s.text: s for s in text.sentences}
    lookup |= {t.text: t for t in b.reader.table_lines()}
    for index, chapter in enumerate(outline.chapters):
        kind = chapter_kind(chapter.title)
        beats = [lookup[x] for x in chapter.beats if x in lookup]
        if index == 0 and kind is not COLD_OPEN:
            short = outline.planned_minutes < SHORT_RATIO * outline.target_minutes
            b.talk.say("explainer", b.welcome("explainer", short), index)
        if kind is COLD_OPEN:
            b.cold_open(beats, index)
        elif kind is CRITIQUE:
            b.corner(beats, index)
        elif kind is ALTERNATIVES:
            b.alternatives(beats, index)
        elif kind is WRAP:
            b.talk.say("skeptic", verdict(b), index)  # his view, then her take-away
            b.wrap(beats, index)
        elif kind is not None:
            b.explain(kind, beats, index)
        if index == len(outline.chapters) - 1:
            # She closes the show, in the last chapter that said anything: after her last
            # line, or after his verdict where no take-away chapter follows his doubts.
            said_last = b.talk.turns[-1].chapter if b.talk.turns else index
            if kind is not WRAP:  # no take-away: his view, before her goodbye
                his_view(b, said_last)
            # He closes a show where he said little: the goodbye is his share of the talk.
            closer: HostRole = "skeptic" if b.talk.share("skeptic") < HIS_LOW else "explainer"
            b.talk.say(closer, sign_off(b), said_last)
    turns = b.talk.turns
    # The title is said as it is, and the method's map: "…, or SFT," breaks up a list.
    verbatim = [readable_title(text.paper), b.mapped]
    spoken = keeping([t.text for t in turns], verbatim, b.text.acronyms.expand)
    spoken = they(spoken, [t.chapter for t in turns])
    for turn, said in zip(turns, spoken, strict=True):
        turn.text = said
    kinds = [chapter_kind(c.title) for c in outline.chapters]
    turns = with_glosses(
        turns,
        {i for i, kind in enumerate(kinds) if kind in EXPLAINING},
        b.full_text,
        f"{text.paper.title} {b.reader.method or ''}",
        lambda term: b.ask("ask_gloss", background=term),
        *GLOSSES.get(outline.format, (0, 0)),
        SHOW_BAND[1],
        measuring=frozenset(i for i, kind in enumerate(kinds) if kind in (EXPERIMENTS, NUMBERS)),
    )
    chapters = [
        ChapterHeading(
            title=c.title,
            description=describe(
                b.talk.beats[i], c.description, k.kinds if (k := chapter_kind(c.title)) else ()
            ),
        )
        for i, c in enumerate(outline.chapters)
    ]
    script = Script(
        title=readable_title(text.paper),
        format=outline.format,
        hosts=hosts,
        chapters=chapters,
        turns=turns,
        models=models or ["paperdive extractive writer"],
    )
    return without_hollow(script)


def without_hollow(script: Script) -> Script:
    """Leave out a chapter that says fewer than two of the paper's lines (one for the numbers
    and the problem), or too few words to stand (folded into the chapter before); the
    opening chapter, the corner and the take-aways stay."""
    keep = []
    for index, heading in enumerate(script.chapters):
        kind = chapter_kind(heading.title)
        its = [t for t in script.turns if t.chapter == index]
        said = sum(len(t.source_refs) for t in its)
        # One result said with its figures is the chapter of numbers the listener waits for.
        # The one line that says what is wrong is the problem the listener came in on, and
        # the one result said is the finding the episode owes them, however short.
        alone = kind in (PROBLEM, NUMBERS)
        lines = 1 if alone else MIN_CHAPTER_LINES
        stands = said >= lines and (alone or substance(its) >= MIN_CHAPTER_WORDS)
        if index == 0 or kind in (CRITIQUE, WRAP) or stands:
            keep.append(index)
    if len(keep) == len(script.chapters):
        return script
    renumber = {old: new for new, old in enumerate(keep)}
    turns = moved_turns([(t, renumber[t.chapter]) for t in script.turns if t.chapter in renumber])
    # A question left at the end of a kept chapter, its answer gone, goes too.
    kept_turns = [
        t
        for i, t in enumerate(turns)
        if not (
            t.text.rstrip().endswith("?")
            and not t.source_refs
            and (i + 1 >= len(turns) or turns[i + 1].host == t.host)
        )
    ]
    return script.model_copy(
        update={"chapters": [script.chapters[i] for i in keep], "turns": kept_turns}
    )


def sign_off(b: Briefing) -> str:
    lines = [b.ask("sign_off"), b.ask("linked") if b.text.paper.url else None, b.ask("thanks")]
    return " ".join(line for line in lines if line)


_AUTHORS_SUBJECT = re.compile(r"(?:^|(?<=[.!?] ))The authors(?=\s[a-z])")
_AUTHORS_MID = re.compile(r"(?<=[,;:] )the authors(?=\s[a-z])")
_AUTHORS_OBJECT = re.compile(r"\b(by|to|for|with|from|of|lets|let|leads|led|allows) the authors\b")
_AUTHORS_POSSESSIVE = re.compile(r"\b[Tt]he authors['’]\s")


def they(texts: list[str], chapters: list[int]) -> list[str]:
    """ "The authors" the first time a chapter names them, "they" (or "them", "their")
    after."""
    out = []
    named: set[int] = set()
    for text, chapter in zip(texts, chapters, strict=True):
        if chapter in named:
            text = _AUTHORS_SUBJECT.sub("They", text)
            text = _AUTHORS_MID.sub("they", text)
            text = _AUTHORS_OBJECT.sub(r"\1 them", text)
            text = _AUTHORS_POSSESSIVE.sub(
                lambda m: "Their " if m.group(0)[0] == "T" else "their ", text
            )
        elif re.search(r"\b[Tt]he authors\b", text):
            named.add(chapter)
            first = re.search(r"\b[Tt]he authors\b", text)
            assert first is not None
            head, tail = text[: first.end()], text[first.end() :]
            tail = _AUTHORS_SUBJECT.sub("They", tail)
            tail = _AUTHORS_MID.sub("they", tail)
            tail = _AUTHORS_OBJECT.sub(r"\1 them", tail)
            text = head + tail
        out.append(text)
    return out


def briefing_plan(
    text: PaperText, minutes: float, words_per_minute: float, format: str = "deep-dive"
) -> Outline:
    """The deep dive's plan, with the length its lines support: a briefing says what is
    worth saying and no more, so it is often shorter than asked (and says so)."""
    outline = briefing_outline(text, minutes, words_per_minute, format)
    hosts: dict[HostRole, str] = {"explainer": "Nora", "skeptic": "Theo"}
    for _ in range(2):  # the welcome says whether the episode is short: settle it
        said = minutes_after_review(briefing_script(text, outline, hosts), words_per_minute)
        # Rounded up: a target below the lines written would have revision cut one.
        outline.supported_minutes = math.ceil(said * 10) / 10 if said < minutes else None
    return outline
