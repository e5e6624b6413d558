"""The ranking and the editor: the real TF-IDF SVM on real announcement days, a fake model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from daily_helpers import OFF_TOPIC, ON_TOPIC

from paperdive.config import DEFAULT_TOPICS
from paperdive.daily.editor import rerank, rerank_or_keep
from paperdive.daily.listing import ListedPaper
from paperdive.daily.rank import Positive, Ranked, TfidfSvmRanker
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


def test_no_positives_is_a_clear_error() -> None:
    with pytest.raises(PaperdiveError, match="topics"):
        TfidfSvmRanker().rank([paper(1, "x")], [])


def test_on_a_real_labelled_day_most_of_the_top_five_are_on_topic(shared_dir: Path) -> None:
    listing = shared_dir / "arxiv" / "listings" / "13-Jan-2025.jsonl"
    if not listing.is_file():
        pytest.skip("the shared listings are absent")
    papers = [ListedPaper(**json.loads(line)) for line in listing.read_text().splitlines()]
    labels = json.loads(LABELS.read_text())["days"]["13-Jan-2025"]
    ranked = TfidfSvmRanker().rank(papers, [TOPICS])
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
