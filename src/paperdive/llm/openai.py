"""OpenAI, and any OpenAI-compatible server (vLLM, llama.cpp, Ollama), via the `openai` SDK."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from paperdive.errors import LLMError
from paperdive.llm.base import (
    REQUEST_TIMEOUT_S,
    Completion,
    Usage,
    backend_defaults,
    prices,
    refusal_error,
    reply_error,
    request_deadline,
    request_timeout,
    sdk_errors,
    with_retries,
)

KEY_VARIABLE = "OPENAI_API_KEY"


class OpenAILLM:
    """`base_url=None` is api.openai.com (key required); otherwise a compatible server."""

    def __init__(
        self,
        model: str | None = None,
        *,
        base_url: str | None = None,
        http_client: Any = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        try:
            import openai
        except ImportError:
            raise LLMError(
                "the openai SDK is not installed: pip install 'paperdive[api]'"
            ) from None
        self.backend = "openai-compatible" if base_url else "openai"
        api_key = os.environ.get(KEY_VARIABLE)
        if not api_key:
            if not base_url:
                raise LLMError(f"{KEY_VARIABLE} is not set: export it to use the openai backend")
            api_key = "unused"  # local servers accept any key
        defaults = backend_defaults(self.backend)
        self.model = model or defaults["model"]
        self.name = f"{self.backend}:{self.model}"
        self.context_chars = int(defaults["context_chars"])
        self.prices = prices(self.backend, self.model)
        self._sdk = openai
        self._sleep = sleep
        # OpenAI's reasoning models reject max_tokens; many local servers know only max_tokens.
        self._limit_parameter = "max_tokens" if base_url else "max_completion_tokens"
        self._client = openai.OpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=REQUEST_TIMEOUT_S,  # each request passes its own, sized to its reply
            max_retries=0,  # retries are ours, so retry-after and the give-up message are uniform
            http_client=http_client,
        )

    def complete(
        self, system: str, prompt: str, *, max_tokens: int, document: str | None = None
    ) -> Completion:
        return with_retries(
            lambda: self._call(system, prompt, max_tokens, document),
            self._sleep,
            deadline_s=request_deadline(max_tokens),
            what=self.name,
        )

    def _call(self, system: str, prompt: str, max_tokens: int, document: str | None) -> Completion:
        # OpenAI caches a repeated prompt prefix by itself: the paper goes first, unchanged.
        user = f"{document}\n\n{prompt}" if document else prompt
        request: dict[str, Any] = {
            "model": self.model,
            self._limit_parameter: max_tokens,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": system},
                {"role": "user", "content": user},
            ],
        }
        with sdk_errors(self._sdk, self.name, KEY_VARIABLE, self._client):
            response = self._client.chat.completions.create(
                **request, timeout=request_timeout(max_tokens)
            )
        if not isinstance(response, self._sdk.types.chat.ChatCompletion) or not response.choices:
            raise reply_error(self.name, self._client, "a Chat Completions reply")
        choice = response.choices[0]
        if choice.message.refusal:
            raise refusal_error(self.name, "refusal", choice.message.refusal)
        counts = response.usage
        cached = 0
        if counts and counts.prompt_tokens_details:
            cached = counts.prompt_tokens_details.cached_tokens or 0
        usage = Usage(
            calls=1,
            input_tokens=(counts.prompt_tokens if counts else 0) - cached,
            output_tokens=counts.completion_tokens if counts else 0,
            cache_read_tokens=cached,
        )
        usage.cost_usd = self.prices.cost(usage)
        return Completion(
            choice.message.content or "",
            usage,
            truncated=choice.finish_reason == "length",
            stop_reason=choice.finish_reason,
        )
