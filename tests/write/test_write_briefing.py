"""The offline deep dive as a briefing: defects planted in a paper built here never reach
the script (filler reactions, parentheticals, citations, typos, boilerplate, name lists,
mismatched questions, monologues), and what is rewritten for speech keeps its facts."""

from __future__ import annotations

import re

import pytest
from write_helpers import SECTIONS, build_paper

from paperdive.llm import Usage
from paperdive.models import Paper, Script, Section
from paperdive.writing.briefing import table_lines
from paperdive.writing.extractive import ExtractiveWriter
from paperdive.writing.sentences import clean_for_speech, split_sentences
from paperdive.writing.spoken import Acronyms, Typos, without_asides, worthless

PLANTED_INTRO = (
    SECTIONS["Introduction"]
    + " The pursuit of artificial general intelligence has driven the field to unprecedented"
    " scales, offering a glimpse into the dawn of AGI. Efficient attention has been a critical"
    " area of research in recent years. Significant efforts, such as Longformer, BigBird,"
    " Reformer, Performer and LongNet, have been dedicated to static attention patterns."
    " Routed attention (e.g., block routing) keeps the efficeint kernels of large language"
    " models (LLMs) busy, as shown by Smith et al. (2021)."
)


def planted_paper() -> Paper:
    paper = build_paper()
    sections = [
        Section(title=s.title, text=PLANTED_INTRO if s.title == "Introduction" else s.text)
        for s in paper.sections
    ]
    return paper.model_copy(update={"sections": sections})


@pytest.fixture(scope="module")
def script() -> Script:
    paper = planted_paper()
    writer, usage = ExtractiveWriter(), Usage()
    notes = writer.notes(paper, usage)
    outline = writer.plan([paper], [notes], "deep-dive", 25.0, 150.0, usage)
    return writer.script([paper], [notes], outline, {"explainer": "Nora", "skeptic": "Theo"}, usage)


def test_no_planted_defect_reaches_the_script(script: Script) -> None:
    said = " ".join(t.text for t in script.turns)
    for planted in (
        "(",
        ")",
        "[",
        "e.g.",
        "i.e.",
        "et al",
        "AGI",
        "artificial general intelligence",
        "dawn of",
        "unprecedented",
        "critical area",
        "BigBird, Reformer",
        "efficeint",
    ):
        assert planted not in said, planted


def test_no_filler_reactions(script: Script) -> None:
    for turn in script.turns:
        assert not re.match(r"^(?:Mm|Huh|Sure|Right|Fair|Okay|Yes)\.\s", turn.text), turn.text


def test_every_question_is_the_skeptics_and_answered_by_the_explainer(script: Script) -> None:
    for i, turn in enumerate(script.turns[:-1]):
        if turn.text.rstrip().endswith("?"):
            assert turn.host == "skeptic", turn.text
            assert script.turns[i + 1].host == "explainer"
            answer = script.turns[i + 1]
            assert answer.source_refs, answer.text


def test_no_monologues(script: Script) -> None:
    assert all(len(t.text.split()) <= 100 for t in script.turns)


def test_asides_citations_and_lists_are_taken_out() -> None:
    # a prefix glued to its word: a held-out paper's "based on the (dis)similarity" was
    # said "based on thesimilarity"
    assert without_asides("It is based on the (dis)similarity of pairs.") == (
        "It is based on the similarity of pairs."
    )
    assert without_asides("Linear attention models, such as Mamba, RWKV, and RetNet.") == (
        "Linear attention models."
    )
    assert without_asides("Efforts, such as A1, B2, C3 and D4, have been made.") == (
        "Efforts have been made."
    )
    # A list that runs on into the sentence is cut whole or not at all: an unseen paper's
    # "More recent efforts such as StreamingQA, RealTimeQA, FreshQA, and Daily Oracle have
    # begun …" was said "More recent efforts, and Daily Oracle have begun …".
    running_on = "Efforts such as A1, B2, C3, and Daily Oracle have begun incorporating news."
    assert without_asides(running_on) == running_on
    closed = "It matches models such as DARN, NADE and DBMs, and attention improves on them."
    assert without_asides(closed) == "It matches models, and attention improves on them."
    assert without_asides("It uses 4 blocks (see the appendix) per query.") == (
        "It uses 4 blocks per query."
    )
    assert without_asides("whitened, i.e., linearly transformed.") == (
        "Whitened, that is, linearly transformed."
    )
    # "HC vs. PD" was read as an abbreviation in a held-out episode
    assert without_asides("It reaches 80% accuracy on HC vs. PD.") == (
        "It reaches 80% accuracy on HC versus PD."
    )
    # "Note that …" read aloud sounded like reading (BatchNorm's listener).
    assert without_asides("Note that the gate adds no weights.") == "The gate adds no weights."
    assert worthless("Studies include Hyena, Performer, Linformer and Mamba.") == "list of names"
    assert worthless("This offers a glimpse into the dawn of AGI.") == "boilerplate"


