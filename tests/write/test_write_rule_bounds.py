"""Ordinary sentences of ordinary papers that this stop's rules must leave alone: a
reviewer ran each new rule over plausible lines and these are the misfires it found."""

from __future__ import annotations

import pytest
from write_helpers import prose_paper

from paperdive.models import Reference, Section, Table
from paperdive.writing.briefing import (
    Reader,
    _configured,
    _findings_in_words,
    _measured,
    _names_work,
    _problem,
    challenge_of,
    gist,
    select,
)
from paperdive.writing.glossary import glossary
from paperdive.writing.plan import method_name
from paperdive.writing.roles import cites_first, defined_term, is_caveat, sentence_kind
from paperdive.writing.sections import section_roles
from paperdive.writing.sentences import (
    PaperText,
    Sentence,
    clause_before_colon,
    is_speakable,
    self_contained,
)
from paperdive.writing.spoken import Typos
from paperdive.writing.table_lines import sole_metric, table_lines


def kind(text: str, role: str) -> str:
    return sentence_kind(Sentence(text, text, role.title(), 0.5, 0, role))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "role", "expected"),
    [
        # an announced test that gives its outcome is a comparison
        (
            "We compare with strong baselines on four tasks, and our model beats them all.",
            "results",
            "comparison",
        ),
        (
            "Our parser is evaluated on the CoNLL test set and is on par with the best system.",
            "abstract",
            "comparison",
        ),
        # "correlated" as a word of the set-up, not a finding
        ("We remove highly correlated features before training the classifier.", "setup", "other"),
        # how a case is counted is no comparison ("How did it do?" was answered by it) …
        (
            "A detection is considered a localization error if it overlaps a true positive by "
            "less than the required 50% IOU.",
            "results",
            "other",
        ),
        # … but a comparison that says "considered" still is one
        (
            "Our detector is considered far more accurate than the baseline on every class.",
            "results",
            "comparison",
        ),
    ],
)
def test_a_new_kind_rule_leaves_ordinary_lines_alone(text: str, role: str, expected: str) -> None:
    assert kind(text, role) == expected


def test_a_limit_under_a_condition_is_still_a_caveat() -> None:
    line = "If the graph is disconnected, the method cannot be applied directly."
    assert is_caveat(Sentence(line, line, "Method", 0.5, 0, "method"))


@pytest.mark.parametrize(
    ("line", "found"),
    [
        (
            "With the rise of multilingual models, we study how well they transfer to others.",
            False,
        ),
        ("We propose to release all annotations under a permissive license.", False),
        (
            "We adapt taggers to unseen scripts by transliterating the input into Latin "
            "characters, without any further training.",
            True,
        ),
    ],
)
def test_the_gist_is_how_the_method_works_not_what_they_study(line: str, found: bool) -> None:
    paper = prose_paper("Tagging Unseen Scripts", line, {"Results": "It works well."})
    text = PaperText.of(paper)
    core = gist(Reader.of(text), {s.order: sentence_kind(s) for s in text.sentences})
    assert (core is not None and core.original == line) is found


def test_a_headline_that_says_while_doing_something_is_still_a_headline() -> None:
    abstract = (
        "Long contexts are slow to read. We introduce Routed Blocks. While reading only 12% of "
        "the tokens, it keeps retrieval accuracy within 0.7 points of full attention and is "
        "6.5x faster at one million tokens."
    )
    paper = prose_paper("Routed Blocks", abstract, {"Results": "Routed Blocks works."})
    cold = select(Reader.of(PaperText.of(paper)), 25).beats.get("cold_open", [])
    assert cold and "6.5x faster" in cold[0].text


def test_a_word_the_paper_writes_in_other_forms_is_no_typo() -> None:
    text = "we retrain the model. " * 3 + "it is retained, it retains. we retain the weights."
    assert Typos.of(text).fixes == {}


def test_a_results_table_whose_caption_names_statistics_is_still_read() -> None:
    table = Table(
        caption="Evaluation statistics: accuracy of each model on the test set.",
        rows=[["Model", "Accuracy"], ["RBA", "78.4"], ["Sparse", "72.0"]],
    )
    paper = prose_paper("Routed Blocks", "We test RBA against Sparse.", {"Results": "RBA wins."})
    paper = paper.model_copy(update={"tables": [table]})
    assert table_lines(paper, "RBA") != []


@pytest.mark.parametrize(
    "line",
    [
        "All images are represented in grey-scale at 64 by 64 pixels.",
        "Toxic spans are marked in red by the annotators in the raw data.",
    ],
)
def test_a_colour_of_the_data_is_said(line: str) -> None:
    assert is_speakable(line)


