"""extractive+local: a local model's rewording is kept only if it adds nothing to the line."""

from __future__ import annotations

import pytest

from paperdive.llm import Completion, Usage
from paperdive.writing.rephrase import LocalRephraser, adds_nothing

ORIGINAL = "At one million tokens the method is 6.5x faster than full attention during prefill."


@pytest.mark.parametrize(
    ("candidate", "kept"),
    [
        (
            "During prefill at one million tokens, the method is 6.5x faster than full attention.",
            True,
        ),
        (
            "At one million tokens the method is 8x faster than full attention during prefill.",
            False,
        ),
        ("At one million tokens the method is 6.5x faster than GPT-4 during prefill.", False),
        ("At one million tokens the method is 6.5x faster and cheaper than full attention.", False),
        ("", False),
    ],
)
def test_guard(candidate: str, kept: bool) -> None:
    assert adds_nothing(ORIGINAL, candidate) is kept


class Scripted:
    name = "local:test.gguf"
    context_chars = 1000

    def __init__(self, replies: list[str]):
        self.replies = replies

    def complete(self, system: str, prompt: str, *, max_tokens: int) -> Completion:
        assert ORIGINAL in prompt
        return Completion(self.replies.pop(0), Usage(1, 10, 10))


def test_rephraser_falls_back_to_the_paper_wording() -> None:
    rephrase = LocalRephraser(
        Scripted(
            [
                "During prefill at one million tokens, the method is 6.5x faster than full "
                "attention.",
                "It is 60x faster!",
            ]
        ),
        Usage(),
    )
    assert rephrase(ORIGINAL).startswith("During prefill")
    assert rephrase(ORIGINAL) == ORIGINAL
    assert (rephrase.kept, rephrase.rejected) == (1, 1)
