"""The stages on a text model: free writing, still checked against the paper."""

from __future__ import annotations

import json

import httpx2
import pytest
from write_helpers import FakeLLM

from paperdive.errors import LLMError
from paperdive.llm.openai import OpenAILLM
from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.model_stages import chunk_text


def test_model_written_script_is_checked_and_revised(paper: Paper, episode: EpisodeDir) -> None:
    written = write_script([paper], episode, llm="anthropic:fake", client=FakeLLM(paper))
    text = " ".join(t.text for t in written.script.turns)
    assert "12.5x" not in text and "cheaper to run at long context lengths" in text
    assert [(i.text, i.status) for i in written.review.items if i.text == "12.5x"] == [
        ("12.5x", "revised")
    ]
    assert written.script.models == ["fake:model"]
    assert written.shownotes.title == "Let the model pick what to read"
    assert "written by fake:model" in written.shownotes.disclosure
    assert [c.title for c in written.script.chapters] == ["Why long contexts hurt", "Routing"]
    # The fake plans 60 + 60 words; budgets are scaled to the 25-minute target.
    assert sum(c.word_budget for c in written.outline.chapters) == 25 * 150


def test_usage_is_recorded_per_stage(paper: Paper, episode: EpisodeDir) -> None:
    write_script([paper], episode, llm="anthropic:fake", client=FakeLLM(paper))
    usage = json.loads(episode.file("usage.json").read_text())
    # Two chapters, each asked once more because the fake writes far below its budget.
    assert usage["draft"]["calls"] == 4 and usage["notes"]["calls"] == 1
    assert usage["draft"]["input_tokens"] > 0 and usage["draft"]["cost_usd"] > 0


def test_critic_flags_become_review_items(paper: Paper, episode: EpisodeDir) -> None:
    class Critic(FakeLLM):
        def _answer(self, prompt: str) -> dict:
            if prompt.startswith("You are checking"):
                return {"flags": [{"turn": 1, "claim": "quadratically", "reason": "overstated"}]}
            return super()._answer(prompt)

    review = write_script([paper], episode, llm="openai:fake", client=Critic(paper)).review
    claims = [i for i in review.items if i.kind == "claim"]
    assert [(c.turn, c.note) for c in claims] == [(1, "overstated")]
    assert claims[0].status in ("revised", "cut")


def test_malformed_replies_fail_the_stage_without_saving_it(
    paper: Paper, episode: EpisodeDir
) -> None:
    fake = FakeLLM(paper, replies=["not json", "{", "still not json"])
    with pytest.raises(LLMError, match="invalid JSON 3 times"):
        write_script([paper], episode, llm="openai:fake", client=fake)
    assert not episode.has("notes") and not episode.file("script.txt").exists()


def test_a_long_paper_is_chunked_not_truncated(paper: Paper) -> None:
    chunks = chunk_text(paper, 400)
    assert len(chunks) > 5 and all(len(c) <= 400 for c in chunks)
    joined = " ".join(chunks)
    for sentence in ("6.5x faster than full attention", "learned block boundaries"):
        assert sentence in joined


def test_each_chunk_gets_its_own_reading(paper: Paper, episode: EpisodeDir) -> None:
    fake = FakeLLM(paper)
    fake.context_chars = 1500
    written = write_script([paper], episode, llm="openai:fake", client=fake)
    reads = fake.calls["Make close-reading"]
    assert reads == len(chunk_text(paper, 1500)) > 1
    assert len(written.notes.problem) == reads


def test_whole_pipeline_over_the_openai_wire_format(
    paper: Paper, episode: EpisodeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    fake = FakeLLM(paper)

    def server(request: httpx2.Request) -> httpx2.Response:
        prompt = json.loads(request.content)["messages"][-1]["content"]
        completion = fake.complete("", prompt, max_tokens=0)
        return httpx2.Response(
            200,
            json={
                "id": "c",
                "object": "chat.completion",
                "created": 0,
                "model": "gpt-test",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": completion.text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
            },
        )

    client = OpenAILLM(
        "gpt-test", http_client=httpx2.Client(transport=httpx2.MockTransport(server))
    )
    written = write_script([paper], episode, llm="openai:gpt-test", client=client)
    assert written.script.models == ["openai:gpt-test"]
    assert written.review.count("number", "grounded") >= 1
    usage = json.loads(episode.file("usage.json").read_text())
    assert usage["notes"]["input_tokens"] == 100 and usage["notes"]["cost_usd"] > 0
