"""The digest plan: many papers, grouped into themes, ordered by theme, linked to each other.

Thirty papers must fit, so nothing here reads more than each paper's notes: per-paper notes
first (read.py, one paper at a time), then this plan over the notes, then the chapters. The
themes are clusters over TF-IDF of each paper's title, abstract and notes (Ward linkage on
unit vectors, about four papers a theme, at most eight themes), named by the phrases their
members share and the rest of the collection does not use (digest_names.py). Links between
papers are found in what ingest read: shared authors, and one paper citing another by arXiv
id or by title (digest_links.py); the script says them aloud.
"""

from __future__ import annotations

import math
import re
from itertools import zip_longest

import numpy as np

from paperdive.models import ChapterPlan, NotePoint, Notes, Outline, Paper
from paperdive.writing.digest_names import (
    GENERIC,
    capitalised,
    english_stop_words,
    short_name,
    spelled_count,
    theme_name,
)
from paperdive.writing.plan import HOST_OVERHEAD
from paperdive.writing.sentences import PaperText, numbers_in
from paperdive.writing.titles import readable_title

PAPERS_PER_THEME = 4
MAX_THEMES = 8
MORE_PAPERS = "More new papers"
MORE = "more"  # how titles and hooks name that round-up
# A finding that hedges, or leans on the sentence before it, is no finding to lead with.
HEDGE = re.compile(r"\b(?:suggests?|may|might|could|appears?|seems?)\b", re.IGNORECASE)
LEANS = re.compile(r"^(?:this|these|that|those|it|they|such|however|also|moreover)\b", re.I)
MIN_KINSHIP = 0.05  # cosine of TF-IDF: below it, two papers share no more than chance words


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
                description=_members(papers, theme.members),
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


def _members(papers: list[Paper], members: list[int]) -> str:
    """A theme's chapter in the show notes, as a whole sentence: "Four papers: DeepSeek-V2,
    MoBA, Kimi k1.5 and DeepSeek-Coder-V2." or the one paper's title."""
    if len(members) == 1:
        title = readable_title(papers[members[0]])
        return title if title.endswith(("?", "!", ".")) else f"{title}."
    names = [short_name(papers[i]) for i in members]
    joined = ", ".join(names[:-1]) + " and " + names[-1]
    return f"{capitalised(spelled_count(len(names)))} papers: {joined}."


class Theme:
    def __init__(self, name: str, members: list[int], terms: list[str]) -> None:
        self.name = name
        self.members = members  # indexes into the digest's papers, most central first
        self.terms = terms  # the shared phrases the name is made of ([] for a paper's name)

    @property
    def head(self) -> str:
        """The theme in a few words: its leading phrase, or its name ("more" for the round-up
        of papers that share no theme)."""
        if self.name == MORE_PAPERS:
            return MORE
        return self.terms[0] if self.terms else self.name

    def __repr__(self) -> str:
        return f"Theme({self.name!r}, {self.members})"


def lead_finding(notes: Notes) -> NotePoint | None:
    """What a paper is heard for: its first result that carries a number and stands on its
    own (no hedge, not leaning on the sentence before), else its first measured result, else
    its first result, else what it does, else its problem."""
    measured = [p for p in notes.results if numbers_in(p.text)]
    firm = [p for p in measured if not HEDGE.search(p.text) and not LEANS.match(p.text)]
    for field in (firm, measured, notes.results, notes.method, notes.problem):
        if field:
            return field[0]
    return None


def _paper_beats(text: PaperText, notes: Notes, budget: float) -> list[str]:
    """The paper's lead finding first, then its problem, method and caveats, interleaved,
    up to its word share."""
    order = {s.text: s.order for s in text.sentences}
    fields = [notes.results, notes.problem, notes.method, notes.limitations + notes.threats]
    ranked = [p.text for group in zip_longest(*fields) for p in group if p and p.text in order]
    lead = lead_finding(notes)
    if lead is not None and lead.text in order:
        ranked.insert(0, lead.text)
    chosen: list[str] = []
    words = 0.0
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
        return [Theme(short_name(papers[0]), [0], [])]
    documents = [_document(p, notes[i] if notes else None) for i, p in enumerate(papers)]
    vectorizer = TfidfVectorizer(
        stop_words=sorted(GENERIC | english_stop_words()),
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9\-]+\b",
        ngram_range=(1, 2),
        sublinear_tf=True,
        max_df=0.6 if len(papers) >= 6 else 1.0,
    )
    matrix = vectorizer.fit_transform(documents).toarray()
    k = theme_count(len(papers))
    if k == 1 or not matrix.any():
        labels = np.zeros(len(papers), dtype=int)
    else:
        # Ward linkage on unit-length rows (spherical k-means' objective): average linkage
        # chained thirty mixed papers into one big cluster and singletons
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        unit = matrix / np.where(norms == 0, 1, norms)
        labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(unit)
    labels = _set_apart_strangers(matrix, labels)
    themes = []
    for label in dict.fromkeys(labels.tolist()):
        members = [i for i in range(len(papers)) if labels[i] == label]
        centroid = matrix[members].mean(axis=0)
        members.sort(key=lambda i: -float(matrix[i] @ centroid))
        others = [p for i, p in enumerate(papers) if i not in members]
        name, words = theme_name([papers[i] for i in members], others)
        themes.append(Theme(name, members, words))
    themes.sort(key=lambda t: (-len(t.members), t.members[0]))
    return _within_limit(themes)


def _within_limit(themes: list[Theme]) -> list[Theme]:
    """At most MAX_THEMES chapters: past that, the papers that share a theme with no other
    (and the smallest themes, if still too many) are heard together as one last round-up."""
    if len(themes) <= MAX_THEMES:
        return themes
    kept = [t for t in themes if len(t.members) > 1][: MAX_THEMES - 1]
    rest = [i for theme in themes if theme not in kept for i in theme.members]
    return [*kept, Theme(MORE_PAPERS, rest, [])]


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
