"""The Anthropic and OpenAI adapters against HTTP exchanges in each provider's documented format."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import httpx2
import pytest
from pydantic import BaseModel

from paperdive.errors import LLMError
from paperdive.llm import LLMSpec, Usage, ask_structured, open_llm, parse_spec
from paperdive.llm.anthropic import AnthropicLLM
from paperdive.llm.openai import OpenAILLM

SECRET = "sk-test-must-never-show"


class Answer(BaseModel):
    verdict: str
    score: float


def anthropic_reply(text: str, stop_reason: str = "end_turn") -> httpx2.Response:
    return httpx2.Response(
        200,
        json={
            "id": "msg_01",
            "type": "message",
            "role": "assistant",
            "model": "claude-test",
            "content": [{"type": "text", "text": text}],
            "stop_reason": stop_reason,
            "stop_sequence": None,
            "usage": {"input_tokens": 120, "output_tokens": 30},
        },
    )


def anthropic_error(status: int, kind: str, headers: dict[str, str] | None = None):
    body = {"type": "error", "error": {"type": kind, "message": f"{kind} happened"}}
    return httpx2.Response(status, json=body, headers=headers or {})


def openai_reply(
    text: str | None, finish_reason: str = "stop", refusal: str | None = None
) -> httpx2.Response:
    return httpx2.Response(
        200,
        json={
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1700000000,
            "model": "gpt-test",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text, "refusal": refusal},
                    "finish_reason": finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
        },
    )


def openai_error(status: int, kind: str, headers: dict[str, str] | None = None):
    body = {"error": {"message": f"{kind} happened", "type": kind, "param": None, "code": kind}}
    return httpx2.Response(status, json=body, headers=headers or {})


@dataclass
class Provider:
    key_variable: str
    make: Callable[..., object]
    reply: Callable[..., httpx2.Response]
    error: Callable[..., httpx2.Response]
    truncated_reason: str
    path: str


PROVIDERS = {
    "anthropic": Provider(
        "ANTHROPIC_API_KEY",
        lambda **kw: AnthropicLLM("claude-test", **kw),
        anthropic_reply,
        anthropic_error,
        "max_tokens",
        "/v1/messages",
    ),
    "openai": Provider(
        "OPENAI_API_KEY",
        lambda **kw: OpenAILLM("gpt-test", **kw),
        lambda text, stop=None: openai_reply(text, stop or "stop"),
        openai_error,
        "length",
        "/v1/chat/completions",
    ),
}


class Server:
    """Answers requests from a queue of responses and records what was asked."""

    def __init__(self, responses: list[httpx2.Response]):
        self.responses = responses
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        return self.responses.pop(0)


@pytest.fixture(params=sorted(PROVIDERS))
def provider(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Provider:
    chosen = PROVIDERS[request.param]
    monkeypatch.setenv(chosen.key_variable, SECRET)
    return chosen


def connect(provider: Provider, responses: list[httpx2.Response]):
    server = Server(responses)
    sleeps: list[float] = []
    client = httpx2.Client(transport=httpx2.MockTransport(server))
    return provider.make(http_client=client, sleep=sleeps.append), server, sleeps


def test_structured_answer_with_usage(provider: Provider) -> None:
    llm, server, _ = connect(provider, [provider.reply('{"verdict": "supported", "score": 0.9}')])
    usage = Usage()
    answer = ask_structured(llm, "system", "Is it supported?", Answer, usage=usage)
    assert answer == Answer(verdict="supported", score=0.9)
    assert (usage.calls, usage.input_tokens, usage.output_tokens) == (1, 120, 30)
    assert server.requests[0].url.path == provider.path
    sent = json.loads(server.requests[0].content)
    assert "Is it supported?" in json.dumps(sent["messages"])


def test_rate_limit_honours_retry_after(provider: Provider) -> None:
    responses = [
        provider.error(429, "rate_limit_error", {"retry-after": "7"}),
        provider.error(500, "api_error"),
        provider.reply('{"verdict": "ok", "score": 1}'),
    ]
    llm, server, sleeps = connect(provider, responses)
    ask_structured(llm, "s", "p", Answer, usage=Usage())
    assert len(server.requests) == 3
    assert sleeps[0] == 7.0 and 0 < sleeps[1] <= 30


def test_a_timeout_is_retried(provider: Provider) -> None:
    answers = iter([None, provider.reply('{"verdict": "ok", "score": 1}')])

    def slow_then_fine(request: httpx2.Request) -> httpx2.Response:
        answer = next(answers)
        if answer is None:
            raise httpx2.ReadTimeout("timed out", request=request)
        return answer

    client = httpx2.Client(transport=httpx2.MockTransport(slow_then_fine))
    sleeps: list[float] = []
    llm = provider.make(http_client=client, sleep=sleeps.append)
    assert llm.complete("s", "p", max_tokens=10).text.startswith("{")
    assert len(sleeps) == 1


def test_persistent_server_errors_give_up_with_one_line(provider: Provider) -> None:
    llm, server, _ = connect(provider, [provider.error(503, "overloaded_error")] * 5)
    with pytest.raises(LLMError, match=r"HTTP 503 \(gave up after 5 attempts\)") as caught:
        llm.complete("s", "p", max_tokens=10)
    assert "\n" not in str(caught.value)


def test_rejected_key_is_named_but_never_shown(provider: Provider) -> None:
    llm, _, _ = connect(provider, [provider.error(401, "authentication_error")])
    with pytest.raises(LLMError, match=f"{provider.key_variable} was rejected") as caught:
        llm.complete("s", "p", max_tokens=10)
    assert SECRET not in str(caught.value)


def test_missing_key_is_one_clear_line(provider: Provider, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(provider.key_variable)
    with pytest.raises(LLMError, match=f"^{provider.key_variable} is not set"):
        provider.make()


def test_truncated_json_is_asked_again(provider: Provider) -> None:
    responses = [
        provider.reply('{"verdict": "supp', provider.truncated_reason),
        provider.reply('```json\n{"verdict": "supported", "score": 0.5}\n```'),
    ]
    llm, server, _ = connect(provider, responses)
    answer = ask_structured(llm, "s", "p", Answer, usage=Usage())
    assert answer.score == 0.5
    assert "cut off at the output limit" in json.dumps(json.loads(server.requests[1].content))


def test_invalid_json_every_time_is_an_error(provider: Provider) -> None:
    llm, _, _ = connect(provider, [provider.reply("I think it is fine.")] * 3)
    with pytest.raises(LLMError, match="returned invalid JSON 3 times"):
        ask_structured(llm, "s", "p", Answer, usage=Usage())


def test_a_refusal_is_an_error() -> None:
    for name, reply in [
        ("anthropic", anthropic_reply("", "refusal")),
        ("openai", openai_reply(None, "stop", refusal="I can't help with that.")),
    ]:
        provider = PROVIDERS[name]
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(provider.key_variable, SECRET)
            llm, _, _ = connect(provider, [reply])
            with pytest.raises(LLMError, match="refused"):
                llm.complete("s", "p", max_tokens=10)


def test_context_overflow_is_reported_not_truncated(provider: Provider) -> None:
    llm, _, _ = connect(provider, [provider.error(400, "invalid_request_error")])
    with pytest.raises(LLMError, match="HTTP 400: invalid_request_error happened"):
        llm.complete("s", "p", max_tokens=10)


def test_openai_compatible_server_needs_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    server = Server([openai_reply('{"verdict": "ok", "score": 1}')])
    client = httpx2.Client(transport=httpx2.MockTransport(server))
    llm = open_llm(
        parse_spec("openai-compatible:qwen@http://localhost:8080/v1"), http_client=client
    )
    assert llm.name == "openai-compatible:qwen"
    llm.complete("s", "p", max_tokens=10)
    assert str(server.requests[0].url) == "http://localhost:8080/v1/chat/completions"
    assert json.loads(server.requests[0].content)["max_tokens"] == 10


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        ("extractive", LLMSpec("extractive")),
        ("anthropic", LLMSpec("anthropic")),
        ("anthropic:claude-x", LLMSpec("anthropic", "claude-x")),
        ("openai-compatible:m@https://h/v1", LLMSpec("openai-compatible", "m", "https://h/v1")),
        ("local:/models/a.gguf", LLMSpec("local", "/models/a.gguf")),
    ],
)
def test_spec_strings(spec: str, parsed: LLMSpec) -> None:
    assert parse_spec(spec) == parsed


@pytest.mark.parametrize("spec", ["gpt4", "extractive:x", "openai-compatible:m", "local:model.bin"])
def test_bad_spec_strings_are_refused(spec: str) -> None:
    with pytest.raises(LLMError):
        parse_spec(spec)
