"""Stage 2, plan: chapters with beats (the paper sentences each one rests on) and word budgets.

Each chapter draws only on sections whose role fits it (sections.py) and on sentences of the
kinds it is about (roles.py): the problem on the abstract and introduction, the method on
method sections, the numbers on results and the abstract's and conclusion's headline
figures, the skeptic's corner on the paper's own limitations, hedges, plans and the set-up
facts that bound its claims. The format decides which chapters there are and how long.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from paperdive.models import ChapterPlan, Notes, Outline, ScriptFormat
from paperdive.writing.roles import DOUBTS, Kind, answers_clearly, sentence_kind
from paperdive.writing.sections import SectionRole
from paperdive.writing.sentences import (
    FIRST_PERSON,
    PaperText,
    Sentence,
    numbers_in,
    self_contained,
    third_person,
    word_runs,
)
from paperdive.writing.titles import readable_title

# Words a listener hears per minute, unless the voices say otherwise (write_script's
# words_per_minute); the default Kokoro voices with their pauses speak nearer 122.
WORDS_PER_MINUTE = 150.0
# Each format's length when none is asked for.
DEFAULT_MINUTES: dict[ScriptFormat, float] = {
    "brief": 5.0,
    "deep-dive": 25.0,
    "critique": 15.0,
    "debate": 15.0,
    "digest": 20.0,
}
# Host questions and transitions add roughly this much to the paper's own words.
HOST_OVERHEAD = 1.04
BEAT_MARGIN = 1.15
FRAME_WORDS = 40
MIN_CHAPTER_BUDGET = 40
# Below this share of the length asked, the episode tells the listener it is a short one.
SHORT_RATIO = 0.9
CRITIQUE_DOUBT_SHARE = 0.38  # a margin over the third the format promises
DOUBTS_FIRST = 100.0  # a weight that fills the doubt chapters before the others
# Set-up facts that bound a claim: one temperature, one seed, one scale, one data set …
BOUND = re.compile(
    r"\b(?:(?:sampling|decoding) temperature|temperature (?:of|=|is set to|was set to|set to) "
    r"\d|random seeds?|seeds\b|single run|\d+ (?:runs|trials|seeds)|averaged over|"
    r"(?:only|single|one) (?:dataset|domain|language|benchmark|task|model|machine|GPU)|"
    r"(?:in-house|internal|proprietary) (?:data|dataset|benchmark|evaluation)|"
    r"at (?:this|that) scale|model sizes?|\d+(?:\.\d+)?[BM] (?:parameters|model)|participants|"
    r"annotators|raters|crowd ?workers|only (?:on )?English)\b",
    re.IGNORECASE,
)
# What removing or swapping a part does: the alternatives an ablation rules in or out.
_ABLATION = re.compile(
    r"\b(?:ablat\w*|without|w/o|remov\w*|replac\w*|instead of|variant|alternative)\b", re.I
)
ALL_ROLES: frozenset[SectionRole] = frozenset(
    {
        "abstract",
        "introduction",
        "background",
        "related",
        "method",
        "setup",
        "results",
        "discussion",
        "conclusion",
    }
)


@dataclass(frozen=True)
class ChapterKind:
    key: str
    title: str
    description: str  # the show notes' line when no sentence of the chapter sums it up
    roles: frozenset[SectionRole]  # the sections it may draw on
    kinds: tuple[Kind, ...]  # the sentences it is about, most wanted first
    weight: float


def _kind(
    key: str, title: str, description: str, roles: set[str], kinds: tuple[str, ...], weight: float
) -> ChapterKind:
    return ChapterKind(key, title, description, frozenset(roles), kinds, weight)  # type: ignore[arg-type]


COLD_OPEN = _kind(
    "cold_open",
    "Cold open",
    "The result that makes this paper worth an episode.",
    {"abstract", "introduction", "conclusion", "results"},
    ("result", "comparison", "motivation"),
    0.04,
)
PROBLEM = _kind(
    "problem",
    "The problem",
    "What is hard, and why it matters.",
    {"abstract", "introduction"},
    ("motivation", "other"),
    0.10,
)
PRIOR = _kind(
    "prior",
    "What came before",
    "The approaches this paper builds on or argues against.",
    {"related", "introduction", "background"},
    ("prior",),
    0.07,
)
IDEA = _kind(
    "idea",
    "The core idea",
    "What the authors propose, in plain words.",
    {"abstract", "introduction", "method"},
    ("proposal", "definition", "claim"),
    0.11,
)
MECHANICS = _kind(
    "mechanics",
    "How it works",
    "The moving parts, and what the method optimises.",
    {"method", "background"},
    ("objective", "mechanism", "definition", "other"),
    0.20,
)
EXPERIMENTS = _kind(
    "experiments",
    "The experiments",
    "How the claims were tested, and against what.",
    {"setup", "results"},
    ("setup", "other"),
    0.11,
)
NUMBERS = _kind(
    "numbers",
    "What the numbers say",
    "The headline results, read carefully.",
    {"results", "abstract", "conclusion", "discussion"},
    ("result", "comparison"),
    0.19,
)
CRITIQUE = _kind(
    "critique",
    "The skeptic's corner",
    "Limitations, hedges and open questions, in the paper's own words.",
    set(ALL_ROLES),
    ("caveat", "hedge", "future"),
    0.12,
)
ALTERNATIVES = _kind(
    "alternatives",
    "Other explanations",
    "What else could explain the results: ablations and the alternatives they rule in or out.",
    {"results", "related", "discussion"},
    ("comparison", "result", "prior"),
    0.12,
)
WRAP = _kind(
    "wrap",
    "Takeaways",
    "What to remember, and what to watch for next.",
    {"conclusion", "abstract", "discussion"},
    ("claim", "result", "other"),
    0.06,
)

CHAPTERS: dict[str, list[ChapterKind]] = {
    "deep-dive": [COLD_OPEN, PROBLEM, PRIOR, IDEA, MECHANICS, EXPERIMENTS, NUMBERS, CRITIQUE, WRAP],
    "brief": [COLD_OPEN, PROBLEM, IDEA, NUMBERS, CRITIQUE],
    "critique": [COLD_OPEN, PROBLEM, IDEA, MECHANICS, NUMBERS, CRITIQUE, ALTERNATIVES, WRAP],
    "debate": [COLD_OPEN, IDEA, MECHANICS, NUMBERS, CRITIQUE, WRAP],
}
# Each format's weights where they differ from the chapter's own.
WEIGHT_OVERRIDES: dict[str, dict[str, float]] = {
    "critique": {
        "problem": 0.08,
        "idea": 0.09,
        "mechanics": 0.1,
        "numbers": 0.14,
        "critique": 0.3,
        "alternatives": 0.14,
    },
    "debate": {"idea": 0.16, "mechanics": 0.16, "numbers": 0.24, "critique": 0.3},
    "brief": {"cold_open": 0.1, "problem": 0.2, "idea": 0.25, "numbers": 0.3, "critique": 0.15},
}
# Debate chapters have their own names: each is a round of claim and challenge.
TITLE_OVERRIDES: dict[str, dict[str, str]] = {
    "debate": {
        "idea": "The claim",
        "mechanics": "The method on trial",
        "numbers": "The evidence",
        "critique": "The case against",
        "wrap": "The verdict",
    },
}
# Chapters filled first: a sentence that fits several goes where it is scarcest.
FILL_ORDER = (
    "cold_open",
    "critique",
    "alternatives",
    "numbers",
    "wrap",
    "experiments",
    "prior",
    "idea",
    "problem",
    "mechanics",
)


ALL_KINDS = (
    COLD_OPEN,
    PROBLEM,
    PRIOR,
    IDEA,
    MECHANICS,
    EXPERIMENTS,
    NUMBERS,
    CRITIQUE,
    ALTERNATIVES,
    WRAP,
)


# The numbers chapter of a paper that states its findings in words ("suggests CiteSee is
# more effective … than three baselines"): "What the numbers say" promised figures it lacked.
FOUND_TITLE = "What they found"


def chapter_kind(title: str) -> ChapterKind | None:
    """The kind of chapter a title names (as a plan wrote it, with or without its subtitle)."""
    head = title.split(":")[0].strip()
    if head == FOUND_TITLE:
        return NUMBERS
    for kind in ALL_KINDS:
        if head == kind.title or head in {t.get(kind.key) for t in TITLE_OVERRIDES.values()}:
            return kind
    return None


def extractive_outline(
    text: PaperText,
    notes: Notes,
    format: ScriptFormat,
    minutes: float,
    words_per_minute: float,
) -> Outline:
    """The plan of a one-paper episode (a digest's is digest.py's)."""
    kinds = CHAPTERS[format]
    weights = {k.key: WEIGHT_OVERRIDES.get(format, {}).get(k.key, k.weight) for k in kinds}
    titles = TITLE_OVERRIDES.get(format, {})
    pools = chapter_pools(text, kinds, format)
    capacity = {
        k.key: HOST_OVERHEAD * sum(len(s.text.split()) for s in pools[k.key]) for k in kinds
    }
    # The welcome, the chapters' openings and the sign-off take their share of the minutes.
    wanted = minutes * words_per_minute - FRAME_WORDS
    # A critique keeps its doubts at a third of its words: no longer than its doubts allow.
    doubts = sum(capacity[k.key] for k in kinds if k in (CRITIQUE, ALTERNATIVES))
    # The frame (welcome, openings, sign-off) counts against a critique's share of doubts too.
    most = doubts / CRITIQUE_DOUBT_SHARE - FRAME_WORDS if format == "critique" else wanted
    room = min(sum(capacity.values()), most)
    if format == "critique" and room < wanted:
        # Its doubts set a critique's length: they are said in full, the rest fits around them.
        weights |= {k.key: DOUBTS_FIRST for k in kinds if k in (CRITIQUE, ALTERNATIVES)}
    budgets = _budgets(kinds, weights, capacity, min(wanted, room))
    # A chapter too short for a line of its own gives its time to the others.
    while thin := [
        k for k in kinds if 0 < budgets[k.key] < MIN_CHAPTER_BUDGET and k is not COLD_OPEN
    ]:
        capacity[min(thin, key=lambda k: weights[k.key]).key] = 0.0
        room = min(room, sum(capacity.values()))
        budgets = _budgets(kinds, weights, capacity, min(wanted, room))
    supported = (sum(budgets.values()) + FRAME_WORDS) / words_per_minute if room < wanted else None
    chapters = []
    for kind in kinds:
        pool = pools[kind.key]
        # The skeptic's corner stays even when the paper admits little: saying so is a finding.
        if (not pool or not budgets[kind.key]) and kind is not CRITIQUE:
            continue
        if kind is COLD_OPEN:
            beats = pool[:2] if budgets[kind.key] >= MIN_CHAPTER_BUDGET / 2 else pool[:1]
        else:
            beats = _chosen(pool, budgets[kind.key])
        chapters.append(
            ChapterPlan(
                title=_title(kind, titles.get(kind.key, kind.title), beats),
                description=kind.description,
                beats=[s.text for s in beats],
                word_budget=budgets[kind.key],
                sections=sorted({s.section for s in beats if s.section}),
            )
        )
    return Outline(
        format=format,
        target_minutes=minutes,
        words_per_minute=words_per_minute,
        chapters=chapters,
        supported_minutes=round(supported, 1) if supported is not None else None,
    )


def chapter_pools(
    text: PaperText, kinds: list[ChapterKind], format: ScriptFormat
) -> dict[str, list[Sentence]]:
    """Each sentence goes to at most one chapter, best candidates first. A sentence that
    restates one already placed (abstracts, introductions and conclusions repeat each
    other) is left out, and so is one that leans on a sentence its chapter does not have."""
    wanted = {k.key: k for k in kinds}
    pools: dict[str, list[Sentence]] = {k.key: [] for k in kinds}
    used: set[int] = set()
    said: set[tuple[str, ...]] = set()
    method = method_name(text)
    for key in (k for k in FILL_ORDER if k in wanted):
        kind = wanted[key]
        candidates = [
            s for s in text.sentences if s.order not in used and _fits(kind, s, format, method)
        ]
        candidates.sort(key=lambda s: -_score(kind, s, method))
        if key == "cold_open":
            candidates = _cold_open(candidates)
        fresh = []
        for sentence in candidates:
            runs = word_runs(third_person(sentence.text))
            if not runs & said:
                fresh.append(sentence)
                said |= runs
        orders = {s.order for s in fresh}
        pools[key] = [s for s in fresh if self_contained(s) or s.order - 1 in orders]
        used |= {s.order for s in pools[key]}
    return pools


def _fits(kind: ChapterKind, sentence: Sentence, format: ScriptFormat, method: str | None) -> bool:
    if sentence.role not in kind.roles:
        return False
    found = sentence_kind(sentence)
    if kind is CRITIQUE:
        # A critique weighs every condition of the tests; other formats only those that
        # bound a claim (one seed, one temperature, one data set …).
        clear = answers_clearly(sentence)
        tested = found == "setup" and sentence.role in ("setup", "results") and clear
        bounds = format == "critique" or bool(BOUND.search(sentence.text))
        return (found in DOUBTS and clear) or (tested and bounds)
    if kind is ALTERNATIVES:
        ablation = bool(_ABLATION.search(f"{sentence.section} {sentence.text}"))
        against = found == "comparison" and _names_another(sentence, method)
        return (found in ("result", "comparison") and ablation) or against or found == "prior"
    if kind is COLD_OPEN:
        finding = found in ("result", "comparison") or sentence.role in ("abstract", "conclusion")
        return (finding and _reports(sentence, found)) or found == "motivation"
    if kind is NUMBERS:
        return _reports(sentence, found)
    if kind is IDEA and sentence.role == "abstract":
        return found in (*kind.kinds, "other")
    return found in kind.kinds


def _names_another(sentence: Sentence, method: str | None) -> bool:
    """Whether a comparison names a method other than the paper's own."""
    names = set(
        re.findall(
            r"\b(?:[A-Z][A-Za-z]*-?\d[\w.\-]*|[A-Z][a-z]+[A-Z][\w\-]*|[A-Z]{2,}[\w\-]*)",
            sentence.text,
        )
    )
    return bool(names - {method})


