"""Checks on what the episode is made of: chapters drawn from the sections that fit them,
the paper's headline numbers said, no boilerplate shared with the library's other episodes,
and the format's own shape (a critique's doubts, a debate's challenges)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection
from typing import NamedTuple

from paperdive.evaluate.lines import PaperLines, turn_sentences
from paperdive.evaluate.report import Check, share
from paperdive.evaluate.talk import UNDONE, ask_kind
from paperdive.ingestion.text import sentences
from paperdive.models import Paper, Script, Turn
from paperdive.store import EpisodeDir
from paperdive.writing.plan import (
    ALTERNATIVES,
    CRITIQUE,
    EXPERIMENTS,
    IDEA,
    MECHANICS,
    NUMBERS,
    WRAP,
    chapter_kind,
)
from paperdive.writing.quantities import Quantity, quantities, supports
from paperdive.writing.sections import SectionRole, section_roles
from paperdive.writing.sentences import split_sentences

MIN_PROVENANCE = 0.8
IDEA_LEAD_LINES = 2  # a brief's method may open on this many lines of its idea
MIN_SOURCED_LINES = 3  # a chapter with fewer lines from the paper is not judged
MIN_HEADLINE_SHARE = 0.6
BOILERPLATE_RUN = 6
MAX_BOILERPLATE_SHARE = 0.08
MAX_CHAPTER_BOILERPLATE = 0.2
MIN_CHAPTER_WORDS = 60  # a shorter chapter's boilerplate share is not judged
MIN_DOUBT_SHARE = 1 / 3
MIN_CHALLENGE_SHARE = 0.5
# The paper's own doubts: limits, hedges, plans, set-up facts that bound a claim.
DOUBT = re.compile(
    UNDONE
    + r"|\b(?:limitations?|future (?:work|research)|may not|might|unclear|fail(?:s|ed)?\b|cannot|"
    r"can[’']t|unable to|ignores?\b|criticisms?\b|"
    r"only\b|single\b|(?:not|\w+n[’']t) (?:yet|evaluated|tested|studied|explored)|"
    r"speculat\w*|hypothesi\w*|"
    r"is needed|are needed|further\b|initially|while\b|"
    r"conjectur\w*|drawbacks?|downsides?|trade-?offs?|at the cost|however|although|though\b|"
    r"caveats?|assum\w*|depends? on|sensitive|restricted|no error bars|spread|"
    r"temperature|seeds?|"
    r"overhead|worse|lags?|trail(?:s|ing)?|miss(?:es|ed)?\b|(?:falls?|fell) (?:short|behind)|"
    r"underperform\w*|underfit\w*|(?:is|are|was|were) (?:\w+ )?outperformed\b|"
    r"overfit\w*|degrad\w*|leave|open question|remains?\b|plans? to|investigat\w*|"
    r"further stud\w*|expects?\b|expected\b|believes?\b|hopes?\b|"
    # hedges: "… indicates that the field may be moving …", "it is possible that …"
    r"(?:suggests?|indicates?) that\b[^.]*\b(?:may|could)\b|"
    r"it(?: is|'s) (?:possible|likely|plausible|not clear) (?:that|whether)|"
    r"may be (?:due|because|caused|explained|attributed)|not necessarily|tentative\w*|"
    r"anecdotal\w*|at least (?:at|in|for) (?:this|these|our|the current)\b|"
    # the skeptic's own doubts: "The paper never says.", "No human check on it."
    r"never (?:says?|scored|counts?|tested|checked|reported)|not in the paper|no human|"
    r"nothing was tested|small sample|(?:few|own) limits|barely)",
    re.IGNORECASE,
)
# A result stated in an abstract or conclusion: what makes its numbers the headline.
_RESULT = re.compile(
    r"\b(?:achiev\w*|outperform\w*|improv\w*|reach\w*|surpass\w*|exceed\w*|scor\w*|"
    r"accuracy|faster|speed-?ups?|reduc\w*|error|gains?|better|beats?|matches|comparable|"
    r"state-of-the-art|up to|times|fewer|lower|higher)\b|%|\d(?:\.\d+)?\s?[x×]\b",
    re.IGNORECASE,
)
# A number that is part of a name: "MATH 500", "Claude Sonnet 3.5", "Llama 3.1 8B", "GPT 4"
# (digits glued to a name, "GPT-4o", "Qwen2.5", are never read as figures).
_NAMED_NUMBER = re.compile(
    r"\b([A-Z][\w\-.]*[A-Za-z])((?:\s\d+(?:\.\d+)?[BMKbmk]?\b)+)"
    r"(?!\s?(?:[%x×]|percent|per cent|times|points|fold)|[.,]\d)"
)
# Capitalised words a figure may follow at the start of a sentence ("At 10M tokens").
_NOT_NAMES = frozenset(
    re.findall(
        r"\w+",
        "a an the at in on of to by for from with about around only just up over under nearly "
        "almost roughly approximately some all and or but so than after before within across "
        "between above below each every top it its is was are were this that these those",
    )
)
# "94-th percentile" as printed, "94th" as said: the figure is 94.
_ORDINAL = re.compile(r"(?<=\d)-?(?:st|nd|rd|th)\b")
# Questions that probe a claim rather than invite one (talk.ask_kind's kinds).
_CHALLENGES = frozenset(
    {
        "comparison",
        "caveat",
        "hedge",
        "measure",
        "figure",
        "result",
        "future",
        "mechanism",
        "what",
        "yesno",
        "echo",
        "who",
    }
)


class _Sourced(NamedTuple):
    """A line of a chapter found in the paper: where, what the host asked before it, and
    who said it."""

    sentence: str
    found_in: list[tuple[str, SectionRole]]
    asked: str | None
    host: str


def _his_challenge(host: str, found_in: list[tuple[str, SectionRole]]) -> bool:
    """A debate's challenge: the skeptic holding up what the paper's limits or tests say."""
    return host == "skeptic" and _from(found_in, {"discussion", "results", "setup"})


def provenance(script: Script, lines: PaperLines) -> Check:
    """Each chapter's lines from the paper come from sections whose role fits the chapter
    (the skeptic's corner: doubts, wherever the paper states them)."""
    said = turn_sentences(script)
    worst: float | None = None
    problems: list[str] = []
    has_idea = any(chapter_kind(c.title) is IDEA for c in script.chapters)
    closing = max((turn.chapter for turn in script.turns), default=-1)
    for index, heading in enumerate(script.chapters):
        kind = chapter_kind(heading.title)
        if kind is None:
            continue
        # The take-aways may recall what was said; so may the corner where it closes the
        # episode (the skeptic's verdict goes last in it when there are no take-aways).
        recalls = kind is WRAP or (kind is CRITIQUE and index == closing)
        heard = (  # what the close may recall
            {
                run
                for turn, sentences_ in zip(script.turns, said, strict=True)
                if turn.chapter < index
                for sentence in sentences_
                for run in lines.paper_runs(sentence)
            }
            if recalls
            else set()
        )
        found = [
            _Sourced(sentence, found_in, _asked_before(said, position), turn.host)
            for position, (turn, sentences_) in enumerate(zip(script.turns, said, strict=True))
            if turn.chapter == index
            for sentence in sentences_
            if (found_in := lines.sources(sentence))
            # The close may recall what the episode said ("What I'd keep: DeepSeek-V2 saves …").
            and not (recalls and lines.paper_runs(sentence) <= heard)
        ]
        if len(found) < MIN_SOURCED_LINES:
            continue
        doubts = kind is CRITIQUE
        # The numbers put each test's set-up right before what it found: a set-up line
        # fits there when the next line is a result.
        next_fits = [_from(after.found_in, kind.roles) for after in found[1:]] + [False]
        # Without a chapter of its own (a brief), the idea opens the method: its first
        # lines, before the method's first, fit where the idea's would.
        idea_leads = kind is MECHANICS and not has_idea
        leading = [
            idea_leads
            and i < IDEA_LEAD_LINES
            and not any(_from(before.found_in, kind.roles) for before in found[: i + 1])
            for i in range(len(found))
        ]
        # In the corner each doubt may have its answer from the paper, whatever its section,
        # in the other host's reply ("… only outperformed the prior methods on some of the
        # Atari games" → "Unlike the prior methods, their approach was not designed
        # specifically for this task.").
        answers = [False] + [
            bool(DOUBT.search(before.sentence)) and before.host != after.host
            for before, after in itertools.pairwise(found)
        ]
        # A debate meets claims with the paper's doubts in every chapter, by design: what
        # the skeptic holds up from its limits or its tests is his challenge.
        misplaced = [
            (sentence, found_in[0][0], found_in[0][1])
            for (sentence, found_in, asked, host), sets_up, leads, answer in zip(
                found, next_fits, leading, answers, strict=True
            )
            if not (
                (
                    DOUBT.search(sentence)
                    or asked in _CHALLENGES
                    or answer
                    or _from(found_in, {"discussion"})
                )
                if doubts
                else _from(found_in, kind.roles)
                or (kind is NUMBERS and sets_up and _from(found_in, EXPERIMENTS.roles))
                or (leads and _from(found_in, IDEA.roles))
                or (
                    script.format == "debate"
                    and (DOUBT.search(sentence) or _his_challenge(host, found_in))
                )
            )
        ]
        fitting = 1 - len(misplaced) / len(found)
        worst = fitting if worst is None else min(worst, fitting)
        if fitting < MIN_PROVENANCE:
            problems.append(
                f"{heading.title!r}: {len(found) - len(misplaced)}/{len(found)} lines fit; "
                + "; ".join(
                    f"{sentence[:60]!r} from {title} ({role})"
                    for sentence, title, role in misplaced[:3]
                )
            )
    return Check(
        area="content",
        name="chapters from the right sections",
        result="no chapters to judge" if worst is None else f"worst chapter {worst:.0%}",
        target=f"≥ {MIN_PROVENANCE:.0%} of each chapter's lines",
        passed=not problems,
        problems=problems,
    )


def _from(found_in: list[tuple[str, SectionRole]], roles: Collection[str]) -> bool:
    return any(role in roles for _, role in found_in)


def _asked_before(said: list[list[str]], position: int) -> str | None:
    """The type of the question the turn before this one ended on, if it ended on one."""
    before = said[position - 1] if position > 0 else []
    return ask_kind(before[-1]) if before and before[-1].endswith("?") else None


def headline_numbers(script: Script, papers: list[Paper]) -> Check:
    """The abstract's result figures (else the conclusion's) are said in the episode, in
    any spoken form a listener would hear as the same figure ("about 96" for 96.2, "seven
    times" for 7.1x). Numbers that are part of a name ("MATH 500", "Claude Sonnet 3.5")
    are not results. In a digest each paper weighs the same: one abstract dense with
    figures must not stand for the whole show."""
    said = [q for turn in script.turns for q in quantities(_figures_only(turn.text))]
    shares: list[float] = []
    stated = total = 0
    problems: list[str] = []
    for paper in papers:
        headline = _headline_figures(paper)
        if not headline:
            continue
        missing = [
            written
            for written, figure in headline.items()
            if not any(supports(figure, spoken) for spoken in said)
        ]
        shares.append(1 - len(missing) / len(headline))
        stated += len(headline) - len(missing)
        total += len(headline)
        where = f" ({paper.title[:50]})" if len(papers) > 1 else ""
        problems += [f"not said: {m}{where}" for m in missing]
    mean = sum(shares) / len(shares) if shares else 0.0
    result = share(stated, total)
    if len(shares) > 1:
        result += f"; {mean:.0%} a paper on average"
    return Check(
        area="content",
        name="headline numbers said",
        result=result,
        target=f"≥ {MIN_HEADLINE_SHARE:.0%} of the abstract's result figures"
        + (", each paper weighing the same" if len(papers) > 1 else ""),
        passed=None if not shares else mean >= MIN_HEADLINE_SHARE,
        problems=problems,
    )


def _headline_figures(paper: Paper) -> dict[str, Quantity]:
    """The result figures of the paper's abstract, else of its conclusion, by how printed."""
    roles = section_roles(paper)
    conclusion = " ".join(
        s.text for s, r in zip(paper.sections, roles, strict=True) if r == "conclusion"
    )
    for block in (paper.abstract, conclusion):
        found = {
            q.text: q
            for sentence in sentences(block)
            if _RESULT.search(sentence)
            for q in quantities(_figures_only(sentence))
            if _headline(q)
        }
        if found:
            return found
    return {}


def _figures_only(text: str) -> str:
    """`text` with names' numbers blanked out and ordinals read as their number."""
    text = _ORDINAL.sub("", text)
    return _NAMED_NUMBER.sub(_blank_name_number, text)


def _blank_name_number(match: re.Match[str]) -> str:
    if match[1].lower() in _NOT_NAMES:
        return match[0]
    return match[1] + " " * len(match[2])


def _headline(quantity: Quantity) -> bool:
    """A figure worth saying: not a year, not a small count without a unit, not a word."""
    if quantity.kind != "digits":
        return False
    if quantity.unit != "none":
        return True
    value = quantity.value
    whole = value == int(value)
    return not (whole and (1900 <= value <= 2100 or abs(value) < 10))


def boilerplate(episode: EpisodeDir, script: Script, papers: list[Paper]) -> Check:
    """Runs of six words this episode shares with the library's episodes of other papers:
    the same lines in every episode are boilerplate, wherever they fall. A run its own
    papers print is theirs (two papers of one lab may share a sentence)."""
    others: set[tuple[str, ...]] = set()
    compared = 0
    for folder in sorted(p for p in episode.path.parent.iterdir() if p != episode.path):
        other = _script_of(EpisodeDir(folder))
        if (
            other is None
            or other.title == script.title
            or "digest" in (other.format, script.format)
        ):
            continue
        compared += 1
        for turn in _own_words(other):
            others |= _runs(turn.text)
    for paper in papers:
        others -= _runs(f"{paper.abstract} {paper.full_text()}")
    words_by_chapter: Counter[int] = Counter()
    shared_by_chapter: Counter[int] = Counter()
    examples: list[str] = []
    for turn in _own_words(script)[:-1]:  # the sign-off is the show's frame, like its welcome
        for sentence in split_sentences(turn.text):
            if _frames(sentence, script):
                continue
            words = _words(sentence)
            covered = {
                i + k
                for i in range(len(words) - BOILERPLATE_RUN + 1)
                if tuple(words[i : i + BOILERPLATE_RUN]) in others
                for k in range(BOILERPLATE_RUN)
            }
            words_by_chapter[turn.chapter] += len(words)
            shared_by_chapter[turn.chapter] += len(covered)
            if covered:
                examples.append(sentence)
    total, shared = sum(words_by_chapter.values()), sum(shared_by_chapter.values())
    chapters = {
        c: shared_by_chapter[c] / n for c, n in words_by_chapter.items() if n >= MIN_CHAPTER_WORDS
    }
    worst = max(chapters.values(), default=0.0)
    overall = shared / total if total else 0.0
    heavy = [
        f"{script.chapters[c].title!r}: {chapters[c]:.0%} shared"
        for c in chapters
        if chapters[c] > MAX_CHAPTER_BOILERPLATE
    ]
    return Check(
        area="content",
        name="boilerplate shared with other episodes",
        result="no other episodes to compare"
        if not compared
        else f"{overall:.0%} of words, worst chapter {worst:.0%} ({compared} episodes)",
        target=f"≤ {MAX_BOILERPLATE_SHARE:.0%}, each chapter ≤ {MAX_CHAPTER_BOILERPLATE:.0%}",
        passed=None if not compared else overall <= MAX_BOILERPLATE_SHARE and not heavy,
        problems=heavy + [f"shared: {e}" for e in dict.fromkeys(examples)],
    )


def _own_words(script: Script) -> list[Turn]:
    """The turns less the field's background: a term explained on request (and the
    question that asked for it) is said alike wherever a paper leans on that term."""
    background = {i for i, t in enumerate(script.turns) if t.gloss}
    background |= {i - 1 for i in background}
    return [t for i, t in enumerate(script.turns) if i not in background]


def _frames(sentence: str, script: Script) -> bool:
    """A sentence naming the hosts or the paper is the show's frame, the same in every
    episode by design; the boilerplate check is about what fills it."""
    return any(name in sentence for name in [*script.hosts.values(), script.title])


def _script_of(folder: EpisodeDir) -> Script | None:
    if not folder.path.is_dir() or not folder.has("script"):
        return None
    try:
        return folder.load("script", Script)
    except ValueError:
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’][a-z]+)?", text.lower())


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + BOILERPLATE_RUN]) for i in range(len(words) - BOILERPLATE_RUN + 1)}


