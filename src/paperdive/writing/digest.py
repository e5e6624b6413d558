"""The digest plan: several papers, grouped into themed chapters by shared vocabulary."""

from __future__ import annotations

import re
from collections import Counter
from itertools import zip_longest

from paperdive.models import ChapterPlan, Notes, Outline, Paper
from paperdive.writing.plan import HOST_OVERHEAD
from paperdive.writing.sentences import PaperText
from paperdive.writing.titles import readable_title

_STOPWORDS_TEXT = (
    "a an and are as at by for from in into is of on or the to with via we our its their "
    "this that these those using based towards toward large language model models learning "
    "paper approach method methods results show propose proposed new can also which such "
    "than more most has have been be it not while both each other over between however"
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
KEYWORDS_PER_PAPER = 8
SHARED_KEYWORDS = 2  # papers sharing this many salient words are discussed together


def digest_outline(
    texts: list[PaperText], notes: list[Notes], minutes: float, words_per_minute: float
) -> Outline:
    papers = [t.paper for t in texts]
    per_paper = minutes * words_per_minute / len(papers)
    chapters = []
    for theme, members in cluster_by_theme(papers):
        beats: list[str] = []
        for paper in members:
            index = papers.index(paper)
            beats += _paper_beats(texts[index], notes[index], per_paper)
        chapters.append(
            ChapterPlan(
                title=theme,
                description="; ".join(readable_title(p) for p in members),
                beats=beats,
                word_budget=int(per_paper * len(members)),
                sections=[p.title for p in members],
            )
        )
    return Outline(
        format="digest",
        target_minutes=minutes,
        words_per_minute=words_per_minute,
        chapters=chapters,
    )


def _paper_beats(text: PaperText, notes: Notes, budget: float) -> list[str]:
    """The paper's problem, method, results and caveats, interleaved, up to its word share,
    then put back in the paper's reading order."""
    order = {s.text: s.order for s in text.sentences}
    fields = [notes.problem, notes.method, notes.results, notes.limitations + notes.threats]
    ranked = [p.text for group in zip_longest(*fields) for p in group if p and p.text in order]
    chosen, words = [], 0.0
    for text in ranked:
        if words >= budget:
            break
        chosen.append(text)
        words += HOST_OVERHEAD * len(text.split())
    return sorted(chosen, key=order.__getitem__)


def cluster_by_theme(papers: list[Paper]) -> list[tuple[str, list[Paper]]]:
    """Join papers that share salient words; name a group by them, a single paper by itself."""
    keywords = {id(p): _keywords(p) for p in papers}  # ordered: ties must break the same way
    groups: list[list[Paper]] = []
    for paper in papers:
        home = next(
            (
                g
                for g in groups
                if any(
                    len(set(keywords[id(paper)]) & set(keywords[id(o)])) >= SHARED_KEYWORDS
                    for o in g
                )
            ),
            None,
        )
        if home is None:
            groups.append([paper])
        else:
            home.append(paper)
    return [(_theme_name(group, keywords), group) for group in groups]


def _theme_name(group: list[Paper], keywords: dict[int, list[str]]) -> str:
    if len(group) == 1:
        return readable_title(group[0]).split(":")[0]
    shared = Counter(word for p in group for word in keywords[id(p)])
    common = [word for word, count in shared.most_common(4) if count > 1]
    # Shared words that stand side by side in a title read best as the title has them:
    # "routed", "block", "attention" → "Routed Block Attention".
    phrases = [run for p in group for run in _runs_of(readable_title(p), set(common))]
    if phrases:
        return f"Papers on {max(phrases, key=lambda run: len(run.split()))}"
    return f"Papers on {' and '.join(common[:2])}"


def _runs_of(title: str, words: set[str]) -> list[str]:
    """Runs of two or more consecutive title words that all belong to `words`."""
    runs, current = [], []
    for word in [*re.findall(r"[\w\-]+", title), ""]:
        if word.lower() in words:
            current.append(word)
            continue
        if len(current) >= 2:
            runs.append(" ".join(current))
        current = []
    return runs


def _keywords(paper: Paper) -> list[str]:
    text = f"{paper.title} {paper.title} {paper.abstract}".lower()
    words = [w for w in re.findall(r"[a-z][a-z\-]{2,}", text) if w not in STOPWORDS]
    return [word for word, _ in Counter(words).most_common(KEYWORDS_PER_PAPER)]
