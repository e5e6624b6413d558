"""A paper that reports its findings in words (a user study, no result figures), as the
listeners heard it (issue 9): the briefing said no finding at all, the skeptic asked "Did
anything else change in training?" of a paper that trains nothing, "What do they admit?" was
answered by the users' limitations the paper studies, and lines of code were read as its
experiments. Each is planted here and kept out."""

from __future__ import annotations

import re

import pytest
from test_write_coherence import chapter_text, write
from write_helpers import SECTIONS as SECTIONS_WITH_FIGURES
from write_helpers import build_paper, prose_paper

from paperdive.models import Paper, Script, Section
from paperdive.writing.conversation import host_lines
from paperdive.writing.plan import CRITIQUE, EXPERIMENTS, FOUND_TITLE, NUMBERS, chapter_kind

ABSTRACT = (
    "Readers struggle to decide which of the many citations in a paper to follow. "
    "This paper introduces TrailReader, a reading tool that highlights citations a reader has "
    "met before in other papers. "
    "A lab study suggests TrailReader is significantly more effective for paper discovery "
    "than three baselines."
)
SECTIONS = {
    "Introduction": (
        "Readers struggle to decide which citations in a paper deserve their attention. "
        "Only a few citations matter to the question a reader has in mind at the time of "
        "reading. In early interviews we asked readers about the common limitations they face "
        "when triaging citations during a literature review."
    ),
    "System Design": (
        "TrailReader highlights each citation that the reader has already met in papers they "
        "opened before. Each highlight links to a card that lists the earlier papers and the "
        "sentences that cite the work. The reader can hide a highlight with one click."
    ),
    "Implementation Details": (
        "The front end of TrailReader was built on an open-source reader codebase. Around "
        "5,000 lines of TypeScript were added to the existing code."
    ),
    "Study": (
        "We recruited twelve participants from three universities. Each participant read "
        "three papers on a topic they chose and rated every highlighted citation. We shuffled "
        "the order of the papers for each participant. Taken together, our results suggest "
        "that the history-based highlights significantly outperform the three baseline "
        "strategies. Participants found that the highlights helped them keep track of papers "
        "across a literature review."
    ),
    "Limitations": (
        "A limitation of our study is that participants read only the introductions of the "
        "papers, so the results may not hold for full reading sessions. The simple scoring "
        "heuristic could become saturated over weeks of use."
    ),
    "Conclusion": (
        "TrailReader shows that a reader's own history is a useful signal for triaging "
        "citations. Readers kept track of their exploration better with it."
    ),
}


def study() -> Paper:
    return prose_paper("TrailReader: Following Citations You Have Met Before", ABSTRACT, SECTIONS)


@pytest.fixture(scope="module")
def script() -> Script:
    return write(study())


def test_the_findings_are_said_though_they_have_no_figures(script: Script) -> None:
    found = chapter_text(script, NUMBERS)
    assert "significantly outperform the three baseline strategies" in found
    opening = script.turns[0]
    assert opening.host == "skeptic" and "more effective for paper discovery" in opening.text
    # no chapter promises numbers the paper does not give
    titles = [c.title for c in script.chapters if chapter_kind(c.title) is NUMBERS]
    assert titles == [FOUND_TITLE] and "numbers" not in found.lower()


def test_no_training_question_of_a_paper_that_trains_nothing(script: Script) -> None:
    corner = chapter_text(script, CRITIQUE)
    assert "training" not in corner.lower()
    assert "shuffled" not in corner


def test_the_papers_own_limits_not_the_ones_it_studies(script: Script) -> None:
    corner = chapter_text(script, CRITIQUE)
    assert "only the introductions" in corner
    assert "common limitations they face" not in " ".join(t.text for t in script.turns)


def test_lines_of_code_are_no_experiment(script: Script) -> None:
    assert "lines of TypeScript" not in chapter_text(script, EXPERIMENTS)


def test_a_finding_its_set_up_leads_up_to_is_never_lost() -> None:
    """MoBA's episode said the two lines of set-up and dropped the finding they led to
    ("This suggests that MoBA achieves scaling performance comparable to full attention")."""
    from write_helpers import SECTIONS

    chain = (
        "Routed Block Attention serves as an alternative to full attention, meaning that it "
        "does not introduce new parameters or remove existing ones. This design simplifies "
        "our comparison process, as the only difference across all experiments lies in the "
        "attention modules, while all other hyperparameters remain constant. This suggests "
        "that Routed Block Attention achieves scaling performance that is comparable to full "
        "attention, despite a sparsity of up to 75%. "
    )
    sections = {**SECTIONS, "Experiments": chain + SECTIONS["Experiments"]}
    script = write(build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()]))
    said = " ".join(t.text for t in script.turns)
    assert "This design simplifies" in said and "despite a sparsity of up to 75%" in said


