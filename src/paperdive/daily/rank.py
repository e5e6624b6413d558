"""Rank a day's listing for the show, offline.

`tfidf-svm` is arxiv-sanity-lite's recommender: TF-IDF over titles and abstracts (unigrams and
bigrams, sublinear term frequency, English stop words), and a linear SVM with balanced class
weights trained with the show's positives (its topic description, its example papers, the
papers of its past episodes) against the day's listing; each listed paper's score is its
signed distance to the separating plane. The SVM's weights say why: a paper's reasons are the
terms that add most to its score.

`minilm-cosine` scores a paper by its sentence embedding's cosine to the nearest positive
(minilm.py); its reason names that positive. The default, `hybrid`, fuses the two by
reciprocal rank; on the two hand-labelled days (bench/daily_rank.py) it ranks better than
either alone. When the embedding model cannot load, `rank_papers` falls back to tfidf-svm.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np
from pydantic import BaseModel

from paperdive.daily.listing import ListedPaper
from paperdive.errors import PaperdiveError

if TYPE_CHECKING:
    from paperdive.daily.minilm import MiniLM

SVM_C = 0.1  # arxiv-sanity-lite's value for its daily recommendation e-mails
REASON_TERMS = 4
MIN_DOCS_FOR_MAX_DF = 20
RRF_K = 60  # reciprocal rank fusion's constant (Cormack, Clarke and Büttcher, SIGIR 2009)


class Positive(BaseModel):
    """A text the show wants more of."""

    kind: Literal["topics", "example", "episode"]
    title: str
    text: str
    arxiv_id: str | None = None


@dataclass
class Ranked:
    paper: ListedPaper
    score: float
    reasons: list[str] = field(default_factory=list)
    note: str | None = None  # the editor's one line, when a model re-ranked the top


class Ranker(Protocol):
    name: str

    def rank(self, papers: Sequence[ListedPaper], positives: Sequence[Positive]) -> list[Ranked]:
        """The papers, best first, each with a score and its reasons."""
        ...


def _check(positives: Sequence[Positive]) -> None:
    if not positives:
        raise PaperdiveError(
            "nothing to rank against: set [show] topics (a few sentences) or [show] examples"
        )


def _svm_scores(features: object, n_listed: int, n_positive: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.svm import LinearSVC

    labels = np.r_[np.zeros(n_listed), np.ones(n_positive)]
    svm = LinearSVC(class_weight="balanced", C=SVM_C, tol=1e-6, max_iter=10_000)
    svm.fit(features, labels)
    weights = np.asarray(svm.coef_[0])
    scores = np.asarray(svm.decision_function(features))[:n_listed]
    return scores, weights


class TfidfSvmRanker:
    """arxiv-sanity-lite: a linear SVM over TF-IDF of titles and abstracts."""

    name = "tfidf-svm"

    def rank(self, papers: Sequence[ListedPaper], positives: Sequence[Positive]) -> list[Ranked]:
        from sklearn.feature_extraction.text import TfidfVectorizer

        _check(positives)
        if not papers:
            return []
        documents = [p.text for p in papers] + [p.text for p in positives]
        vectorizer = TfidfVectorizer(
            strip_accents="unicode",
            lowercase=True,
            stop_words="english",
            token_pattern=r"(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b",
            ngram_range=(1, 2),
            sublinear_tf=True,
            # drop words in most documents ("model", "propose"), as arxiv-sanity-lite does; in
            # a handful of documents that would drop the very words they share, so keep all
            max_df=0.5 if len(documents) >= MIN_DOCS_FOR_MAX_DF else 1.0,
            min_df=1,
        )
        features = vectorizer.fit_transform(documents)
        scores, weights = _svm_scores(features, len(papers), len(positives))
        vocabulary = vectorizer.get_feature_names_out()
        listed = features[: len(papers)].tocsr()
        ranked = []
        for row, (paper, score) in enumerate(zip(papers, scores, strict=True)):
            start, end = listed.indptr[row], listed.indptr[row + 1]
            columns = listed.indices[start:end]
            gains = listed.data[start:end] * weights[columns]
            best = np.argsort(-gains)[:REASON_TERMS]
            reasons = [str(vocabulary[columns[i]]) for i in best if gains[i] > 0]
            ranked.append(Ranked(paper, float(score), reasons))
        return sorted(ranked, key=lambda r: -r.score)


class MiniLMRanker:
    """Sentence embeddings (all-MiniLM-L6-v2, minilm.py), scored by a linear SVM over the
    vectors or by the cosine to the nearest positive."""

    def __init__(self, scoring: Literal["svm", "cosine"], encoder: MiniLM) -> None:
        self.scoring = scoring
        self.name = f"minilm-{scoring}"
        self.encoder = encoder

    def rank(self, papers: Sequence[ListedPaper], positives: Sequence[Positive]) -> list[Ranked]:
        _check(positives)
        if not papers:
            return []
        vectors = self.encoder.encode([p.text for p in papers] + [p.text for p in positives])
        listed, liked = vectors[: len(papers)], vectors[len(papers) :]
        similarity = listed @ liked.T  # unit vectors: cosine
        if self.scoring == "svm":
            scores, _ = _svm_scores(vectors, len(papers), len(positives))
        else:
            scores = similarity.max(axis=1)
        ranked = []
        for paper, score, row in zip(papers, scores, similarity, strict=True):
            nearest = int(np.argmax(row))
            reason = nearest_reason(positives[nearest], float(row[nearest]))
            ranked.append(Ranked(paper, float(score), [reason]))
        return sorted(ranked, key=lambda r: -r.score)


def nearest_reason(positive: Positive, similarity: float) -> str:
    """Why an embedding ranked a paper: the liked text nearest to it, and how near."""
    title = positive.title if len(positive.title) <= 60 else positive.title[:59] + "…"
    if positive.kind == "topics":
        return f"near the show's topics ({similarity:.2f})"
    what = "example" if positive.kind == "example" else "past episode"
    return f"near {what} “{title}” ({similarity:.2f})"


class HybridRanker:
    """Reciprocal rank fusion of tfidf-svm and minilm-cosine: each paper scores
    1/(k + its rank) in each ranking, summed, with the constant k = 60 of Cormack, Clarke and
    Büttcher (2009) and equal weights, chosen before the labelled days were scored. Words the
    show's texts use and closeness in meaning to one of them are different evidence; a paper
    both rank high is a safer pick than one only either does. Its reasons are both rankers'."""

    name = "hybrid"

    def __init__(self, encoder: MiniLM) -> None:
        self.rankers: tuple[Ranker, Ranker] = (TfidfSvmRanker(), MiniLMRanker("cosine", encoder))

    def rank(self, papers: Sequence[ListedPaper], positives: Sequence[Positive]) -> list[Ranked]:
        _check(positives)
        fused: dict[str, Ranked] = {}
        for ranker in self.rankers:
            for place, item in enumerate(ranker.rank(papers, positives), start=1):
                key = item.paper.arxiv_id
                share = 1.0 / (RRF_K + place)
                if key in fused:
                    fused[key].score += share
                    fused[key].reasons += item.reasons
                else:
                    fused[key] = Ranked(item.paper, share, list(item.reasons))
        return sorted(fused.values(), key=lambda r: -r.score)


