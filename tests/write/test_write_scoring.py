"""How a system is trained and scored gets the question it answers, and a test scored only on
the cases that passed a filter is the skeptic's doubt (issue 9: the Semantic Scholar episode
read "only include instances where three or more annotators agree" as one more step of the
method, inside a turn of three sentences that left the skeptic under a third of the talk)."""

from __future__ import annotations

from test_write_brief import write
from test_write_set_ups import told
from write_helpers import SECTIONS, build_paper

from paperdive.models import Paper, Script, Section, Turn
from paperdive.writing.plan import CRITIQUE, MECHANICS, ChapterKind, chapter_kind

ANNOTATION = (
    "We train the entity linker on a snapshot of abstracts from biomedical journals. "
    "The entity linker is trained on a snapshot of the data at PubMed Central. "
    "We use crowd workers to label the links and only include instances where three or more "
    "annotators agree on the label. If one or more of the linked mentions in a paper is "
    "judged to be correct, the pair counts as one correct instance."
)


def linked() -> Paper:
    sections = dict(SECTIONS)
    sections["Method"] = f"{sections['Method']} {ANNOTATION}"
    return build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])


def asked_before(script: Script, line: str) -> str:
    at = next(i for i, t in enumerate(script.turns) if line in t.text)
    return script.turns[at - 1].text if script.turns[at].text.startswith(line) else ""


def test_a_test_scored_only_on_agreed_cases_is_doubted_in_the_corner() -> None:
    script = write(linked(), "deep-dive", 25)
    corner = told(script, CRITIQUE)
    assert "three or more annotators agree" in corner
    assert "three or more annotators agree" not in told(script, MECHANICS)
    asked = asked_before(script, "The authors use crowd workers")
    assert asked.endswith("?") and "instances" in asked  # what the test kept, by name


def test_a_scoring_rule_is_asked_for_as_one() -> None:
    script = write(linked(), "deep-dive", 25)
    asked = asked_before(script, "If one or more of the linked mentions")
    assert asked in ("What counts as correct?", "How is it scored?")


def test_how_a_named_part_is_trained_is_asked_by_its_name() -> None:
    script = write(linked(), "deep-dive", 25)
    assert asked_before(script, "The entity linker is trained on") == (
        "How is the entity linker trained?"
    )


def test_a_step_said_with_its_goal_is_asked_for_by_the_goal() -> None:
    """DeepSeek-V2's "Why do it that way?" was answered by "In order to obtain reliable
    reward models …, we carefully collect preference data": the step's own goal, not a
    reason for the step before."""
    sections = dict(SECTIONS)
    sections["Method"] = (
        f"{sections['Method']} In order to keep the gating network cheap, we share its "
        "weights across all layers of the model."
    )
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    script = write(paper, "deep-dive", 25)
    # her answer does not say the goal again ("How do they encourage full use of the state
    # space?" "To encourage full use of the state space, they …", a listener noted)
    assert asked_before(script, "They share its weights across all layers") == (
        "How do they keep the gating network cheap?"
    )
    assert "In order to keep the gating network cheap" not in " ".join(t.text for t in script.turns)


def test_where_the_method_is_not_used_is_a_limit_they_admit() -> None:
    """MoBA's corner heard "prefill only … switch to full attention during generation" and
    then "They admit few limits.": a scope the paper states is a limit it admits."""
    from paperdive.writing.conversation import host_lines

    sections = {t: x for t, x in SECTIONS.items() if t != "Limitations"}
    sections["Method"] = (
        f"{sections['Method']} Routed Block Attention is used for prefill only, while we "
        "switch to full attention during generation for better quality."
    )
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    script = write(paper, "deep-dive", 25)
    said = " ".join(t.text for t in script.turns)
    assert "prefill only" in told(script, CRITIQUE), said
    assert not any(line in said for line in host_lines()["few_doubts"]), said


def test_what_they_found_is_asked_only_before_the_first_finding() -> None:
    """TRPO's findings: three said, then "And what did they find?" before a fourth."""
    from paperdive.writing.conversation import host_lines
    from paperdive.writing.plan import NUMBERS

    sections = dict(SECTIONS)
    sections["Experiments"] = (
        "The routed model solved all of the retrieval tasks, yielding the best solutions. "
        "Full attention performed well on the two easier tasks, but was unable to finish the "
        "two hardest ones. The sliding window baselines are fixed patterns, hence their recall "
        "falls with distance, and they performed poorly on the longer tasks. The max-block "
        "variant learned somewhat slower than the final method, but overall the result "
        "suggests that the mean summary has a similar effect as the max summary."
    )
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    script = write(paper, "deep-dive", 25)
    found = [t for t in script.turns if chapter_kind_of(script, t) is NUMBERS]
    asked = host_lines()["question_found"]
    late = [t.text for t in found[1:] if any(q in t.text for q in asked)]
    assert not late, [t.text for t in found]


def chapter_kind_of(script: Script, turn: Turn) -> ChapterKind | None:
    return chapter_kind(script.chapters[turn.chapter].title)
