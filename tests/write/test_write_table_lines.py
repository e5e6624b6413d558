"""Results with their baselines, read from the paper's tables (issue 9: listeners asked for
"the numbers against what came before"; the table reader found a comparison in none of the
fourteen shared papers). Planted here as the real papers print them: systems in a header of
two rows under a row of groups, the method as its acronym in a row label, a column of set-up
beside the results, a header of symbols under a caption that names the one measure, and a
best rival the prose never names."""

from __future__ import annotations

import re

import pytest
from write_helpers import build_paper, prose_paper

from paperdive.models import Paper, Section, Table
from paperdive.writing.briefing import briefing_outline
from paperdive.writing.sentences import PaperText
from paperdive.writing.table_lines import UNNAMED_RIVAL, figure, table_lines

PROSE = (
    "We compare Routed Block Attention (RBA) with Kimi, OpenAI o1 and DARN on GSM8K and "
    "MATH-500. Inception is the convolutional network we start from. We also compare with "
    "Qwen1.5 72B Chat on AlpacaEval 2.0."
)


def paper_with(*tables: Table) -> Paper:
    paper = build_paper()
    sections = [
        Section(title=s.title, text=f"{s.text} {PROSE}" if s.title == "Experiments" else s.text)
        for s in paper.sections
    ]
    return paper.model_copy(update={"sections": sections, "tables": list(tables)})


def paper_with_prose(table: Table, prose: str) -> Paper:
    """A paper with the table, whose introduction also says `prose` (the names it uses)."""
    paper = paper_with(table)
    first = paper.sections[0]
    opened = first.model_copy(update={"text": f"{first.text} {prose}"})
    return paper.model_copy(update={"sections": [opened, *paper.sections[1:]]})


def lines_of(*tables: Table) -> list[str]:
    return [
        line.text for line in table_lines(paper_with(*tables), "Routed Block Attention", ["RBA"])
    ]


def test_systems_named_in_a_header_of_two_rows_under_a_row_of_groups() -> None:
    table = Table(
        caption="Performance of RBA and flagship models.",
        rows=[
            ["", "", "Open models", "", "Closed models"],
            ["", "Benchmark (Metric)", "Kimi", "OpenAI", "Routed Block"],
            ["", "", "k1.5", "o1", "Attention (RBA)"],
            ["", "MATH-500 (EM)", "90.6", "94.8", "96.2"],
            ["", "GSM8K (EM)", "88.0", "93.1", "91.0"],
        ],
    )
    said = lines_of(table)
    assert "On MATH-500, Routed Block Attention scores 96.2, against 94.8 for OpenAI o1." in said
    # Where the method is behind, the listener hears that too.
    assert "On GSM8K, Routed Block Attention scores 91.0, against 93.1 for OpenAI o1." in said


def test_an_error_column_is_read_lower_is_better_and_set_up_columns_are_not() -> None:
    table = Table(
        caption="Comparison with previous state of the art on the validation set.",
        rows=[
            ["Model", "Resolution", "Crops", "Top-5 error"],
            ["Inception", "224", "144", "6.67%"],
            ["Obscure ensemble", "480", "10", "4.94%"],
            ["RBA-Inception single", "224", "1", "7.82%"],
            ["RBA-Inception ensemble", "224", "144", "4.82%"],
        ],
    )
    said = lines_of(table)
    # The best rival, 4.94%, though the prose never names it: never a weaker one with a name.
    assert said == [
        f"The top-5 error of Routed Block Attention is 4.82%, against 4.94% for {UNNAMED_RIVAL}."
    ]


def test_an_ensemble_is_read_against_an_ensemble_and_a_single_model_against_one() -> None:
    """Batch Normalization's 20.1% was said against 24.88% for the runner-up: its ensemble
    against a single model, the one rival with a top-1 figure."""
    table = Table(
        caption="Comparison with previous state of the art on the validation set.",
        rows=[
            ["Model", "Models", "Top-1 error"],
            ["Inception ensemble", "7", "-"],
            ["Inception high-res", "1", "24.88"],
            ["RBA-Inception multicrop", "1", "21.99%"],
            ["RBA-Inception ensemble", "6", "20.1%"],
        ],
    )
    said = lines_of(table)
    assert said == [
        f"The top-1 error of Routed Block Attention is 21.99%, against 24.88% for {UNNAMED_RIVAL}."
    ]


def test_a_header_of_symbols_takes_the_captions_one_measure_and_data_set() -> None:
    table = Table(
        caption="Negative log-likelihood (in nats) per test example on the binarised MNIST "
        "data set; the right hand column is an upper bound on the negative log-likelihood.",
        rows=[
            ["Model", "$-log p$", "≤"],
            ["DARN 1hl [7]", "$≈ 84.13$", "88.30"],
            ["DARN 12hl [7]", "-", "87.72"],
            ["RBA without routing", "-", "87.40"],
            ["RBA", "-", "80.97"],
        ],
    )
    said = lines_of(table)
    assert (
        "On binarised MNIST, the negative log-likelihood of RBA is 80.97 nats, against 87.72 for "
        "DARN; lower is better." in said  # a listener asked which way the measure goes
    ), said


def test_a_caption_naming_one_rows_measure_does_not_name_the_others() -> None:
    table = Table(
        caption="Open-ended evaluations. For MATH-500, we use the win rate as the metric.",
        rows=[
            ["Model", "GSM8K", "MATH-500"],
            ["Kimi", "8.35", "16.6"],
            ["RBA", "8.97", "38.9"],
        ],
    )
    said = lines_of(table)
    assert said and not any("win rate" in line for line in said)


def test_every_figure_said_is_a_cell() -> None:
    assert figure("$≈ 84.62$") == "84.62"
    assert figure("76.3 ± 0.2") == "76.3"
    assert figure("4.94%*") == "4.94%"
    assert figure("up to 512") is None and figure("$3.07 × C^{-0.08}$") is None
    table = Table(
        caption="Accuracy on two benchmarks.",
        rows=[
            ["Benchmark", "RBA", "Kimi"],
            ["GSM8K", "73.0 ± 0.4", "71.2"],
            ["MATH-500", "40", "42"],
        ],
    )
    for line in lines_of(table):
        assert set(re.findall(r"(?<![\w.-])\d+(?:\.\d+)?(?![\w])", line)) <= {
            "73.0",
            "71.2",
            "40",
            "42",
        }


