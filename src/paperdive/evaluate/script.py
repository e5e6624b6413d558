"""Checks on the script: grounding of numbers and names, the writer's review, repetition,
the hosts' balance and the length."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from paperdive.evaluate.report import Check, length_check, share
from paperdive.ingestion.numbers import numbers_in
from paperdive.ingestion.text import sentences
from paperdive.models import NumberMention, Outline, Paper, Review, Script
from paperdive.writing.check import RUN_LENGTH
from paperdive.writing.plan import WORDS_PER_MINUTE
from paperdive.writing.sentences import MAX_REPEATABLE_WORDS

HOST_SHARE = (0.30, 0.70)

# Model, benchmark and method names: a letter-and-digit token ("Kokoro-82M", "GPT-4") or a
# word with an inner capital ("PyMuPDF").
_NAME = re.compile(r"(?<![\w\-])[A-Za-z][\w.\-]*[A-Za-z0-9]")
# Units as the hosts say them, written as the number index writes them
_SPOKEN_UNITS = {"percent": "%", "times": "x"}
_SPOKEN_UNIT = re.compile(r"(\d)\s+(percent|times)\b", re.IGNORECASE)
_UNIT_ALIASES = {
    "second": "s",
    "seconds": "s",
    "minute": "min",
    "minutes": "min",
    "hour": "h",
    "hours": "h",
    "token": "tokens",
    "GPU": "GPUs",
}


class _Quantity(NamedTuple):
    value: str  # "1024" for "1,024" and "1024.0"
    unit: str | None
    written: str


def _quantity(mention: NumberMention) -> _Quantity:
    unit = _UNIT_ALIASES.get(mention.unit or "", mention.unit)
    return _Quantity(f"{abs(mention.value):.10g}", unit, mention.text)


def quantities(text: str) -> list[_Quantity]:
    """Numbers stated in `text`: "85 percent" is "85%", "3.3 times" is "3.3x"."""
    text = _SPOKEN_UNIT.sub(lambda m: m[1] + _SPOKEN_UNITS[m[2].lower()], text)
    return [_quantity(mention) for mention in numbers_in(text, None)]


def number_grounding(script: Script, papers: list[Paper]) -> Check:
    """Every number the hosts say must be one the paper states, in the same unit when both
    give one (a bare "3.3" in the paper grounds "3.3x"; "3.3 ms" does not)."""
    units: dict[str, set[str | None]] = {}
    for paper in papers:
        for quantity in [_quantity(n) for n in paper.numbers] + quantities(paper.full_text()):
            units.setdefault(quantity.value, set()).add(quantity.unit)
    said: dict[tuple[str, str | None], tuple[int, str]] = {}
    for position, turn in enumerate(script.turns):
        for quantity in quantities(turn.text):
            said.setdefault((quantity.value, quantity.unit), (position, quantity.written))

    def grounded(value: str, unit: str | None) -> bool:
        stated = units.get(value, set())
        return bool(stated) and (unit is None or None in stated or unit in stated)

    missing = [
        f"turn {t + 1}: {written}"
        for (value, unit), (t, written) in said.items()
        if not grounded(value, unit)
    ]
    return Check(
        area="grounding",
        name="numbers in the paper",
        result=share(len(said) - len(missing), len(said)),
        target="100%",
        passed=not missing,
        problems=missing,
    )


def _names(text: str) -> list[str]:
    tokens = (m.group(0).rstrip(".-") for m in _NAME.finditer(text))
    return [
        t
        for t in tokens
        if (any(c.isdigit() for c in t) and any(c.isalpha() for c in t))
        or any(c.isupper() for c in t[1:])
    ]


def _searchable(text: str) -> str:
    """Case, hyphens and line breaks do not change a name: "Long-Context" is "long context"."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().replace("-", " ").split())


def name_grounding(script: Script, papers: list[Paper]) -> Check:
    """Model, method and benchmark names the hosts say must appear in the paper."""
    paper_text = "\n".join(_searchable(p.full_text()) for p in papers)
    hosts = set(script.hosts.values())
    said: dict[str, int] = {}
    for position, turn in enumerate(script.turns):
        for name in _names(unicodedata.normalize("NFKC", turn.text)):
            if name not in hosts:
                said.setdefault(name, position)
    missing = [
        f"turn {t + 1}: {name}"
        for name, t in said.items()
        if not re.search(rf"(?<!\w){re.escape(_searchable(name))}(?!\w)", paper_text)
    ]
    return Check(
        area="grounding",
        name="named results in the paper",
        result=share(len(said) - len(missing), len(said)),
        target="100%",
        passed=not missing,
        problems=missing,
    )


def review_summary(review: Review | None) -> Check:
    if review is None:
        return Check(
            area="review", name="writer's review", result="no review.json", target="", passed=None
        )
    counts = {s: review.count(status=s) for s in ("grounded", "revised", "cut", "flagged")}
    flagged = [
        f"turn {i.turn + 1} {i.kind}: {i.text}" for i in review.items if i.status == "flagged"
    ]
    return Check(
        area="review",
        name="writer's review",
        result=f"{len(review.items)} checked: " + ", ".join(f"{n} {s}" for s, n in counts.items()),
        target="0 flagged",
        passed=not flagged,
        problems=flagged,
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’.][a-z0-9]+)*", text.lower())


def repetition(script: Script) -> list[Check]:
    """Sentences said twice, and runs of eight words that occur more than once."""
    sentence_turns: dict[tuple[str, ...], list[int]] = {}
    runs: Counter[tuple[str, ...]] = Counter()
    for position, turn in enumerate(script.turns):
        for sentence in sentences(turn.text):
            words = tuple(_words(sentence))
            if len(words) > MAX_REPEATABLE_WORDS:
                sentence_turns.setdefault(words, []).append(position)
            # A sentence may repeat a phrase of its own ("which we call …, which we call …").
            runs.update({words[i : i + RUN_LENGTH] for i in range(len(words) - RUN_LENGTH + 1)})
    repeated = [
        f"turns {', '.join(str(t + 1) for t in turns)}: {' '.join(words)}"
        for words, turns in sentence_turns.items()
        if len(turns) > 1
    ]
    repeated_runs = [f"×{n}: {' '.join(run)}" for run, n in runs.items() if n > 1]
    return [
        Check(
            area="repetition",
            name="repeated sentences",
            result=str(len(repeated)),
            target="0",
            passed=not repeated,
            problems=repeated,
        ),
        Check(
            area="repetition",
            name=f"repeated {RUN_LENGTH}-word runs",
            result=str(len(repeated_runs)),
            target="0",
            passed=not repeated_runs,
            problems=repeated_runs,
        ),
    ]


def host_balance(script: Script) -> Check:
    words = Counter({role: 0 for role in script.hosts})
    turns: Counter[str] = Counter()
    for turn in script.turns:
        words[turn.host] += len(turn.text.split())
        turns[turn.host] += 1
    total = sum(words.values())
    low, high = HOST_SHARE
    shares = {role: n / total if total else 0.0 for role, n in words.items()}
    described = ", ".join(
        f"{script.hosts.get(role, role)} {shares[role]:.0%} ({turns[role]} turns)" for role in words
    )
    return Check(
        area="balance",
        name="words per host",
        result=f"{described} of {total} words",
        target=f"each {low:.0%}–{high:.0%}",
        passed=all(low <= share <= high for share in shares.values()),
    )


def script_length(script: Script, outline: Outline | None) -> Check:
    rate = outline.words_per_minute if outline else WORDS_PER_MINUTE
    return length_check(
        "balance", f"estimated length ({rate:g} wpm)", script.word_count() / rate, outline
    )
