"""Stage 2, plan: chapters with beats (the paper sentences each one rests on) and word budgets."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from paperdive.models import ChapterPlan, Notes, Outline, ScriptFormat
from paperdive.writing.read import section_kinds
from paperdive.writing.roles import sentence_role
from paperdive.writing.sentences import PaperText, Sentence, cue_score, self_contained

# Words a listener hears per minute, unless the voices say otherwise (write_script's
# words_per_minute); the default Kokoro voices with their pauses speak nearer 122.
WORDS_PER_MINUTE = 150.0
# Host questions and transitions add roughly this much to the paper's own words.
HOST_OVERHEAD = 1.25
BEAT_MARGIN = 1.2
CHALLENGEABLE = ("caveat", "result", "comparison", "conclusion")


@dataclass(frozen=True)
class ChapterKind:
    key: str
    title: str
    description: str
    fields: tuple[str, ...]  # notes fields whose points it draws on
    weight: float


COLD_OPEN = ChapterKind(
    "cold_open", "Cold open", "The result that makes this paper worth an episode.", (), 0.05
)
PROBLEM = ChapterKind(
    "problem", "The problem", "What is hard, and why it matters.", ("problem",), 0.11
)
PRIOR = ChapterKind(
    "prior",
    "What came before",
    "The approaches this paper builds on or argues against.",
    ("related_work",),
    0.08,
)
IDEA = ChapterKind(
    "idea", "The core idea", "What the authors propose, in plain words.", ("method",), 0.13
)
MECHANICS = ChapterKind(
    "mechanics",
    "How it works",
    "The moving parts, and the math that matters.",
    ("math", "method"),
    0.15,
)
EXPERIMENTS = ChapterKind(
    "experiments",
    "The experiments",
    "How the claims were tested, and against what.",
    ("results",),
    0.13,
)
NUMBERS = ChapterKind(
    "numbers", "What the numbers say", "The headline results, read carefully.", ("results",), 0.13
)
CRITIQUE = ChapterKind(
    "critique",
    "The skeptic's corner",
    "Limitations, threats to validity, and open questions.",
    ("limitations", "threats"),
    0.14,
)
WRAP = ChapterKind("wrap", "Takeaways", "What to remember, and what to watch for next.", (), 0.08)

CHAPTERS: dict[str, list[ChapterKind]] = {
    "deep-dive": [COLD_OPEN, PROBLEM, PRIOR, IDEA, MECHANICS, EXPERIMENTS, NUMBERS, CRITIQUE, WRAP],
    "brief": [COLD_OPEN, PROBLEM, IDEA, NUMBERS, CRITIQUE],
}
CHAPTERS["critique"] = CHAPTERS["deep-dive"]
CHAPTERS["debate"] = CHAPTERS["deep-dive"]
# Critique and debate episodes spend more of their time on the skeptic's case.
WEIGHT_OVERRIDES: dict[str, dict[str, float]] = {
    "critique": {"critique": 0.26, "prior": 0.05, "mechanics": 0.1},
    "debate": {"critique": 0.2, "mechanics": 0.12},
    "brief": {"cold_open": 0.1, "problem": 0.2, "idea": 0.3, "numbers": 0.25, "critique": 0.15},
}


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
    pools = _chapter_pools(text, notes, kinds)
    total_words = minutes * words_per_minute
    budgets = _budgets(kinds, weights, pools, total_words)
    chapters = []
    for kind in kinds:
        pool = pools[kind.key]
        # The skeptic's corner stays even when the paper admits nothing: saying so is a finding.
        if (not pool or not budgets[kind.key]) and kind is not CRITIQUE:
            continue
        beats = pool if kind is COLD_OPEN else _in_reading_order(pool, budgets[kind.key])
        chapters.append(
            ChapterPlan(
                title=_title(kind, pool),
                description=kind.description,
                beats=[s.text for s in beats],
                word_budget=budgets[kind.key],
                sections=sorted({s.section for s in pool if s.section}),
            )
        )
    return Outline(
        format=format,
        target_minutes=minutes,
        words_per_minute=words_per_minute,
        chapters=chapters,
    )


def _chapter_pools(
    text: PaperText, notes: Notes, kinds: list[ChapterKind]
) -> dict[str, list[Sentence]]:
    """Each sentence goes to one chapter: notes points first, then the rest by section."""
    sentences = text.sentences
    by_text = {s.text: s for s in sentences}
    keys = [k.key for k in kinds]
    pools: dict[str, list[Sentence]] = defaultdict(list)
    used: set[str] = set()

    def give(key: str, sentence: Sentence) -> None:
        if sentence.text not in used and key in keys:
            used.add(sentence.text)
            pools[key].append(sentence)

    # The cold open leads with the strongest numeric result and the problem it answers.
    results = [by_text[p.text] for p in notes.results if p.numbers and p.text in by_text]
    headline = sorted(results, key=lambda s: (-self_contained(s), -cue_score(s, "results")))[:1]
    for sentence in headline + [by_text[p.text] for p in notes.problem[:1] if p.text in by_text]:
        give("cold_open", sentence)
    # The closing chapter keeps the paper's own last words.
    conclusion = [s for s in sentences if "limitations" in section_kinds(s.section)]
    for sentence in conclusion[-3:]:
        give("wrap", sentence)
    for kind in kinds:
        points = [p for field in kind.fields for p in getattr(notes, field)]
        if kind.key == "idea":
            points = notes.method[: len(notes.method) // 2 + 1]
        elif kind.key == "mechanics":
            points = notes.math + notes.method[len(notes.method) // 2 + 1 :]
        elif kind.key in ("experiments", "numbers"):
            half = len(notes.results) // 2
            points = notes.results[:half] if kind.key == "experiments" else notes.results[half:]
        for point in points:
            if point.text in by_text:
                give(kind.key, by_text[point.text])
    # Sentences no note picked still fill out the chapter their section belongs to.
    seen_results = False
    for sentence in sentences:
        section = section_kinds(sentence.section)
        seen_results = seen_results or "results" in section
        give(_home_chapter(section, seen_results, keys), sentence)
    # The skeptic's corner holds only what the skeptic can push on: admitted weaknesses, and
    # claims to challenge; a neutral line there would sound like a challenge that isn't one.
    pools["critique"] = [s for s in pools["critique"] if sentence_role(s) in CHALLENGEABLE]
    return pools


def _in_reading_order(pool: list[Sentence], budget: int) -> list[Sentence]:
    """The highest-priority beats that fill the budget (with a margin for lines the writer
    skips), put back in the order the paper makes its argument."""
    chosen: list[Sentence] = []
    words = 0.0
    for sentence in pool:
        if words >= budget * BEAT_MARGIN:
            break
        chosen.append(sentence)
        words += HOST_OVERHEAD * len(sentence.text.split())
    return sorted(chosen, key=lambda s: s.order)


def _home_chapter(kinds: set[str], after_results: bool, keys: list[str]) -> str:
    if "related_work" in kinds:
        return "prior" if "prior" in keys else "problem"
    if "problem" in kinds:
        return "problem"
    if "limitations" in kinds or "threats" in kinds:
        return "critique"
    if "results" in kinds or after_results:
        return "numbers" if "numbers" in keys and after_results else "experiments"
    return "mechanics" if "mechanics" in keys else "idea"


def _budgets(
    kinds: list[ChapterKind],
    weights: dict[str, float],
    pools: dict[str, list[Sentence]],
    total_words: float,
) -> dict[str, int]:
    """Split the word target by weight, moving what a thin chapter cannot fill to the others."""
    capacity = {
        k.key: HOST_OVERHEAD * sum(len(s.text.split()) for s in pools[k.key]) for k in kinds
    }
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


def _title(kind: ChapterKind, pool: list[Sentence]) -> str:
    """Name method and experiment chapters after the paper's own heading where one fits."""
    wanted = {"idea": "method", "mechanics": "method", "experiments": "results"}.get(kind.key)
    headings = [s.section for s in pool if s.section and wanted in section_kinds(s.section)]
    if headings:
        heading = Counter(headings).most_common(1)[0][0]
        if len(heading.split()) <= 6 and heading.lower() not in kind.title.lower():
            return f"{kind.title}: {heading}"
    return kind.title