def test_the_skeptic_asks_for_the_rivals_and_points_out_where_the_method_trails() -> None:
    from test_write_brief import write
    from test_write_listening import listening_paper

    from paperdive.writing.conversation import host_lines
    from paperdive.writing.plan import CRITIQUE, chapter_kind

    script = write(listening_paper(), "deep-dive", 25)
    turns = script.turns
    # Every comparison it leads or ties is against full attention: he asks about that one.
    questions = {q.format(rival="full attention") for q in host_lines()["question_rival"]}
    asked = [i for i, t in enumerate(turns) if any(q in t.text for q in questions)]
    assert len(asked) == 1 and turns[asked[0]].host == "skeptic"
    answer = turns[asked[0] + 1]
    assert answer.host == "explainer" and "against 71.0 for full attention" in answer.text
    # Loogle (40.0 against 42.0) is a doubt the paper's own table raises: his, in the corner.
    corner = [t for t in turns if chapter_kind(script.chapters[t.chapter].title) is CRITIQUE]
    leads = host_lines()["trailing_lead"]
    trailing = [t for t in corner if "On Loogle" in t.text]
    assert len(trailing) == 1 and trailing[0].host == "skeptic"
    assert any(f"{lead} On Loogle" in trailing[0].text for lead in leads), trailing[0].text


def test_where_the_prose_states_no_result_the_tables_follow_the_set_up() -> None:
    """DRAW's episode named the data it trained on and never said how it did: its prose
    reports no figure, its table does."""
    from test_write_brief import write

    set_up = (
        "We evaluate on a suite of long-context tasks with contexts between 32,000 and one "
        "million tokens. The baseline is the same model with full attention, trained on the "
        "same data for the same number of steps. We compare RBA with Kimi on GSM8K and "
        "MATH-500, the two benchmarks used throughout."
    )
    table = Table(
        caption="Accuracy on two benchmarks.",
        rows=[
            ["Benchmark", "RBA", "Kimi"],
            ["GSM8K", "73.0", "71.2"],
            ["MATH-500", "40.0", "38.0"],
        ],
    )
    paper = build_paper(
        abstract="Attention over long contexts is slow because its cost grows quadratically "
        "with length. We introduce Routed Block Attention, which lets each query pick the "
        "blocks of context it reads.",
        sections=[
            Section(title=s.title, text=set_up if s.title == "Experiments" else s.text)
            for s in build_paper().sections
            if s.title != "Conclusion"  # its findings in words would make a numbers chapter
        ],
        tables=[table],
    )
    script = write(paper, "deep-dive", 25)
    said = [t.text for t in script.turns]
    assert any("On GSM8K" in t and "73.0" in t and "71.2" in t for t in said), said


def test_the_method_without_a_part_is_read_against_the_whole() -> None:
    """A listener asked for DRAW "with and without attention": the table had both rows."""
    table = Table(
        caption="Negative log-likelihood per test example on the binarised MNIST data set.",
        rows=[
            ["Model", "$-log p$"],
            ["DARN", "87.72"],
            ["RBA without routing", "87.40"],
            ["RBA", "80.97"],
        ],
    )
    said = lines_of(table)
    assert (
        "Take away routing, and RBA's negative log-likelihood on binarised MNIST is 87.40, "
        "against 80.97 with it." in said
    ), said


def test_a_rival_cell_printed_without_its_percent_sign_is_said_with_it() -> None:
    """BatchNorm's table prints "24.88" under "20.1%": a listener heard a bare number."""
    table = Table(
        caption="Comparison with previous state of the art on the validation set.",
        rows=[
            ["Model", "Top-1 error"],
            ["Obscure ensemble", "24.88"],
            ["RBA-Inception ensemble", "20.1%"],
        ],
    )
    assert lines_of(table) == [
        f"The top-1 error of Routed Block Attention is 20.1%, against 24.88% for {UNNAMED_RIVAL}."
    ]


def test_a_benchmark_the_prose_discusses_comes_before_one_only_tabulated() -> None:
    """MoBA's listener heard GSM8K and MBPP, which its prose never mentions, for a
    long-context paper whose text discusses RULER at 128K."""
    table = Table(
        caption="Performance comparison across benchmarks.",
        rows=[
            ["Benchmark", "RBA", "Full attention"],
            ["TriviaQA [0-shot]", "0.7278", "0.6142"],
            ["RULER @128K [0-shot]", "0.7849", "0.7818"],
        ],
    )
    paper = paper_with(table)
    sections = [
        s.model_copy(update={"text": f"{s.text} On RULER the routed model keeps its recall."})
        if s.title == "Experiments"
        else s
        for s in paper.sections
    ]
    paper = paper.model_copy(update={"sections": sections})
    said = [line.text for line in table_lines(paper, "Routed Block Attention", ["RBA"])]
    assert said[0] == "On RULER at 128K, RBA scores 0.785, against 0.782 for full attention."


def test_a_rival_with_a_version_in_its_name_is_named() -> None:
    """DeepSeek-V2's listener heard "the runner-up" for Qwen1.5 72B Chat, which its prose
    names: the dot of a version was taken for a table's abbreviation ("Comp. Score")."""
    table = Table(
        caption="Open-ended conversation evaluations.",
        rows=[
            ["Model", "GSM8K", "AlpacaEval 2.0"],
            ["DARN", "81.2", "16.6"],
            ["Qwen1.5 72B Chat", "80.1", "36.6"],
            ["RBA", "84.5", "38.9"],
        ],
    )
    assert "On AlpacaEval 2.0, RBA scores 38.9, against 36.6 for Qwen1.5 72B Chat." in lines_of(
        table
    )


