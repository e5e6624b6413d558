"""Where the paper cites each work of its bibliography: its own sentences, as printed.

A reading list's reasons need what the paper says about each work ("the whitening result
this paper builds on"), which the episode's script rarely carries. The paragraphs as printed
keep the citation markers (Paragraph.printed; Section.text for papers read before it
existed): numbered ("[12]", "[3, 5-7]", "[3–5]") or author-year ("(LeCun et al., 1998b; Wiesler &
Ney, 2011)", "Mamba (Dao and Gu 2024)", "Ioffe and Szegedy (2015)", "Kingma and Welling
[2014]"), whatever the bibliography's style of names ("Geoffrey E. Hinton", "L. B. Allal",
"Vaswani A").
"""

from __future__ import annotations

import re
from string import ascii_lowercase

from paperdive.models import Paper, Reference
from paperdive.writing.sentences import split_sentences

MAX_RANGE = 50  # "[3-7]" is spelled out; a wider "range" is more likely something else
NUMBERED = re.compile(r"\[(\d{1,3}(?:\s*(?:,|;|–|—|−|-)\s*\d{1,3})*)\]")
NAME_CHARS = r"[^\W\d_][\w'’-]*"  # a surname: letters first ("O'Neil", "Ben-David")
# A surname is searched where a citation names its first author: not after "and"/"&"/","
# (a second author), and with its year within a few words, in the same citation.
AUTHOR_GAP = r"[^()\[\];]{0,60}?"


def citing_sentences(paper: Paper) -> dict[int, list[str]]:
    """For each bibliography entry (by its number), the sentences of the paper that cite it,
    in the paper's order, each once."""
    return {n: [sentence for sentence, _ in found] for n, found in citations(paper).items()}


def citations(paper: Paper) -> dict[int, list[tuple[str, str]]]:
    """As citing_sentences, each sentence with the title of the section it is printed in."""
    if not paper.references:
        return {}
    patterns = {ref.index: _author_year(ref, paper.references) for ref in paper.references}
    indices = {ref.index for ref in paper.references}
    found: dict[int, list[tuple[str, str]]] = {}
    for sentence, section in _sentences(paper):
        cited = {n for n in _numbered(sentence) if n in indices}
        cited |= {n for n, pattern in patterns.items() if pattern and pattern.search(sentence)}
        for n in sorted(cited):
            held = found.setdefault(n, [])
            if all(sentence != said for said, _ in held):
                held.append((sentence, section))
    return found


def _sentences(paper: Paper) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for section in paper.sections:
        paragraphs = [p.printed or p.text for p in section.paragraphs] or [section.text]
        for paragraph in paragraphs:
            out += [
                (" ".join(s.split()), section.title)
                for s in split_sentences(paragraph)
                if s.strip()
            ]
    return out


def _numbered(sentence: str) -> set[int]:
    """The entry numbers a sentence's bracketed markers cite, ranges spelled out."""
    found: set[int] = set()
    for match in NUMBERED.finditer(sentence):
        for part in re.split(r"\s*[,;]\s*", match[1]):
            ends = [int(n) for n in re.split(r"\s*[–—−-]\s*", part) if n]
            if len(ends) == 2 and ends[0] < ends[1] <= ends[0] + MAX_RANGE:
                found |= set(range(ends[0], ends[1] + 1))
            else:
                found |= set(ends)
    return found


# Where the first author's name ends: "et al", "and", "&", a full stop after a word (not after
# an initial: "Geoffrey E. Hinton", "L. B. Allal"), or the title's punctuation.
_FIRST_AUTHOR_END = re.compile(r"\s+(?:et al\b|and\b|&)|(?<=[^\W\d_]{2})\.(?:\s|$)|[;:“\"(]")


def surname(ref: Reference) -> str | None:
    """The first author's surname: "Ainslie, Joshua, ..." (surname first), "Joshua Ainslie
    and ...", "Geoffrey E. Hinton, ..." and "L. B. Allal, ..." (initials before it), "Vaswani
    A, ..." (initials after it), "Cohan et al. 2020. SPECTER ..." (from the raw entry)."""
    text = (ref.authors or ref.raw or "").strip()
    first = _FIRST_AUTHOR_END.split(text, maxsplit=1)[0]
    first = first.split(",")[0].strip()
    # initials are single letters, or two or three capitals ("DP" of "Kingma DP")
    named = [w for w in re.findall(NAME_CHARS, first) if len(w) >= 2]
    words = [w for w in named if not (w.isupper() and len(w) <= 3)] or named  # "MAA. AIME"
    if not words:
        return None
    name = words[-1]
    return name if name[0].isupper() else None


def _author_year(ref: Reference, references: list[Reference]) -> re.Pattern[str] | None:
    """How the paper cites `ref` by author and year: its first author's surname as the first
    name of a citation, then within a few words its year, with the letter that tells apart
    works of one author in one year ("1998b") when the bibliography has several."""
    name = surname(ref)
    if name is None or ref.year is None:
        return None
    same = [r for r in references if r.year == ref.year and surname(r) == name]
    letter = ascii_lowercase[same.index(ref)] if len(same) > 1 and len(same) <= 26 else ""
    # "2020b" is only the second; a bare "2020" may be any of them.
    year = f"{ref.year}{letter}?" if letter else f"{ref.year}[a-z]?"
    return re.compile(
        rf"(?<!\band )(?<!& )(?<!, )\b{re.escape(name)}\b{AUTHOR_GAP}[(\[]?\b{year}\b"
    )