def test_typos_are_fixed_only_by_the_papers_own_spelling() -> None:
    text = "efficient attention " * 3 + "an efficeint attention kernel. " + "model " * 3
    assert Typos.of(text).fixes == {"efficeint": "efficient"}
    # A word the paper uses once with no corrected twin is left alone.
    assert Typos.of("a rare zorblat word and efficient things").fixes == {}
    # DRAW's "the code distribuion": a long slip of a word the paper uses throughout, fixed
    # though the paper never writes "code distribution"
    draw = "the latent distribution is sampled. " * 10 + "samples from the code distribuion."
    assert Typos.of(draw).fixes == {"distribuion": "distribution"}
    # a word the paper uses only now and then settles nothing without the pair
    rare = "the latent distribution is sampled. " * 3 + "samples from the code distribuion."
    assert Typos.of(rare).fixes == {}


def test_a_six_letter_word_missing_a_letter_is_fixed_beside_the_same_neighbour() -> None:
    """A held-out paper said "the Amazon datset" aloud: the slip was a letter too short to
    be looked at, though the paper writes "the Amazon dataset" itself."""
    text = "the Amazon dataset is large. " * 3 + "gains on the Amazon datset are large."
    assert Typos.of(text).fixes == {"datset": "dataset"}
    # two letters swapped in a short word may well be a word of its own
    assert Typos.of("the united model. " * 3 + "the untied model.").fixes == {}


def test_a_long_word_missing_two_letters_is_fixed_by_its_spelling_in_a_compound() -> None:
    """TRPO's "the theorecally justified maximum" was read as written: the paper spells the
    word right only inside "theoretically-justified", and two letters are missing."""
    text = "the theoretically-justified algorithm. " * 2 + "the theorecally justified maximum."
    assert Typos.of(text).fixes == {"theorecally": "theoretically"}


def test_a_slip_inside_a_compound_is_fixed_there_only() -> None:
    """Kimi k1.5's "long-CoT supervised fine-turning" was read as written, though the paper
    writes "fine-tuning" throughout; "turning" stays a word where it is one."""
    text = "supervised fine-tuning helps. " * 3 + "long-CoT fine-turning. a turning point."
    typos = Typos.of(text)
    assert typos.apply("long-CoT fine-turning at a turning point") == (
        "long-CoT fine-tuning at a turning point"
    )


def test_an_ordinal_is_said_without_its_hyphen() -> None:
    assert (
        clean_for_speech("It ranks in the 94-th percentile.") == "It ranks in the 94th percentile."
    )


def test_two_teams_cited_with_a_semicolon_are_said_as_two() -> None:
    """ "Zhu et al.; Shen and colleagues infill …": the first et al. stayed written."""
    said = clean_for_speech("Zhu et al. (2019); Shen et al. (2020) infill several spans.")
    assert said == "Zhu and colleagues, and Shen and colleagues infill several spans."


@pytest.mark.parametrize(
    ("printed", "said"),
    [
        (
            "Following Dai et al. (2024), we substitute all FFNs with MoE layers.",
            "Following Dai and colleagues, we substitute all FFNs with MoE layers.",
        ),
        (
            "It outperforms a vanilla HMM from Buys et al. (2018).",
            "It outperforms a vanilla HMM from Buys and colleagues.",
        ),
        ("RACE Lai et al., DROP and SQuAD are used.", "RACE, DROP and SQuAD are used."),
    ],
)
def test_a_team_cited_as_the_object_is_said_not_cut(printed: str, said: str) -> None:
    """Taking "Dai et al. (2024)" out left "Following, we …", and the line was lost."""
    assert clean_for_speech(printed) == said