def test_a_row_behind_by_a_hair_is_read_as_a_tie_not_held_up_as_a_doubt() -> None:
    """MoBA's corner called 0.7818 against 0.7849 on RULER "a miss", then "Close, but
    behind"; its listeners: "noise held up as a doubt", "a 0.003 gap is no doubt at all".
    It is read with the leads, as the tie it is."""
    from test_write_brief import corner_of, write
    from test_write_listening import listening_paper

    from paperdive.models import Table
    from paperdive.writing.conversation import host_lines
    from paperdive.writing.plan import NUMBERS, chapter_kind

    paper = listening_paper()
    rows = [
        row if row[0] != "Loogle" else ["Loogle", "41.9", "42.0"] for row in paper.tables[0].rows
    ]
    table = Table(label="Table 2", caption=paper.tables[0].caption, rows=rows)
    script = write(paper.model_copy(update={"tables": [table]}), "deep-dive", 25)
    turn = next(t for t in script.turns if "On Loogle" in t.text)
    assert chapter_kind(script.chapters[turn.chapter].title) is NUMBERS
    assert any(f"{lead} On Loogle" in turn.text for lead in host_lines()["level_lead"]), turn.text
    assert not any("On Loogle" in said for said in corner_of(script))


def test_a_system_named_once_over_its_sizes_under_a_header_of_two_rows() -> None:
    """Bayes by Backprop's error table: "Test" over "Error", each method named once over
    the rows of its three sizes, a size column of counts ("1.3m") beside it, and a rival
    named with its variant ("SGD, dropconnect"). The table reader found nothing in it."""
    table = Table(
        caption="Classification error rates.",
        rows=[
            ["", "", "", "Test"],
            ["Method", "", "", ""],
            ["", "", "", "Error"],
            ["SGD, dropconnect", "800", "1.3m", "1.2%"],
            ["SGD, dropout", "400", "500k", "1.51%"],
            ["", "800", "1.3m", "1.33%"],
            ["RBA, mixture", "400", "500k", "1.36%"],
            ["", "800", "1.3m", "1.14%"],
        ],
    )
    paper = paper_with_prose(table, "Dropconnect and dropout regularise.")
    said = [line.text for line in table_lines(paper, "Routed Block Attention", ["RBA"])]
    assert said == [
        "The test error of Routed Block Attention is 1.14%, against 1.2% for dropconnect."
    ]


def test_a_training_figure_is_no_result_and_a_variant_is_said_with_its_system() -> None:
    """An unseen paper's skeptic kept "18.49 against 36.96 perplexity", a fit to the
    training data, and heard "against 112.98 for dropout", a regulariser, not a system."""
    table = Table(
        caption="Comparison of models in terms of perplexity.",
        rows=[
            ["Architecture", "Train Perplexity", "Test Perplexity"],
            ["LSTM", "54.41", "120.16"],
            ["LSTM, dropout", "145.59", "112.98"],
            ["RBA, dropout", "114.29", "98.67"],
        ],
    )
    paper = paper_with_prose(table, "An LSTM overfits without dropout.")
    said = [line.text for line in table_lines(paper, "Routed Block Attention", ["RBA"])]
    assert said == [
        "The test perplexity of Routed Block Attention is 98.67, against 112.98 for LSTM with "
        "dropout; lower is better."
    ]


def test_an_unnamed_rival_ahead_of_the_method_is_not_the_runner_up() -> None:
    table = Table(
        caption="Comparison on the validation set.",
        rows=[
            ["Model", "Top-5 error"],
            ["Obscure ensemble", "4.94%"],
            ["RBA-Inception", "5.82%"],
        ],
    )
    said = lines_of(table)
    assert said == [
        "The top-5 error of Routed Block Attention is 5.82%, against 4.94% for "
        "the best of the others."
    ]


def test_figures_printed_to_four_decimals_are_said_to_as_few_as_tell_them_apart() -> None:
    """ "0.7278, against 0.7142" did not register with a listener; "0.73, against 0.71" does,
    and a gap two decimals would hide keeps a third ("0.782, against 0.785")."""

    def said(gsm8k: list[str], ruler: list[str]) -> str:
        header = ["Benchmark", "RBA", "Full attention"]
        rows = [header, ["GSM8K", *gsm8k], ["RULER", *ruler]]
        return " ".join(lines_of(Table(caption="Accuracy on two benchmarks.", rows=rows)))

    four = said(["0.7278", "0.7142"], ["0.7818", "0.7849"])
    assert "0.73, against 0.71" in four and "0.782, against 0.785" in four
    assert "41.25, against 40.13" in said(["41.25", "40.13"], ["52.50", "51.75"])  # as printed
    # Half up, as the grounding check rounds: "0.74" of a printed 0.745 was cut as unfounded,
    # and with it the table line that was the skeptic's whole corner.
    assert "0.75, against 0.76" in said(["0.745", "0.756"], ["0.5", "0.4"])


def test_a_caption_opening_on_a_benchmark_names_what_the_rows_are_scored_on() -> None:
    """ "The overall accuracy score of DeepSeek-V2 Chat is 84.54, against 89.77 for the best
    of the others" left the listener asking: on what?"""
    table = Table(
        caption="MATH-500 Reasoning Level. “OvrAcc Score” stands for Overall Accuracy Score.",
        rows=[
            ["Model Name", "OvrAcc Score"],
            ["Kimi k1.5", "89.77"],
            ["RBA", "84.54"],
        ],
    )
    said = lines_of(table)
    assert any(line.startswith("On MATH-500, the overall accuracy score of") for line in said)
    # A caption opening on a system of the table names no benchmark.
    # Nor does one opening on a word ("LLM evaluation results") rather than a benchmark.
    caption = "LLM evaluation results. “OvrAcc Score” stands for Overall Accuracy Score."
    rows = [["Model Name", "OvrAcc Score"], ["Kimi k1.5", "89.77"], ["RBA", "84.54"]]
    assert not any(line.startswith("On ") for line in lines_of(Table(caption=caption, rows=rows)))
    caption = "DARN against RBA. “OvrAcc Score” stands for Overall Accuracy Score."
    rows = [["Model Name", "OvrAcc Score"], ["DARN", "89.77"], ["RBA", "84.54"]]
    said = lines_of(Table(caption=caption, rows=rows))
    assert said
    assert not any(line.startswith("On ") for line in said)


def test_a_rival_named_for_its_authors_is_said_without_et_al() -> None:
    """An unseen paper's table rows "Cohen et al." were read "against 75.9 for Cohen et
    al..": a citation and a double stop, by ear."""
    table = Table(
        caption="Retrieval results.",
        rows=[["Method", "GSM8K"], ["Cohen et al.", "75.9"], ["RBA", "89.2"]],
    )
    paper = paper_with(table)
    cited = "We compare with the spherical network of Cohen et al. on GSM8K."
    sections = [s.model_copy(update={"text": f"{s.text} {cited}"}) for s in paper.sections]
    said = table_lines(paper.model_copy(update={"sections": sections}), "RBA", [])
    assert [line.text for line in said] == [
        "On GSM8K, RBA scores 89.2, against 75.9 for Cohen and colleagues."
    ]