def test_a_hyperparameter_section_is_no_experiment() -> None:
    """DeepSeek-V2's "experiments" were its hyper-parameters read out ("160 routed experts,
    … hidden dimension 1536", "ZeRO-1 data parallelism"): settings, not what was tested."""
    settings = (
        "Each routing layer keeps 2 shared blocks and 160 routed blocks, where the hidden "
        "dimension of each block summary is 1536. We train the ranker on a dataset of 12,000 "
        "reading sessions from 300 users for 40 epochs."
    )
    items = list(SECTIONS.items())
    sections = dict([*items[:3], ("Hyper-Parameters", settings), *items[3:]])
    paper = prose_paper("TrailReader: Following Citations You Have Met Before", ABSTRACT, sections)
    told = chapter_text(write(paper), EXPERIMENTS)
    assert "160 routed blocks" not in told and "12,000 reading sessions" not in told


def said_with_tests(tests: list[tuple[str, str, str]]) -> str:
    """The episode of a paper whose results report each (number, heading, line) test in a
    subsection of its own."""
    sections = [
        Section(title=title, text=text, number=str(n), level=1)
        for n, (title, text) in enumerate(SECTIONS_WITH_FIGURES.items(), start=1)
    ]
    sections[4:4] = [Section(title=t, text=x, number=n, level=2) for n, t, x in tests]
    return " ".join(t.text for t in write(build_paper(sections=sections)).turns)


@pytest.mark.parametrize("first", ["Main Results", "Performance Assessment"])
def test_a_finding_that_moves_to_another_test_says_which_test(first: str) -> None:
    """ "It scores 80.0% in Python …": on which benchmark? A listener asked. Where the
    findings move to a test reported in a section of its own and the line names none, it is
    said with the test; a line that names its test, or one under a heading that names none
    ("Main Results", "Performance Assessment"), is said as written."""
    tests = [
        ("4.1", first, "Routed Block Attention reaches 91.2% recall on the needle test."),
        (
            "4.2",
            "Code Fixing",
            "Routed Block Attention achieves the highest score of 73.7% on Aider, ahead of "
            "every open model we compared.",
        ),
        (
            "4.3",
            "Mathematical Reasoning",
            "On mathematical reasoning, Routed Block Attention reaches 75.7% on MATH.",
        ),
    ]
    said = said_with_tests(tests)
    assert re.search(r"\b(?:On|For) code fixing: [^.]*73\.7%", said)
    assert "On mathematical reasoning, Routed" in said  # named by its own line: once
    assert "91.2%" in said
    assert not re.search(rf"(?:On|For) {first}", said, re.IGNORECASE)


def test_a_count_is_not_asked_for_where_the_answer_gives_none() -> None:
    """A held-out episode asked "And the number of taste components?" and heard "The optimum
    number of components is dataset and algorithm dependent …": a question for a figure the
    answer never gives."""
    tests = [
        ("4.1", "Main Results", "Routed Block Attention reaches 91.2% recall on the needle test."),
        (
            "4.2",
            "Number of routed blocks",
            "The best number of routed blocks is task dependent, but by and large routing more "
            "blocks yields better recall on every long-context test.",
        ),
    ]
    said = said_with_tests(tests)
    assert "task dependent" in said, said
    assert "the number of routed blocks?" not in said


def test_a_change_in_a_measure_is_asked_for_as_a_change() -> None:
    """ "What AUC did it reach?" was answered "… increasing performance by about 5–10% in
    AUC": a listener heard the question dodged. A line that tells a change is asked for as
    one, and a measure named after "by" is the figure's."""
    sections = {**SECTIONS_WITH_FIGURES}
    sections["Experiments"] += (
        " Block routing raises retrieval accuracy by 2.1% over the strongest sparse baseline."
    )
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    turns = [t.text for t in write(paper).turns]
    at = next(i for i, t in enumerate(turns) if "by 2.1%" in t)
    gain = [q.format(metric="retrieval accuracy") for q in host_lines()["question_gain"]]
    assert turns[at - 1] in gain or turns[at - 1].endswith(tuple(gain)), turns[at - 1]
