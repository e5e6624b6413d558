"""The last pass of the extractive writer: a written sentence said the way people talk.

Two edits an editor makes to a script read from a paper, neither of which adds a word of
content: negations and "it is" contracted ("does not" → "doesn't"), and a long sentence
that hangs a second clause on a comma said as two ("…, allowing the model to choose" →
"… . That allows the model to choose").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from paperdive.models import Script
from paperdive.writing.sentences import split_sentences
from paperdive.writing.verbatim import keeping

_CONTRACTIONS = {
    "do not": "don't",
    "does not": "doesn't",
    "did not": "didn't",
    "is not": "isn't",
    "are not": "aren't",
    "was not": "wasn't",
    "were not": "weren't",
    "has not": "hasn't",
    "have not": "haven't",
    "had not": "hadn't",
    "cannot": "can't",
    "will not": "won't",
    "would not": "wouldn't",
    "could not": "couldn't",
    "should not": "shouldn't",
    "it is": "it's",
    "that is": "that's",
    "there is": "there's",
    "they are": "they're",
    "they will": "they'll",
    "it will": "it'll",
}
# A contraction needs a word after it ("… as it is." and "that is, …" stay whole), and a
# title's "Do Not Think …" is no speaker's negation: only a sentence's first word is upper.
# "is not only fast but also …" is no negation either.
_CONTRACTIBLE = re.compile(
    r"\b(" + "|".join(f"[{k[0].upper()}{k[0]}]{re.escape(k[1:])}" for k in _CONTRACTIONS) + r")"
    r"\b(?= [A-Za-z0-9])(?! only\b)"
)

# ", allowing the model to …": a clause that says what the one before brings about.
_CONSEQUENCE = {
    "allowing": ("allows", "allowed"),
    "enabling": ("enables", "enabled"),
    "making": ("makes", "made"),
    "leading to": ("leads to", "led to"),
    "resulting in": ("results in", "resulted in"),
    "yielding": ("yields", "yielded"),
    "giving": ("gives", "gave"),
    "ensuring": ("ensures", "ensured"),
    "indicating": ("indicates", "indicated"),
    "suggesting": ("suggests", "suggested"),
    "which means": ("means", "meant"),
    "which allows": ("allows", "allowed"),
    "which enables": ("enables", "enabled"),
    "which makes": ("makes", "made"),
    "which leads to": ("leads to", "led to"),
    "which results in": ("results in", "resulted in"),
}
_CONSEQUENCE_SPLIT = re.compile(
    r", (" + "|".join(sorted(_CONSEQUENCE, key=len, reverse=True)) + r") (?=[a-z])"
)
LONG_FOR_THE_EAR = 22  # words: past this, a sentence with a second clause is said as two
MIN_PART = 6  # words each part needs to be a sentence of its own
# The clause before reports the past ("TRPO solved all of the problems"), so "That yielded":
# a past auxiliary, or a word in -ed that is no participle ("is applied", "the proposed").
_PAST_AUXILIARY = re.compile(r"\b(?:was|were|had|did)\b")
_ED_WORD = re.compile(r"(?:\b(?P<before>\w+) )?\b[a-z]{3,}ed\b(?! by\b)")
_NOT_PAST_BEFORE = frozenset(
    ("is", "are", "be", "been", "being", "has", "have", "the", "a", "an", "its", "their")
    + ("this", "these")
)


def _reports_past(clause: str) -> bool:
    if _PAST_AUXILIARY.search(clause):
        return True
    return any(
        (m.group("before") or "").lower() not in _NOT_PAST_BEFORE for m in _ED_WORD.finditer(clause)
    )


def _contract(match: re.Match[str]) -> str:
    said = _CONTRACTIONS[match.group(1).lower()]
    return said[:1].upper() + said[1:] if match.group(1)[0].isupper() else said


def contracted(text: str) -> str:
    """Negations and a few pronoun-verb pairs said short, as speakers say them."""
    return _CONTRACTIBLE.sub(_contract, text)


def in_two(sentence: str) -> list[str]:
    """A long sentence with a consequence clause after a comma, as two; any other
    sentence, as it is."""
    if len(sentence.split()) <= LONG_FOR_THE_EAR:
        return [sentence]
    consequence = _CONSEQUENCE_SPLIT.search(sentence)
    if consequence is None:
        return [sentence]
    left, right = sentence[: consequence.start()], sentence[consequence.end() :]
    present, past = _CONSEQUENCE[consequence.group(1)]
    second = f"That {past if _reports_past(left) else present} {right}"
    if len(left.split()) < MIN_PART or len(second.split()) < MIN_PART:
        return [sentence]
    return [f"{left}.", second]


def said_aloud(text: str, titles: Sequence[str] = ()) -> str:
    """A turn as said: its long sentences split for the ear, its negations contracted; the
    `titles` it names are said as they are ("Attention is not all you need")."""
    return keeping([text], titles, lambda texts: [_said(t) for t in texts])[0]


def _said(text: str) -> str:
    sentences = split_sentences(text)
    parts = [part for s in sentences for part in in_two(s)]
    return contracted(" ".join(parts) if len(parts) > len(sentences) else text)


def script_said_aloud(script: Script, titles: Sequence[str]) -> Script:
    turns = [t.model_copy(update={"text": said_aloud(t.text, titles)}) for t in script.turns]
    return script.model_copy(update={"turns": turns})