@pytest.mark.parametrize(
    ("sentence", "speakable"),
    [
        ("Assuming K is fixed, the cost grows linearly with the input length.", False),
        ("Choose K neighbours for every point in the training set.", False),
        ("Further ablations are reported in Table C of the supplement.", False),
        ("The area under this curve is 0.93 for the held-out patients.", False),
    ],
)
def test_session_51_rules_leave_variables_pointers_and_plots_unspoken(
    sentence: str, speakable: bool
) -> None:
    """A review of this session's rules ("Model R" is a name, "the area under the curve" is
    a measure) reproduced these lines passing for speakable."""
    assert is_speakable(sentence) is speakable


@pytest.mark.parametrize(
    ("sentence", "alone"),
    [
        ("If the input exceeds 512 tokens, it is truncated from the left.", True),
        ("When DPO is applied to the base model, its reward margin grows steadily.", True),
        ("First, we show that heads specialise, and second, we show that they can be cut.", True),
    ],
)
def test_an_it_of_the_same_line_and_a_list_of_whole_clauses_stand_alone(
    sentence: str, alone: bool
) -> None:
    line = Sentence(sentence, sentence, "Results", 0.5, 3, "results")
    assert self_contained(line) is alone


def test_new_name_heading_measure_and_rule_patterns_leave_ordinary_cases_alone() -> None:
    assert sole_metric("Test error and training error on MNIST.") is None  # two measures
    study = "We present Study A, which examines how people read charts in the wild."
    assert method_name(PaperText.of(prose_paper("Reading Charts", study, {}))) != "Study A"
    llm = (
        "We train our multimodal LLM on image and text pairs. Unlike prior MLLM systems, it "
        "reads charts."
    )
    assert method_name(PaperText.of(prose_paper("Chart Reading", llm, {}))) != "MLLM"
    special = [
        Section(title="Introduction", text="Why.", number="1", level=1),
        Section(title="Method", text="How.", number="2", level=1),
        Section(title="Existing Methods as Special Cases", text="Ours.", number="2.1", level=2),
    ]
    paper = prose_paper("A Framework", "We frame it.", {}).model_copy(update={"sections": special})
    assert section_roles(paper)[2] == "method"
    counted = (
        "An answer is counted as correct only if it matches the reference exactly; under this "
        "rule RBA scores 71.2% against 64.0% for DARN."
    )
    assert kind(counted, "results") == "comparison"


def _said(text: str, role: str = "results") -> Sentence:
    return Sentence(text, text, role.title(), 0.5, 0, role)  # type: ignore[arg-type]


def test_session_52_rules_leave_ordinary_lines_alone() -> None:
    """A reviewer ran session 52's rules over ordinary lines; each misfire it reproduced."""
    from paperdive.ingestion.prose import strip_citations
    from paperdive.writing.briefing import _OWN_LIMITATION, _POINTS_AHEAD, challenge_of
    from paperdive.writing.roles import defined_term
    from paperdive.writing.sentences import third_person, unspeakable

    # "these results" lean on the line before, whatever clause opens this one
    opened = "Although the improvement on CIFAR-10 is modest, these results confirm that it helps."
    assert not self_contained(_said(opened))
    # a citation after "before" goes, and leaves the sentence whole
    assert strip_citations("Similar objectives have been used before [12, 14].")[1] is False
    # the value a setting is chosen by is no result
    assert kind(
        "We keep the checkpoint that results in the best BLEU on the dev set.", "setup"
    ) != ("result")
    intro = "Section 4 provides an extensive comparison of improvements to the baseline."
    assert kind(intro, "introduction") != "result"
    # a design rule the method works around is no limit of theirs
    rule = (
        "Unlike RNNs, the model does not recognize positions without explicit encodings, "
        "so we add sinusoidal embeddings."
    )
    assert challenge_of(_said(rule, "method")) != "limitation"
    # "I" as a symbol, an error type or a quoted user is no author
    for line in (
        "The type I error rate stays below 5%.",
        "Here, where I denotes the identity matrix, the update is exact.",
        'The user asks "I need a cheap hotel near the station" and the agent replies.',
    ):
        assert third_person(line) == line
    assert third_person("I need more data, so I collect it.") == (
        "The author needs more data, so the author collects it."
    )
    # "publicly available" said of no code of theirs
    corpus = "Since no large corpus of annotated code reviews is publicly available, we build one."
    assert unspeakable(corpus) != "points at the page"
    # a method's own step done first, not earlier work
    assert kind("The filters were first applied to each channel before pooling.", "method") != (
        "prior"
    )
    first = "Voxel ConvNets were first applied to object recognition in Voxnet."
    cited = Sentence(first, first, "Architecture", 0.5, 0, "method", cites=True)
    assert sentence_kind(cited) == "prior"
    # others fail where the proposed approach does not
    assert not _OWN_LIMITATION.search(
        "Prior pruning methods fail to preserve accuracy, but the proposed approach does not."
    )
    # a list named in the same line, or a line that names what remains, is no pointer
    assert not _POINTS_AHEAD.search(
        "Two problems with existing approaches are their quadratic cost and labelled data."
    )
    # a term defined whose first word says what matters elsewhere
    central = "Central Moment Discrepancy is a distance between two distributions."
    assert defined_term(_said(central, "method")) == "Central Moment Discrepancy"


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("Background on Quality Assessment", "background"),
        ("Pronunciation Assessment Model", "method"),
    ],
)
def test_an_assessment_that_is_no_evaluation_keeps_its_role(heading: str, role: str) -> None:
    sections = [
        Section(title="Introduction", text="Why.", number="1", level=1),
        Section(title=heading, text="How.", number="2", level=1),
        Section(title="Experiments", text="Tests.", number="3", level=1),
    ]
    paper = prose_paper("A Paper", "An abstract.", {}).model_copy(update={"sections": sections})
    assert section_roles(paper)[1] == role


