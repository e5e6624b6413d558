"""Stage 3, write (extractive): turn each chapter's beats into a two-host conversation.

The paper's sentences carry every fact; the hosts add questions, transitions and the
skeptic's challenges from templated lines (lines.toml), varied by a seed taken from the paper.
"""

from __future__ import annotations

import random
import re
import tomllib
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from paperdive.models import (
    ChapterHeading,
    ChapterPlan,
    HostRole,
    Outline,
    Paper,
    Script,
    SourceRef,
    Turn,
)
from paperdive.store import content_hash
from paperdive.writing.chapters import merge_hollow_chapters
from paperdive.writing.plan import CRITIQUE, WORDS_PER_MINUTE, WRAP
from paperdive.writing.read import section_kinds
from paperdive.writing.roles import Role, defined_term, is_caveat, sentence_role
from paperdive.writing.sentences import (
    CUES,
    MAX_REPEATABLE_WORDS,
    Sentence,
    cue_score,
    paper_sentences,
    self_contained,
    shorten,
    starts_with_a_leading_phrase,
    third_person,
    word_runs,
    words_of,
)
from paperdive.writing.titles import headline_claim, readable_title

Rephrase = Callable[[str], str]
# How often the skeptic meets a result with doubt instead of a plain question, by format.
PUSHBACK = {"critique": 0.7, "debate": 0.8}
DEFAULT_PUSHBACK = 0.3
# How often the skeptic adds a fact-free aside after a result, by format; never elsewhere.
ASIDE_CHANCE = {"critique": 0.7, "debate": 0.8}
SHORT_EPISODE_RATIO = 0.9
# First words a lead-in like "They write that" may lower-case: never a name or an acronym.
_SENTENCE_STARTERS_TEXT = (
    "the a an this these that those it its in on for each every all both such when while "
    "to given as by with although since because if there here most many some one two "
    "using after before during however instead unlike their"
)
SENTENCE_STARTERS = frozenset(_SENTENCE_STARTERS_TEXT.split())
CONTRASTS = ("However", "But ", "Yet ", "Still,", "Nevertheless", "Nonetheless")
ANSWER_LEAD_CHANCE = 0.1  # most lines stand on their own; a few say whose words they are
# Who reads a paper line aloud. Both hosts carry the paper: the explainer its idea and how it
# works, the skeptic the problem, the earlier work and the test setup; other lines go to the
# skeptic while he has said less than his share of the episode's words.
EXPLAINER_ROLES = frozenset({"method", "definition", "proposal"})
SKEPTIC_ROLES = frozenset({"problem", "prior", "setup"})
SKEPTIC_SHARE = {"critique": 0.5, "debate": 0.5}
DEFAULT_SKEPTIC_SHARE = 0.45
MAX_SKEPTIC_SHARE = 0.6
ASK_SKEPTIC_CHANCE = 0.5  # how often the explainer asks for a line the skeptic then reads
SKEPTIC_LEAD_CHANCE = 0.3
PICK_UP_CHANCE = 0.4  # how often the explainer picks up from the skeptic's line herself
DESCRIPTION_WORDS = 18
CONTINUE_MAX_WORDS = 50
CLOSING_CLAIMS = 3
NO_LIMITATIONS = "The paper has no section on its own limitations; the open questions are ours."
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
        self.last_role: Role | None = None  # the role of the last paper line said
        self.beats: dict[int, list[Sentence]] = defaultdict(list)  # paper lines, by chapter
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
        if source is not None:
            self.beats[chapter].append(source)
            self.last_role = sentence_role(source)
        if self.turns and self.turns[-1].host == host and self.turns[-1].chapter == chapter:
            last = self.turns[-1]
            last.text = f"{last.text} {text}"
            last.source_refs += refs
        else:
            self.turns.append(Turn(host=host, text=text, chapter=chapter, source_refs=refs))

    def words(self, chapter: int) -> int:
        return sum(len(t.text.split()) for t in self.turns if t.chapter == chapter)

    def share(self, host: HostRole) -> float:
        """The host's share of the words said so far."""
        said = {"explainer": 0, "skeptic": 0}
        for turn in self.turns:
            said[turn.host] += len(turn.text.split())
        return said[host] / max(sum(said.values()), 1)

    @property
    def previous(self) -> Turn | None:
        return self.turns[-1] if self.turns else None


