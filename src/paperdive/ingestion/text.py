"""Plain-text clean-up shared by the PDF and LaTeX readers: normalising, joining, sentences."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|Secs|Tab|No|approx|resp|Dr|Mr|Ms)"
    r"|\b[A-Z])\.$"
)
_MAX_WORD = 80
_SPLIT_SCRIPT = re.compile(r"\$\s*\$(?=[_^])")
_SPLIT_FORMULA = re.compile(r"(?<=\S)\$(\s*)\$(?=\S)")
_BARE_BASE = re.compile(r"(^|[\s(\[])([^\s$\w.,;:!?)\]])\$(?=[_^])")
_LAST_WORD = re.compile(r"\w(?:[\w’'\-]*\w)?$")
_FIRST_WORD = re.compile(r"\w[\w’'\-]*")
_TOKEN = re.compile(r"\w(?:[\w’'\-]*\w)?")
# Controls (but newline and tab), format characters and private-use glyphs.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd\U000110bd\U000110cd"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_DETACHED_ACCENT = re.compile(r" ?([\u0300-\u036f])([A-Za-z])")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")


def normalize(text: str) -> str:
    """NFKC (ligatures such as 'ﬁ' become 'fi') with private-use glyphs and controls removed."""
    if text.isascii() and text.isprintable():
        return text  # most lines of a paper: nothing to do, and this is the hot path
    text = unicodedata.normalize("NFKC", text)
    # LaTeX sets accents as a separate glyph before the letter: "Hyv¨arinen" -> "Hyvärinen"
    text = unicodedata.normalize("NFC", _DETACHED_ACCENT.sub(r"\2\1", text))
    return _INVISIBLE.sub("", text)


class Vocabulary:
    """The words a document uses, to tell a line-break hyphen from a real one: 'SciB-\nERT'
    is 'SciBERT' when the paper writes SciBERT elsewhere, 'Mixture-of-\nExperts' keeps its
    hyphen because the paper writes Mixture-of-Experts."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        """`lines` in reading order: the halves of a word broken at a line end don't count."""
        self.words: Counter[str] = Counter()
        broken = False
        for line in lines:
            tokens = _TOKEN.findall(line)
            if broken and tokens:
                tokens = tokens[1:]
            broken = line.rstrip().endswith(("-", "\u00ad"))
            if broken and tokens:
                tokens = tokens[:-1]
            self.words.update(tokens)
        self.lower: Counter[str] = Counter()
        for word, count in self.words.items():
            self.lower[word.lower()] += count

    def count(self, word: str) -> int:
        return self.words.get(word) or self.lower.get(word.lower(), 0)


_EMPTY = Vocabulary()
# Closed-class words a line break can split into two words ("Further-\nmore"): always one.
_CONNECTIVES = frozenset(
    {
        "furthermore",
        "moreover",
        "nevertheless",
        "nonetheless",
        "therefore",
        "otherwise",
        "however",
        "meanwhile",
        "likewise",
        "whereas",
        "whereby",
        "thereby",
    }
)


# The second half of a compound, a word of its own the paper may never write alone: a
# participle on a stem of four letters or more ("looking", "trained" but not "ning" of
# "learn-ing") or a word that mostly makes compounds ("task-specific", "data-driven").
_COMPOUND_TAIL = re.compile(
    r"[a-z]{4,}(?:ing|ed)|based|driven|aware|specific|level|scale|wise|free|like|style|"
    r"oriented|sized|shaped|agnostic|dependent|independent|guided|conditioned|centric"
)


_SUSPENDED_BEFORE = frozenset({"and", "or", "nor"})
_PREFIXES = frozenset({"over", "under", "with", "fore", "back", "down", "counter"})


def rejoin(left: str, right: str, vocabulary: Vocabulary = _EMPTY) -> str:
    """The word a line break split as 'left-' + 'right': joined or kept hyphenated."""
    joined, hyphenated = left + right, f"{left}-{right}"
    if right.lower() in _SUSPENDED_BEFORE and not vocabulary.count(joined):
        return f"{left}- {right}"  # "Down- and up-sampling": the hyphen waits for its word
    if joined.lower() in _CONNECTIVES:
        return joined
    with_hyphen, without = vocabulary.count(hyphenated), vocabulary.count(joined)
    if with_hyphen or without:
        return hyphenated if with_hyphen > without else joined
    head = left.rsplit("-", 1)[-1]
    tail = right.split("-", 1)[0]
    if head[-1:].isdigit() or tail[:1].isdigit() or "-" in right:
        return hyphenated  # "GPT-4", "state-of-the-art"
    if head[-1:].islower() and tail[:1].islower():
        if head.endswith("ly") and vocabulary.count(tail):
            return hyphenated  # "automatically-detected": no word breaks after an adverb
        prefix = head.lower() in _PREFIXES  # "over-looked", "under-standing": one word
        if (
            len(head) > 3
            and not prefix
            and vocabulary.count(head)
            and _COMPOUND_TAIL.fullmatch(tail)
        ):
            return hyphenated  # "realistic-looking": a word, then a word of its own
        both_words = min(vocabulary.count(head), vocabulary.count(tail)) >= 2 and len(head) > 2
        return hyphenated if both_words else joined  # "high-quality", but "ef-fect"
    if head[-1:].isupper() and tail.isupper():
        return joined  # "GRO-BID"
    return hyphenated  # "DeepSeek-Coder", "Mixture-of-Experts"


def join_lines(lines: list[str], vocabulary: Vocabulary = _EMPTY) -> str:
    """Join layout lines into running text, undoing hyphenation at line breaks."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out.endswith(("-", "\u00ad")):
            tail = out[-_MAX_WORD:-1]  # look only at the end: the text grows line by line
            left = _LAST_WORD.search(tail)
            right = _FIRST_WORD.match(line)
            if left and right:
                word = rejoin(left.group(0), right.group(0), vocabulary)
                start = len(out) - 1 - len(tail) + left.start()
                out = out[:start] + word + line[right.end() :]
                continue
        out = f"{out} {line}" if out else line
    return fuse_scripts(out)


def fuse_scripts(text: str) -> str:
    """A sub/superscript the PDF set apart belongs to the formula before it: '$h^′$ $_t$';
    two formulas with nothing but a space between are one: '$I_{D,2} =$ $I_{D,4}$'."""
    if "$" not in text:
        return text
    text = _SPLIT_FORMULA.sub(r"\1", _SPLIT_SCRIPT.sub("", text))
    return _BARE_BASE.sub(r"\1$\2", text)  # '∑$_i …$': the symbol is the script's base


def collapse_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """Split running text into sentences, keeping abbreviations like 'e.g.' and 'Fig.' intact."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()].rstrip()
        if _ABBREVIATIONS.search(candidate):
            continue
        pieces.append(text[start : match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return [p for p in pieces if p]
