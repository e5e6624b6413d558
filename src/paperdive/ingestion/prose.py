"""Paragraph text into sentences a listener can follow, each saying what it is.

Citation markers go where the sentence stays whole without them ('methods [3, 4] work' ->
'methods work'); where they are part of the grammar ('In [12], inverses are learned',
'as in (Smith, 2020)') they stay and the sentence is marked `citation_gap`. Sentences that
carry inline math, lean on a figure, table or equation, or are not whole sentences are
marked too, and so is one that cited other work, its markers gone or not (see
models.SentenceMark).
"""

from __future__ import annotations

import re

from paperdive.ingestion.text import collapse_spaces, sentences
from paperdive.models import Paragraph, Sentence, SentenceMark

# "Recently, [5] collected …", "[12] shows …", "[3, 4] showed …": a numbered citation a
# sentence makes its subject, kept for the writer to name ("one study", "two studies");
# taken out, it left "Recently, collected". Several works take a verb in the past only,
# which reads the same for one or many.
CITED_SUBJECT = re.compile(
    r"(?:^|(?<=, ))(?:\[\s*\d{1,3}\s*\](?=\s+[a-z]+(?:ed|es|s)\b)|"
    r"\[\s*\d{1,3}(?:\s*[,–\-]\s*\d{1,3})+\s*\](?=\s+[a-z]+ed\b))"
)
_NUMERIC_CITATION = re.compile(r"\s?\[(?:\d{1,3}(?:\s*[,–\-]\s*\d{1,3})*|cite)\]")
_NAME = r"[A-Z][\w'’\-]+(?:\s(?:van|von|de|der|del|da|di|le|la)\s[A-Z][\w'’\-]+)?"
_AUTHORS = rf"{_NAME}(?:\s(?:et\s+al\.?|and\s+{_NAME}|&\s+{_NAME}))?(?:,?\s+{_NAME})*"
_YEARS = r"(?:19|20)\d{2}[a-z]?(?:\s*,\s*(?:19|20)\d{2}[a-z]?)*"
_ONE_CITE = rf"(?:(?:see|e\.g\.|cf\.|i\.e\.)\s*,?\s*)?{_AUTHORS},?\s+{_YEARS}"
_AUTHOR_YEAR_CITATION = re.compile(rf"\s?\((?:{_ONE_CITE})(?:\s*;\s*{_ONE_CITE})*\)")
# "…, (Luo et al., 2017) uses cosine similarity …": a citation in brackets as the subject.
CITED_AUTHORS_SUBJECT = re.compile(
    rf"(?:^|(?<=, ))\((?P<cited>{_ONE_CITE}(?:\s*;\s*{_ONE_CITE})*)\)"
    r"(?=\s+(?!(?:as|is|was|has|this|thus|its|his|us|less|unless|across|towards?)\b)"
    r"[a-z]+(?:ed|s)\b)"
)
# A citation after these words is what the sentence is about: removing it breaks it.
_GOVERNING = {
    "in", "of", "by", "from", "see", "cf", "cf.", "and", "or", "to", "with", "than", "like",
    "following", "follow", "follows", "followed", "as", "on", "at", "for", "per", "via",
    "e.g.", "e.g.,", "i.e.", "also", "use", "uses", "used", "using", "adopt", "adopts",
    "adopted", "against", "between", "into", "over", "under", "unlike", "about", "that",
    "the", "a", "an", "is", "are", "was", "were", "namely", "after", "upon",
    "within", "through", "toward", "towards", "beyond", "including", "except",
}  # fmt: skip
_REF = r"(?:\(?[A-Z]?\d|\[ref\])"  # 'Figure 2', 'Fig. (3)', a LaTeX \ref: 'Figure [ref]'
_FIGURE = re.compile(rf"\b(?:Fig(?:ure)?s?\.?|Figures?)\s*~?{_REF}", re.I)
_TABLE = re.compile(rf"\bTab(?:le)?s?\.?\s*~?{_REF}", re.I)
_EQUATION = re.compile(
    r"\b(?:Eqs?\.|Equations?|Eqn\.?)\s*~?\(?(?:\d|\[ref\])"
    r"|\b(?:in|of|by|from)\s+\((?:\d{1,3}|\[ref\])\)"
)
# Arrows, mathematical operators and technical signs, math alphanumerics, and U+FFFD (a
# glyph the PDF gave no character for): such a sentence holds math, however it was set.
_MATH_SYMBOLS = re.compile(
    "[\u2190-\u21ff\u2200-\u22ff\u2300-\u23ff\u27c0-\u27ef\u27f0-\u27ff\u2900-\u297f"
    "\u2980-\u29ff\u2a00-\u2aff\ufffd\U0001d400-\U0001d7ff]"
)
# "Provides a correct answer to the question.": a list item whose subject was its label
# ("Correct:"), a verb with nothing before it, then its object's article ("Transformers
# only attend …" has a subject). Words in -us, -is, -ys, -ss ("Thus the …") are no verbs.
_NO_SUBJECT = re.compile(
    r"^(?!(?:Sometimes|Perhaps|Besides|Whereas|Afterwards|Towards|Ones|Does)\b)"
    r"[A-Z][a-z]{2,}(?<![suiy])s (?:a|an|the|its|their)\b"
)
_TERMINAL = (".", "!", "?", ".)", ".”", '."', "!)", "?)")
_MIN_WORDS = 3


