"""The one protocol every text model sits behind, and the structured-output loop over it."""

from __future__ import annotations

import json
import math
import os
import threading
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
    stop_after_delay,
    wait_exponential_jitter,
)

from paperdive.deadline import within
from paperdive.errors import LLMError

M = TypeVar("M", bound=BaseModel)

REQUEST_TIMEOUT_S = 120.0  # the floor: connecting, queueing and reading the prompt
OUTPUT_TOKENS_PER_S = 25.0  # a slow hosted model's writing speed: long replies get longer
TIMEOUT_ENV = "PAPERDIVE_LLM_TIMEOUT_S"  # raises every request's timeout (model-bridge runs)
MAX_ATTEMPTS = 5
MAX_REASKS = 2
DEADLINE_S = 300.0  # one call, every retry included (with_retries)
CHARS_PER_TOKEN = 3.0  # a cautious guess for a request's size before it is sent
DEFAULT_MAX_OUTPUT_TOKENS = 16000


@dataclass
class Usage:
    """Tokens and list-price cost. `input_tokens` are those billed at the full input rate;
    `cache_write_tokens` and `cache_read_tokens` are prompt tokens written to or read from the
    provider's prompt cache (the paper, sent once and reused)."""

    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    cache_write_tokens: int = 0
    cache_read_tokens: int = 0

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cost_usd += other.cost_usd
        self.cache_write_tokens += other.cache_write_tokens
        self.cache_read_tokens += other.cache_read_tokens


@dataclass
class Completion:
    text: str
    usage: Usage
    truncated: bool = False  # the model stopped at its output-token limit
    stop_reason: str | None = None  # as the provider said it: "max_tokens", "length", …


class LLM(Protocol):
    """A text model: one prompt in, one completion out. Backends raise LLMError.

    `document` is a long text many requests share (the paper): backends that can cache a
    prompt prefix send it before `prompt` and mark it for caching.
    """

    name: str  # "anthropic:claude-…", shown in the episode's disclosure
    context_chars: int  # how much paper text one request may carry

    def complete(
        self, system: str, prompt: str, *, max_tokens: int, document: str | None = None
    ) -> Completion: ...


@cache
def _models_toml() -> dict[str, Any]:
    return tomllib.loads(files("paperdive.llm").joinpath("models.toml").read_text("utf-8"))


def backend_defaults(backend: str) -> dict[str, Any]:
    table: dict[str, Any] = _models_toml().get(backend, {})
    return table


@dataclass(frozen=True)
class Prices:
    """USD per million tokens, at list price."""

    input: float = 0.0
    output: float = 0.0
    cache_write: float = 0.0
    cache_read: float = 0.0

    def cost(self, usage: Usage) -> float:
        return (
            usage.input_tokens * self.input
            + usage.output_tokens * self.output
            + usage.cache_write_tokens * self.cache_write
            + usage.cache_read_tokens * self.cache_read
        ) / 1_000_000


def prices(backend: str, model: str | None = None) -> Prices:
    """The list prices models.toml gives the model (`[BACKEND.prices."MODEL"]`), else the
    backend's; cache writes and reads default to the input price."""
    defaults = backend_defaults(backend)
    table = {**defaults, **defaults.get("prices", {}).get(model or "", {})}
    price_in = float(table.get("price_in", 0.0))
    return Prices(
        input=price_in,
        output=float(table.get("price_out", 0.0)),
        cache_write=float(table.get("price_cache_write", price_in)),
        cache_read=float(table.get("price_cache_read", price_in)),
    )


def price(backend: str, input_tokens: int, output_tokens: int) -> float:
    return prices(backend).cost(Usage(1, input_tokens, output_tokens))


def prices_of(llm: object) -> Prices:
    """The prices of an LLM object: its own `prices`, else those its `name` implies."""
    own = getattr(llm, "prices", None)
    if isinstance(own, Prices):
        return own
    backend, _, model = str(getattr(llm, "name", "")).partition(":")
    return prices(backend, model or None)


