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
    price,
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
        self._sdk = openai
        self._sleep = sleep
        # OpenAI's reasoning models reject max_tokens; many local servers know only max_tokens.
        self._limit_parameter = "max_tokens" if base_url else "max_completion_tokens"
        self._client = openai.OpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=REQUEST_TIMEOUT_S,
            max_retries=0,  # retries are ours, so retry-after and the give-up message are uniform
            http_client=http_client,
        )

    def complete(self, system: str, prompt: str, *, max_tokens: int) -> Completion:
        return with_retries(lambda: self._call(system, prompt, max_tokens), self._sleep)

    def _call(self, system: str, prompt: str, max_tokens: int) -> Completion:
        with sdk_errors(self._sdk, self.name, KEY_VARIABLE):
            response = self._client.chat.completions.create(
                model=self.model,
                **{self._limit_parameter: max_tokens},
                response_format={"type": "json_object"},
                messages=[
                    {"role": "system", "content": system},
                    {"role": "user", "content": prompt},
                ],
            )
        choice = response.choices[0]
        if choice.message.refusal:
            raise LLMError(f"{self.name} refused the request")
        tokens_in = response.usage.prompt_tokens if response.usage else 0
        tokens_out = response.usage.completion_tokens if response.usage else 0
        usage = Usage(1, tokens_in, tokens_out, price(self.backend, tokens_in, tokens_out))
        return Completion(
            choice.message.content or "", usage, truncated=choice.finish_reason == "length"
        )
