"""Stage 3, write (extractive): turn each chapter's beats into a two-host conversation.

The paper's sentences carry every fact; the hosts add questions, transitions and the
skeptic's challenges from templated lines (lines.toml), varied by a seed taken from the paper.
"""

from __future__ import annotations

import random
import tomllib
from collections import deque
from collections.abc import Callable
from functools import cache
from importlib.resources import files

from paperdive.models import (
    ChapterHeading,
    HostRole,
    Outline,
    Paper,
    Script,
    SourceRef,
    Turn,
)
from paperdive.store import content_hash
from paperdive.writing.plan import CRITIQUE, WORDS_PER_MINUTE, WRAP
from paperdive.writing.sentences import (
    MAX_REPEATABLE_WORDS,
    Sentence,
    cue_score,
    paper_sentences,
    third_person,
    word_runs,
    words_of,
)
from paperdive.writing.titles import readable_title

Rephrase = Callable[[str], str]
# Share of beats the skeptic voices as a challenge, by format (limitations always are).
SKEPTIC_SHARE = {"critique": 0.35, "debate": 0.45}
DEFAULT_SKEPTIC_SHARE = 0.12
SHORT_EPISODE_RATIO = 0.9
# First words a lead-in like "They write that" may lower-case: never a name or an acronym.
_SENTENCE_STARTERS_TEXT = (
    "the a an this these that those it its in on for each every all both such when while "
    "to given as by with although since because if there here most many some one two "
    "using after before during however instead unlike their"
)
SENTENCE_STARTERS = frozenset(_SENTENCE_STARTERS_TEXT.split())
RESULT_SCORE = 2.5  # a number and a results cue: worth the skeptic asking for the baseline
# Sentences the skeptic voices: the paper's own admissions of weakness.
CAVEAT_CUES = (
    "limitation",
    "future work",
    "cannot",
    "fails",
    "caveat",
    "may not",
    "remains unclear",
    "not yet",
    "we leave",
    "the authors leave",
)


@cache
def host_lines() -> dict[str, list[str]]:
    return tomllib.loads(files("paperdive.writing").joinpath("lines.toml").read_text("utf-8"))