@dataclass(frozen=True)
class Ending:
    """The paper's conclusion and its strongest admitted weakness, kept back for the close."""

    claims: list[Sentence]  # best first: the first not already said closes the episode
    doubt: Sentence | None

    def holds(self, sentence: Sentence) -> bool:
        kept = [*self.claims, *([self.doubt] if self.doubt else [])]
        return any(k.text == sentence.text for k in kept)


def extractive_script(
    papers: list[Paper],
    outline: Outline,
    hosts: dict[HostRole, str],
    *,
    rephrase: Rephrase | None = None,
    models: list[str] | None = None,
    words_per_minute: float = WORDS_PER_MINUTE,
) -> Script:
    lookup = {s.text: s for paper in papers for s in paper_sentences(paper)}
    paper_of = {s.text: paper for paper in papers for s in paper_sentences(paper)}
    lead = papers[0]
    single = len(papers) == 1
    picker = LinePicker(
        content_hash(lead.title, outline.format),
        {
            "explainer": hosts["explainer"],
            "skeptic": hosts["skeptic"],
            "title": readable_title(lead) if single else "a handful of new papers",
            "authors": _authors(lead) if single else "several teams",
        },
    )
    talk = Conversation()
    pushback = PUSHBACK.get(outline.format, DEFAULT_PUSHBACK)
    skeptic_share = SKEPTIC_SHARE.get(outline.format, DEFAULT_SKEPTIC_SHARE)
    asides = ASIDE_CHANCE.get(outline.format, 0.0)
    planned_minutes = sum(c.word_budget for c in outline.chapters) / words_per_minute
    ending = _ending(lead) if single else Ending([], None)
    last_paper: Paper | None = None

    def spoken(sentence: Sentence) -> str:
        text = third_person(sentence.text)
        return rephrase(text) if rephrase else text

    for index, chapter in enumerate(outline.chapters):
        beats = [lookup[b] for b in chapter.beats if b in lookup and not ending.holds(lookup[b])]
        if index == 0:
            _cold_open(talk, picker, beats[:1], spoken)
            beats = beats[1:]
            talk.say("explainer", picker.pick("welcome"), 0)
            if planned_minutes < SHORT_EPISODE_RATIO * outline.target_minutes:
                talk.say("explainer", picker.pick("short_paper"), 0)
        else:
            topic = chapter.title.split(":")[0].lower()
            talk.say("explainer", picker.pick("chapter_open", topic=topic), index)
        if chapter.title == WRAP.title:
            talk.say("skeptic", picker.pick("wrap_question"), index)
        if chapter.title == CRITIQUE.title and not any(map(_states_limitations, papers)):
            talk.say("skeptic", picker.pick("no_limitations_section"), index)
            talk.say("explainer", picker.pick("no_limitations_reply"), index)
            talk.say("skeptic", picker.pick("open_doubt"), index)
            talk.say("explainer", picker.pick("open_doubt_reply"), index)
        for beat in beats:
            if talk.words(index) >= chapter.word_budget:
                break
            if not talk.is_fresh(third_person(beat.text)):
                continue  # papers restate themselves; the episode should not
            paper = paper_of[beat.text]
            if not single and paper is not last_paper:
                talk.say("explainer", f"Next paper: {readable_title(paper)}.", index)
            last_paper = paper
            role = sentence_role(beat)
            doubt = 1.0 if chapter.title == CRITIQUE.title else pushback
            if role == "caveat":
                _challenge(talk, picker, beat, index, spoken)
            elif _skeptic_reads(talk, role, skeptic_share):
                _skeptic_tells(talk, picker, beat, index, role, asides, spoken)
            else:
                _explain(talk, picker, beat, index, role, doubt, asides, spoken)
        if index == len(outline.chapters) - 1:
            _close(talk, picker, ending, index, spoken)
    admits_nothing = not any(map(_states_limitations, papers))
    chapters = [
        # A digest's chapters keep their plan's list of the papers they cover.
        ChapterHeading(
            title=c.title,
            description=_description(c, talk.beats[i], admits_nothing) if single else c.description,
        )
        for i, c in enumerate(outline.chapters)
    ]
    script = Script(
        title=readable_title(lead) if single else "Paper digest",
        format=outline.format,
        hosts=hosts,
        chapters=chapters,
        turns=talk.turns,
        models=models or ["paperdive extractive writer"],
    )
    return merge_hollow_chapters(script)


