"""Grounding reads a figure printed as a power of ten: the live digest run flagged "31
million" against the Batch Normalization paper, which prints "31 · 10^6 training steps" and
which ingest renders in Paper.markdown() as "31 · $10^6$" (the math span opens after the dot).
Superscripts ("31 × 10⁶"), LaTeX ("31 \\cdot 10^{6}") and "31M" are the same figure."""

from __future__ import annotations

from model_fake import ScriptedModel

from paperdive.models import Paper, Paragraph, Section, Sentence
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.check import PaperIndex, check_text
from paperdive.writing.quantities import quantities


def training_paper() -> Paper:
    text = (
        "The model reached its accuracy after 31 · $10^6$ training steps, and the network "
        "holds 13.6·$10^6$ parameters."
    )
    return Paper(
        source="2501.00002",
        source_kind="arxiv",
        title="Reasoner R1: Scaling Reinforcement Learning with Long Chains",
        abstract="Reasoner R1 is trained with reinforcement learning.",
        sections=[
            Section(
                number="2",
                title="Training",
                text=text,
                paragraphs=[Paragraph(sentences=[Sentence(text=text, marks=["math"])])],
            )
        ],
    )


def test_every_printed_power_of_ten_is_read_as_its_value() -> None:
    for printed in (
        "31 · $10^6$",
        "31·$10^6$",
        "31 × 10⁶",
        "31 \\cdot 10^{6}",
        "$31 \\times 10^6$",
        "31×10^6",
        "31M",
    ):
        values = [q.value for q in quantities(f"after {printed} steps")]
        assert values == [31_000_000], printed
    assert [q.value for q in quantities("a rate of 10⁻³")] == [0.001]
    assert [q.value for q in quantities("10⁶ steps")] == [1_000_000]  # not 106
    assert [q.value for q in quantities("about 2 × 105 steps")] == [2, 105]  # no exponent
    assert [q.text for q in quantities("after 31 · $10^6$ steps")] == ["31 · $10^6"]


def test_a_figure_printed_as_a_power_of_ten_grounds_the_spoken_one() -> None:
    index = PaperIndex([training_paper()])
    for line in (
        "It took 31 million training steps.",
        "It took about 31M steps.",
        "Thirty-one million steps, in the end.",
        "The network has about 14 million parameters.",
        "That is 13.6 million parameters.",
    ):
        assert [i.text for i in check_text(line, 0, index) if i.status == "flagged"] == [], line
    for wrong in ("It took 41 million steps.", "It has 31 billion parameters."):
        assert [i.status for i in check_text(wrong, 0, index)] == ["flagged"], wrong


def test_a_run_keeps_a_figure_said_in_millions(episode: EpisodeDir) -> None:
    paper = training_paper()
    fake = ScriptedModel(
        paper,
        chapters={
            1: [
                ("explainer", "Reasoner R1 trained for 31 million steps."),
                ("skeptic", "On a network of about 14 million parameters?"),
                ("explainer", "Yes, 13.6 million."),
            ]
        },
    )
    written = write_script([paper], episode, llm="anthropic:fake", client=fake, minutes=3)
    numbers = {i.text: i.status for i in written.review.items if i.kind == "number"}
    assert numbers["31 million"] == "grounded" and numbers["14 million"] == "grounded"
    assert all(r.kind != "revise" for r in fake.requests)