def test_a_caption_of_results_on_a_task_names_it_and_map_is_a_measure() -> None:
    """An unseen paper's two tables were both read "On mAP, …": two different tasks, and
    a measure taken for a benchmark. Their captions, "Results on SHREC'17 (3D shapes)" and
    "Results on climate event segmentation: …", name what the rows are scored on."""
    shapes = Table(
        caption="Results on SHREC'17 (3D shapes). RBA is cheaper.",
        rows=[["Method", "mAP"], ["DARN", "68.5"], ["RBA", "68.6"]],
    )
    climate = Table(
        caption="Results on climate event segmentation: mean average precision.",
        rows=[["Model", "mAP"], ["DARN", "75.9"], ["RBA", "89.2"]],
    )
    said = lines_of(shapes, climate)
    assert "On SHREC'17, the mAP of RBA is 68.6, against 68.5 for DARN." in said
    assert "On climate event segmentation, the mAP of RBA is 89.2, against 75.9 for DARN." in said


def test_how_long_it_takes_to_get_there_is_read_lower_is_better() -> None:
    """RELAX needed 566 epochs where REBAR needed 2086, and the skeptic held it up as a
    miss ("Their table shows a miss: … RELAX scores 566, against 2086 for REBAR")."""
    table = Table(
        caption="Epochs needed to achieve DARN's best validation score.",
        rows=[
            ["Dataset", "Model", "DARN", "RBA"],
            ["MNIST", "one-layer", "857", "531"],
            ["MNIST", "two-layer", "900", "620"],
            ["Omniglot", "one-layer", "2086", "566"],
        ],
    )
    lines = table_lines(paper_with(table), "Routed Block Attention", ["RBA"])
    assert lines and all(line.gap > 0 for line in lines), [(x.text, x.gap) for x in lines]
    # said as the count it is, not as a score ("RELAX scores 566, against 2086")
    assert "On MNIST, RBA needs 531 epochs, against 857 for DARN." in [x.text for x in lines]


def test_a_column_is_read_by_its_own_measure_not_the_captions() -> None:
    """ "Their table shows a miss: On SLOR, VERTEX ADDITION scores 0.73, against 0.38 for
    RANDOM": the caption's latency made every column lower-is-better."""
    table = Table(
        caption="Test results. Latency is the mean runtime per sentence.",
        rows=[
            ["Approach", "F1", "SLOR", "Latency"],
            ["RANDOM", "0.653", "0.377", "0.5"],
            ["RBA", "0.873", "0.728", "2929.1"],
        ],
    )
    lines = table_lines(paper_with(table), "Routed Block Attention", ["RBA"])
    slor = [line for line in lines if "SLOR" in line.text]
    assert slor and all(line.gap > 0 for line in slor), [(x.text, x.gap) for x in lines]


def test_a_bound_or_the_method_ablated_is_no_rival_and_a_footnote_mark_is_not_said() -> None:
    """ "The *latency of VERTEX ADDITION is 4.1, against 0.5 for RANDOM": the random lower
    bound is fastest at doing nothing, and the header's footnote mark was read out."""
    table = Table(
        caption="Test results. *Latency is the mean runtime per sentence.",
        rows=[
            ["Approach", "*Latency"],
            ["RANDOM (lower bound)", "0.5"],
            ["ABLATED (edge only)", "3.7"],
            ["DARN", "44.0"],
            ["RBA", "4.1"],
        ],
    )
    said = [line.text for line in table_lines(paper_with(table), "Routed Block Attention", ["RBA"])]
    assert said == ["RBA's latency, the mean runtime per sentence, is 4.1, against 44.0 for DARN."]


def test_the_reference_outputs_are_no_rival() -> None:
    """ "Their table shows a miss: On iBLEU, NC-RAPT scores 10.64, against 60.90 for Ground
    Truth": the human references the outputs are scored against are no system to beat."""
    table = Table(
        caption="Paraphrase quality.",
        rows=[["Method", "GSM8K"], ["Ground Truth", "60.90"], ["DARN", "9.0"], ["RBA", "10.6"]],
    )
    assert lines_of(table) == ["On GSM8K, RBA scores 10.6, against 9.0 for DARN."]


def test_figures_near_in_size_and_opposite_in_sign_are_not_read_out() -> None:
    """RELAX's listener heard "RELAX scores 119.19, against -111.12 for REBAR" and stopped
    trusting the numbers: the transcribed cell had lost its minus sign."""
    table = Table(
        caption="Highest training ELBO for discrete VAEs.",
        rows=[
            ["Dataset", "Model", "DARN", "RBA"],
            ["GSM8K", "one-layer", "-111.12", "119.19"],
            ["MATH-500", "one-layer", "-128.20", "-127.51"],
            ["AlpacaEval 2.0", "return", "-20.5", "31.0"],
        ],
    )
    said = " ".join(lines_of(table))
    assert "119.19" not in said
    assert "-127.51" in said
    assert "31.0" in said  # a score that went from negative to positive is a comparison


def test_a_measure_is_said_with_the_unit_its_header_or_caption_gives_it() -> None:
    """An unseen paper's listener heard "The latency of VERTEX ADDITION is 4.1, against 44.0
    for ILP" (4.1 what?); the caption said "(in milliseconds per sentence)"."""
    caption = (
        "Test results. *Latency is the geometric mean of runtimes (in milliseconds per sentence)."
    )
    rows = [["Approach", "F1", "*Latency"], ["DARN", "0.852", "44.0"], ["RBA", "0.881", "4.1"]]
    said = lines_of(Table(caption=caption, rows=rows))
    assert (
        "RBA's latency, the geometric mean of runtimes, is 4.1 milliseconds, against 44.0 for DARN."
        in said
    ), said
    assert "The F1 of RBA is 0.88, against 0.85 for DARN." in said  # F1 has no unit
    headed = [["Approach", "Memory (GB)"], ["DARN", "44.0"], ["RBA", "4.1"]]
    assert "4.1 gigabytes" in " ".join(lines_of(Table(caption="Test results.", rows=headed)))


