"""The terms of art an episode has defined for the listener, carried from chapter to chapter.

Chapter writers report what they defined ("training step: one weight update") and what they
used without defining. The same term comes back in other forms: a plural ("training steps"),
a hyphen or space ("mini-batch", "mini batch", "minibatch"), an acronym for its expansion
("BN" for "batch normalization", "internal covariate shift (ICS)"). A term is the same term
in any of these forms, so a defined term is never listed as undefined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TERMS = 40  # defined (and undefined) terms a chapter request lists, the latest kept
SMALL_WORDS = frozenset(["a", "an", "and", "by", "for", "in", "of", "on", "the", "to", "with"])
MAX_ACRONYM = 8
MAX_SHORTENED = 6  # longer terms are not tried with runs of their words as initials


class Glossary:
    """The terms of art the episode has defined so far ("co-citation: two papers cited by
    the same paper"), and those it used without defining, each kept once in the form first
    reported."""

    def __init__(self) -> None:
        self._defined: list[tuple[Forms, str]] = []
        self._undefined: list[tuple[Forms, str]] = []

    def add(self, defined: list[str], undefined: list[str]) -> None:
        for entry in defined:
            forms = term_forms(entry)
            if not forms:
                continue
            if _find(self._defined, forms) is None:
                self._defined.append((forms, " ".join(entry.split())))
            self._undefined = [(f, e) for f, e in self._undefined if not f.meets(forms)]
        for entry in undefined:
            forms = term_forms(entry)
            if not forms or _find(self._defined, forms) is not None:
                continue
            if _find(self._undefined, forms) is None:
                self._undefined.append((forms, " ".join(entry.split(":")[0].split())))

    def defined(self) -> list[str]:
        return [entry for _, entry in self._defined][-MAX_TERMS:]

    def undefined(self) -> list[str]:
        return [entry for _, entry in self._undefined][-MAX_TERMS:]


def _find(entries: list[tuple[Forms, str]], forms: Forms) -> int | None:
    return next((n for n, (held, _) in enumerate(entries) if held.meets(forms)), None)


@dataclass(frozen=True)
class Forms:
    """How a term is compared: its spellings (without case, punctuation, hyphens or spaces,
    the last word singular or as written), the acronyms it is written as, and the initials
    of its words. An acronym meets initials; two terms of several words never meet by their
    initials alone ("learning rate" is not "linear regression")."""

    spellings: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()
    initials: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.spellings)

    def meets(self, other: Forms) -> bool:
        return bool(
            self.spellings & other.spellings
            or self.acronyms & other.initials
            or self.initials & other.acronyms
        )


def same_term(a: str, b: str) -> bool:
    """Whether two glossary entries (or bare terms) name the same term."""
    return term_forms(a).meets(term_forms(b))


def term_forms(entry: str) -> Forms:
    """The forms of an entry's term ("term: meaning", or a bare term): a form in parentheses
    ("internal covariate shift (ICS)") is the term too; an acronym also stands for the
    expansion its meaning opens with ("BN: batch normalization, ..."); a run of words may be
    said by its initials ("KV cache" for "key-value cache")."""
    name, _, meaning = entry.partition(":")
    inside = re.findall(r"\(([^()]*)\)", name)
    forms = [f for f in [re.sub(r"\([^()]*\)", " ", name), *inside] if _words(f)]
    spellings: set[str] = set()
    acronyms: set[str] = set()
    initials: set[str] = set()
    for form in forms:
        words = _words(form)
        spellings |= _spellings(words)
        if _is_acronym(form):
            letters = _acronym_letters(form)
            acronyms.add(letters)
            spellings |= _spellings(_expansion(letters, meaning))
        elif len(words) >= 2:
            initials |= _initials(words)
            spellings |= _shortened(words)
    return Forms(frozenset(spellings), frozenset(acronyms), frozenset(initials))


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower().replace("'s ", " "))


def _spellings(words: list[str]) -> set[str]:
    """The words joined without spaces, with the last one singular or as written."""
    if not words:
        return set()
    head = "".join(words[:-1])
    return {head + last for last in _singulars(words[-1])}


def _singulars(word: str) -> set[str]:
    """The word and what it would be without a plural ending ("steps" → "step", "biases" →
    "bias", "activities" → "activity"); both sides of a comparison get all of them."""
    found = {word}
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        found.add(word[:-1])
        if word.endswith("es"):
            found.add(word[:-2])
        if word.endswith("ies"):
            found.add(word[:-3] + "y")
    return found


def _is_acronym(form: str) -> bool:
    """ "BN", "LLMs", "MoBA", "RoPE": one short word with two or more capitals."""
    bare = form.strip()
    return (
        bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", bare))
        and sum(c.isupper() for c in bare) >= 2
        and len(bare) <= MAX_ACRONYM + 1
    )


def _acronym_letters(form: str) -> str:
    bare = form.strip().replace("-", "")
    if bare.endswith("s") and bare[:-1].isupper():
        bare = bare[:-1]  # "LLMs"
    return bare.lower()


def _shortened(words: list[str]) -> set[str]:
    """The spellings with a run of two or more words (not all of them) said by its
    initials: "key value cache" → "kvcache"."""
    found: set[str] = set()
    if len(words) > MAX_SHORTENED:
        return found
    for start in range(len(words)):
        for end in range(start + 2, len(words) + 1):
            if end - start < len(words):
                letters = "".join(w[0] for w in words[start:end])
                found |= _spellings([*words[:start], letters, *words[end:]])
    return found


def _initials(words: list[str]) -> set[str]:
    every = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in SMALL_WORDS)
    return {every, content} - {""}


def _expansion(letters: str, meaning: str) -> list[str]:
    """The words a meaning opens with whose initials spell the acronym, if any."""
    words = _words(meaning)
    for count in range(len(letters), len(letters) + 3):
        if count <= len(words) and letters in _initials(words[:count]):
            return words[:count]
    return []
