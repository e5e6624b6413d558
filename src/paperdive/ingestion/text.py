"""Plain-text clean-up shared by the PDF and LaTeX readers: normalising, joining, sentences."""

from __future__ import annotations

import re
import unicodedata

# "ef-\nfect" -> "effect", but "state-\nof-the-art" keeps its hyphen (a compound goes on)
_SOFT_HYPHEN_BREAK = re.compile(r"(?<=[a-z])[-\u00ad]\n(?=[a-z]+(?![a-z\-]))")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|et al|etc|vs|cf|Fig|Figs|Eq|Eqs|Sec|Secs|Tab|No|approx|resp|Dr|Mr|Ms)"
    r"|\b[A-Z])\.$"
)
_COMPOUND_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")
_DETACHED_ACCENT = re.compile(r" ?([\u0300-\u036f])([A-Za-z])")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")


def normalize(text: str) -> str:
    """NFKC (ligatures such as 'ﬁ' become 'fi') with private-use glyphs and controls removed."""
    if text.isascii() and text.isprintable():
        return text  # most lines of a paper: nothing to do, and this is the hot path
    text = unicodedata.normalize("NFKC", text)
    # LaTeX sets accents as a separate glyph before the letter: "Hyv¨arinen" -> "Hyvärinen"
    text = unicodedata.normalize("NFC", _DETACHED_ACCENT.sub(r"\2\1", text))
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Co", "Cc", "Cf")
    )


def join_lines(lines: list[str]) -> str:
    """Join layout lines into running text, undoing hyphenation at line breaks."""
    text = "\n".join(line.strip() for line in lines if line.strip())
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _COMPOUND_BREAK.sub("-", text)
    return re.sub(r"\s*\n\s*", " ", text).strip()


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