def _reports(sentence: Sentence, found: Kind) -> bool:
    """A result with its figures: a finding or a comparison, any figure the abstract or the
    conclusion states (they are the headline), or a figure-bearing line of the results that
    is not about how the tests were set up."""
    if not figures_in(sentence.text) or not self_contained(sentence) or found in DOUBTS:
        return False
    headline = sentence.role in ("abstract", "conclusion")
    results = sentence.role == "results" and found in ("other", "claim")
    return found in ("result", "comparison") or headline or results


def _cold_open(candidates: list[Sentence]) -> list[Sentence]:
    """The strongest headline result, then the problem it answers."""
    results = [s for s in candidates if sentence_kind(s) != "motivation"]
    problems = [s for s in candidates if sentence_kind(s) == "motivation"]
    return results[:1] + problems[:1]


def _score(kind: ChapterKind, sentence: Sentence, method: str | None) -> float:
    found = sentence_kind(sentence)
    if kind in (NUMBERS, COLD_OPEN) and found == "comparison":
        found = "result"  # a figure is a figure, against a baseline or not
    rank = len(kind.kinds) - kind.kinds.index(found) if found in kind.kinds else 0
    words = len(sentence.text.split())
    score = 10.0 * rank
    score += 3 * self_contained(sentence)
    score += 2 * (method is not None and method.lower() in sentence.text.lower())
    score += 1.5 * (sentence.position < 0.34)
    score += 1 * (12 <= words <= 36)
    if kind in (NUMBERS, COLD_OPEN):
        # The abstract's and the conclusion's figures are the headline, whatever their kind.
        score += 4 * min(len(figures_in(sentence.text)), 3)
        score += 25 * (sentence.role in ("abstract", "conclusion"))
    if kind is CRITIQUE:
        score += 4 * (sentence.role == "discussion")
    if kind is WRAP:
        score += 4 * (sentence.role == "conclusion")
    return score


