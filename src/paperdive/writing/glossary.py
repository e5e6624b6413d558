"""Background on request: the first time the explainer leans on a term of the field the
paper keeps using ("KL divergence", "KV cache"), the skeptic asks what it is and she says
it in plain words, from the show's glossary (glossary.toml).

The paper's own lines never explain what its readers already know, and a listener new to
the field loses the thread at the first such term. A gloss is the show's general
background, never a fact about the paper: it carries no figure, and the turn says which
term it explains so checks can tell it from the paper's lines.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from paperdive.models import Turn
from paperdive.writing.sentences import split_sentences

MIN_MENTIONS = 3  # in the paper's text: a term it uses in passing needs no detour
# Within the sentence that names the term, the paper already says what it is.
_DEFINED_HERE = re.compile(
    r"\b(?:that is|i\.e\.|in other words|is defined as|refers to|known as|called|"
    r"which (?:is|are) an?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Gloss:
    term: str  # as asked about: "a KL divergence"
    match: re.Pattern[str]
    says: str
    basic: bool  # most listeners know it: explained only where nothing less familiar is
    measure: bool  # a measure results are given in: what its scale means, beside the figures


@cache
def glossary() -> tuple[Gloss, ...]:
    data = tomllib.loads(files("paperdive.writing").joinpath("glossary.toml").read_text("utf-8"))
    return tuple(
        Gloss(
            term=entry["term"],
            match=re.compile(rf"(?<![\w-])(?:{entry['match']})(?![\w-])", re.IGNORECASE),
            says=entry["says"],
            basic=entry.get("basic", False),
            measure=entry.get("measure", False),
        )
        for entry in data["gloss"]
    )


def with_glosses(
    turns: list[Turn],
    explaining: set[int],
    paper_text: str,
    own_terms: str,
    ask: Callable[[str], str | None],
    limit: int,
    familiar: int,
    max_share: float,
    measuring: frozenset[int] = frozenset(),
) -> list[Turn]:
    """The turns with up to `limit` glosses, each after the explainer's first turn in an
    `explaining` chapter that uses a term the paper mentions at least MIN_MENTIONS times
    and that she does not go on from: less familiar terms first (at most `familiar` of
    those most listeners know), then the paper's most used. A term in `own_terms` (the
    title, the method's name) or defined in her line is the paper's to explain; no gloss
    takes her share of the words past `max_share`. Where a gloss is given at all, the
    measure the results are given in is also said in plain words once, in a `measuring`
    chapter ("0.70, against 0.66": a listener cannot tell good from bad on an unknown scale)."""
    chosen = _chosen(turns, explaining, paper_text, own_terms, limit, familiar)
    if limit:
        measure = _measure_gloss(turns, measuring, paper_text, own_terms)
        if measure is not None and measure[0] not in chosen:
            chosen[measure[0]] = measure[1]
    words: Counter[str] = Counter()
    for turn in turns:
        words[turn.host] += len(turn.text.split())
    out: list[Turn] = []
    for index, turn in enumerate(turns):
        out.append(turn)
        gloss = chosen.get(index)
        if gloss is None:
            continue
        said = len(gloss.says.split())
        if (words["explainer"] + said) / (words.total() + said) > max_share:
            continue
        question = ask(gloss.term)
        if question:
            words.update({"explainer": said, "skeptic": len(question.split())})
            out.append(Turn(host="skeptic", text=question, chapter=turn.chapter))
            out.append(
                Turn(host="explainer", text=gloss.says, chapter=turn.chapter, gloss=gloss.term)
            )
    return out


def _chosen(
    turns: list[Turn],
    explaining: set[int],
    paper_text: str,
    own_terms: str,
    limit: int,
    familiar: int,
) -> dict[int, Gloss]:
    """The glosses to give, by the index of the turn each follows."""
    places: list[tuple[Gloss, int, int]] = []  # the gloss, the turn it follows, mentions
    for gloss in glossary():
        if gloss.measure or gloss.match.search(own_terms):
            continue
        mentions = len(gloss.match.findall(paper_text))
        after = _first_use(turns, explaining, gloss) if mentions >= MIN_MENTIONS else None
        if after is not None:
            places.append((gloss, after, mentions))
    chosen: dict[int, Gloss] = {}
    for gloss, after, _ in sorted(places, key=lambda p: (p[0].basic, -p[2], p[1])):
        full = len(chosen) >= limit or after in chosen
        too_familiar = gloss.basic and sum(g.basic for g in chosen.values()) >= familiar
        if not (full or too_familiar):
            chosen[after] = gloss
    return chosen


def _measure_gloss(
    turns: list[Turn], measuring: frozenset[int], paper_text: str, own_terms: str
) -> tuple[int, Gloss] | None:
    """The measure the results chapter says first, with the turn it follows."""
    places = [
        (after, gloss)
        for gloss in glossary()
        if gloss.measure
        and not gloss.match.search(own_terms)
        and len(gloss.match.findall(paper_text)) >= MIN_MENTIONS
        and (after := _first_use(turns, set(measuring), gloss)) is not None
    ]
    return min(places, key=lambda p: p[0]) if places else None


def _first_use(turns: list[Turn], explaining: set[int], gloss: Gloss) -> int | None:
    """The explainer's first turn that uses the term and that she does not go on from;
    None where none does, or where the sentence of hers that uses it says what it is."""
    for index, turn in enumerate(turns):
        if turn.host != "explainer" or turn.chapter not in explaining:
            continue
        using = [s for s in split_sentences(turn.text) if gloss.match.search(s)]
        if any(_DEFINED_HERE.search(s) for s in using):
            return None
        following = turns[index + 1] if index + 1 < len(turns) else None
        goes_on = (
            following is not None
            and following.host == "explainer"
            and following.chapter == turn.chapter
        )
        if using and not (goes_on or turn.text.endswith("?")):
            return index
    return None