def test_a_group_centred_over_its_columns_or_an_ungrouped_column_is_not_carried() -> None:
    centred = Table(
        caption="Translation results.",
        rows=[
            ["", "", "WMT14", "", "WMT16"],
            ["", "BLEU", "TER", "BLEU", "TER"],
            ["Transformer", "31.0", "50.1", "30.2", "51.0"],
            ["FooNet", "32.0", "49.0", "33.5", "48.0"],
        ],
    )
    prose = "We test on the WMT14 dataset and the WMT16 dataset against the Transformer."
    paper = prose_paper("FooNet", "We present FooNet. FooNet translates.", {"Results": prose})
    said = [t.text for t in table_lines(paper.model_copy(update={"tables": [centred]}), "FooNet")]
    assert not any("WMT14" in line and "33.5" in line for line in said), said
    # "our BERT model" is BERT's, in a paper that cites BERT
    cited = prose_paper(
        "Probing", "We probe a model.", {"Results": "Our BERT model fails. Our BERT model wins."}
    )
    bert = Reference(index=1, raw="BERT.", title="BERT: Pre-training of deep transformers")
    assert method_name(PaperText.of(cited)) == "BERT"
    assert method_name(PaperText.of(cited.model_copy(update={"references": [bert]}))) is None


@pytest.mark.parametrize(
    ("line", "setting"),
    [
        ("We set the reward to 1 when the agent reaches the goal and 0 otherwise.", False),
        ("We set the value of masked tokens to be 0 in the loss.", False),
        ("We reduce the dimensionality of the embeddings with PCA into ten groups.", False),
        ("The number of neurons that fire at one time step is limited to k.", False),
        ("We set the learning rate to 0.001.", True),
    ],
)
def test_a_step_that_sets_a_value_is_no_build_setting(line: str, setting: bool) -> None:
    """Session 53's review: the reward or the mask "set to 1" defines the method."""
    assert _configured(line) is setting


@pytest.mark.parametrize(
    ("line", "alone"),
    [
        ("In comparison to the strongest baseline, the model improves F1 by 3 points.", True),
        ("Simultaneously training both networks is unstable, so they alternate updates.", True),
        ("The approach most similar to theirs is LightGCN, which drops the nonlinearity.", True),
        ("The technique known as distillation was popularized by Hinton and colleagues.", True),
        ("The system identification literature offers many classical tools.", True),
        ("The dataset constructed in this work contains 12,000 question-answer pairs.", True),
        ("The dataset-level accuracy of the model is 81%.", True),
    ],
)
def test_session_53_leaning_rules_leave_lines_that_name_their_subject_alone(
    line: str, alone: bool
) -> None:
    assert self_contained(Sentence(line, line, "Related Work", 0.5, 5, "related")) is alone


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("PV-DBOW learns document vectors by predicting words.", True),
        ("Bayer and colleagues model sequences with recurrent networks.", True),
        ("In word2vec, words are predicted from their context.", True),
        ("The advantage of the model is that it runs on a single GPU.", False),
        ("The model, described in Section 2, is simple.", False),
    ],
)
def test_earlier_work_is_named_by_its_first_word_or_its_inner_capitals(
    line: str, named: bool
) -> None:
    assert _names_work(Sentence(line, line, "Related Work", 0.5, 5, "related")) is named


@pytest.mark.parametrize(
    "lead_in",
    [
        "The update, denoted U, reads:",
        "The second model, denoted CR2, minimizes:",
        "The baseline, denoted B, solves the following problem:",
    ],
)
def test_a_named_thing_whose_verb_hands_over_to_the_formula_is_cut_off(lead_in: str) -> None:
    assert not clause_before_colon(lead_in)


