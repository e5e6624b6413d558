"""Operating a hosted model: prompt caching, cost, --max-cost, timeouts, refusals, truncation.

Every exchange is in the provider's documented wire format, served through
httpx2.MockTransport injected into the official SDK client.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx2
import pytest
from model_fake import ScriptedModel
from pydantic import BaseModel

from paperdive.errors import LLMError
from paperdive.llm import CostLimitError, Usage, ask_structured, limit_cost
from paperdive.llm.anthropic import AnthropicLLM
from paperdive.llm.base import TIMEOUT_ENV, prices, request_timeout
from paperdive.llm.openai import OpenAILLM
from paperdive.models import Paper
from paperdive.sample import sample_pdf
from paperdive.store import EpisodeDir
from paperdive.writing import write_script

PAPER = "# A paper\n\n## 1 Introduction\n\nLong contexts are expensive. " * 50


class Answer(BaseModel):
    verdict: str


def anthropic_message(
    text: str,
    stop_reason: str = "end_turn",
    *,
    input_tokens: int = 120,
    output_tokens: int = 30,
    cache_write: int | None = None,
    cache_read: int | None = None,
) -> httpx2.Response:
    usage: dict[str, int | None] = {"input_tokens": input_tokens, "output_tokens": output_tokens}
    if cache_write is not None or cache_read is not None:
        usage |= {"cache_creation_input_tokens": cache_write, "cache_read_input_tokens": cache_read}
    return httpx2.Response(
        200,
        json={
            "id": "msg_01",
            "type": "message",
            "role": "assistant",
            "model": "claude-sonnet-5-5",
            "content": [{"type": "text", "text": text}],
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": usage,
        },
    )


def openai_completion(
    text: str | None,
    finish_reason: str = "stop",
    *,
    refusal: str | None = None,
    prompt_tokens: int = 120,
    cached: int | None = None,
) -> httpx2.Response:
    usage: dict[str, object] = {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": 30,
        "total_tokens": prompt_tokens + 30,
    }
    if cached is not None:
        usage["prompt_tokens_details"] = {"cached_tokens": cached}
    return httpx2.Response(
        200,
        json={
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1700000000,
            "model": "gpt-5-mini",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": refusal},
                    "finish_reason": finish_reason,
                }
            ],
            "usage": usage,
        },
    )


class Server:
    def __init__(self, responses: list[httpx2.Response]):
        self.responses = responses
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.responses.pop(0)

    def body(self, n: int) -> dict:
        return json.loads(self.requests[n].content)


@pytest.fixture
def anthropic(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")

    def make(responses: list[httpx2.Response], model: str = "claude-sonnet-5-5"):
        server = Server(responses)
        client = httpx2.Client(transport=httpx2.MockTransport(server))
        return AnthropicLLM(model, http_client=client, sleep=lambda s: None), server

    return make


@pytest.fixture
def openai(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")

    def make(responses: list[httpx2.Response], model: str = "gpt-5-mini"):
        server = Server(responses)
        client = httpx2.Client(transport=httpx2.MockTransport(server))
        return OpenAILLM(model, http_client=client, sleep=lambda s: None), server

    return make


# ---------------------------------------------------------------- prompt caching and cost


def test_the_paper_block_is_cached_and_its_tokens_costed(anthropic) -> None:
    llm, server = anthropic(
        [
            anthropic_message('{"verdict": "a"}', cache_write=9000),
            anthropic_message('{"verdict": "b"}', input_tokens=200, cache_read=9000),
        ]
    )
    usage = Usage()
    for prompt in ("Read the paper.", "Plan the episode."):
        ask_structured(llm, "You write a podcast.", prompt, Answer, usage=usage, document=PAPER)
    first, second = server.body(0), server.body(1)
    # The system text and the paper are the same prefix in both requests; the paper block
    # carries cache_control, and the stage's instructions and schema come after it.
    assert first["system"] == second["system"] == "You write a podcast."
    paper_block = first["messages"][0]["content"][0]
    cache = {"type": "ephemeral", "ttl": "1h"}  # read again after the chapters: an hour
    assert paper_block == {"type": "text", "text": PAPER, "cache_control": cache}
    assert second["messages"][0]["content"][0] == paper_block
    assert "JSON Schema" in first["messages"][0]["content"][1]["text"]
    assert (usage.cache_write_tokens, usage.cache_read_tokens) == (9000, 9000)
    assert (usage.input_tokens, usage.output_tokens, usage.calls) == (320, 60, 2)
    # list price: $2 in, $10 out, $4 one-hour cache write, $0.20 cache read per million tokens
    expected = (320 * 2.0 + 60 * 10.0 + 9000 * 4.0 + 9000 * 0.20) / 1e6
    assert usage.cost_usd == pytest.approx(expected)


class CachingAnthropic:
    """Anthropic's Messages API as recorded, with its prompt cache: the first request that
    sends a cacheable block writes it (cache_creation_input_tokens, split by TTL in
    cache_creation), a later one with the same system text and block reads it
    (cache_read_input_tokens); input_tokens counts only the uncached rest."""

    def __init__(self, model: ScriptedModel):
        self.model = model
        self.cached: set[tuple[str, str]] = set()

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        blocks = body["messages"][0]["content"]
        document = blocks[0]["text"] if "cache_control" in blocks[0] else None
        prompt = blocks[-1]["text"]
        reply = self.model.complete(body["system"], prompt, max_tokens=0, document=document)
        uncached = (len(body["system"]) + len(prompt)) // 4
        written = read = 0
        if document is not None:
            key = (body["system"], document)
            if key in self.cached:
                read = (len(body["system"]) + len(document)) // 4
            else:
                written = (len(body["system"]) + len(document)) // 4
                self.cached.add(key)
            uncached = len(prompt) // 4
        usage = {
            "input_tokens": uncached,
            "output_tokens": len(reply.text) // 4,
            "cache_creation_input_tokens": written,
            "cache_read_input_tokens": read,
            "cache_creation": {
                "ephemeral_5m_input_tokens": 0,
                "ephemeral_1h_input_tokens": written,
            },
            "service_tier": "standard",
        }
        return httpx2.Response(
            200,
            json={
                "id": "msg_01XFDUDYJgAACzvnptvVoYEL",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": [{"type": "text", "text": reply.text}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": usage,
            },
        )


def test_usage_json_shows_what_the_prompt_cache_saved(
    monkeypatch: pytest.MonkeyPatch, paper: Paper, episode: EpisodeDir
) -> None:
    """A whole run against recorded Anthropic replies that report cache tokens: the close
    reading writes the paper to the cache, the fact-check reads it back, and usage.json prices
    each at its own rate (model-bridge reports no cache tokens, so a live run through it
    cannot show this)."""
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
    server = CachingAnthropic(ScriptedModel(paper))
    client = httpx2.Client(transport=httpx2.MockTransport(server))
    llm = AnthropicLLM("claude-sonnet-5-5", http_client=client, sleep=lambda s: None)
    write_script([paper], episode, llm="anthropic:claude-sonnet-5-5", client=llm)
    table = json.loads(episode.file("usage.json").read_text())
    notes, review = table["notes"], table["review"]
    assert notes["cache_write_tokens"] > 1000 and notes["cache_read_tokens"] == 0
    assert review["cache_read_tokens"] == notes["cache_write_tokens"]
    assert review["cache_write_tokens"] == 0
    assert all(table[s]["cache_read_tokens"] == 0 for s in ("outline", "draft", "shownotes"))
    price = prices("anthropic", "claude-sonnet-5-5")
    for stage in table.values():
        expected = (
            stage["input_tokens"] * price.input
            + stage["output_tokens"] * price.output
            + stage["cache_write_tokens"] * price.cache_write
            + stage["cache_read_tokens"] * price.cache_read
        ) / 1e6
        assert stage["cost_usd"] == pytest.approx(expected)
    # The fact-check's paper costs a tenth of fresh input.
    saved = review["cache_read_tokens"] * (price.input - price.cache_read) / 1e6
    assert saved > review["cost_usd"] / 2


def test_a_request_without_a_document_sends_no_cache_block(anthropic) -> None:
    llm, server = anthropic([anthropic_message('{"verdict": "a"}')])
    llm.complete("s", "p", max_tokens=10)
    assert server.body(0)["messages"][0]["content"] == [{"type": "text", "text": "p"}]


def test_openai_cached_prompt_tokens_are_counted_at_their_price(openai) -> None:
    llm, server = openai([openai_completion('{"verdict": "a"}', prompt_tokens=5000, cached=4096)])
    completion = llm.complete("system", "prompt", max_tokens=100, document=PAPER)
    sent = server.body(0)["messages"]
    assert sent[0] == {"role": "system", "content": "system"}
    assert sent[1]["content"].startswith(PAPER) and sent[1]["content"].endswith("prompt")
    usage = completion.usage
    assert (usage.input_tokens, usage.cache_read_tokens) == (904, 4096)
    assert usage.cost_usd == pytest.approx((904 * 0.25 + 4096 * 0.025 + 30 * 2.0) / 1e6)


def test_a_models_own_list_price_is_used() -> None:
    assert prices("anthropic", "claude-opus-4-1").output == 75.0
    assert prices("anthropic", "claude-sonnet-4-6").output == 15.0
    assert prices("anthropic", "claude-unknown").output == 10.0  # the backend's default


# ---------------------------------------------------------------- --max-cost


def test_max_cost_stops_before_a_request_that_could_pass_it(anthropic) -> None:
    llm, server = anthropic([anthropic_message('{"verdict": "a"}', output_tokens=1000)] * 3)
    capped = limit_cost(llm, 0.12)
    usage = Usage()
    # Worst case of this request: ~100 prompt tokens at $2/M + 4,000 output tokens at $10/M
    # = about $0.04: sent. It costs 120 in + 1,000 out = $0.0102.
    ask_structured(capped, "s", "p", Answer, usage=usage, max_tokens=4000)
    assert len(server.requests) == 1
    # This one could cost up to 12,000 x $10/M = $0.12 more: 0.0102 + 0.12 > 0.12. Not sent.
    with pytest.raises(CostLimitError) as caught:
        ask_structured(capped, "s", "p", Answer, usage=usage, max_tokens=12000)
    assert len(server.requests) == 1
    message = str(caught.value)
    assert "\n" not in message and "$0.12 --max-cost" in message
    assert "stopped before a anthropic:claude-sonnet-5-5 request" in message


def test_without_a_cap_the_model_is_returned_as_is(anthropic) -> None:
    llm, _ = anthropic([])
    assert limit_cost(llm, None) is llm
    with pytest.raises(LLMError, match="positive"):
        limit_cost(llm, 0)


# ---------------------------------------------------------------- timeouts


def test_the_timeout_grows_with_the_requested_output(
    anthropic, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(TIMEOUT_ENV, raising=False)
    llm, server = anthropic([anthropic_message('{"verdict": "a"}')] * 3)
    llm.complete("s", "p", max_tokens=1000)
    llm.complete("s", "p", max_tokens=16000)
    short, long = (r.extensions["timeout"]["read"] for r in server.requests)
    assert short == request_timeout(1000) and long == request_timeout(16000)
    assert long > 600 > 120 < short  # a 16,000-token chapter gets more than ten minutes
    monkeypatch.setenv(TIMEOUT_ENV, "7200")  # a model-bridge run: a person writes each reply
    llm.complete("s", "p", max_tokens=1000)
    assert server.requests[-1].extensions["timeout"]["read"] == 7200


def test_a_bad_timeout_setting_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TIMEOUT_ENV, "soon")
    with pytest.raises(LLMError, match=f"{TIMEOUT_ENV} must be a number of seconds"):
        request_timeout(100)


def test_an_endpoint_that_never_answers_fails_in_bounded_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
    monkeypatch.setattr("paperdive.llm.anthropic.request_deadline", lambda max_tokens: 0.5)
    release = threading.Event()

    def silent(request: httpx2.Request) -> httpx2.Response:
        release.wait(10)
        return anthropic_message("{}")

    client = httpx2.Client(transport=httpx2.MockTransport(silent))
    llm = AnthropicLLM("claude-sonnet-5-5", http_client=client)
    started = time.monotonic()
    with pytest.raises(LLMError, match="gave no complete answer within") as caught:
        llm.complete("s", "p", max_tokens=10)
    release.set()
    assert time.monotonic() - started < 5 and "\n" not in str(caught.value)


# ---------------------------------------------------------------- refusals and truncation


def test_a_refusal_is_one_clear_line(anthropic, openai) -> None:
    llm, _ = anthropic([anthropic_message("I can't help with that.\nSorry.", "refusal")])
    with pytest.raises(LLMError) as caught:
        ask_structured(llm, "s", "p", Answer, usage=Usage())
    assert str(caught.value) == (
        "anthropic:claude-sonnet-5-5 refused to write this (stop_reason refusal): "
        '"I can\'t help with that. Sorry."'
    )
    llm, _ = openai([openai_completion(None, refusal="I won't summarise this paper.")])
    with pytest.raises(LLMError) as caught:
        ask_structured(llm, "s", "p", Answer, usage=Usage())
    assert str(caught.value) == (
        'openai:gpt-5-mini refused to write this (refusal): "I won\'t summarise this paper."'
    )


def test_a_cut_off_reply_is_asked_again_with_more_room(anthropic) -> None:
    llm, server = anthropic(
        [anthropic_message('{"verdict": "lo', "max_tokens"), anthropic_message('{"verdict": "ok"}')]
    )
    answer = ask_structured(llm, "s", "p", Answer, usage=Usage(), max_tokens=4000)
    assert answer.verdict == "ok"
    assert [server.body(n)["max_tokens"] for n in (0, 1)] == [4000, 8000]
    assert "cut off at the output limit" in server.body(1)["messages"][0]["content"][-1]["text"]


def test_a_reply_cut_off_every_time_is_one_clear_line(openai) -> None:
    llm, server = openai([openai_completion('{"verdict": "lo', "length")] * 3)
    with pytest.raises(LLMError) as caught:
        ask_structured(llm, "s", "p", Answer, usage=Usage(), max_tokens=4000)
    assert str(caught.value) == (
        "openai:gpt-5-mini stopped at its 16000-token output limit (length): the reply was cut off"
    )
    assert [server.body(n)["max_completion_tokens"] for n in range(3)] == [4000, 8000, 16000]


def test_an_answer_wrapped_in_words_is_still_read(anthropic) -> None:
    llm, _ = anthropic([anthropic_message('Here it is:\n{"verdict": "fine"}\nHope that helps.')])
    assert ask_structured(llm, "s", "p", Answer, usage=Usage()).verdict == "fine"


@pytest.mark.parametrize("body", [b"<html>Bad gateway</html>", b'{"id": "msg_01", "type": "mess'])
def test_a_reply_that_is_not_the_api_is_one_line(anthropic, body: bytes) -> None:
    for content_type in ("application/json", "text/html"):
        reply = httpx2.Response(200, content=body, headers={"content-type": content_type})
        llm, _ = anthropic([reply])
        with pytest.raises(LLMError, match="anthropic:claude-sonnet-5-5 at api.anthropic.com"):
            llm.complete("s", "p", max_tokens=10)


# ---------------------------------------------------------------- --max-cost, end to end


def test_a_run_stops_at_its_cost_cap_and_resumes_from_what_was_paid_for(
    anthropic, paper: Paper, episode: EpisodeDir
) -> None:
    """write_script(max_cost_usd=) refuses the request that could pass the cap; the stages
    already paid for are kept, so a rerun with a higher cap goes on from there."""
    fake = ScriptedModel(paper)

    def answer(request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        blocks = body["messages"][0]["content"]
        document = blocks[0]["text"] if len(blocks) == 2 else None
        reply = fake.complete(body["system"], blocks[-1]["text"], max_tokens=0, document=document)
        return anthropic_message(reply.text, input_tokens=3000, output_tokens=1000)

    client = httpx2.Client(transport=httpx2.MockTransport(answer))
    llm = AnthropicLLM("claude-sonnet-5-5", http_client=client, sleep=lambda s: None)
    with pytest.raises(CostLimitError, match=r"of the \$0.20 --max-cost is spent"):
        write_script(
            [paper], episode, llm="anthropic:claude-sonnet-5-5", client=llm, max_cost_usd=0.2
        )
    asked = sum(fake.calls.values())
    assert episode.has("notes") and not episode.file("script.txt").exists()
    write_script([paper], episode, llm="anthropic:claude-sonnet-5-5", client=llm, max_cost_usd=5)
    assert fake.calls["notes"] == 1 and sum(fake.calls.values()) > asked


def test_the_command_line_cap_is_one_line(tmp_path: Path) -> None:
    """`paperdive script … --max-cost 0.01`: the close reading alone could cost more, so the
    run stops before sending anything, in one line."""
    env = {**os.environ, "ANTHROPIC_API_KEY": "sk-never-used", "COLUMNS": "120"}
    env["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9"  # nothing listens: nothing may be sent
    result = subprocess.run(
        [sys.executable, "-m", "paperdive.cli", "script", str(sample_pdf())]
        + ["--llm", "anthropic:claude-sonnet-5-5", "--max-cost", "0.01"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: stopped before a anthropic:claude-sonnet-5-5 request")
    assert "$0.01 --max-cost" in line
