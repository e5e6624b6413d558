"""A critique weighs what else could explain the gains (issue 9: `critique` gives a third of
its words to "doubts and alternative explanations"): the offline writer planned an "Other
explanations" chapter and never filled it. It now holds what the paper's ablations found,
each finding answering the skeptic's question, never the set-up of the ablation."""

from __future__ import annotations

from test_write_brief import write
from test_write_telling import chapter_turns
from write_helpers import SECTIONS, build_paper

from paperdive.evaluate.content import format_shape
from paperdive.evaluate.lines import PaperLines
from paperdive.evaluate.talk import question_fit
from paperdive.evaluate.terms import PaperTerms
from paperdive.models import Paper, Section
from paperdive.writing.check import PaperIndex
from paperdive.writing.conversation import host_lines
from paperdive.writing.plan import ALTERNATIVES, chapter_kind

ABLATION_SETUP = (
    "To isolate the router, we perform an ablation study on the 32,000 token tasks with the "
    "same model and data."
)
FINDINGS = (
    "Replacing the learned block summary with a random choice of blocks drops retrieval "
    "accuracy from 94.1% to 62.0%. "
    "The accuracy of Routed Block Attention is strongly affected by the block size, with a gap "
    "of 7 points between blocks of 128 and 2048 tokens."
)


def ablated() -> Paper:
    sections = [Section(title=t, text=x) for t, x in SECTIONS.items()]
    at = [s.title for s in sections].index("Experiments") + 1
    sections.insert(at, Section(title="Ablation Study", text=f"{ABLATION_SETUP} {FINDINGS}"))
    return build_paper(sections=sections)


def test_a_critique_says_what_the_ablations_rule_out_after_asking_for_it() -> None:
    paper = ablated()
    critique = write(paper, "critique", 15)
    kinds = [chapter_kind(c.title) for c in critique.chapters]
    assert ALTERNATIVES in kinds
    told = chapter_turns(critique, ALTERNATIVES)
    said = " ".join(told)
    assert "random choice of blocks drops retrieval accuracy" in said
    assert "selecting only 1 block per query drops accuracy" in said  # the set-up's own
    assert "we perform an ablation study" not in said.lower()  # its set-up: no finding
    opened = set(host_lines()["open_alternatives"])
    asked = {q.format(method="Routed Block Attention") for q in opened}
    assert told[0] in asked  # the skeptic asks, and the finding answers him
    fit = question_fit(critique, PaperTerms(PaperIndex([paper])))
    assert fit.passed, fit.problems
    shape = format_shape(critique, PaperLines([paper]))
    assert shape is not None and shape.passed, shape


def test_only_a_critique_weighs_other_explanations() -> None:
    paper = ablated()
    for format in ("deep-dive", "brief", "debate"):
        kinds = [chapter_kind(c.title) for c in write(paper, format, 15).chapters]
        assert ALTERNATIVES not in kinds, format


def test_a_paper_without_ablations_has_no_such_chapter() -> None:
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in SECTIONS.items()])
    kinds = [chapter_kind(c.title) for c in write(paper, "critique", 15).chapters]
    assert ALTERNATIVES not in kinds


def test_the_method_tested_without_a_part_is_an_ablation_whatever_the_section_says() -> None:
    """Ablations are often not called so: "DRAW without selective attention performs
    comparably to …", "Without Batch Normalization, Inception … never achieves …"."""
    taken_out = (
        "Routed Block Attention without the gating network reaches a retrieval accuracy of "
        "only 70.2%. Without Routed Block Attention, a model with full attention runs out of "
        "memory on contexts longer than 256,000 tokens."
    )
    sections = {**SECTIONS, "Experiments": f"{SECTIONS['Experiments']} {taken_out}"}
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    said = " ".join(chapter_turns(write(paper, "critique", 15), ALTERNATIVES))
    assert "without the gating network reaches" in said
    assert "runs out of memory" in said
