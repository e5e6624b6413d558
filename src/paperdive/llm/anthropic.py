"""Claude through the official `anthropic` SDK (an optional extra, imported lazily)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, cast

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

KEY_VARIABLE = "ANTHROPIC_API_KEY"
# The paper block is cached for an hour: the fact-check that reads it again comes after all
# the chapters, many minutes after the close reading (a five-minute cache would have expired).
CACHE = {"type": "ephemeral", "ttl": "1h"}


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
        self.prices = prices("anthropic", self.model)
        self._sdk = anthropic
        self._sleep = sleep
        self._client = anthropic.Anthropic(
            api_key=api_key,
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
        content: list[dict[str, Any]] = []
        if document:
            # The paper first, marked for caching: every later request that sends the same
            # system text and paper reads them from the cache at a tenth of the price.
            content.append({"type": "text", "text": document, "cache_control": CACHE})
        content.append({"type": "text", "text": prompt})
        with sdk_errors(self._sdk, self.name, KEY_VARIABLE, self._client):
            message = self._client.messages.create(
                model=self.model,
                max_tokens=max_tokens,
                system=system,
                messages=cast(Any, [{"role": "user", "content": content}]),
                timeout=request_timeout(max_tokens),
            )
        if not isinstance(message, self._sdk.types.Message):
            raise reply_error(self.name, self._client, "a Messages API reply")
        text = "".join(block.text for block in message.content if block.type == "text")
        if message.stop_reason == "refusal":
            raise refusal_error(self.name, "stop_reason refusal", text)
        counts = message.usage
        usage = Usage(
            calls=1,
            input_tokens=counts.input_tokens,
            output_tokens=counts.output_tokens,
            cache_write_tokens=counts.cache_creation_input_tokens or 0,
            cache_read_tokens=counts.cache_read_input_tokens or 0,
        )
        usage.cost_usd = self.prices.cost(usage)
        return Completion(
            text,
            usage,
            truncated=message.stop_reason == "max_tokens",
            stop_reason=message.stop_reason,
        )