def _chosen(pool: list[Sentence], budget: int) -> list[Sentence]:
    """The best beats that fill the budget (with a margin for lines the writer skips), in
    the order the paper makes its argument. A sentence that leans on the one before it
    comes with it, or not at all."""
    by_order = {s.order: s for s in pool}
    chosen: dict[int, Sentence] = {}
    words = 0.0
    for sentence in pool:
        if words >= budget * BEAT_MARGIN:
            break
        group = [sentence]
        if not self_contained(sentence):
            before = by_order.get(sentence.order - 1)
            if before is None:
                continue
            group.insert(0, before)
        for member in group:
            if member.order not in chosen:
                chosen[member.order] = member
                words += HOST_OVERHEAD * len(member.text.split())
    return [chosen[o] for o in sorted(chosen)]


def _budgets(
    kinds: list[ChapterKind],
    weights: dict[str, float],
    capacity: dict[str, float],
    total_words: float,
) -> dict[str, int]:
    """Split the word target by weight, moving what a thin chapter cannot fill to the others."""
    budgets = {k.key: 0.0 for k in kinds}
    remaining, open_keys = total_words, [k.key for k in kinds if capacity[k.key] > 0]
    while remaining > 1 and open_keys:
        weight_sum = sum(weights[k] for k in open_keys)
        share = {k: remaining * weights[k] / weight_sum for k in open_keys}
        remaining = 0.0
        for key in list(open_keys):
            room = capacity[key] - budgets[key]
            budgets[key] += min(share[key], room)
            if share[key] >= room:
                remaining += share[key] - room
                open_keys.remove(key)
    return {key: int(round(value)) for key, value in budgets.items()}