class LinePicker:
    """Draws template lines at random: a line longer than MAX_REPEATABLE_WORDS words is used
    once per episode; a shorter one not again until half of its siblings have had a turn."""

    def __init__(self, seed: str, fields: dict[str, str]):
        self._rng = random.Random(seed)
        self._fields = fields
        self._used: set[str] = set()
        self._recent: dict[str, deque[str]] = {}

    def pick(self, kind: str, **extra: str) -> str | None:
        options = [line.format(**self._fields, **extra) for line in host_lines()[kind]]
        repeatable = [o for o in options if len(words_of(o)) <= MAX_REPEATABLE_WORDS]
        recent = self._recent.setdefault(kind, deque(maxlen=max(1, len(repeatable) // 2)))
        fresh = [o for o in options if o not in self._used and o not in recent]
        if not fresh:
            return None
        line = self._rng.choice(fresh)
        recent.append(line)
        if line not in repeatable:
            self._used.add(line)
        return line

    def chance(self, probability: float) -> bool:
        return self._rng.random() < probability


class Conversation:
    def __init__(self) -> None:
        self.turns: list[Turn] = []
        self.last_was_beat = False  # whether the last thing said was one of the paper's lines
        self._runs: set[tuple[str, ...]] = set()

    def is_fresh(self, sentence: str) -> bool:
        """False when the sentence shares an 8-word run with one already spoken."""
        runs = word_runs(sentence)
        if runs & self._runs:
            return False
        self._runs |= runs
        return True

    def say(
        self, host: HostRole, text: str | None, chapter: int, source: Sentence | None = None
    ) -> None:
        if not text:
            return
        self.last_was_beat = source is not None
        refs = [SourceRef(section=source.section, quote=source.original)] if source else []
        if self.turns and self.turns[-1].host == host and self.turns[-1].chapter == chapter:
            last = self.turns[-1]
            last.text = f"{last.text} {text}"
            last.source_refs += refs
        else:
            self.turns.append(Turn(host=host, text=text, chapter=chapter, source_refs=refs))

    def words(self, chapter: int) -> int:
        return sum(len(t.text.split()) for t in self.turns if t.chapter == chapter)


def extractive_script(
    papers: list[Paper],
    outline: Outline,
    hosts: dict[HostRole, str],
    *,
    rephrase: Rephrase | None = None,
    models: list[str] | None = None,
) -> Script:
    lookup = {s.text: s for paper in papers for s in paper_sentences(paper)}
    paper_of = {s.text: paper for paper in papers for s in paper_sentences(paper)}
    lead = papers[0]
    picker = LinePicker(
        content_hash(lead.title, outline.format),
        {
            "explainer": hosts["explainer"],
            "skeptic": hosts["skeptic"],
            "title": readable_title(lead) if len(papers) == 1 else "a handful of new papers",
            "authors": _authors(lead) if len(papers) == 1 else "several teams",
        },
    )
    talk = Conversation()
    share = SKEPTIC_SHARE.get(outline.format, DEFAULT_SKEPTIC_SHARE)
    planned_minutes = sum(c.word_budget for c in outline.chapters) / WORDS_PER_MINUTE
    last_paper: Paper | None = None

    def spoken(sentence: Sentence) -> str:
        text = third_person(sentence.text)
        return rephrase(text) if rephrase else text

    for index, chapter in enumerate(outline.chapters):
        beats = [lookup[b] for b in chapter.beats if b in lookup]
        if index == 0:
            _cold_open(talk, picker, beats[:1], spoken)
            beats = beats[1:]
            talk.say("explainer", picker.pick("welcome"), 0)
            if planned_minutes < SHORT_EPISODE_RATIO * outline.target_minutes:
                talk.say("explainer", picker.pick("short_paper"), 0)
        else:
            topic = chapter.title.split(":")[0].lower()
            talk.say("explainer", picker.pick("chapter_open", topic=topic), index)
        is_last = index == len(outline.chapters) - 1
        if chapter.title == WRAP.title:
            talk.say("skeptic", picker.pick("wrap_question"), index)
        if chapter.title == CRITIQUE.title and not any(map(_states_limitations, papers)):
            talk.say("skeptic", picker.pick("no_limitations_section"), index)
            talk.say("explainer", picker.pick("concede"), index)
        for beat in beats:
            if talk.words(index) >= chapter.word_budget:
                break
            if not talk.is_fresh(third_person(beat.text)):
                continue  # papers restate themselves; the episode should not
            paper = paper_of[beat.text]
            if len(papers) > 1 and paper is not last_paper:
                talk.say("explainer", f"Next paper: {readable_title(paper)}.", index)
            last_paper = paper
            skeptic_asked = talk.turns[-1].host == "skeptic" and not talk.last_was_beat
            if (_is_caveat(beat) or picker.chance(share)) and not skeptic_asked:
                _challenge(talk, picker, beat, index, spoken)
            else:
                _explain(talk, picker, beat, index, spoken)
        if is_last:
            talk.say("explainer", picker.pick("sign_off"), index)
    chapters = [ChapterHeading(title=c.title, description=c.description) for c in outline.chapters]
    return Script(
        title=readable_title(lead) if len(papers) == 1 else "Paper digest",
        format=outline.format,
        hosts=hosts,
        chapters=chapters,
        turns=talk.turns,
        models=models or ["paperdive extractive writer"],
    )


def _cold_open(
    talk: Conversation,
    picker: LinePicker,
    beats: list[Sentence],
    spoken: Callable[[Sentence], str],
) -> None:
    for beat in beats:
        if talk.is_fresh(third_person(beat.text)):
            talk.say("explainer", f"{picker.pick('hook_lead')} {spoken(beat)}", 0, beat)
            talk.say("skeptic", picker.pick("hook_reaction"), 0)


def _explain(
    talk: Conversation,
    picker: LinePicker,
    beat: Sentence,
    chapter: int,
    spoken: Callable[[Sentence], str],
) -> None:
    previous = talk.turns[-1] if talk.turns else None
    if previous is not None and previous.host == "skeptic":
        talk.say("explainer", spoken(beat), chapter, beat)  # answers, or picks up the line read
        return
    after_a_beat = previous is not None and previous.chapter == chapter and talk.last_was_beat
    if after_a_beat and picker.chance(0.35) and len(previous.text.split()) < 60:
        connector = picker.pick("continuation") or ""
        talk.say("explainer", _join(connector, spoken(beat)), chapter, beat)
        return
    kind = "number_question" if cue_score(beat, "results") >= RESULT_SCORE else "question"
    asked = picker.pick(kind) or picker.pick("question")
    if asked and after_a_beat and picker.chance(0.4):
        talk.say("skeptic", picker.pick("reaction"), chapter)
    talk.say("skeptic", asked, chapter)
    lead = picker.pick("answer_lead") if picker.chance(0.3) else None
    talk.say("explainer", _join(lead or "", spoken(beat)), chapter, beat)


def _challenge(
    talk: Conversation,
    picker: LinePicker,
    beat: Sentence,
    chapter: int,
    spoken: Callable[[Sentence], str],
) -> None:
    skeptic_read_last = bool(talk.turns) and talk.turns[-1].host == "skeptic"
    if skeptic_read_last:
        opener = picker.pick("continuation")
    else:
        opener = picker.pick("challenge" if _is_caveat(beat) else "skeptic_reads")
    talk.say("skeptic", _join(opener or "", spoken(beat)), chapter, beat)
    if picker.chance(0.6):
        talk.say("explainer", picker.pick("concede" if _is_caveat(beat) else "reaction"), chapter)


def _states_limitations(paper: Paper) -> bool:
    return any("limitation" in s.title.lower() for s in paper.sections)


def _is_caveat(sentence: Sentence) -> bool:
    lowered = sentence.text.lower()
    return any(cue in lowered for cue in CAVEAT_CUES)


def _join(lead: str, sentence: str) -> str:
    """Attach a lead-in; one that runs into the sentence ("They write that …") needs a first
    word that is safe to lower-case, else the sentence is said without it."""
    if not lead:
        return sentence
    if lead.endswith(":") or lead.endswith("."):
        return f"{lead} {sentence}"
    first, _, rest = sentence.partition(" ")
    if first.lower() not in SENTENCE_STARTERS:
        return sentence
    return f"{lead} {first.lower()} {rest}"


def _authors(paper: Paper) -> str:
    if not paper.authors:
        return "its authors"
    if len(paper.authors) <= 2:
        return " and ".join(paper.authors)
    return f"{paper.authors[0]} and colleagues"
