"""Checks that every line can be said aloud and followed without the page: no formula
residue, no pointer to a figure, table, equation or section, no footnote mark, no cut
sentence, the paper reported in the third person; no text read aloud (parentheses,
citations, "e.g.", marketing phrases), and no lists of names read out."""

from __future__ import annotations

import re

from paperdive.evaluate.lines import PaperLines, turn_sentences
from paperdive.evaluate.report import Check
from paperdive.models import Script
from paperdive.writing.sentences import FIRST_PERSON, SNAKE_NAME, split_sentences

MAX_SYMBOL_SHARE = 0.02  # of a sentence's characters: formula residue beyond this
_SYMBOLS = set("=<>^_{}[]|\\$∑∏∫≤≥∈×→←∼≈∀∃⊂⊆∪∩·∂∇√∞±⊕⊗⇒⇔⟨⟩•⇣")
_POINTER = re.compile(
    r"\b(?:Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?|Eqn?s?\.|Equations?|Sec(?:tion)?s?\.?|Appendix|"
    r"Algorithm|Alg\.|Lines?|Theorem|Lemma)\s*\(?[A-Z]?\d+(?:\.\d+)*[a-z]?\)?|§\s*\d|"
    r"(?-i:\b(?:Table|TABLE|Figure|FIGURE|Section|SECTION)\s+[IVX]+(?![\w'’]))|"  # "Table IV"
    r"\bEq\.?\s*\(\d+\)|\(\d+\)$|"
    r"\bEqns?\.",  # "… from Eqn.": a pointer whose number was lost
    re.IGNORECASE,
)
# A plot's marks ("the dashed curve", "the shaded region"): there is no picture to hear.
_PLOT_MARK = re.compile(
    r"\b(?:solid|dashed|dotted) (?:\w+ )?(?:lines?|curves?|segments?)\b"
    r"|\bshaded (?:areas?|regions?)\b"
    r"|\b(?:red|blue|green|orange|black) (?:lines?|curves?|dots?|markers?)\b"
    r"|\b(?:highlighted|shown|drawn|colou?red) in (?:red|blue|green|orange)\b(?![-\w]| ink)",
    re.IGNORECASE,
)
_FOOTNOTE = re.compile(r"(?<=[a-z][.,;:])\d{1,2}(?=\s|$)|[∗†‡¶]|(?<=[a-z])\*")
_CUT = re.compile(
    r"(?:[:;,]|\.\.\.|…|[:;]\s*(?:\d+|[ivx]+)\.)$|^[a-z]|\b(?:as follows|the following)\.$"
)
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
        target="0 (symbols, pointers, footnote marks, cut sentences, first person, leaked values)",
        passed=not problems,
        problems=problems,
    )


# A spaced operator between words: a formula with its arguments gone ("mean / mean").
_OPERATOR = re.compile(r"\w [/*] \w")


# What the program let slip: an empty value or an unfilled slot ("…for UCCA parsing. None
# Where does …", "What about {topic}?"); "None of the runs …", "None worked." are English.
_LEAKED = re.compile(r"(?:^|[.?!:]\s)None(?=\s+[A-Z]|\s*$)|\{[a-z_]+\}")


def _why_unspeakable(sentence: str, lines: PaperLines) -> str | None:
    text = sentence.strip()
    if _LEAKED.search(text):
        return "leaked value"
    said = _UNIT.sub("", SNAKE_NAME.sub("name", text))  # "jm_kumo" is said "jm kumo"
    symbols = sum(c in _SYMBOLS or "\u0370" <= c <= "\u03ff" for c in said)
    if symbols > max(1, MAX_SYMBOL_SHARE * len(text)) or _OPERATOR.search(said):
        return "symbols"
    if _POINTER.search(text) or _PLOT_MARK.search(text):
        return "points at the page"
    if _FOOTNOTE.search(text):
        return "footnote mark"
    if _CUT.search(text) or text.count("(") != text.count(")"):
        return "cut"
    if FIRST_PERSON.search(text) and lines.source(text):
        # The authors' "we" said as the hosts' own; the hosts may speak for themselves ("I").
        return "first person"
    return None