@pytest.mark.parametrize(
    ("line", "role", "doubt"),
    [
        ("There is no easy way to compute the partition function, so they resort to sampling.",
         "method", None),
        ("In its current form, the framework supports only English.", "conclusion", "limitation"),
    ],
)  # fmt: skip
def test_no_easy_way_that_motivates_a_step_is_no_limit(
    line: str, role: str, doubt: str | None
) -> None:
    assert challenge_of(Sentence(line, line, "Conclusion", 0.5, 5, role)) == doubt  # type: ignore[arg-type]


def test_a_yardstick_row_is_no_system_of_the_authors() -> None:
    """Reading a paper's uncited rows as its own had "The accuracy of Human is 92.1, against
    68.0 for BiDAF." said as the method's result."""
    table = Table(
        caption="Accuracy on the test set.",
        rows=[
            ["Model", "Accuracy"],
            ["Human", "92.1"],
            ["Oracle", "88.0"],
            ["LSTM [4]", "61.3"],
            ["BiDAF [7]", "68.0"],
            ["MemNet-G", "71.2"],
        ],
    )
    prose = "We compare MemNet-G with LSTM and BiDAF on the test set. Human accuracy is 92.1."
    paper = prose_paper("Memory Networks", prose, {"Results": prose})
    said = [line.text for line in table_lines(paper.model_copy(update={"tables": [table]}), None)]
    assert said and all("MemNet-G" in line for line in said), said


def test_a_measure_gloss_is_given_for_its_hyphenated_forms_and_not_for_any_curve() -> None:
    glosses = {g.term: g for g in glossary()}
    assert glosses["AUC"].match.search("a ROC-AUC of")
    assert not glosses["AUC"].match.search("the area under the learning curve")
    assert glosses["an F1 score"].match.search("a macro-F1 of")
    assert glosses["an F1 score"].match.search("an F1 score of 0.8")
    # an unseen phonetics paper's F1 is a vowel's first formant: a listener heard it
    # explained as precision and recall, "factually wrong … undermines trust"
    assert not glosses["an F1 score"].match.search("the F1 of the first vowel drops")
    assert glosses["BLEU"].match.search("BLEU-4 scores")


@pytest.mark.parametrize(
    ("line", "figures"),
    [
        # a held-out episode opened on "If it holds: The authors perform the study using
        # different game modes of Atari 2600 games …", its one "figure" a console's name
        ("We perform this study using game modes of Atari 2600 games.", []),
        ("The agent scores 2600 points on Atari games.", ["2600"]),
        ("Over 90 percent of the answers were right.", ["90"]),
        ("It beats Windows 10 users by 12 points.", ["12"]),
    ],
)
def test_a_products_number_is_no_figure_of_a_result(line: str, figures: list[str]) -> None:
    assert _measured(line) == figures


@pytest.mark.parametrize(
    ("line", "term"),
    [
        # a held-out episode asked "Sorry, what is WP?" before this line, which never says
        ("WP is a rich source of information for many tasks.", None),
        ("Dropout is a simple technique that randomly drops units.", "Dropout"),
        ("An RNN is a powerful dynamical system that can capture long dependencies.", "An RNN"),
        # asked "So what exactly is Assamese?" a second time, after its definition
        ("Assamese is one of the few Indian languages with rich vowel harmony.", None),
        ("Tagalog is one of the languages of the Philippines.", "Tagalog"),
    ],
)
def test_praise_is_no_definition(line: str, term: str | None) -> None:
    assert defined_term(Sentence(line, line, "Introduction", 0.5, 1, "introduction")) == term


def test_problems_now_solved_are_the_fields_progress_not_the_problem() -> None:
    """A held-out ECG episode's problem was "More problems, which seemed unsolvable in the
    previous century, are now resolved with remarkable effectiveness using artificial
    intelligence systems." once a problem of one line could stand."""
    solved = "More problems, which seemed unsolvable, are now resolved with remarkable ease."
    real = "Most detectors need long recordings, which are hard to take in daily life."
    line = lambda text: Sentence(text, text, "Introduction", 0.1, 1, "introduction")  # noqa: E731
    assert not _problem(line(solved), "motivation")
    assert _problem(line(real), "motivation")


@pytest.mark.parametrize(
    ("original", "theirs"),
    [
        # a held-out ECG episode answered "What are the actual numbers?" with these, and
        # then took them for its take-aways
        ("In 2017, Dolatabi et al. proposed a method that reached an accuracy of 99.2%.", True),
        ("Altan et al. used 15-second ECGs and achieved 98.05% accuracy.", True),
        ("In 2017, the model reached an accuracy of 99.2%.", False),
    ],
)
def test_a_line_opening_on_others_et_al_is_theirs(original: str, theirs: bool) -> None:
    assert cites_first(original) is theirs
    line = Sentence(original, original, "Discussion", 0.8, 9, "discussion")
    kinds = {9: "result"}
    found = _findings_in_words([line], kinds, Reader.of(PaperText.of(prose_paper("ECG", "", {}))))
    assert (line in found) is not theirs