def test_a_table_whose_columns_ran_together_is_split_and_read() -> None:
    """ILM's tables came out of the PDF one cell a row ("ILM 15.6 22.4 22.6" under "Sto Abs
    Lyr"; "Score (%) 20 29 41 45" under "BERT SA LM ILM"), and none was read: its human
    evaluation, the paper's headline, was never said."""
    human = Table(
        caption="Human evaluation: how often people failed to spot the machine's sentence.",
        rows=[["DARN Kimi RBA"], ["Score (%) 20 41 45"]],
    )
    assert lines_of(human) == ["The score of RBA is 45%, against 41% for Kimi."]
    perplexity = Table(
        caption="Sentence infilling PPL of all models.",
        rows=[["GSM8K MATH-500"], ["DARN 18.3 27.9"], ["Kimi 27.1 -"], ["RBA 15.6 22.4"]],
    )
    assert "On GSM8K, the perplexity of RBA is 15.6, against 18.3 for DARN" in " ".join(
        lines_of(perplexity)
    )
    uneven = Table(caption="Perplexity of all models.", rows=[["GSM8K MATH-500"], ["RBA 15.6"]])
    assert lines_of(uneven) == []


def test_a_table_divided_by_data_set_is_read_on_each_and_on_its_test_split() -> None:
    """The HMM paper's one results table sets "Penn Treebank" over some rows and "WikiText"
    over the rest, with "Val" and "Test" columns under "Perplexities on …": none of it was
    read, and read whole it would set one data set's rows against the other's."""
    table = Table(
        caption="Perplexities on the two data sets.",
        rows=[
            ["Model", "Size", "Val", "Test"],
            ["GSM8K", "", "", ""],
            ["DARN", "24M", "60.0", "57.3"],
            ["RBA", "7.7M", "125.0", "115.8"],
            ["MATH-500", "", "", ""],
            ["DARN", "33M", "68.6", "65.8"],
            ["RBA", "7.7M", "168.0", "158.2"],
        ],
    )
    assert lines_of(table) == [
        "On MATH-500, the perplexity of RBA is 158.2, against 65.8 for DARN; lower is better.",
        "On GSM8K, the perplexity of RBA is 115.8, against 57.3 for DARN; lower is better.",
    ]


def test_a_measure_the_caption_defines_is_said_with_its_meaning() -> None:
    """ "The score of ILM is 45%, against 41% for LM": 45% of what, and is more better? The
    caption said: "the percentage of infilled stories where the human failed to identify
    the machine-generated sentence"."""
    caption = (
        "Human evaluation results. We report the score of each model: the percentage of "
        "stories where people failed to spot the machine's sentence. Note the max score."
    )
    human = Table(caption=caption, rows=[["DARN Kimi RBA"], ["Score (%) 20 41 45"]])
    assert lines_of(human) == [
        "RBA's score, the percentage of stories where people failed to spot the machine's "
        "sentence, is 45%, against 41% for Kimi."
    ]


def test_a_task_column_the_prose_discusses_is_read_by_the_captions_count() -> None:
    """RELAX's episodes to solve Cart-pole and Lunar lander, the headline of its cold open,
    went unread: a lower-case task name is no benchmark-like column head."""
    table = Table(
        caption="Mean episodes to solve tasks.",
        rows=[["Model", "Inverted pendulum"], ["DARN", "6243 ± 164"], ["RBA", "2067 ± 412"]],
    )
    paper = paper_with(table)
    paper = paper.model_copy(
        update={"abstract": f"{paper.abstract} We also solve the Inverted pendulum task."}
    )
    said = [x.text for x in table_lines(paper, "Routed Block Attention", ["RBA"])]
    assert said == ["On Inverted pendulum, RBA needs 2067 episodes, against 6243 for DARN."]


def test_an_elbo_is_a_measure_higher_is_better() -> None:
    table = Table(
        caption="Highest training ELBO for discrete variational autoencoders.",
        rows=[["Dataset", "DARN", "RBA"], ["GSM8K", "-81.01", "-78.13"]],
    )
    lines = table_lines(paper_with(table), "Routed Block Attention", ["RBA"])
    assert [x.text for x in lines] == [
        "On GSM8K, the ELBO of RBA is -78.13, against -81.01 for DARN."
    ]
    assert lines[0].gap > 0


def test_a_paper_that_names_no_method_has_its_tables_read_by_the_row_it_marks() -> None:
    """A graph CNN paper names no method; its tables mark "Proposed graph CNN", and its
    listeners heard no number at all: not the one where it trails a classical CNN."""
    table = Table(
        caption="Classification accuracies of the proposed graph CNN and a classical CNN.",
        rows=[["Model", "Accuracy"], ["Classical CNN", "99.33"], ["Proposed graph CNN", "99.14"]],
    )
    paper = paper_with_prose(table, "A classical CNN reads images on a grid.")
    said = [line.text for line in table_lines(paper, None)]
    assert said == ["The accuracy of their graph CNN is 99.14, against 99.33 for Classical CNN."]
    marked = {
        "GC32 (ours)": "GC32",
        # a style-transfer paper marks its rows "Ours (DAE)", "Ours (VAE)": its episode said
        # no number from its tables
        "Ours (VAE)": "their VAE",
    }
    for row, name in marked.items():
        table.rows[2] = [row, "99.14"]
        said = [
            line.text for line in table_lines(paper.model_copy(update={"tables": [table]}), None)
        ]
        assert said == [f"The accuracy of {name} is 99.14, against 99.33 for Classical CNN."]


def test_a_run_time_is_said_as_one_in_the_unit_the_caption_gives() -> None:
    """COMET's skeptic held up "On Reuters CV1, COMET scores 157, against 11 for LEGO",
    read from "Run time statistics, minutes.": a time scored, in no unit."""
    table = Table(
        caption="Run time statistics, minutes.",
        rows=[["Dataset", "RBA", "LEGO"], ["Reuters CV1", "157 ± 3", "11 ± 3"]],
    )
    paper = paper_with_prose(table, "We test on Reuters CV1 against LEGO.")
    said = [line.text for line in table_lines(paper, "Routed Block Attention", ["RBA"])]
    assert said == ["On Reuters CV1, the run time of RBA is 157 minutes, against 11 for LEGO."]