def _cold_open(
    talk: Conversation,
    picker: LinePicker,
    beats: list[Sentence],
    spoken: Callable[[Sentence], str],
) -> None:
    """A surprising result first, the skeptic's doubt about it, and only then the welcome."""
    for beat in beats:
        if talk.is_fresh(third_person(beat.text)):
            talk.say("explainer", f"{picker.pick('hook_lead')} {spoken(beat)}", 0, beat)
            talk.say("skeptic", picker.pick("hook_question"), 0)
            talk.say("explainer", picker.pick("hook_answer"), 0)


def _skeptic_reads(talk: Conversation, role: Role, target_share: float) -> bool:
    if role in EXPLAINER_ROLES:
        return False
    share = talk.share("skeptic")
    return share < (MAX_SKEPTIC_SHARE if role in SKEPTIC_ROLES else target_share)


def _skeptic_tells(
    talk: Conversation,
    picker: LinePicker,
    beat: Sentence,
    chapter: int,
    role: Role,
    asides: float,
    spoken: Callable[[Sentence], str],
) -> None:
    """The skeptic reads a line of the paper: running on from his last one, answering the
    explainer's question for it, or bringing it up himself."""
    previous = talk.previous
    in_chapter = previous is not None and previous.chapter == chapter
    telling = in_chapter and previous.host == "skeptic" and talk.last_was_beat
    if telling and len(previous.text.split()) < CONTINUE_MAX_WORDS:
        same_thread = talk.last_role == role
        if (role == "other" and picker.chance(0.6)) or (same_thread and picker.chance(0.35)):
            connector = picker.pick("continuation") if picker.chance(0.5) else None
            talk.say("skeptic", _join(connector or "", spoken(beat)), chapter, beat)
            return
    askable = f"ask_{role}" in host_lines()
    asked = askable and picker.chance(ASK_SKEPTIC_CHANCE) and picker.pick(f"ask_{role}")
    if not asked and in_chapter and previous.host == "skeptic":
        asked = picker.pick("question_other")  # his turn is long enough: she prompts him on
    if asked:
        talk.say("explainer", asked, chapter)
        talk.say("skeptic", spoken(beat), chapter, beat)
    else:
        kind = "restate_result" if role in ("result", "comparison") else "skeptic_lead"
        lead = picker.pick(kind) if picker.chance(SKEPTIC_LEAD_CHANCE) else None
        talk.say("skeptic", _join(lead or "", spoken(beat)), chapter, beat)
    if role in ("result", "comparison") and picker.chance(asides):
        talk.say("skeptic", picker.pick("skeptic_aside"), chapter)


def _explain(
    talk: Conversation,
    picker: LinePicker,
    beat: Sentence,
    chapter: int,
    role: Role,
    pushback: float,
    asides: float,
    spoken: Callable[[Sentence], str],
) -> None:
    """The skeptic asks what the beat answers (or doubts it), the explainer says it; in a
    critique or debate the skeptic may add a fact-free aside after a result."""
    previous = talk.previous
    in_chapter = previous is not None and previous.chapter == chapter
    if in_chapter and previous.host == "skeptic" and previous.text.endswith("?"):
        talk.say("explainer", spoken(beat), chapter, beat)  # the question already asked
        return
    if in_chapter and previous.host == "explainer" and not talk.beats[chapter] and role == "other":
        talk.say("explainer", spoken(beat), chapter, beat)  # straight on from the chapter's opening
        return
    picks_up = in_chapter and previous.host == "skeptic" and talk.last_was_beat
    if picks_up and picker.chance(PICK_UP_CHANCE):
        # Building on what he just read, not answering a question.
        talk.say("explainer", _join(picker.pick("pick_up") or "", spoken(beat)), chapter, beat)
        return
    explaining = in_chapter and previous.host == "explainer" and talk.last_was_beat
    if explaining and len(previous.text.split()) < CONTINUE_MAX_WORDS:
        # A line that needs no question of its own, or one on the same thread, runs on.
        same_thread = talk.last_role == role
        if (role == "other" and picker.chance(0.6)) or (same_thread and picker.chance(0.35)):
            connector = picker.pick("continuation") if picker.chance(0.5) else None
            talk.say("explainer", _join(connector or "", spoken(beat)), chapter, beat)
            return
    if in_chapter and previous.host == "explainer" and talk.last_was_beat and picker.chance(0.3):
        talk.say("skeptic", picker.pick("reaction"), chapter)
    talk.say("skeptic", _question(picker, beat, role, pushback), chapter)
    lead = picker.pick("answer_lead") if picker.chance(ANSWER_LEAD_CHANCE) else None
    talk.say("explainer", _join(lead or "", spoken(beat)), chapter, beat)
    if role in ("result", "comparison") and picker.chance(asides):
        talk.say("skeptic", picker.pick("skeptic_aside"), chapter)