def format_shape(script: Script, lines: PaperLines) -> Check | None:
    """A critique spends a third of its words on doubts; a debate answers claims with
    challenges. None for formats without a shape of their own."""
    if script.format == "critique":
        return _doubt_share(script)
    if script.format == "debate":
        return _challenges(script, lines)
    return None


def _doubt_share(script: Script) -> Check:
    doubt_chapters = {
        i
        for i, c in enumerate(script.chapters)
        if chapter_kind(c.title) in (CRITIQUE, ALTERNATIVES)
    }
    total = doubts = 0
    for turn in script.turns:
        for sentence in split_sentences(turn.text):
            words = len(sentence.split())
            total += words
            if turn.chapter in doubt_chapters or DOUBT.search(sentence):
                doubts += words
    part = doubts / total if total else 0.0
    return Check(
        area="format",
        name="critique: words on doubts",
        result=f"{part:.0%} of {total} words",
        target=f"≥ {MIN_DOUBT_SHARE:.0%}",
        passed=part >= MIN_DOUBT_SHARE,
    )


def _challenges(script: Script, lines: PaperLines) -> Check:
    claims = challenged = 0
    problems = []
    turns = script.turns
    for i, turn in enumerate(turns[:-1]):
        if turn.chapter == 0 or turn.host != "explainer" or not lines.from_paper(turn.text):
            continue  # the cold open is the show's frame
        claims += 1
        reply = turns[i + 1]
        said = split_sentences(reply.text)
        asks = bool(said) and said[-1].endswith("?") and ask_kind(said[-1]) in _CHALLENGES
        if reply.host == "skeptic" and (asks or DOUBT.search(reply.text)):
            challenged += 1
        else:
            problems.append(f"turn {i + 2}: {reply.text[:80]!r} does not challenge turn {i + 1}")
    return Check(
        area="format",
        name="debate: claims met by challenges",
        result=share(challenged, claims),
        target=f"≥ {MIN_CHALLENGE_SHARE:.0%}",
        passed=challenged >= MIN_CHALLENGE_SHARE * claims,
        problems=problems,
    )
