"""The Writer protocol: what a way of writing an episode provides, stage by stage.

Two writers stand behind it: the extractive writer (extractive.py), which speaks only the
paper's own sentences, and the model writer (model_stages.py), which has a language model
write freely. The pipeline sequences and caches the stages; it never asks which writer it has.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from paperdive.errors import WriteError
from paperdive.llm import LLM, LLMSpec, Usage
from paperdive.models import (
    CheckItem,
    HostRole,
    Notes,
    Outline,
    Paper,
    Review,
    Script,
    ScriptFormat,
    ShowNotes,
)


class Writer(Protocol):
    """One writer, one call per stage; `usage` tallies the tokens a stage spends."""

    def notes(self, paper: Paper, usage: Usage) -> Notes:
        """Close-reading notes on one paper."""
        ...

    def plan(
        self,
        papers: list[Paper],
        notes: list[Notes],
        format: ScriptFormat,
        minutes: float,
        words_per_minute: float,
        usage: Usage,
    ) -> Outline:
        """Chapters with beats and word budgets that add up to `minutes` at that rate."""
        ...

    def script(
        self,
        papers: list[Paper],
        notes: list[Notes],
        outline: Outline,
        hosts: dict[HostRole, str],
        usage: Usage,
    ) -> Script:
        """The draft: the outline written as the two hosts' turns."""
        ...

    def critique(self, draft: Script, papers: list[Paper], usage: Usage) -> list[CheckItem]:
        """Flags beyond the grounding check the pipeline runs on every draft (may be none)."""
        ...

    def revise(
        self, draft: Script, review: Review, papers: list[Paper], target_words: int, usage: Usage
    ) -> tuple[Script, Review]:
        """The final script, and the review recording what was done with each item."""
        ...

    def shownotes(
        self, script: Script, papers: list[Paper], notes: list[Notes], usage: Usage
    ) -> ShowNotes:
        """Title, hook, takeaways, chapter lines and reading list for the final script."""
        ...


def open_writer(
    spec: LLMSpec, hosts: dict[HostRole, str], client: Callable[[], LLM | None]
) -> Writer:
    """The writer a backend spec names; `client` opens the model when one is needed."""
    from paperdive.writing.extractive import ExtractiveWriter

    if spec.writes_freely:
        from paperdive.writing.model_stages import ModelWriter

        llm = client()
        if llm is None:
            raise WriteError(f"{spec.backend} names no model to write with")
        return ModelWriter(llm, hosts)
    return ExtractiveWriter(rephraser=client() if spec.backend == "extractive+local" else None)