def test_a_measure_the_paper_defines_for_itself_is_read_as_one() -> None:
    """Columns "Transfer Strength" and "Content Preservation" are no metric a list of known
    ones holds; the paper lists them ("using two metrics: style-transfer strength and
    content preservation"), and a caption that opens on the data set says where."""
    table = Table(
        caption="Yelp Dataset - Comparison",
        rows=[
            ["Model", "Transfer Strength", "Content Preservation"],
            ["Cross-Alignment", "0.809", "0.892"],
            ["Ours (VAE)", "0.890", "0.882"],
        ],
    )
    prose = "We compare with Cross-Alignment on Yelp reviews."
    assert table_lines(paper_with_prose(table, prose), None) == []
    listed = f"{prose} We use two metrics: style-transfer strength and content preservation."
    said = [line.text for line in table_lines(paper_with_prose(table, listed), None)]
    assert "On Yelp, the transfer strength of their VAE is 0.89, against 0.81 for " in said[0]


def test_a_table_in_long_form_compares_systems_within_one_setting() -> None:
    """MH-GAN's table sets one row per selector, base GAN and data set. Read as one grid,
    its best row on one data set was set against the best rival on another."""
    table = Table(
        caption="Inception scores of each selector.",
        rows=[
            ["Selector", "Base GAN", "Data set", "Inception score"],
            ["DRS", "DCGAN", "CIFAR-10", "3.07"],
            ["DRS", "DCGAN", "CelebA", "2.87"],
            ["RBA", "DCGAN", "CIFAR-10", "3.38"],
            ["RBA", "DCGAN", "CelebA", "2.95"],
        ],
    )
    prose = "RBA is tested against DRS with a DCGAN on CIFAR-10 and CelebA."
    paper = paper_with_prose(table, prose)
    said = [line.text for line in table_lines(paper, "Routed Block Attention", ["RBA"])]
    assert said == [
        "On CIFAR-10 with DCGAN, the inception score of RBA is 3.38, against 3.07 for DRS.",
        "On CelebA with DCGAN, the inception score of RBA is 2.95, against 2.87 for DRS.",
    ]


def test_a_row_of_differences_is_no_rival() -> None:
    """RESPIN's table ends on "Relative difference (%)": its skeptic held up "The WER of
    ASR-BN-ROB is 17.14, against 1.62 for the best of the others"."""
    table = Table(
        caption="Word error rates.",
        rows=[
            ["System", "WER"],
            ["Base-ASR", "17.93"],
            ["RBA (proposed)", "17.14"],
            ["Relative difference (%)", "1.62"],
        ],
    )
    paper = paper_with_prose(table, "We compare with Base-ASR.")
    said = [line.text for line in table_lines(paper, None)]
    assert said == ["The WER of RBA is 17.14, against 17.93 for Base-ASR; lower is better."]


def test_where_the_method_trails_is_kept_past_a_tables_widest_gaps() -> None:
    """QSB's table gave three columns; the two widest gaps were wins, and the one it
    trails on (SLOR) was cut with the table's others, so the corner had no miss to hold up."""
    table = Table(
        caption="Test results for constrained compression.",
        rows=[
            ["Approach", "F1", "Latency", "Recall"],
            ["ILP", "0.852", "44.0", "0.756"],
            ["RBA", "0.881", "4.1", "0.745"],
        ],
    )
    paper = paper_with_prose(table, "We compare with ILP.")
    said = [line.text for line in table_lines(paper, "Routed Block Attention", ["RBA"])]
    assert any("recall of RBA is 0.74" in line or "recall of RBA is 0.75" in line for line in said)


def test_a_paper_that_tests_others_systems_says_which_came_out_on_top() -> None:
    """A paper that sets a task and tests others' models on it (no row is the authors'
    own) said no number from its results table: the episode now says which system leads
    the summary column, by how much, over the runner-up."""
    table = Table(
        caption="Model accuracy on the test split for each constraint.",
        rows=[
            ["Model", "No Constraint", "No Name", "All Constraints"],
            ["GPT-4-turbo", "92%", "76%", "80%"],
            ["Gemma-7b", "88%", "36%", "59%"],
            ["Falcon-7b", "76%", "20%", "43%"],
        ],
    )
    prose = "We test GPT-4-turbo, Gemma-7b and Falcon-7b on the new task."
    lines = table_lines(paper_with_prose(table, prose), "RC-QA")
    assert [line.text for line in lines] == [
        "On all constraints, GPT-4-turbo comes out on top in accuracy: 80%, against 59% for "
        "Gemma-7b."
    ]
    # An unseen robotics paper's "Episode Rewards averaged over 1000 …" under a column
    # "Performance": the rewards are the measure, and "performance" names no test.
    rewards = Table(
        caption="Episode Rewards averaged over 1000 out-of-sample episodes.",
        rows=[
            ["Approach", "Performance"],
            ["GPT-4-turbo", "254.87 ± 47.26"],
            ["Gemma-7b", "251.07 ± 29.2"],
            ["Falcon-7b", "92.19 ± 23.84"],
        ],
    )
    assert [line.text for line in table_lines(paper_with_prose(rewards, prose), "RC-QA")] == [
        "GPT-4-turbo comes out on top in episode rewards: 254.87, against 251.07 for Gemma-7b."
    ]
    # A table with the method's own row is the method's to be read against the rest, never
    # a rival's lead over it.
    ours = table.model_copy(update={"rows": [*table.rows, ["RC-QA", "90%", "70%", "81%"]]})
    assert table_lines(paper_with_prose(ours, prose), "RC-QA") == []


