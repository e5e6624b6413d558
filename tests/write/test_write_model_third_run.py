"""What the third live run (deep dives of MoBA and Batch Normalization, each request answered
by a capable model that saw only the prompt) exposed, as recorded exchanges with the scripted
model:

- "training steps" listed as never defined after "training step" was: terms match in any form.
"""

from __future__ import annotations

import pytest
from model_fake import ScriptedModel

from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.model_terms import Glossary, same_term


def chapter(
    title: str, beats: list[str], sections: list[str], budget: int = 300, share: int | None = None
) -> dict[str, object]:
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


def chapter_prompts(fake: ScriptedModel) -> list[str]:
    """Each chapter's first request (a chapter far too short is asked again)."""
    first: dict[str, str] = {}
    for request in fake.requests:
        if request.kind == "chapter":
            first.setdefault(request.prompt.split(" of ", 1)[0], request.prompt)
    return list(first.values())


def three_chapters(shares: tuple[int | None, ...] = (None, None, None)) -> list[dict[str, object]]:
    return [
        chapter("Opening", ["What changed?", "It reads blocks."], ["Introduction"], 300, shares[0]),
        chapter("The test", ["How was it tested?", "Ten tasks."], ["Experiments"], 300, shares[1]),
        chapter("The catch", ["Does it hold?", "One family."], ["Limitations"], 300, shares[2]),
    ]


# ---------------------------------------------------------------- 2. terms in any form


@pytest.mark.parametrize(
    ("defined", "used"),
    [
        ("training step: one weight update from one mini-batch", "training steps"),
        ("mini-batch: a few examples processed together", "mini batches"),
        ("minibatch: a few examples", "Mini-Batch"),
        ("batch normalization: rescaling each unit over a mini-batch", "BN"),
        ("BN: batch normalization, rescaling each unit over a mini-batch", "batch normalization"),
        ("internal covariate shift (ICS): inputs of a layer drifting", "ICS"),
        ("large language models: models trained on text", "LLMs"),
        ("Mixture of Block Attention: attention over chosen blocks", "MoBA"),
        ("activity: a unit's output", "activities"),
        ("bias: a learned offset", "biases"),
        ("Key-value cache: stored keys", "KV cache"),
    ],
)
def test_a_term_is_the_same_term_in_any_form(defined: str, used: str) -> None:
    assert same_term(defined, used), (defined, used)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("gradient: the signal for each weight", "gradient descent"),
        ("loss: the error", "lost"),
        ("GPU: a graphics processor", "go"),
        ("key: what a block offers", "query"),
    ],
)
def test_different_terms_stay_different(one: str, other: str) -> None:
    assert not same_term(one, other)


def test_a_term_defined_in_another_form_is_no_longer_undefined() -> None:
    glossary = Glossary()
    glossary.add(["mini-batch: a few examples"], ["training steps", "BN"])
    glossary.add(["training step: one weight update", "batch normalization: rescaling"], [])
    glossary.add(["Mini batches: a few examples again"], ["training-step", "Batch Norm"])
    assert glossary.undefined() == ["Batch Norm"]
    assert glossary.defined() == [
        "mini-batch: a few examples",
        "training step: one weight update",
        "batch normalization: rescaling",
    ]


def test_the_live_runs_training_steps_is_not_listed_as_undefined(
    paper: Paper, episode: EpisodeDir
) -> None:
    fake = ScriptedModel(
        paper,
        plan=three_chapters(),
        terms={
            1: (["mini-batch: a small group of examples"], ["training steps"]),
            2: (["training step: one weight update from one mini-batch"], []),
        },
    )
    write_script([paper], episode, llm="anthropic:fake", client=fake, minutes=5)
    _, second, third = chapter_prompts(fake)
    assert "Terms used earlier but never defined" in second and "- training steps" in second
    assert "never defined" not in third and "- training step: one weight update" in third
