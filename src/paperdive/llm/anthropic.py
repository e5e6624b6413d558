"""Claude through the official `anthropic` SDK (an optional extra, imported lazily)."""

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

KEY_VARIABLE = "ANTHROPIC_API_KEY"


class AnthropicLLM:
    def __init__(
        self,
        model: str | None = None,
        *,
        http_client: Any = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        try:
            import anthropic
        except ImportError:
            raise LLMError(
                "the anthropic SDK is not installed: pip install 'paperdive[api]'"
            ) from None
        api_key = os.environ.get(KEY_VARIABLE)
        if not api_key:
            raise LLMError(f"{KEY_VARIABLE} is not set: export it to use the anthropic backend")
        defaults = backend_defaults("anthropic")
        self.model = model or defaults["model"]
        self.name = f"anthropic:{self.model}"
        self.context_chars = int(defaults["context_chars"])
        self._sdk = anthropic
        self._sleep = sleep
        self._client = anthropic.Anthropic(
            api_key=api_key,
            timeout=REQUEST_TIMEOUT_S,
            max_retries=0,  # retries are ours, so retry-after and the give-up message are uniform
            http_client=http_client,
        )

    def complete(self, system: str, prompt: str, *, max_tokens: int) -> Completion:
        return with_retries(lambda: self._call(system, prompt, max_tokens), self._sleep)

    def _call(self, system: str, prompt: str, max_tokens: int) -> Completion:
        with sdk_errors(self._sdk, self.name, KEY_VARIABLE):
            message = self._client.messages.create(
                model=self.model,
                max_tokens=max_tokens,
                system=system,
                messages=[{"role": "user", "content": prompt}],
            )
        if message.stop_reason == "refusal":
            raise LLMError(f"{self.name} refused the request")
        text = "".join(block.text for block in message.content if block.type == "text")
        tokens_in, tokens_out = message.usage.input_tokens, message.usage.output_tokens
        usage = Usage(1, tokens_in, tokens_out, price("anthropic", tokens_in, tokens_out))
        return Completion(text, usage, truncated=message.stop_reason == "max_tokens")