def worst_case_cost(llm: object, request_chars: int, max_tokens: int) -> float:
    """What one request could cost at most: every prompt character billed as fresh input (no
    cache), a cautious characters-per-token guess, and the full output allowance."""
    tokens_in = math.ceil(request_chars / CHARS_PER_TOKEN)
    return prices_of(llm).cost(Usage(1, tokens_in, max_tokens))


def request_timeout(max_tokens: int) -> float:
    """Seconds to wait for one reply: the floor plus the time a slow model takes to write
    `max_tokens`, or PAPERDIVE_LLM_TIMEOUT_S when that is longer."""
    sized = REQUEST_TIMEOUT_S + max_tokens / OUTPUT_TOKENS_PER_S
    override = os.environ.get(TIMEOUT_ENV, "").strip()
    if not override:
        return sized
    try:
        seconds = float(override)
    except ValueError:
        raise LLMError(f"{TIMEOUT_ENV} must be a number of seconds (got {override!r})") from None
    if not seconds > 0:
        raise LLMError(f"{TIMEOUT_ENV} must be positive (got {override!r})")
    return max(sized, seconds)


def request_deadline(max_tokens: int) -> float:
    """Seconds for one request, retries included: room for a slow answer and a retry."""
    return max(DEADLINE_S, 1.5 * request_timeout(max_tokens))


class CostLimitError(LLMError):
    """A request was not sent: it could have taken the run past its --max-cost."""


class CostCapped:
    """An LLM that refuses, before sending, a request whose worst-case cost would take the
    money spent through it past `max_cost_usd` (--max-cost)."""

    def __init__(self, llm: LLM, max_cost_usd: float):
        if not max_cost_usd > 0:
            raise LLMError(f"--max-cost must be a positive amount of USD (got {max_cost_usd})")
        self.inner = llm
        self.name = llm.name
        self.context_chars = llm.context_chars
        self.max_cost_usd = max_cost_usd
        self.spent_usd = 0.0

    def complete(
        self, system: str, prompt: str, *, max_tokens: int, document: str | None = None
    ) -> Completion:
        size = len(system) + len(prompt) + len(document or "")
        estimate = worst_case_cost(self.inner, size, max_tokens)
        if self.spent_usd + estimate > self.max_cost_usd:
            raise CostLimitError(
                f"stopped before a {self.name} request that could cost up to ${estimate:.2f}: "
                f"${self.spent_usd:.2f} of the ${self.max_cost_usd:.2f} --max-cost is spent"
            )
        completion = complete(self.inner, system, prompt, max_tokens=max_tokens, document=document)
        self.spent_usd += completion.usage.cost_usd
        return completion


def limit_cost(llm: LLM, max_cost_usd: float | None) -> LLM:
    """`llm`, capped at `max_cost_usd` of list-price spending when a cap is given."""
    return llm if max_cost_usd is None else CostCapped(llm, max_cost_usd)


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


def with_retries(
    call: Callable[[], Completion],
    sleep: Callable[[float], None],
    *,
    deadline_s: float = DEADLINE_S,
    what: str = "the model",
) -> Completion:
    """Run `call`, retrying transient failures with backoff; the last one becomes an LLMError.

    All attempts together get `deadline_s`: an endpoint that never answers, or answers a
    byte at a time, costs that long and no longer.
    """
    abandoned = threading.Event()
    attempts = 0

    def attempt() -> Completion:
        nonlocal attempts
        if abandoned.is_set():  # the caller has given up: start no new request
            raise LLMError(f"{what}: abandoned after the deadline")
        attempts += 1
        return call()

    retrying = Retrying(
        retry=retry_if_exception(lambda e: isinstance(e, TransientError)),
        stop=stop_after_attempt(MAX_ATTEMPTS) | stop_after_delay(deadline_s),
        wait=_wait_honouring_retry_after,
        sleep=sleep,
        reraise=True,
    )

    def expired() -> LLMError:
        return LLMError(f"{what} gave no complete answer within {deadline_s:g} s")

    try:
        return within(deadline_s, lambda: retrying(attempt), expired=expired, abort=abandoned.set)
    except TransientError as exc:
        raise LLMError(f"{exc} (gave up after {attempts} attempts)") from None


def parse_retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