RANKERS = ("hybrid", "tfidf-svm", "minilm-svm", "minilm-cosine")
DEFAULT_RANKER = "hybrid"
FALLBACK_RANKER = "tfidf-svm"


def open_ranker(name: str = DEFAULT_RANKER, encoder: MiniLM | None = None) -> Ranker:
    """The named ranker; EmbeddingUnavailable when it needs the MiniLM model and that can't
    load. Rankers given one `encoder` share its memo of embedded texts."""
    if name == "tfidf-svm":
        return TfidfSvmRanker()
    if name not in RANKERS:
        raise PaperdiveError(f"unknown ranker {name!r}: use one of {', '.join(RANKERS)}")
    from paperdive.daily.minilm import MiniLM

    encoder = encoder or MiniLM.load()
    if name == "hybrid":
        return HybridRanker(encoder)
    return MiniLMRanker("svm" if name == "minilm-svm" else "cosine", encoder)


def rank_papers(
    name: str,
    papers: Sequence[ListedPaper],
    positives: Sequence[Positive],
    report: Callable[[str], None],
) -> tuple[str, list[Ranked]]:
    """(the ranker that ranked, the ranking): the named ranker, or tfidf-svm when the
    embedding model cannot load or run (said in one line through `report`)."""
    from paperdive.daily.minilm import EmbeddingUnavailable

    try:
        ranker = open_ranker(name)
        return ranker.name, ranker.rank(papers, positives)
    except EmbeddingUnavailable as exc:
        report(f"{exc}; ranking with {FALLBACK_RANKER} instead")
    return FALLBACK_RANKER, TfidfSvmRanker().rank(papers, positives)
