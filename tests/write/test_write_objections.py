"""The skeptic brings questions of his own to the corner, the ones a careful reader asks of
any paper of its kind, each only where the paper gives it ground: who judged answers a
language model graded; whether a language model ranked against GPT and Llama on public
benchmarks had seen the test questions; how many people a study had; whether anything left
the simulator; what a faster method costs in quality. The paper's own line answers him, or
he says it is silent, and only where no word of the paper touches the subject. Listeners
rated every episode 3–4 because "the skeptic never raises an objection of his own"."""

from __future__ import annotations

import re

import pytest
from write_helpers import ABSTRACT, SECTIONS, build_paper

from paperdive.evaluate.talk import ask_kind
from paperdive.llm import Usage
from paperdive.models import Paper, Script, Section
from paperdive.writing.briefing_objections import objections
from paperdive.writing.conversation import host_lines
from paperdive.writing.extractive import ExtractiveWriter
from paperdive.writing.plan import CRITIQUE, chapter_kind
from paperdive.writing.sentences import PaperText

HOSTS = {"explainer": "Nora", "skeptic": "Theo"}
LLM_ABSTRACT = (
    "We present Quill, an open large language model for code. Quill outperforms GPT-4 Turbo "
    "on three of five coding benchmarks while using a tenth of its parameters."
)
JUDGED = (
    "With GPT-4 as a judge, Quill scores 8.1 on MT-Bench and 61.0 on Arena-Hard, the highest "
    "of the open models we compared."
)
RANKED = "On HumanEval, Quill reaches 88.4%, which surpasses Llama 3 70B at 80.5%."


def write(paper: Paper, format: str = "deep-dive") -> Script:
    writer, usage = ExtractiveWriter(), Usage()
    notes = writer.notes(paper, usage)
    outline = writer.plan([paper], [notes], format, 25, 150.0, usage)  # type: ignore[arg-type]
    return writer.script([paper], [notes], outline, HOSTS, usage)  # type: ignore[arg-type]


def corner(script: Script) -> list[tuple[str, str]]:
    return [
        (t.host, t.text)
        for t in script.turns
        if chapter_kind(script.chapters[t.chapter].title) is CRITIQUE
    ]


def paper_with(abstract: str = ABSTRACT, **extra: str) -> Paper:
    """The test paper, with sentences added to the end of its sections by title."""
    sections = {title: f"{text} {extra.get(title, '')}".strip() for title, text in SECTIONS.items()}
    return build_paper(
        abstract=abstract, sections=[Section(title=t, text=x) for t, x in sections.items()]
    )


def keys(paper: Paper) -> list[str]:
    return [o.key for o in objections(PaperText.of(paper), "Quill")]


@pytest.mark.parametrize(
    "extra",
    [
        "",
        "Three doctoral students served as evaluators of the summaries.",  # people judged
        "We recruited a team of engineers to build the kernel.",  # no count of people
    ],
)
def test_a_paper_without_grounds_gets_none_of_his_questions(extra: str) -> None:
    assert keys(paper_with(Experiments=extra)) == []


def test_scores_a_model_judged_are_asked_about_and_the_judge_left_unchecked_is_said() -> None:
    script = write(paper_with(LLM_ABSTRACT, Experiments=JUDGED))
    said = corner(script)
    asked = next(i for i, (host, text) in enumerate(said) if "judged" in text and host == "skeptic")
    assert said[asked + 1][0] == "explainer" and "GPT-4 as a judge" in said[asked + 1][1]
    remark = said[asked + 2]
    assert remark[0] == "skeptic" and re.search(r"\bhuman|\bpeople", remark[1])


def test_a_judge_checked_against_people_is_not_said_to_be_unchecked() -> None:
    checked = "The judge's verdicts show high agreement with human annotators on a sample."
    paper = paper_with(LLM_ABSTRACT, Experiments=f"{JUDGED} {checked}")
    (judge,) = [o for o in objections(PaperText.of(paper), "Quill") if o.key == "judge"]
    assert not judge.after


def test_a_ranked_language_model_silent_on_contamination_is_said_to_be() -> None:
    # "leakage of information" of attention and "overlap the computation" are no word on it.
    method = (
        "A causal mask prevents any leakage of information from future tokens. We overlap "
        "the computation of the experts with communication."
    )
    script = write(paper_with(LLM_ABSTRACT, Experiments=RANKED, Method=method))
    his = " ".join(text for host, text in corner(script) if host == "skeptic")
    assert re.search(r"training data\? The paper (?:never says|doesn.t say)", his)


def test_a_paper_that_speaks_of_contamination_is_never_said_to_be_silent() -> None:
    for word in (
        "We removed benchmark problems from the training data by n-gram matching.",
        "Benchmark overlap with the pre-training corpus is below one percent.",
        "Test items leak into web text (Table 9: 0.4% ↔ 1.2%).",  # a line never spoken
    ):
        paper = paper_with(LLM_ABSTRACT, Experiments=f"{RANKED} {word}")
        found = [o for o in objections(PaperText.of(paper), "Quill") if o.key == "contamination"]
        assert all(o.answer is not None for o in found), word


def test_a_benchmark_built_against_contamination_says_nothing_of_the_other_tests() -> None:
    """Kimi k1.5's only word on contamination describes LiveCodeBench ("… serves as a
    contamination-free benchmark"): the skeptic had said nothing; the rest is still unsaid."""
    described = (
        "LiveBench serves as a contamination-free benchmark for coding. It features live "
        "updates to prevent data contamination."
    )
    script = write(paper_with(LLM_ABSTRACT, Experiments=f"{RANKED} {described}"))
    his = " ".join(text for host, text in corner(script) if host == "skeptic")
    assert any(line in his for line in host_lines()["doubt_contamination_rest"]), his
    checked = (
        f"{RANKED} {described} We removed test problems from the training data by n-gram matching."
    )
    assert "contamination_rest" not in keys(paper_with(LLM_ABSTRACT, Experiments=checked))