# Read-text artifacts: what only a page has. The live model scripts have none; the old
# offline scripts had 5-40 such sentences each (37 parentheses in one). One slip is tolerated.
MAX_ARTIFACTS = 1
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ARTIFACTS: list[tuple[str, re.Pattern[str]]] = [
    ("parenthesis", re.compile(r"[()\[\]{}]")),
    (
        "citation",
        re.compile(
            r"\bet al\b|\b[A-Z][\w\-]+ [A-Z][a-z]+ and colleagues\b"
            # "Sakaguchi, 2019", "Peng and Alcaide 2023" (but not "in December 2024")
            rf"|\b(?!(?:{_MONTHS}|In|On|At|By|Since|Until|From|Before|After|Of|And|The)\b)"
            r"[A-Z][a-z]{2,}(?:,? (?:and|&) [A-Z][a-z]{2,})?,? (?:19|20)\d{2}[a-z]?\b(?!\s?\w)"
        ),
    ),
    (
        "abbreviation",
        re.compile(r"\b(?:e\.g|i\.e|etc|cf|viz|w\.r\.t|resp|vs|approx)\.", re.IGNORECASE),
    ),
    (
        "boilerplate",
        re.compile(
            r"\b(?:novel|innovative|unprecedented|groundbreaking|cutting-edge|"
            r"push(?:es|ing)? the (?:boundaries|frontiers?|envelope)|pav(?:es|ing|e) the way|"
            r"(?:the )?dawn of|glimpse into|the pursuit of|in the realm of|the landscape of|"
            r"delv(?:e|es|ing) into|plays? an? (?:crucial|pivotal|vital|key) role|"
            r"significant (?:advance\w*|step|milestone)|superior performance|seamless\w*|"
            r"a testament to|unlock(?:s|ing)? (?:\w+ ){0,2}potential|overwhelming advantages?|"
            r"it is (?:important|worth|crucial) to (?:note|acknowledge|mention)|in summary|"
            r"game-?chang\w*|revolutioni[sz]\w*)\b",
            re.IGNORECASE,
        ),
    ),
]


def read_text_artifacts(script: Script) -> Check:
    """Text that is read, not said: parenthetical asides and brackets ("(LLMs)", "(e.g.,
    layer normalization)"), author-year citations ("Peng, Alcaide, et al. 2023",
    "WinoGrande Sakaguchi and colleagues"), "e.g."/"i.e."/"etc.", and the marketing
    phrases of abstracts ("pushing the boundaries", "the dawn of AGI", "novel")."""
    problems = [
        f"turn {number} ({kind}: {match.group(0)!r}): {sentence[:100]}"
        for number, turn in enumerate(script.turns, 1)
        for sentence in split_sentences(turn.text)
        for kind, pattern in ARTIFACTS
        if (match := pattern.search(sentence))
    ]
    return Check(
        area="speech",
        name="read-text artifacts",
        result=f"{len(problems)} sentences",
        target=f"≤ {MAX_ARTIFACTS} (parentheses, citations, e.g./i.e./etc., marketing phrases)",
        passed=len(problems) <= MAX_ARTIFACTS,
        problems=problems,
    )


# A name as a list item: "HellaSwag", "RACE-Middle", "Star-Transformer", "Llama 3.1 8B".
_ITEM = r"(?:[A-Z][\w.\-]*|\d[\w.\-]*)(?: [A-Z0-9][\w.\-]*){0,2}"
MAX_LIST_ITEMS = 3  # the model scripts name at most three in a row ("Mamba, RWKV or RetNet")
NAME_LIST = re.compile(
    rf"{_ITEM}(?:, {_ITEM}){{{MAX_LIST_ITEMS - 1},}},? (?:and|or) {_ITEM}"
    rf"|{_ITEM}(?:, {_ITEM}){{{MAX_LIST_ITEMS},}}"
)


def lists_read_out(script: Script) -> Check:
    """Four or more names in a row ("HellaSwag, PIQA, WinoGrande, RACE-Middle, …"): a
    listener keeps none of them. Name two or three, or say what they have in common."""
    problems = [
        f"turn {number}: {match.group(0)[:100]}"
        for number, turn in enumerate(script.turns, 1)
        for match in NAME_LIST.finditer(turn.text)
    ]
    return Check(
        area="speech",
        name="lists read out",
        result=str(len(problems)),
        target=f"0 runs of more than {MAX_LIST_ITEMS} names",
        passed=not problems,
        problems=problems,
    )