def _title(kind: ChapterKind, title: str, beats: list[Sentence]) -> str:
    """Name method and experiment chapters after the paper's own heading where one fits."""
    if kind.key not in ("mechanics", "experiments"):
        return title
    headings = [s.section for s in beats if s.section]
    if headings:
        heading = Counter(headings).most_common(1)[0][0]
        if len(heading.split()) <= 6 and heading.lower() not in title.lower():
            return f"{title}: {heading}"
    return title


def figures_in(text: str) -> list[str]:
    """The figures a result reports: decimals, percentages, multiples, counts of ten or more
    ("between 0 and 1" reports nothing)."""
    return [n for n in numbers_in(text) if not n.isdigit() or int(n) >= 10]


# "we develop a practical algorithm, called Trust Region Policy Optimization (TRPO)":
# the authors naming what they made (not "Kakade & Langford proposed a scheme called …").
_NAMING = re.compile(
    r"\b(?:called|which we (?:call|term|name|dub)|we (?:call|term|name|dub) (?:it|this|them)|"
    r"(?:dubbed|termed|named))\s+(?P<name>[A-Z][\w\-]*(?:\s+(?:by|of|for|the|[A-Z][\w\-]*))"
    r"{0,5})(?!\s*\[\d)"
)


def method_name(text: PaperText) -> str | None:
    """What the paper calls its method or model: the short name its title leads with
    ("MoBA: Mixture of Block Attention …" → "MoBA"), or else the name the abstract or the
    introduction gives what the authors made ("… called Bayes by Backprop")."""
    head, colon, _ = readable_title(text.paper).partition(":")
    if colon and 1 <= len(head.split()) <= 3:
        return head.strip()
    for s in text.sentences:
        if s.role not in ("abstract", "introduction") or not FIRST_PERSON.search(s.original):
            continue
        named = _NAMING.search(s.original)
        if named:
            words = named.group("name").split()
            while words and not words[-1][0].isupper():  # "… called X of" ends at X
                words.pop()
            return " ".join(words)
    return None