def test_a_numbered_citation_as_the_subject_is_said_as_one_study() -> None:
    """ "Recently, collected 10 descriptions for each image": "[5]" was the subject."""
    assert clean_for_speech("Recently, [5] collected 10 descriptions for each image.") == (
        "Recently, one study collected 10 descriptions for each image."
    )
    assert clean_for_speech("[12] shows that it is costly.") == "One study shows that it is costly."
    assert clean_for_speech("It is costly [12], as shown [3].") == "It is costly, as shown."
    assert clean_for_speech("Recently, [3, 4] showed it.") == "Recently, two studies showed it."
    assert clean_for_speech("[5-7] showed it.") == "Several studies showed it."


def test_a_bracketed_author_citation_as_the_subject_is_said_as_their_study() -> None:
    """ "In the context of convolutional networks, uses cosine similarity …" (a held-out
    sentiment paper): "(Luo et al., 2017)" was the subject, and went."""
    assert clean_for_speech("For images, (Luo et al., 2017) uses cosine.") == (
        "For images, one study by Luo and colleagues uses cosine."
    )
    assert clean_for_speech("(Wang and Manning, 2012) trains it.") == (
        "One study by Wang and Manning trains it."
    )
    assert clean_for_speech("(Li, 2016; Mesnil et al., 2015) showed it.") == (
        "Several studies showed it."
    )


def test_an_article_left_before_a_pronoun_is_dropped() -> None:
    assert clean_for_speech("We pick the them by cross-validation.") == (
        "We pick them by cross-validation."
    )
    assert clean_for_speech("The item is kept.") == "The item is kept."


@pytest.mark.parametrize(
    "text",
    [
        # one letter struck for another turns one real word into another
        "the most of it. " * 3 + "the cost of full attention grows. the most of it.",
        "a change in loss. " * 3 + "never better than chance. a change in loss.",
        "the training set. " * 3 + "the trailing whitespace is removed. the training set.",
        # a short rare word is as likely a word of its own
        "one step. " * 3 + "once the step ends, one step.",
        # a plural of a verb the paper writes ("parse") is a word, though one letter short
        "UCCA parsers are slow. " * 3 + "to parse a graph, its parses of UCCA parsers.",
    ],
)
def test_a_real_word_is_never_taken_for_a_typo_of_another(text: str) -> None:
    """Stop 17's writer said "the most of full attention" for "the cost of …" (and "change"
    for "chance", "training" for "trailing"): the old check took any shared neighbour,
    "the" included, as proof."""
    assert Typos.of(text).fixes == {}


def test_an_acronym_is_expanded_once_then_said_short() -> None:
    acronyms = Acronyms.of("Scaling large language models (LLMs) is hard.")
    said = acronyms.expand(["LLMs are big.", "Large language models again.", "LLMs."])
    assert said == ["Large language models, or LLMs, are big.", "LLMs again.", "LLMs."]


def test_an_acronym_of_a_compound_names_capitals_is_expanded() -> None:
    """A blind listener of an unseen voxel paper heard "So how is VRN built?" with VRN never
    said in full: its "Voxception-ResNet (VRN)" spells it in the capitals inside a name."""
    acronyms = Acronyms.of("The Voxception-ResNet (VRN) architecture is based on ResNet.")
    said = acronyms.expand(["So how is VRN built?", "VRN again."])
    assert said == ["So how is Voxception-ResNet, or VRN, built?", "VRN again."]
    # A definition by initials, later in the paper, is its full name still.
    both = Acronyms.of(
        "We call it Novelty Conditioned RAPT (NC-RAPT). Novelty Conditioned Retrieval "
        "Augmented Prompt Tuning (NC-RAPT) conditions on novelty."
    )
    assert both.long_forms["NC-RAPT"] == "Novelty Conditioned Retrieval Augmented Prompt Tuning"


def test_a_long_form_that_is_a_clause_is_never_said_as_its_acronym() -> None:
    """ "Using their system, YOLO at an image to predict …": the paper's "you only look once
    at an image" uses the name's words as words."""
    acronyms = Acronyms.of("We call it you only look once (YOLO).")
    said = acronyms.expand(["YOLO is fast.", "With it, you only look once at an image."])
    assert said == [
        "You only look once, or YOLO, is fast.",
        "With it, you only look once at an image.",
    ]


def test_an_acronym_expanded_after_its_article_takes_the_long_forms_article() -> None:
    """An unseen paper's listener heard "the scalar parameterization of an hidden Markov
    model": the article was chosen for "HMM"."""
    acronyms = Acronyms.of(
        "We scale a hidden Markov model (HMM) and long short-term memory (LSTM)."
    )
    said = acronyms.expand(["Training an HMM is slow.", "A LSTM is not. An HMM again."])
    assert said == [
        "Training a hidden Markov model, or HMM, is slow.",
        "A long short-term memory, or LSTM, is not. An HMM again.",
    ]