@contextmanager
def sdk_errors(sdk: Any, name: str, key_variable: str, sdk_client: Any = None) -> Iterator[None]:
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
    except ValueError:  # a 200 whose body is not JSON (an HTML page, a cut-off reply)
        raise LLMError(f"{name}{_at(sdk_client)} answered with invalid JSON") from None


def _at(client: Any) -> str:
    """ " at HOST" for a client's base URL, when it has one."""
    host = getattr(getattr(client, "base_url", None), "host", None)
    return f" at {host}" if host else ""


def reply_error(name: str, client: Any, expected: str) -> LLMError:
    """The one-line error for a reply that parsed but is not what the API returns."""
    return LLMError(f"{name}{_at(client)} answered with something that is not {expected}")


def refusal_error(name: str, reason: str, said: str | None) -> LLMError:
    """One line for a provider's refusal, with the first line of what it said, if anything."""
    words = " ".join((said or "").split())
    quoted = f': "{words[:160]}{"…" if len(words) > 160 else ""}"' if words else ""
    return LLMError(f"{name} refused to write this ({reason}){quoted}")


def _error_message(body: object) -> str:
    """The first line of the server's error message, whether wrapped in {"error": …} or not."""
    fields = body if isinstance(body, dict) else {}
    error = fields.get("error", fields)
    if not isinstance(error, dict):
        error = {}
    return str(error.get("message", "request failed")).splitlines()[0]


def _extract_json(text: str) -> str:
    """The JSON object in a reply, without the Markdown fence or the words around it that
    some models add."""
    stripped = text.strip()
    if stripped.startswith("```"):
        stripped = stripped.split("\n", 1)[-1].rsplit("```", 1)[0].strip()
    if not stripped.startswith("{"):
        start, end = stripped.find("{"), stripped.rfind("}")
        if 0 <= start < end:
            stripped = stripped[start : end + 1]
    return stripped


def schema_instructions(schema: type[BaseModel]) -> str:
    return (
        "Reply with one JSON object and nothing else. Its JSON Schema:\n"
        f"{json.dumps(schema.model_json_schema())}"
    )


def complete(
    llm: LLM, system: str, prompt: str, *, max_tokens: int, document: str | None = None
) -> Completion:
    """`llm.complete`, passing `document` only when there is one (older backends lack it)."""
    if document is None:
        return llm.complete(system, prompt, max_tokens=max_tokens)
    return llm.complete(system, prompt, max_tokens=max_tokens, document=document)


def ask_structured(
    llm: LLM,
    system: str,
    prompt: str,
    schema: type[M],
    *,
    usage: Usage,
    max_tokens: int = 8000,
    document: str | None = None,
    max_output_tokens: int = DEFAULT_MAX_OUTPUT_TOKENS,
) -> M:
    """Ask for a JSON object matching `schema`.

    The schema follows the prompt, so the system text and `document` stay one cacheable
    prefix across requests. An invalid reply is asked again with the validation error; a
    reply cut off at the output limit is asked again with twice the allowance (up to
    `max_output_tokens`), then reported in one line.
    """
    base = f"{prompt}\n\n{schema_instructions(schema)}"
    request, limit = base, max_tokens
    for attempt in range(MAX_REASKS + 1):
        completion = complete(llm, system, request, max_tokens=limit, document=document)
        usage.add(completion.usage)
        try:
            return schema.model_validate_json(_extract_json(completion.text))
        except ValidationError as exc:
            last = attempt == MAX_REASKS
            if completion.truncated:
                if last or limit >= max_output_tokens:
                    raise LLMError(
                        f"{llm.name} stopped at its {limit}-token output limit "
                        f"({completion.stop_reason or 'truncated'}): the reply was cut off"
                    ) from None
                limit = min(2 * limit, max_output_tokens)
                request = (
                    f"{base}\n\nYour previous reply was cut off at the output limit. Reply "
                    "again with the complete JSON object, as briefly as the task allows."
                )
                continue
            problem = f"did not match the schema: {exc.errors()[0]['msg']}"
            if last:
                raise LLMError(
                    f"{llm.name} returned invalid JSON {MAX_REASKS + 1} times ({problem})"
                ) from None
            request = f"{base}\n\nYour previous reply {problem}. Reply again with valid JSON."
    raise AssertionError("unreachable")
