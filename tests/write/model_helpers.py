"""What the model-backend tests (test_write_model_*) build their cases from: sections of
one-sentence paragraphs, planned chapters as a model returns them, the chapter prompts a
scripted model was sent, and a script of given turns."""

from __future__ import annotations

from model_fake import ScriptedModel

from paperdive.models import Paragraph, Script, Section, Sentence, Turn


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(sentences=[Sentence(text=t)]) for t in texts]


def cited_paragraph(printed: str) -> Paragraph:
    """A paragraph as printed, its citation markers kept."""
    return Paragraph(sentences=[Sentence(text=printed)], printed=printed)


def section(
    number: str, title: str, *texts: str, level: int = 1, page: int | None = None
) -> Section:
    """A section with one paragraph of one sentence for each of `texts`."""
    return Section(
        number=number,
        title=title,
        level=level,
        page=page,
        text=" ".join(texts),
        paragraphs=paragraphs(*texts),
    )


def chapter(
    title: str, beats: list[str], sections: list[str], budget: int = 300, share: int | None = None
) -> dict[str, object]:
    """A chapter of the plan, as the model returns it."""
    planned: dict[str, object] = {
        "title": title,
        "description": f"{title}.",
        "beats": beats,
        "word_budget": budget,
        "sections": sections,
    }
    if share is not None:
        planned["skeptic_share"] = share
    return planned


def chapter_prompts(model: ScriptedModel) -> list[str]:
    """Each chapter's first request (a chapter far too short is asked again)."""
    first: dict[str, str] = {}
    for request in model.requests:
        if request.kind == "chapter":
            first.setdefault(request.prompt.split(" of ", 1)[0], request.prompt)
    return list(first.values())


def script_of(turns: list[Turn]) -> Script:
    """A deep dive of these turns, hosted by Nora (explainer) and Theo (skeptic)."""
    return Script(
        title="t",
        format="deep-dive",
        hosts={"explainer": "Nora", "skeptic": "Theo"},
        chapters=[],
        turns=turns,
        models=[],
    )
