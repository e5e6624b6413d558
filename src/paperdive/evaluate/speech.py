"""Checks that every line can be said aloud and followed without the page: no formula
residue, no pointer to a figure, table, equation or section, no footnote mark, no cut
sentence, and the paper reported in the third person."""

from __future__ import annotations

import re

from paperdive.evaluate.lines import PaperLines, turn_sentences
from paperdive.evaluate.report import Check
from paperdive.models import Script

MAX_SYMBOL_SHARE = 0.02  # of a sentence's characters: formula residue beyond this
_SYMBOLS = set("=<>^_{}[]|\\$∑∏∫≤≥∈×→←∼≈∀∃⊂⊆∪∩·∂∇√∞±⊕⊗⇒⇔⟨⟩•⇣")
_POINTER = re.compile(
    r"\b(?:Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?|Eqs?\.|Equations?|Sec(?:tion)?s?\.?|Appendix|"
    r"Algorithm|Alg\.|Lines?|Theorem|Lemma)\s*\(?[A-Z]?\d+(?:\.\d+)*[a-z]?\)?|§\s*\d|"
    r"\bEq\.?\s*\(\d+\)|\(\d+\)$",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"(?<=[a-z][.,;:])\d{1,2}(?=\s|$)|[∗†‡¶]|(?<=[a-z])\*")
_CUT = re.compile(
    r"(?:[:;,]|\.\.\.|…|[:;]\s*(?:\d+|[ivx]+)\.)$|^[a-z]|\b(?:as follows|the following)\.$"
)
# The authors' "we" said as the hosts' own; the hosts may speak for themselves ("I").
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|[Uu]s|[Oo]urselves)\b")
# A unit after a number may be Greek or carry a degree sign: "28.6 μW", "nA/°C".
_UNIT = re.compile(r"(?<=\d)\s?[A-Za-z]{0,3}/?[μµ°][A-Za-zε]{0,3}")


def unspeakable_lines(script: Script, lines: PaperLines) -> Check:
    problems: list[str] = []
    checked = 0
    for number, sentences in enumerate(turn_sentences(script), 1):
        for sentence in sentences:
            checked += 1
            why = _why_unspeakable(sentence, lines)
            if why:
                problems.append(f"turn {number} ({why}): {sentence}")
    return Check(
        area="speech",
        name="unspeakable lines",
        result=f"{len(problems)} of {checked} sentences",
        target="0 (symbols, pointers, footnote marks, cut sentences, first person)",
        passed=not problems,
        problems=problems,
    )


def _why_unspeakable(sentence: str, lines: PaperLines) -> str | None:
    text = sentence.strip()
    symbols = sum(c in _SYMBOLS or "\u0370" <= c <= "\u03ff" for c in _UNIT.sub("", text))
    if symbols > max(1, MAX_SYMBOL_SHARE * len(text)):
        return "symbols"
    if _POINTER.search(text):
        return "points at the page"
    if _FOOTNOTE.search(text):
        return "footnote mark"
    if _CUT.search(text) or text.count("(") != text.count(")"):
        return "cut"
    if _FIRST_PERSON.search(text) and lines.source(text):
        return "first person"
    return None
