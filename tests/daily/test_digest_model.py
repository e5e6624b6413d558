"""The model writer's digest: its plan request carries the offline themes and the links found
in the papers, thirty papers' notes are cut to fit, and its show notes keep the collection's
summary and every paper's link. Run on MODEL's scripted fake model."""

from __future__ import annotations

import sys
from pathlib import Path

from digest_helpers import AGENT_ABSTRACT, AGENT_SECTIONS, CACHE_ABSTRACT, CACHE_SECTIONS

from paperdive.models import NotePoint, Notes, Paper, Reference, Section
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.model_stages import _notes_json

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "write"))
from model_fake import ScriptedModel  # noqa: E402


def built(n: int, title: str, abstract: str, sections: dict[str, list[str]], **extra: object):  # type: ignore[no-untyped-def]
    return Paper(
        source=f"2501.{n:05d}",
        source_kind="arxiv",
        arxiv_id=f"2501.{n:05d}",
        title=title,
        abstract=abstract,
        authors=[f"Author {n}", "Shared Author"] if n < 3 else [f"Author {n}"],
        sections=[Section(title=h, text=" ".join(ps)) for h, ps in sections.items()],
        **extra,
    )


def test_a_model_digest_plans_from_themes_and_links_and_keeps_the_paper_list(
    tmp_path: Path,
) -> None:
    papers = [
        built(1, "Four-bit KV cache", CACHE_ABSTRACT, CACHE_SECTIONS),
        built(
            2,
            "Paged KV cache for serving",
            CACHE_ABSTRACT,
            CACHE_SECTIONS,
            references=[Reference(index=1, raw="A. One. Four-bit KV cache. 2025.")],
        ),
        built(3, "Agents trained on tests", AGENT_ABSTRACT, AGENT_SECTIONS),
    ]
    model = ScriptedModel()
    written = write_script(
        papers,
        EpisodeDir(tmp_path / "d"),
        format="digest",
        minutes=4,
        llm="anthropic",
        client=model,
    )
    (plan,) = [r.prompt for r in model.requests if r.kind == "plan"]
    assert "THEMES FOUND BY CLUSTERING" in plan and "P3 (Agents trained on tests)" in plan
    assert "P2 (Paged KV cache for serving) cites P1 (Four-bit KV cache)" in plan
    assert "shares authors with" in plan and "Shared Author" in plan
    notes = written.shownotes
    assert [p.url for p in notes.papers] and all(p.url for p in notes.papers)
    assert notes.summary and all(p.title in notes.summary for p in papers)


def test_thirty_papers_notes_are_cut_to_fit_the_plan_request() -> None:
    point = NotePoint(text="A result sentence that carries 42 percent and some more words. " * 3)
    notes = [
        Notes(
            paper_title=f"Paper {n}", problem=[point] * 8, method=[point] * 8, results=[point] * 8
        )
        for n in range(30)
    ]
    full = _notes_json(notes, 10_000_000)
    cut = _notes_json(notes, 100_000)
    assert len(full) > 100_000 >= len(cut)
    assert cut.count('"paper_title"') == 30  # every paper keeps its gist
