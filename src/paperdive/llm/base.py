"""The one protocol every text model sits behind, and the structured-output loop over it."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from paperdive.errors import LLMError

M = TypeVar("M", bound=BaseModel)

REQUEST_TIMEOUT_S = 120.0
MAX_ATTEMPTS = 5
MAX_REASKS = 2


@dataclass
class Usage:
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cost_usd += other.cost_usd


@dataclass
class Completion:
    text: str
    usage: Usage
    truncated: bool = False  # the model stopped at its output-token limit


class LLM(Protocol):
    """A text model: one prompt in, one completion out. Backends raise LLMError."""

    name: str  # "anthropic:claude-…", shown in the episode's disclosure
    context_chars: int  # how much paper text one request may carry

    def complete(self, system: str, prompt: str, *, max_tokens: int) -> Completion: ...


@cache
def backend_defaults(backend: str) -> dict[str, Any]:
    table = tomllib.loads(files("paperdive.llm").joinpath("models.toml").read_text("utf-8"))
    return table.get(backend, {})


def price(backend: str, input_tokens: int, output_tokens: int) -> float:
    defaults = backend_defaults(backend)
    per_million = input_tokens * defaults.get("price_in", 0.0)
    per_million += output_tokens * defaults.get("price_out", 0.0)
    return per_million / 1_000_000


class TransientError(Exception):
    """A failure worth retrying (429, 5xx, timeout); carries the server's retry-after."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


def _wait_honouring_retry_after(state: RetryCallState) -> float:
    exc = state.outcome.exception() if state.outcome else None
    if isinstance(exc, TransientError) and exc.retry_after is not None:
        return min(exc.retry_after, 60.0)
    return wait_exponential_jitter(initial=1, max=30)(state)


def with_retries(call: Callable[[], Completion], sleep: Callable[[float], None]) -> Completion:
    """Run `call`, retrying transient failures with backoff; the last one becomes an LLMError."""
    retrying = Retrying(
        retry=retry_if_exception(lambda e: isinstance(e, TransientError)),
        stop=stop_after_attempt(MAX_ATTEMPTS),
        wait=_wait_honouring_retry_after,
        sleep=sleep,
        reraise=True,
    )
    try:
        return retrying(call)
    except TransientError as exc:
        raise LLMError(f"{exc} (gave up after {MAX_ATTEMPTS} attempts)") from None


def parse_retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


@contextmanager
def sdk_errors(sdk: Any, name: str, key_variable: str) -> Iterator[None]:
    """Map an `anthropic` or `openai` SDK error (same class names) to TransientError/LLMError."""
    try:
        yield
    except (sdk.RateLimitError, sdk.InternalServerError) as exc:
        retry_after = parse_retry_after(exc.response.headers.get("retry-after"))
        raise TransientError(f"{name}: HTTP {exc.status_code}", retry_after) from None
    except (sdk.APITimeoutError, sdk.APIConnectionError) as exc:
        raise TransientError(f"{name}: {type(exc).__name__}") from None
    except sdk.AuthenticationError:
        raise LLMError(f"{name}: {key_variable} was rejected (HTTP 401)") from None
    except sdk.APIStatusError as exc:
        raise LLMError(f"{name}: HTTP {exc.status_code}: {_error_message(exc.body)}") from None


def _error_message(body: object) -> str:
    """The first line of the server's error message, whether wrapped in {"error": …} or not."""
    fields = body if isinstance(body, dict) else {}
    error = fields.get("error", fields)
    if not isinstance(error, dict):
        error = {}
    return str(error.get("message", "request failed")).splitlines()[0]


def _extract_json(text: str) -> str:
    """The JSON object in a reply, without the Markdown fence some models wrap it in."""
    stripped = text.strip()
    if stripped.startswith("```"):
        stripped = stripped.split("\n", 1)[-1].rsplit("```", 1)[0]
    return stripped.strip()


def ask_structured(
    llm: LLM,
    system: str,
    prompt: str,
    schema: type[M],
    *,
    usage: Usage,
    max_tokens: int = 8000,
) -> M:
    """Ask for a JSON object matching `schema`; re-ask with the validation error when invalid."""
    instructions = (
        f"{system}\n\nReply with one JSON object and nothing else. Its JSON Schema:\n"
        f"{json.dumps(schema.model_json_schema())}"
    )
    request = prompt
    for attempt in range(MAX_REASKS + 1):
        completion = llm.complete(instructions, request, max_tokens=max_tokens)
        usage.add(completion.usage)
        try:
            return schema.model_validate_json(_extract_json(completion.text))
        except ValidationError as exc:
            problem = (
                "was cut off at the output limit; answer more briefly"
                if completion.truncated
                else f"did not match the schema: {exc.errors()[0]['msg']}"
            )
            if attempt == MAX_REASKS:
                raise LLMError(
                    f"{llm.name} returned invalid JSON {MAX_REASKS + 1} times ({problem})"
                ) from None
            request = f"{prompt}\n\nYour previous reply {problem}. Reply again with valid JSON."
    raise AssertionError("unreachable")
