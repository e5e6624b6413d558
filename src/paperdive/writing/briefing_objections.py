"""The skeptic's own questions: the doubts a careful reader brings to any paper of its kind,
each raised only where the paper's text gives it ground, and met by the paper's own line.

- Scores graded by a language model: who judged them, and is the judge checked against people?
- A language model ranked against the well-known model families on public benchmarks: could
  the test questions have been in its training data?
- A study with people: how many took part?
- Experiments in a simulator: does any of it leave the simulator?
- A method sold on speed or memory: what does that cost in quality?

Where the paper answers, she reads its answer. Where it is silent, he says so; a silence is
said only when no word of the paper's whole text touches the subject, lines never spoken
included (test data that "leaks" or "overlaps" anywhere is a word on contamination).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from paperdive.models import Paper
from paperdive.writing.quantities import quantities
from paperdive.writing.sentences import PaperText, Sentence, self_contained, split_sentences

if TYPE_CHECKING:
    from paperdive.writing.briefing_talk import Briefing

MAX_OBJECTIONS = {"brief": 1, "critique": 3}  # a format's corner; others ask two

# Where a paper says how it tested, and what it found.
_TESTED = frozenset(["abstract", "setup", "results", "conclusion"])
_LOOKED_AHEAD = frozenset(["discussion", "conclusion"])

_MODEL_JUDGE = re.compile(
    r"\b(?:GPT[\w.\-]*|Claude[\w.\-]*|Gemini[\w.\-]*|LLMs?|language models?)\W+(?:\w+\W+){0,3}?"
    r"as (?:an? |the )?(?:judger?|evaluator|grader)s?\b|\bLLM-as-a-judge\b|"
    r"\b(?:judged|graded|rated|scored) by (?:GPT|Claude|Gemini|an? (?:LLM|language model))",
    re.I,
)
_JUDGE_CHECKED = re.compile(
    r"\b(?:agreement|agrees?|correlat\w*|consisten\w*|align\w*) with (?:the )?human|"
    r"\bhuman (?:agreement|judg\w*|annotators? agree)",
    re.I,
)

_LANGUAGE_MODEL = re.compile(r"\b(?:LLMs?|(?:large )?language models?)\b", re.I)
# A leaderboard claim: the model against the well-known model families, on benchmarks.
_RIVAL_FAMILY = re.compile(
    r"\b(?:GPT|Claude|Gemini|Llama|LLaMA|Qwen|Mistral|Mixtral|Gemma|Phi|o1|o3)(?:\b|[\d-])"
)
# A model the paper trains itself (a prompting method run on GPT-4 has no training data).
_TRAINED = re.compile(
    r"\b(?:(?:pre-?)?train\w*|fine-?tun\w*|open[- ]source|open[- ]weights?|"
    r"open (?:[\w\-]+ ){0,3}(?:model|LLM)s?)\b",
    re.I,
)
_RANKED = re.compile(
    r"\b(?:outperform\w*|surpass\w*|comparable|on par|rival\w*|better than|beat\w*|"
    r"state-of-the-art|exceed\w*|match\w*)\b",
    re.I,
)
_KEPT_CLEAN = re.compile(
    r"\b(?:de)?contaminat\w*|\bdata leakage\b|\b(?:present|seen|included|appear\w*|found) "
    r"in (?:the |our |its )?(?:pre-?)?training (?:data|corpus|set)\b",
    re.I,
)
# A benchmark described as built against contamination: a word on that benchmark, not on
# the model's other tests ("… serves as a contamination-free benchmark", "It features live
# updates to prevent data contamination").
_CLEAN_BENCHMARK = re.compile(
    r"\b(?:contamination-free|free (?:of|from) (?:data )?contamination|"
    r"(?:prevent|avoid|mitigate)s? (?:data )?contamination)\b",
    re.I,
)
# Any word on the subject at all: a silence is said only where there is none.
_NEAR = r"\W+(?:\w+\W+){0,5}"
_TOUCHES_LEAKS = re.compile(
    rf"contaminat|data leak|n-?gram|leak\w*{_NEAR}(?:test|benchmark|evaluation)|"
    rf"(?:test|benchmark|evaluation)\w*{_NEAR}(?:leak|overlap|dedup|memori[sz])|"
    rf"(?:overlap|dedup\w*|memori[sz]\w*){_NEAR}(?:test|benchmark|evaluation)",
    re.I,
)

# "We recruited a total of ten participants", "a study with 12 developers".
_PEOPLE = re.compile(
    r"\b(?:participants|users|subjects|people|students|developers|researchers|volunteers|"
    r"clinicians|experts|practitioners|crowd ?workers)\b",
    re.I,
)
_ENROLLED = re.compile(
    r"\b(?:recruit\w*|enroll\w*|took part|participated|total of|study with|interviewed)\b",
    re.I,
)
SMALL_STUDY = 30  # people: under this, a sample too small to generalise from
COUNT_REACH = 3  # words between the count and who was counted ("ten senior participants")

_SIMULATED = re.compile(
    r"\bsimulated (?:robot\w*|environments?|tasks?|locomotion|physics|control|agents?)\b|"
    r"\bphysics simulat\w*|\bin simulation\b",
    re.I,
)
_REAL_WORLD = re.compile(r"\breal[- ]world\b|\breal robots?\b|\bphysical robots?\b", re.I)

_EFFICIENCY = re.compile(
    r"\b(?:speed-?ups?|faster|less memory|lower latency|throughput|"
    r"(?:reduc\w*|sav\w*|cut\w*) (?:\w+ ){0,3}(?:cache|memory|latency|costs?|compute|FLOPs|"
    r"inference time|training time))\b",
    re.I,
)
# Quality held while the cost falls: said in any words, with the speed (nothing to ask) …
_QUALITY_SAID = re.compile(
    r"\b(?:comparable|on par|match\w*|same|close to|near|within|maintain\w*|preserv\w*|"
    r"retain\w*|without (?:\w+ )?(?:loss|sacrific\w*|compromis\w*|degrad\w*|hurt\w*)|"
    r"(?:stronger|better|higher) (?:performance|accuracy|quality))\b",
    re.I,
)
# … or, as her answer to his question, in words that compare.
_QUALITY_HELD = re.compile(
    r"\b(?:comparable|on par|the same (?:accuracy|performance|quality))\b"
    # "can match hand-tuned SGD", but not "scales with bit depth, matching storage work"
    r"|(?<!,\s)\bmatch(?:es|ing)?\b|,\s+matching (?:the )?(?:accuracy|performance|quality)\b",
    re.I,
)


@dataclass(frozen=True)
class Objection:
    """One of his questions: `key` names its lines (`ask_…` his question; `doubt_…` his
    doubt said outright, where the paper is silent or where he has no question to ask;
    `after_…` his remark on her answer) and what would settle it (`want_…`, his verdict's)."""

    key: str
    answer: Sentence | None  # the paper's line that answers him; None: the paper is silent
    after: bool = False  # whether he remarks on her answer ("Ten people is a small sample.")
    fields: tuple[tuple[str, str], ...] = ()  # filled into his lines


def objections(text: PaperText, method: str | None) -> list[Objection]:
    """His questions for this paper, strongest first; `method` is the name the paper gives
    its model or method."""
    sentences = [s for s in text.sentences if s.role != "excluded"]
    full_text = text.paper.full_text()  # every word, lines never spoken included
    found = [
        _judged_by_model(sentences, full_text),
        _contamination(sentences, text.paper, full_text, method),
        _study_size(sentences),
        _simulation(sentences),
        _cost_of_speed(sentences),
    ]
    return [o for o in found if o is not None]


def _saying(
    sentences: list[Sentence], pattern: re.Pattern[str], roles: frozenset[str]
) -> Iterator[Sentence]:
    return (
        s for s in sentences if s.role in roles and pattern.search(s.text) and self_contained(s)
    )


def _judged_by_model(sentences: list[Sentence], full_text: str) -> Objection | None:
    judged = next(_saying(sentences, _MODEL_JUDGE, _TESTED), None)
    if judged is None:
        return None
    return Objection("judge", judged, after=not _JUDGE_CHECKED.search(full_text))


def _contamination(
    sentences: list[Sentence], paper: Paper, full_text: str, method: str | None
) -> Objection | None:
    abstract = f"{paper.title}. {paper.abstract}"
    ranked = any(
        s.role in _TESTED and _RANKED.search(s.text) and _against_others(s.text, method)
        for s in sentences
    )
    if not (_LANGUAGE_MODEL.search(abstract) and _TRAINED.search(abstract) and ranked):
        return None
    roles = frozenset(s.role for s in sentences)
    # A benchmark built to avoid it answers for that benchmark only, never for the model.
    saying = _saying(sentences, _KEPT_CLEAN, roles)
    kept_clean = next((s for s in saying if not _CLEAN_BENCHMARK.search(s.text)), None)
    if kept_clean is not None:
        return Objection("contamination", kept_clean)
    touches = [
        sentence for sentence in split_sentences(full_text) if _TOUCHES_LEAKS.search(sentence)
    ]
    if touches and all(_CLEAN_BENCHMARK.search(sentence) for sentence in touches):
        # Kimi's only word on it: "LiveCodeBench … serves as a contamination-free benchmark"
        return Objection("contamination_rest", None)
    if touches:
        return None  # the paper speaks of it somewhere, maybe in lines never spoken
    return Objection("contamination", None)


def _against_others(text: str, method: str | None) -> bool:
    """Whether a line names a model of a well-known family that is not the method's own
    build ("Llama-8B-1M-MoBA" against "Llama-8B-1M-Full" is the method against itself)."""
    named = [word.lower() for word in text.split() if _RIVAL_FAMILY.match(word)]
    own = bool(method) and any(str(method).lower() in word for word in named)
    return bool(named) and not own


def _study_size(sentences: list[Sentence]) -> Objection | None:
    for sentence in _saying(sentences, _ENROLLED, _TESTED):
        for count in quantities(sentence.text):
            who = _PEOPLE.search(sentence.text, count.end)
            between = sentence.text[count.end : who.start()].split() if who else None
            if who is None or between is None or len(between) > COUNT_REACH:
                continue
            small = count.value < SMALL_STUDY and count.value == int(count.value)
            return Objection("study", sentence, after=small, fields=(("count", count.text),))
    return None


def _simulation(sentences: list[Sentence]) -> Objection | None:
    """Every result simulated: so the abstract says, or each section of results shows (a
    gradient estimator tested on MNIST, then in one simulated RL environment, is not)."""
    simulated = [s for s in sentences if s.role in _TESTED and _SIMULATED.search(s.text)]
    if not simulated:
        return None
    results = {s.section for s in sentences if s.role == "results"}
    claimed = any(s.role == "abstract" for s in simulated)
    if not claimed and not results <= {s.section for s in simulated}:
        return None
    if any(s.role in _TESTED and _REAL_WORLD.search(s.text) for s in sentences):
        return None
    ahead = next(_saying(sentences, _REAL_WORLD, _LOOKED_AHEAD), None)
    return Objection("simulation", ahead)


def _cost_of_speed(sentences: list[Sentence]) -> Objection | None:
    sold = [s for s in sentences if s.role == "abstract" and _EFFICIENCY.search(s.text)]
    if not sold or any(_QUALITY_SAID.search(s.text) for s in sold):
        return None  # no speed claim, or one that says its quality with it
    held = next(_saying(sentences, _QUALITY_HELD, _TESTED), None)
    return Objection("speed", held) if held is not None else None


def raise_objections(b: Briefing, opening: Callable[[str | None], str], chapter: int) -> None:
    """His questions in the corner, each after `opening` while the corner's opener is
    unsaid: asked and answered in the paper's words, or said as the silence it is."""
    for objection in b.objections[: MAX_OBJECTIONS.get(b.outline.format, 2)]:
        key, answer = objection.key, objection.answer
        fields = dict(objection.fields) | {"model": b.reader.method or "the model"}
        fresh = answer is not None and b.talk.is_fresh(answer)
        asks = b.picker.has(f"ask_{key}")
        if answer is None or not asks:
            b.talk.say("skeptic", opening(b.ask(f"doubt_{key}", **fields)), chapter)
            b.raise_doubt(key)
            if answer is not None and fresh:
                b.talk.say("explainer", b.speak(answer), chapter, answer)
            continue
        if fresh:  # else answered already, earlier in the episode: only his remark
            b.talk.say("skeptic", opening(b.ask(f"ask_{key}", **fields)), chapter)
            b.talk.say("explainer", b.speak(answer), chapter, answer)
        remark = b.ask(f"after_{key}", **fields) if objection.after else None
        if remark:
            b.talk.say("skeptic", opening(remark[:1].upper() + remark[1:]), chapter)
            b.raise_doubt(key)