def test_a_paper_that_names_no_method_has_the_rows_that_carry_its_titles_word_read() -> None:
    """A recommender paper, "Mixture-of-tastes Models for …", names no method and marks no
    row; its main table (Mixture-LSTM against LSTM, on data sets with plain-word names, in
    mean reciprocal rank, in groups of systems) went unread."""
    table = Table(
        caption="Mean reciprocal rank across all users in the test set.",
        rows=[
            ["Model", "Movies", "Shop"],
            ["(a) Sequence models", "", ""],
            ["LSTM", "0.0908", "0.1502"],
            ["Mixture-LSTM", "0.1001", "0.1889"],
            ["(b) Factorization models", "", ""],
            ["Bilinear", "0.1053", "0.1001"],
            ["Embedding Mixture", "0.1026", "0.1696"],
        ],
    )
    prose = (
        "We test Mixture-LSTM and the Embedding Mixture model on the Shop dataset and the "
        "Movies data, against an LSTM and a Bilinear model."
    )
    paper = paper_with_prose(table, prose).model_copy(
        update={"title": "Mixture-of-tastes Models for Representing Users"}
    )
    said = [line.text for line in table_lines(paper, None)]
    assert (
        "On Shop, the mean reciprocal rank of Mixture-LSTM is 0.19, against 0.15 for LSTM." in said
    )
    assert any("Embedding Mixture is 0.17, against 0.10" in line for line in said), said
    # a table whose rows all carry the word sets nothing against it
    untitled = paper.model_copy(update={"title": "Representing Users with Many Tastes"})
    assert table_lines(untitled, None) == []


def test_a_mean_absolute_error_is_read_lower_is_better() -> None:
    """A motor-dynamics paper scores its models in MAE and SMAPE: the acronyms say no
    "error", and the higher figure would have been read as the better."""
    table = Table(
        caption="Results on the validation set.",
        rows=[
            ["Model", "MAE", "SMAPE (%)"],
            ["Deep CNN", "61.20", "6.13"],
            ["RBA", "26.88", "1.09"],
        ],
    )
    lines = table_lines(paper_with_prose(table, "Deep CNN is a baseline."), "RBA")
    said = [line.text for line in lines]
    assert any("26.88, against 61.20" in line for line in said), said
    assert any("1.09%, against 6.13%" in line for line in said), said
    assert all(line.gap > 0 for line in lines)  # leads, not misses the skeptic holds up


def test_a_paper_that_names_no_method_has_the_column_that_carries_its_titles_word_read() -> None:
    """A sentiment paper, "… Document Embeddings trained with Cosine Similarity", sets its
    systems as columns ("Dot Product (%)", "Cosine Similarity (%)"); another of its tables
    carries "Document" in its rows: the first word that parts a table is not the only one."""
    columns = Table(
        caption="Experimental results.",
        rows=[
            ["Features", "Dot Product (%)", "Cosine Similarity (%)"],
            ["Unigrams", "89.60", "90.75"],
        ],
    )
    rows = Table(
        caption="Comparison with other models.",
        rows=[["Model", "Accuracy (%)"], ["Document Vectors", "93.13"], ["TopicRNN", "93.76"]],
    )
    prose = (
        "We propose document embeddings trained with the cosine similarity on unigrams, "
        "not with the dot product."
    )
    paper = paper_with_prose(columns, prose).model_copy(
        update={
            "title": "Document Embeddings trained with Cosine Similarity",
            "tables": [columns, rows],
        }
    )
    said = [line.text for line in table_lines(paper, None)]
    expected = "On Unigrams, cosine similarity scores 90.75%, against 89.60% for dot product."
    assert expected.lower() in [line.lower() for line in said], said


def test_a_table_whose_columns_ran_into_its_labels_is_not_read() -> None:
    """A held-out parser's results table came out with three columns run into each label
    ("TUPA 64.5 63.7 64.1"); the columns left were read against the wrong headers: "On
    LR, TUPA scores 18.8, against 0.4 for TurboParser"."""
    table = Table(
        caption="Experimental results, in percents.",
        rows=[
            ["LP LR LF", "LP", "LR", "LF"],
            ["RBA 64.5 63.7 64.1", "19.8", "13.4", "16"],
            ["DARN 61.8 55.8 58.6", "9.5", "0.5", "1"],
        ],
    )
    assert lines_of(table) == []


def test_a_one_word_row_the_prose_uses_only_as_a_word_of_the_field_is_unnamed() -> None:
    """A motor-dynamics paper's "Deep" row (a variant of its own model) was said as "deep
    learning", a rival no one can picture."""
    table = Table(
        caption="Results on the validation set.",
        rows=[["Model", "SMAPE (%)"], ["Deep", "4.57"], ["RBA", "1.09"]],
    )
    prose = "We use deep learning. Much of deep learning is costly. Our deep learning helps."
    said = [line.text for line in table_lines(paper_with_prose(table, prose), "RBA")]
    assert said == [
        f"The SMAPE of RBA is 1.09%, against 4.57% for {UNNAMED_RIVAL}; lower is better."
    ]


def test_a_title_word_the_authors_never_claim_names_no_row_of_theirs() -> None:
    """ "Do Sparse Attention Patterns Help …?" tests others' models: its "Sparse Transformer"
    row is a rival, not the paper's own system."""
    table = Table(
        caption="Accuracy on ListOps.",
        rows=[["Model", "Accuracy"], ["Transformer", "36.4"], ["Sparse Transformer", "17.1"]],
    )
    prose = "We evaluate the Transformer and the Sparse Transformer on ListOps."
    paper = paper_with_prose(table, prose).model_copy(
        update={"title": "Do Sparse Attention Patterns Help Long Inputs?"}
    )
    assert not any("of Sparse Transformer is" in line.text for line in table_lines(paper, None))


@pytest.mark.parametrize(
    "caption",
    ["Statistics of evaluation datasets.", "Dataset statistics.", "Characteristics of the data."],
)
def test_a_table_that_describes_the_data_is_not_read_as_results(caption: str) -> None:
    """A few-shot intent paper's dataset table was read as results: "On BANKING77, intents
    without scores 77, against 1 for the runner-up" (its title claims "intents")."""
    table = Table(
        caption=caption,
        rows=[
            ["Dataset", "RBA", "Examples", "Domains"],
            ["CLINC150", "150", "23,700", "10"],
            ["BANKING77", "77", "13,083", "1"],
        ],
    )
    prose = "We test RBA on the CLINC150 and BANKING77 datasets, with their examples."
    assert table_lines(paper_with_prose(table, prose), "RBA") == []
    results = table.model_copy(update={"caption": "Accuracy on benchmark datasets."})
    assert table_lines(paper_with_prose(results, prose), "RBA") != []