def _question(picker: LinePicker, beat: Sentence, role: Role, doubt: float) -> str | None:
    """The question the beat answers: what X is, how it works, what they found, versus what;
    with chance `doubt`, asked as a challenge where the role has one."""
    if role == "definition":
        term = defined_term(beat) or ""
        asked = picker.pick("question_definition", term=term) or picker.pick("question_term")
    else:
        challenged = f"doubt_{role}" in host_lines() and picker.chance(doubt)
        asked = (challenged and picker.pick(f"doubt_{role}")) or picker.pick(f"question_{role}")
    return asked or picker.pick("question_other")


def _challenge(
    talk: Conversation,
    picker: LinePicker,
    beat: Sentence,
    chapter: int,
    spoken: Callable[[Sentence], str],
) -> None:
    """The skeptic voices a weakness the paper admits, and the explainer concedes it."""
    previous = talk.previous
    in_chapter = previous is not None and previous.chapter == chapter
    if in_chapter and previous.host == "skeptic" and not talk.last_was_beat:
        talk.say("explainer", spoken(beat), chapter, beat)  # a question the caveat answers
        return
    if in_chapter and previous.host == "skeptic":
        opener = picker.pick("continuation")
    elif in_chapter and previous.host == "explainer" and not talk.beats[chapter]:
        talk.say("explainer", picker.pick("caveat_prompt"), chapter)
        opener = None
    else:
        opener = picker.pick("challenge")
    talk.say("skeptic", _join(opener or "", spoken(beat)), chapter, beat)
    talk.say("explainer", picker.pick("concede"), chapter)


def _close(
    talk: Conversation,
    picker: LinePicker,
    ending: Ending,
    chapter: int,
    spoken: Callable[[Sentence], str],
) -> None:
    """The take-away: the paper's conclusion, the skeptic's strongest doubt, the sign-off."""
    doubt = ending.doubt
    claim = next((c for c in ending.claims if talk.is_fresh(third_person(c.text))), None)
    if claim is not None:
        previous = talk.previous
        if previous is not None and previous.host == "explainer":
            talk.say("skeptic", picker.pick("takeaway_question"), chapter)
        lead = None if talk.previous and talk.previous.host == "skeptic" else "takeaway_lead"
        talk.say(
            "explainer", _join(lead and picker.pick(lead) or "", spoken(claim)), chapter, claim
        )
    if doubt is not None and talk.is_fresh(third_person(doubt.text)):
        talk.say("skeptic", f"{picker.pick('doubt_lead')} {spoken(doubt)}", chapter, doubt)
    elif claim is not None:
        talk.say("skeptic", picker.pick("open_doubt"), chapter)
    talk.say("explainer", picker.pick("sign_off"), chapter)


def _ending(paper: Paper) -> Ending:
    sentences = [s for s in paper_sentences(paper) if self_contained(s)]
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
    headline = headline_claim(paper, [third_person(s.text) for s in claims])
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


def _description(chapter: ChapterPlan, beats: list[Sentence], admits_nothing: bool) -> str:
    """What the chapter says, for the show notes."""
    if beats:
        return _describe(beats)
    if chapter.title == CRITIQUE.title and admits_nothing:
        return NO_LIMITATIONS
    return chapter.description


def _describe(beats: list[Sentence]) -> str:
    """A chapter's one line for the show notes: its strongest self-standing point, shortened."""

    def weight(s: Sentence) -> tuple[bool, bool, int, float]:
        strongest = max(cue_score(s, field) for field in CUES)
        standalone = self_contained(s) and not _POINTER.search(s.text)
        opens_on_its_subject = not starts_with_a_leading_phrase(s.text)
        role_rank = DESCRIPTION_ROLE_RANK.get(sentence_role(s), 0)
        return standalone, opens_on_its_subject, role_rank, strongest

    return shorten(third_person(max(beats, key=weight).text), DESCRIPTION_WORDS)


def _states_limitations(paper: Paper) -> bool:
    return any("limitation" in s.title.lower() for s in paper.sections)


def _join(lead: str, sentence: str) -> str:
    """Attach a lead-in; one that runs into the sentence ("They write that …") needs a first
    word that is safe to lower-case, else the sentence is said without it."""
    if not lead:
        return sentence
    if sentence.startswith(CONTRASTS):
        return sentence  # "For context: However, …" answers nothing
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