def test_a_method_that_trains_no_model_is_not_asked_about_its_training_data() -> None:
    prompting = (
        "We present Quill, a prompting method for large language models. With GPT-4 as its "
        "backbone, Quill outperforms chain-of-thought on three of five reasoning benchmarks."
    )
    paper = paper_with(prompting, Experiments=RANKED)
    assert "contamination" not in keys(paper)


def test_a_contamination_check_the_paper_reports_answers_him() -> None:
    check = "None of the test problems were present in the pre-training data of Quill."
    script = write(paper_with(LLM_ABSTRACT, Experiments=f"{RANKED} {check}"))
    said = corner(script)
    asked = next(i for i, (host, text) in enumerate(said) if "Public benchmarks" in text)
    assert said[asked + 1] == ("explainer", check)


def test_a_model_that_is_no_language_model_or_ranks_no_rival_is_not_asked() -> None:
    assert "contamination" not in keys(paper_with(Experiments=RANKED))  # no language model
    unranked = LLM_ABSTRACT.replace("GPT-4 Turbo", "its predecessor")
    assert "contamination" not in keys(paper_with(unranked))  # no rival family named
    # Its own build on a well-known base, against that base: the method against itself.
    own = "Llama-8B-Quill performs comparably to Llama-8B-Full on every benchmark."
    assert "contamination" not in keys(paper_with(unranked, Experiments=own))


@pytest.mark.parametrize(("people", "small"), [("twelve", True), ("240", False)])
def test_a_study_is_asked_how_many_took_part_and_a_small_one_is_called_small(
    people: str, small: bool
) -> None:
    study = f"We recruited {people} participants from two universities for a lab study."
    script = write(paper_with(Experiments=study))
    said = corner(script)
    asked = next(i for i, (host, text) in enumerate(said) if "took part?" in text)
    assert said[asked + 1] == ("explainer", study.replace("We recruited", "They recruited"))
    remark = said[asked + 2][1] if asked + 2 < len(said) else ""
    assert (f"{people} people" in remark.lower()) is small


def test_results_from_a_simulator_only_are_said_to_be_so() -> None:
    simulated = "The controller learns simulated robotic walking in under an hour."
    his = " ".join(t for h, t in corner(write(paper_with(Experiments=simulated))) if h == "skeptic")
    assert "simulat" in his.lower()
    real = f"{simulated} We then ran the same controller on a real robot."
    assert "simulation" not in keys(paper_with(Experiments=real))


def test_results_only_partly_simulated_are_not_said_to_be_all_simulated() -> None:
    """RELAX tests its estimator on MNIST and Omniglot VAEs, then in one MuJoCo-simulated
    environment; its skeptic said "All in simulation, mind. Nothing was tested outside it."."""
    simulated = "The controller learns simulated robotic walking in under an hour."

    def with_control(abstract: str) -> Paper:
        sections = []
        for title, text in SECTIONS.items():
            sections.append(Section(title=title, text=text))
            if title == "Experiments":
                sections.append(Section(title="Control Experiments", text=simulated))
        return build_paper(abstract=abstract, sections=sections)

    assert "simulation" not in keys(with_control(ABSTRACT))
    claimed = f"{ABSTRACT} Quill learns simulated robotic walking in under an hour."
    assert "simulation" in keys(with_control(claimed))


def test_a_faster_method_is_asked_what_it_costs_in_quality() -> None:
    sold = "Lumen is 3.1x faster at inference than dense attention."
    held = "On every benchmark, Lumen matches the accuracy of dense attention."
    paper = paper_with(sold, Experiments=held)
    (speed,) = [o for o in objections(PaperText.of(paper), "Quill") if o.key == "speed"]
    assert speed.answer is not None and speed.answer.text == held
    # Sold with its quality in the same breath, the speed asks nothing.
    assert "speed" not in keys(
        paper_with(f"{sold[:-1]}, with comparable accuracy.", Experiments=held)
    )


def test_a_cost_that_scales_matching_other_work_is_no_answer_on_quality() -> None:
    """ "And the quality? How does it compare?" was answered "The constant difference …
    scales linearly with bit depth, matching storage and lookup work …"."""
    sold = "Lumen is 3.1x faster at inference than dense attention."
    scales = "The lookup time scales linearly with bit depth, matching storage work."
    speed = [o for o in objections(PaperText.of(paper_with(sold, Experiments=scales)), "Quill")]
    assert not [o for o in speed if o.key == "speed"]


def test_his_questions_are_heard_as_what_they_ask() -> None:
    """Eval types each question by its words; his must ask what the paper's line gives."""
    expected = {
        "ask_judge": {"measure"},
        "ask_contamination": {"measure", "mechanism", "yesno"},
        "ask_study": {"figure"},
        "ask_speed": {"comparison"},
    }
    lines = host_lines()
    for key, kinds in expected.items():
        for line in lines[key]:
            question = line.format(model="Quill").split(". ")[-1]
            assert ask_kind(question) in kinds, (key, line)


def test_his_lines_are_too_short_between_slots_to_be_boilerplate() -> None:
    lines = host_lines()
    families = ("judge", "contamination", "contamination_rest", "study", "simulation", "speed")
    for kind in [f"{part}_{f}" for f in families for part in ("ask", "doubt", "after")]:
        for line in lines.get(kind, []):
            for sentence in re.split(r"(?<=[.?!])\s+", line):
                for run in re.split(r"\{\w+\}", sentence):
                    assert len(re.findall(r"[\w'’]+", run)) <= 5, (kind, sentence)