def test_a_plural_acronym_is_not_expanded_after_its_singular_was_heard() -> None:
    """DeepSeek-V2's listener heard "an LLM", then later "Large Language Models, or LLMs":
    a definition of what had been said for minutes."""
    acronyms = Acronyms.of("Scaling large language models (LLMs) is hard.")
    said = acronyms.expand(["An LLM grows with its parameters.", "These LLMs are costly."])
    assert said == ["An LLM grows with its parameters.", "These LLMs are costly."]
    said = acronyms.expand(["An LLM grows, and large language models cost.", "LLMs."])
    assert said == ["An LLM grows, and LLMs cost.", "LLMs."]  # in one turn too


def test_an_acronym_defined_singular_and_plural_is_said_in_full_once() -> None:
    """An unseen paper defines "convolutional neural networks (CNN)" and, later, "(CNNs)":
    its listener heard "convolutional neural networks, or CNNs, or CNN"."""
    acronyms = Acronyms.of(
        "It uses convolutional neural networks (CNN). Generalizing convolutional neural "
        "networks (CNNs) is hard."
    )
    said = acronyms.expand(["The idea is to merge CNN and RNN.", "Regular CNNs fail."])
    assert said == [
        "The idea is to merge convolutional neural networks, or CNN, and RNN.",
        "Regular CNNs fail.",
    ]


def test_an_acronym_of_hyphenated_words_is_expanded_and_never_read_as_a_tag() -> None:
    """DeepSeek-V2's "Multi-Query Attention (MQA) and Grouped-Query Attention (GQA)" was
    said "Multi-Query Attention MQA and Grouped-Query Attention GQA": the definitions were
    taken for two variants' tags, and "Multi-Query" did not spell MQ."""
    line = "Multi-Query Attention (MQA) and Grouped-Query Attention (GQA) shrink the cache."
    acronyms = Acronyms.of(line)
    assert acronyms.long_forms == {"MQA": "Multi-Query Attention", "GQA": "Grouped-Query Attention"}
    assert acronyms.expand([without_asides(line), "GQA again."]) == [
        "Multi-Query Attention, or MQA, and Grouped-Query Attention, or GQA, shrink the cache.",
        "GQA again.",
    ]


def test_table_lines_say_only_cells() -> None:
    from paperdive.models import Table

    paper = build_paper()
    said = "We call the method RBA and test it on GSM8K and Loogle."
    sections = [
        Section(title=x.title, text=f"{x.text} {said}" if x.title == "Experiments" else x.text)
        for x in paper.sections
    ]
    paper = paper.model_copy(
        update={
            "sections": sections,
            "tables": [
                Table(
                    label="Table 1",
                    caption="Accuracy on two benchmarks.",
                    rows=[
                        ["Benchmark", "RBA", "Full"],
                        ["GSM8K", "0.73", "0.71"],
                        ["Loogle", "0.40", "0.42"],
                    ],
                )
            ],
        }
    )
    lines = table_lines(paper, "RBA")
    texts = [line.text for line in lines]
    # "Full" is said as the prose says it.
    assert "On GSM8K, the accuracy of RBA is 0.73, against 0.71 for full attention." in texts
    assert "On Loogle, the accuracy of RBA is 0.40, against 0.42 for full attention." in texts
    cells = {"0.73", "0.71", "0.40", "0.42"}
    for text in texts:
        assert set(re.findall(r"\d+\.\d+", text)) <= cells
    assert split_sentences(texts[0]) == [texts[0]]


def test_a_figure_in_brackets_is_said_and_other_asides_are_not() -> None:
    """ "offer large improvements (56–86% relative) over …" lost the abstract's one headline
    figure with the asides: a bracketed figure that says how much is said between commas."""
    said = without_asides(
        "We find that these representations (either English or XLSR53) offer large "
        "improvements (56–86% relative) over earlier approaches (see Table 2)."
    )
    assert said == (
        "We find that these representations offer large improvements, 56–86% relative, over "
        "earlier approaches."
    )
    assert without_asides("It was first shown by Smith (2019) on speech.") == (
        "It was first shown by Smith on speech."
    )