def paragraph(text: str, *, after_display: bool = False) -> Paragraph:
    """`after_display`: the paragraph goes on after a displayed equation ('where x is ...')."""
    out: list[Sentence] = []
    for index, raw in enumerate(sentences(text)):
        out.append(sentence(raw, continues=after_display and index == 0))
    return Paragraph(sentences=out, printed=text)


def sentence(raw: str, *, continues: bool = False) -> Sentence:
    text, gap = strip_citations(raw)
    cited = bool(_NUMERIC_CITATION.search(text))  # a subject the writer names in words
    marks: list[SentenceMark] = []
    if "$" in text or _MATH_SYMBOLS.search(text):
        marks.append("math")
    if _FIGURE.search(text):
        marks.append("figure")
    if _TABLE.search(text):
        marks.append("table")
    if _EQUATION.search(text) or continues:
        marks.append("equation")
    if gap:
        marks.append("citation_gap")
    if gap or cited or text != raw:
        marks.append("cites")
    if continues or _is_fragment(text):
        marks.append("fragment")
    return Sentence(text=text, marks=marks)


def strip_citations(text: str) -> tuple[str, bool]:
    """The sentence without the citation markers that can go; and whether one had to stay."""
    gap = changed = False
    for pattern, hint in ((_NUMERIC_CITATION, "["), (_AUTHOR_YEAR_CITATION, "(")):
        if hint not in text:
            continue  # no bracket, no citation: skip the search
        pieces: list[str] = []
        start = 0
        subjects = {m.start() for m in CITED_SUBJECT.finditer(text)}
        subjects |= {m.start() for m in CITED_AUTHORS_SUBJECT.finditer(text)}
        for match in pattern.finditer(text):
            before = text[: match.start()].rstrip()
            previous = before.split()[-1].lower() if before.split() else ""
            bracket = match.end() - len(match.group(0).lstrip())
            if bracket in subjects:
                continue  # said as the works it stands for (see `writing.sentences`)
            if not before or previous in _GOVERNING or before.endswith(("(", "[")):
                gap = True
                continue
            pieces.append(text[start : match.start()])
            start = match.end()
        if pieces:
            pieces.append(text[start:])
            text = "".join(pieces)
            changed = True
    if changed:
        text = re.sub(r"\s+([,.;:!?)])", r"\1", collapse_spaces(text))
    return text, gap


def _is_fragment(text: str) -> bool:
    words = text.split()
    if len(words) < _MIN_WORDS:
        return True
    first = text.lstrip("(“\"'$")[:1]
    return not text.rstrip().endswith(_TERMINAL) or first.islower() or opens_on_a_verb(text)


def opens_on_a_verb(text: str) -> bool:
    """ "Provides a correct answer …": a sentence with no subject, an item of a list whose
    subject was its lead or label."""
    return bool(_NO_SUBJECT.match(text))
