"""The digest plan: many papers, grouped into themes, ordered by theme, linked to each other.

Thirty papers must fit, so nothing here reads more than each paper's notes: per-paper notes
first (read.py, one paper at a time), then this plan over the notes, then the chapters. The
themes are clusters over TF-IDF of each paper's title, abstract and notes (cosine, average
linkage, about four papers a theme), named by the terms their members share most. Links
between papers are found in what ingest read: shared authors, and one paper citing another
by arXiv id or by title (digest_links.py); the script says them aloud.
"""

from __future__ import annotations

import math
import re
from itertools import zip_longest

import numpy as np

from paperdive.models import ChapterPlan, Notes, Outline, Paper
from paperdive.writing.plan import HOST_OVERHEAD
from paperdive.writing.sentences import PaperText
from paperdive.writing.titles import readable_title

PAPERS_PER_THEME = 4
MAX_THEMES = 8
THEME_TERMS = 2
MIN_KINSHIP = 0.05  # cosine of TF-IDF: below it, two papers share no more than chance words
_GENERIC_WORDS = (
    "paper papers model models method methods approach results propose proposed performance "
    "task tasks data training based using use new large language learning work show shows "
    "existing state art achieve achieves significantly different improve improves"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


def digest_outline(
    texts: list[PaperText], notes: list[Notes], minutes: float, words_per_minute: float
) -> Outline:
    papers = [t.paper for t in texts]
    per_paper = minutes * words_per_minute / len(papers)
    chapters = []
    for theme in plan_themes(papers, notes):
        beats: list[str] = []
        for index in theme.members:
            beats += _paper_beats(texts[index], notes[index], per_paper)
        chapters.append(
            ChapterPlan(
                title=theme.name,
                description="; ".join(readable_title(papers[i]) for i in theme.members),
                beats=beats,
                word_budget=int(per_paper * len(theme.members)),
                sections=[papers[i].title for i in theme.members],
            )
        )
    return Outline(
        format="digest",
        target_minutes=minutes,
        words_per_minute=words_per_minute,
        chapters=chapters,
    )


class Theme:
    def __init__(self, name: str, members: list[int], terms: list[str]) -> None:
        self.name = name
        self.members = members  # indexes into the digest's papers, most central first
        self.terms = terms

    def __repr__(self) -> str:
        return f"Theme({self.name!r}, {self.members})"


def _paper_beats(text: PaperText, notes: Notes, budget: float) -> list[str]:
    """The paper's main finding first, then its problem, method and caveats, interleaved,
    up to its word share."""
    order = {s.text: s.order for s in text.sentences}
    fields = [notes.results, notes.problem, notes.method, notes.limitations + notes.threats]
    ranked = [p.text for group in zip_longest(*fields) for p in group if p and p.text in order]
    chosen, words = [], 0.0
    for sentence in dict.fromkeys(ranked):
        if words >= budget and chosen:
            break
        chosen.append(sentence)
        words += HOST_OVERHEAD * len(sentence.split())
    # the finding leads; the rest follows the paper's reading order
    return chosen[:1] + sorted(chosen[1:], key=order.__getitem__)


def _document(paper: Paper, notes: Notes | None) -> str:
    parts = [paper.title, paper.title, paper.abstract]
    if notes is not None:
        for field in (notes.problem, notes.method, notes.results):
            parts += [p.text for p in field]
    return " ".join(parts)


def theme_count(papers: int) -> int:
    return max(1, min(MAX_THEMES, math.ceil(papers / PAPERS_PER_THEME)))


def plan_themes(papers: list[Paper], notes: list[Notes] | None = None) -> list[Theme]:
    """Themes over the papers, biggest first; papers in a theme, most central first."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(papers) == 1:
        return [Theme(readable_title(papers[0]).split(":")[0], [0], [])]
    documents = [_document(p, notes[i] if notes else None) for i, p in enumerate(papers)]
    vectorizer = TfidfVectorizer(
        stop_words=sorted(_GENERIC | _english()),
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9\-]+\b",
        ngram_range=(1, 2),
        sublinear_tf=True,
        max_df=0.6 if len(papers) >= 6 else 1.0,
    )
    matrix = vectorizer.fit_transform(documents).toarray()
    terms = vectorizer.get_feature_names_out()
    k = theme_count(len(papers))
    if k == 1 or not matrix.any():
        labels = np.zeros(len(papers), dtype=int)
    else:
        clustering = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average")
        labels = clustering.fit_predict(matrix + 1e-9)  # a zero row has no cosine
    labels = _set_apart_strangers(matrix, labels)
    themes = []
    for label in dict.fromkeys(labels.tolist()):
        members = [i for i in range(len(papers)) if labels[i] == label]
        centroid = matrix[members].mean(axis=0)
        members.sort(key=lambda i: -float(matrix[i] @ centroid))
        words = _shared_terms(matrix[members], terms)
        themes.append(Theme(_theme_name(words, [papers[i] for i in members]), members, words))
    themes.sort(key=lambda t: (-len(t.members), t.members[0]))
    return themes


def _set_apart_strangers(matrix: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """A paper that shares (almost) no words with the rest of its cluster gets its own theme:
    a theme of unrelated papers is no theme."""
    labels = labels.copy()
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit = matrix / np.where(norms == 0, 1, norms)
    for i in range(len(labels)):
        mates = [j for j in range(len(labels)) if j != i and labels[j] == labels[i]]
        if mates and max(float(unit[i] @ unit[j]) for j in mates) < MIN_KINSHIP:
            labels[i] = labels.max() + 1
    return labels


def _english() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _shared_terms(rows: np.ndarray, terms: np.ndarray) -> list[str]:
    """The cluster's strongest terms that more than one member uses (all, for a singleton)."""
    present = (rows > 0).sum(axis=0)
    # strong in the members, and in as many of them as possible: a theme is not one paper's
    weight = rows.sum(axis=0) * present / len(rows) * (present >= min(2, len(rows)))
    # a shared phrase names a theme better than its words side by side ("neural networks")
    weight = weight * np.array([2.0 if " " in t else 1.0 for t in terms])
    ranked = [str(terms[i]) for i in np.argsort(-weight) if weight[i] > 0]
    chosen: list[str] = []
    for term in ranked:  # "mixture experts" makes "experts" redundant
        if any(term in c.split() or c in term.split() for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) == THEME_TERMS:
            break
    return chosen


def _theme_name(words: list[str], members: list[Paper]) -> str:
    if len(members) == 1:  # a theme of one is its paper
        return readable_title(members[0]).split(":")[0]
    if not words:
        return "More papers"
    if len(words) == 2 and " " not in "".join(words):
        for pair in (f"{words[0]} {words[1]}", f"{words[1]} {words[0]}"):
            found = _as_in_titles(pair, members, plural=True)
            if found != pair:  # the two words stand together in a member: say them so
                return found[:1].upper() + found[1:]
    phrases = [_as_in_titles(w, members) for w in words]
    return " and ".join(phrases)[:1].upper() + " and ".join(phrases)[1:]


def _as_in_titles(term: str, members: list[Paper], *, plural: bool = False) -> str:
    """A term written as a member's title or abstract writes it ("KV cache", "RL")."""
    ending = r"s?\b" if plural else r"\b"
    pattern = re.compile(r"\b" + r"[\s\-]+".join(map(re.escape, term.split())) + ending, re.I)
    for paper in members:
        for text in (paper.title, paper.abstract):
            found = pattern.search(text)
            if found:
                return found.group(0)
    return term
