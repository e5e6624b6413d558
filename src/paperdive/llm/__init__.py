"""Text-model backends behind one protocol, chosen by a spec string.

Specs:
  extractive                         the embedded offline writer (no model; returns None)
  extractive+local                   extractive, with lines rephrased by the bundled GGUF
  anthropic[:MODEL]                  Claude; needs ANTHROPIC_API_KEY
  openai[:MODEL]                     OpenAI; needs OPENAI_API_KEY
  openai-compatible:MODEL@BASE_URL   any OpenAI-compatible server, e.g.
                                     openai-compatible:qwen2.5@http://localhost:8080/v1
  local:PATH.gguf                    a GGUF file run by llama-cpp-python
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperdive.errors import LLMError
from paperdive.llm.base import (
    LLM,
    Completion,
    CostLimitError,
    Usage,
    ask_structured,
    limit_cost,
)

__all__ = [
    "LLM",
    "Completion",
    "CostLimitError",
    "LLMSpec",
    "Usage",
    "ask_structured",
    "limit_cost",
    "open_llm",
    "parse_spec",
]

BACKENDS = ("extractive", "extractive+local", "anthropic", "openai", "openai-compatible", "local")


@dataclass(frozen=True)
class LLMSpec:
    backend: str
    model: str | None = None
    base_url: str | None = None

    @property
    def writes_freely(self) -> bool:
        """True when a model writes the script; False when the extractive writer does."""
        return not self.backend.startswith("extractive")


def parse_spec(spec: str) -> LLMSpec:
    backend, _, rest = spec.strip().partition(":")
    if backend not in BACKENDS:
        raise LLMError(f"unknown llm {spec!r}: use one of {', '.join(BACKENDS)}")
    if backend.startswith("extractive"):
        if rest:
            raise LLMError(f"{backend} takes no model name (got {spec!r})")
        return LLMSpec(backend)
    if backend == "openai-compatible":
        model, at, base_url = rest.rpartition("@")
        if not at or not base_url.startswith(("http://", "https://")):
            raise LLMError(f"write openai-compatible:MODEL@http://host:port/v1 (got {spec!r})")
        return LLMSpec(backend, model or None, base_url)
    if backend == "local" and not rest.endswith(".gguf"):
        raise LLMError(f"write local:PATH.gguf (got {spec!r})")
    return LLMSpec(backend, rest or None)


def open_llm(
    spec: LLMSpec, *, http_client: Any = None, max_cost_usd: float | None = None
) -> LLM | None:
    """The backend a spec names: None for plain extractive, which needs no model.

    `max_cost_usd` (--max-cost) caps what the returned model may spend at list price: a
    request whose worst case would pass it is refused before it is sent.
    """
    if spec.backend == "extractive":
        return None
    return limit_cost(_open(spec, http_client), max_cost_usd)


def _open(spec: LLMSpec, http_client: Any) -> LLM:
    if spec.backend == "anthropic":
        from paperdive.llm.anthropic import AnthropicLLM

        return AnthropicLLM(spec.model, http_client=http_client)
    if spec.backend in ("openai", "openai-compatible"):
        from paperdive.llm.openai import OpenAILLM

        return OpenAILLM(spec.model, base_url=spec.base_url, http_client=http_client)
    from paperdive.llm.local import LocalLLM, bundled_gguf

    path = bundled_gguf() if spec.backend == "extractive+local" else Path(spec.model or "")
    return LocalLLM(path)