def test_a_caption_naming_the_set_its_figures_are_on_names_it_in_the_line() -> None:
    """A held-out paper's episode said "The mAP of YOLO is 58.8, against 66.9 …" from the
    tables "Model combination experiments on VOC 2007" and "Pascal VOC 2012 Leaderboard":
    a listener heard a figure and not what it was measured on."""
    prose = (
        "We test on the VOC 2007 test set and the VOC 2012 test set, and on the spam corpus of "
        "Cohen et al. LLaMA-7B is the backbone."
    )
    rows = [["Method", "mAP"], ["DARN", "66.9"], ["RBA", "70.4"]]

    def said(caption: str) -> list[str]:
        paper = paper_with_prose(Table(caption=caption, rows=rows), prose)
        return [line.text for line in table_lines(paper, "RBA", [])]

    on_2007 = "On VOC 2007, the mAP of RBA is 70.4, against 66.9 for DARN."
    assert said("Model combination experiments on VOC 2007. We examine …") == [on_2007]
    assert said("mAP and timing on the VOC 2007 test set.") == [on_2007]
    assert said("VOC 2012 Leaderboard. RBA against the public entries.")[0].startswith(
        "On VOC 2012, "
    )
    # Two sets, a set named by its authors, a set the prose never names: no one set.
    for caption in (
        "Detection on VOC 2007 and VOC 2012.",
        "Detection on the Cohen et al. corpus.",
        "Detection on Kestrel.",
        # a model, a list, an ablation's subject, a leaderboard's adjective (a review)
        "Comparison of fine-tuning methods on LLaMA-7B.",
        "Detection on VOC 2007, VOC 2012 and Kestrel.",
        "Ablation on Block Size.",
        "Official Leaderboard of the challenge.",
    ):
        assert not said(caption)[0].startswith("On "), caption


def test_a_column_with_no_header_is_no_measure_of_the_captions_set() -> None:
    """Under "Classification Error Rates on MNIST", the unheaded column of units per layer
    was read "On MNIST, the error of Bayes by Backprop is 400, against 400 for SGD"."""
    table = Table(
        caption="Classification error rates on MNIST.",
        rows=[["Method", "", "Test Error"], ["DARN", "800", "1.6%"], ["RBA", "400", "1.3%"]],
    )
    paper = paper_with_prose(table, "All systems are trained on the MNIST data set.")
    said = [line.text for line in table_lines(paper, "RBA", [])]
    assert said == ["On MNIST, the test error of RBA is 1.3%, against 1.6% for DARN."]


def test_a_column_of_reductions_or_p_values_is_no_rival_and_small_errors_keep_two_digits() -> None:
    """A held-out paper's table (no caption read) was said "On Airport, Model R scores
    0.013%, against 73% for Reduction"; with its caption, "0.01, against 0.05" made a 3.7
    times gap a fivefold one."""
    table = Table(
        caption="The mean squared errors of 5 models on 4 datasets: RBA has lower error.",
        rows=[
            ["Dataset", "DARN", "RBA", "Reduction", "p"],
            ["GSM8K", "0.0486(6)", "0.013(1)", "73%", "4.2e-66"],
        ],
    )
    assert lines_of(table) == [
        "On GSM8K, the mean squared error of RBA is 0.013, against 0.049 for DARN."
    ]


def test_a_sets_year_in_a_table_line_does_not_silence_the_prose_that_names_the_set() -> None:
    """Once the YOLO episode's table lines said "On VOC 2007, …", its prose results on VOC
    2007 ("The best DARN model reaches a mAP of 71.8% on the VOC 2007 test set") were left
    out as repeating the table: the set's year counted as one of its figures."""
    table = Table(
        caption="Model combination experiments on VOC 2007.",
        rows=[["Model", "mAP"], ["DARN", "66.9"], ["RBA", "70.4"]],
    )
    results = (
        "The best DARN model reaches a mAP of 71.8% on the VOC 2007 test set. "
        "RBA runs at 45 frames per second, hundreds of times faster than DARN."
    )
    paper = prose_paper(
        "Routed Block Attention for Detection",
        "We present RBA, a detector that routes blocks of the image. RBA reaches 70.4 mAP.",
        {"Method": "RBA routes each block of the image to one detector head.", "Results": results},
    ).model_copy(update={"tables": [table]})
    said = [b for c in briefing_outline(PaperText.of(paper), 25, 150).chapters for b in c.beats]
    assert any(b.startswith("On VOC 2007, ") for b in said), said
    assert any("71.8%" in b for b in said), said


def test_columns_told_apart_by_the_data_set_spanning_them_are_read_on_it() -> None:
    """An unseen recommender paper prints "Warm" and "Cold" under each of "CrossValidated"
    and "MovieLens": the names of the sets spanning them were dropped as groups, so the four
    columns read "Warm", "Cold", "Warm", "Cold" and no comparison was read at all."""
    table = Table(
        caption="Results",
        rows=[
            ["", "CrossValidated", "", "MovieLens", ""],
            ["", "Warm", "Cold", "Warm", "Cold"],
            ["MF", "0.541", "0.508", "0.762", "0.500"],
            ["RBA", "0.695", "0.696", "0.763", "0.716"],
        ],
    )
    prose = "We test on the CrossValidated dataset and the MovieLens dataset. MF is a baseline."
    said = [line.text for line in table_lines(paper_with_prose(table, prose), "RBA")]
    assert "On CrossValidated Cold, RBA scores 0.70, against 0.51 for MF." in said, said


def test_a_paper_that_names_no_method_is_read_as_its_uncited_rows_against_the_cited() -> None:
    """An unseen chord paper names no method; its table sets "CR2+S+A" and three other
    configurations of its own against "KHMM [5]" and "DNN [11]". No row was taken for
    theirs, the table went unread, and the episode never set 63.6% against an earlier
    system."""
    table = Table(
        caption="Median weighted recall scores for methods under comparison.",
        rows=[
            ["Method", "Sevenths", "MIREX"],
            ["CR2+S+A", "0.729", "0.852"],
            ["CR2+A", "0.719", "0.837"],
            ["KHMM [5]", "0.674", "0.827"],
            ["DNN [11]", "0.654", "0.812"],
        ],
    )
    prose = "We compare CR2+S+A and CR2+A with KHMM and DNN on Sevenths and on MIREX."
    said = [line.text for line in table_lines(paper_with_prose(table, prose), None)]
    assert any("CR2+S+A" in line and "KHMM" in line for line in said), said
    assert not any(line.startswith(("On KHMM", "KHMM")) for line in said)
