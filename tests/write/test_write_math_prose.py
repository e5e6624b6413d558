"""Method lines that carry inline math or point at a figure (issue 9: listeners never heard
DRAW's attention, whose lines name their symbols, "the image $x$", or open on "As
illustrated in Fig. 3,"): such a line is said without what a listener can do without, and
a method told in two parts is told in both."""

from __future__ import annotations

import pytest
from test_write_coherence import write
from write_helpers import SECTIONS, build_paper

from paperdive.ingestion.prose import paragraph
from paperdive.models import Paper, Script, Section
from paperdive.writing.conversation import host_lines
from paperdive.writing.plan import MECHANICS, chapter_kind
from paperdive.writing.sentences import (
    PaperText,
    Sentence,
    is_speakable,
    self_contained,
    without_pointer,
)
from paperdive.writing.spoken import without_asides, without_symbols


@pytest.mark.parametrize(
    ("printed", "said"),
    [
        (
            "At each time-step $t$, the encoder receives input from both the image $x$ and "
            "from the previous decoder hidden vector $h_{t−1}^{dec}$.",
            "At each time-step, the encoder receives input from both the image and from the "
            "previous decoder hidden vector.",
        ),
        (
            "The output is used to parameterise a distribution $Q(Z_t|h_{t}^{enc})$ over the "
            "latent vector $z_t$.",
            "The output is used to parameterise a distribution over the latent vector.",
        ),
        (
            "At each time-step a sample $z_t ∼ Q(Z_t|h_{t}^{enc})$ drawn from the latent "
            "distribution is passed to the decoder.",
            "At each time-step a sample drawn from the latent distribution is passed to the "
            "decoder.",
        ),
        (
            "In this circuit, the two transistors $M_3$ and $M_4$ impose the same current.",
            "In this circuit, the two transistors impose the same current.",
        ),
        (
            "Given an $A × B$ input image, the grid is placed by its centre.",
            "Given an input image, the grid is placed by its centre.",
        ),
        (
            "The fix uses extra queries $q_{t,i}^{R} ∈ R^{d}$ and a shared key $k_{t}^{R} ∈ "
            "R^dh^R$ to carry RoPE, where $d^R_h$ denotes the per-head dimension of the key.",
            "The fix uses extra queries and a shared key to carry RoPE.",
        ),
        (
            "The cache holds 3 vectors per token, where $l$ denotes the number of layers and "
            "$d$ is the width.",
            "The cache holds 3 vectors per token.",
        ),
        (
            "The vine method has lower variance for the same number of $Q$-value samples.",
            "The vine method has lower variance for the same number of Q-value samples.",
        ),
    ],
)
def test_a_symbol_that_names_a_noun_is_left_out(printed: str, said: str) -> None:
    assert without_symbols(printed) == said


@pytest.mark.parametrize(
    "printed",
    [
        "The cache holds $d_cl$ elements per token, where $l$ denotes the number of layers.",
        "We set $k$ to 5 when training.",
        "More formally, denoting $p$ as the index of the query, we mask later blocks.",
        "The model is trained with a mini-batch size $m > 1$ throughout.",
        "The first layer uses $N$ tokens and $K$ experts.",
        "The state is the output of $f$ for each step.",
    ],
)
def test_a_symbol_the_sentence_needs_stays_and_the_line_is_not_said(printed: str) -> None:
    assert "$" in without_symbols(printed)


def test_a_formula_whose_arguments_go_as_asides_is_not_said() -> None:
    """YellowFin's "approximated using mean(||g||) / mean(h)" was said "approximated using
    mean / mean": the arguments went as asides and left the operator between two words."""
    hole = "Then the distance is approximated using mean(||g||) / mean(h)."
    kept = "Then the distance is approximated from the gradient norms, and/or their mean."
    sections = {**SECTIONS, "Method": f"{SECTIONS['Method']} {hole} {kept}"}
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    said = [s.text for s in PaperText.of(paper).sentences]
    assert not any("approximated using" in line for line in said)
    assert any("and/or their mean" in line for line in said)


def test_a_lead_in_pointing_at_a_figure_is_left_out_and_the_rest_said() -> None:
    said, marks = without_pointer(
        "As shown in Figure 3a, the validation loss curves display very similar trends.",
        frozenset({"figure"}),
    )
    assert said == "The validation loss curves display very similar trends."
    assert not marks
    said, marks = without_pointer(
        "Unlike the aforementioned works, we consider a two-dimensional form of attention.",
        frozenset(),
    )
    assert said == "We consider a two-dimensional form of attention."


@pytest.mark.parametrize(
    ("printed", "said"),
    [
        (
            "Fig. 11 reveals that, despite the long training time, the network underfit the data.",
            "Despite the long training time, the network underfit the data.",
        ),
        (
            "Nonetheless the images in Fig. 12 demonstrate that the model captures the shape.",
            "Nonetheless, the model captures the shape.",
        ),
        (
            "Table 2 shows that the small model matches the baselines, and that the large one "
            "improves on the state of the art.",
            "The small model matches the baselines, and the large one improves on the state of "
            "the art.",
        ),
        (
            "The results in Table 1 demonstrate a clear improvement in test error over RAM.",
            "The results demonstrate a clear improvement in test error over RAM.",
        ),
        (
            "The generated house numbers are highly realistic, as shown in Figs. 9 and 10.",
            "The generated house numbers are highly realistic.",
        ),
        (
            "We give a running example at Figure 1a, where two queries share four blocks.",
            "We give a running example, where two queries share four blocks.",
        ),
        (
            "We provide a running example of MoBA at Figure 1a, where we have two queries.",
            "We provide a running example of MoBA, where we have two queries.",
        ),
    ],
)
def test_a_finding_that_points_at_its_figure_is_said_without_the_pointer(
    printed: str, said: str
) -> None:
    assert without_pointer(printed, frozenset({"figure"})) == (said, frozenset())


@pytest.mark.parametrize(
    "printed",
    [
        "The values for the two kinds of silicon are shown in Table 2.",
        "Figure 2 shows the architecture of the model.",
        "The loss in Figure 4 is computed per token.",
        "The architecture is drawn in Figure 2, with the router on top.",
        "The hyperparameters are listed in Table 2, where lr denotes the learning rate.",
    ],
)
def test_a_line_whose_content_is_the_figure_stays_unsaid(printed: str) -> None:
    """Without its pointer the line would say nothing ("The values … are.")."""
    marks = frozenset({"figure"})
    assert without_pointer(printed, marks) == (printed, marks)


def test_a_lead_in_that_cites_another_work_stays() -> None:
    """ "As shown in [4], …" is someone else's finding: said without its source, it would
    pass for the paper's own."""
    printed = "As shown in [4], the router converges quickly on all tasks."
    assert without_pointer(printed, frozenset({"citation_gap"}))[0] == printed


def test_tags_that_tell_two_variants_apart_are_said() -> None:
    said = without_asides("The Chat (RL) model beats the Chat (SFT) model on every benchmark.")
    assert said == "The Chat RL model beats the Chat SFT model on every benchmark."
    assert (
        without_asides("Large language models (LLMs) read text.")
        == "Large language models read text."
    )
    # an unseen recommender paper: "LightFM outperforms LightFM slightly" was said
    said = without_asides("LightFM (tags + ids) outperforms LightFM (tags) slightly.")
    assert said == "LightFM tags and ids outperforms LightFM tags slightly."


NETWORK = (
    "The network is a pair of recurrent networks that write an image over several steps. "
    "At each time-step $t$, the encoder receives input from both the image $x$ and from the "
    "previous decoder hidden vector $h_{t−1}^{dec}$. "
    "The encoder then summarises what it has seen into a latent code for the decoder. "
    "The decoder adds its output to a canvas that builds up the final image step by step. "
    "Both networks are trained together by gradient descent on the same objective."
)
ATTENTION = (
    "The attention model is a way for the network to read one part of the image at a time. "
    "As illustrated in Fig. 3, the grid of Gaussian filters is positioned on the image by "
    "specifying the centre of the grid and the stride between adjacent filters. "
    "The stride controls the zoom of the patch that the network reads. "
    "A larger stride shows a larger area of the image at a lower resolution. "
    "The filters are computed from the decoder output at every step, so the network learns "
    "where to look by gradient descent."
)


@pytest.fixture(scope="module")
def script() -> Script:
    sections = [Section(title=t, text=x) for t, x in SECTIONS.items() if t != "Method"]
    method = [  # marked as ingest marks them: the math, the figure pointer
        Section(title=title, text=text, paragraphs=[paragraph(text)])
        for title, text in (("Network Design", NETWORK), ("Selective Attention", ATTENTION))
    ]
    return write(build_paper(sections=sections[:2] + method + sections[2:]))


def test_a_method_in_two_parts_is_told_in_both(script: Script) -> None:
    told = [t for t in script.turns if chapter_kind(script.chapters[t.chapter].title) is MECHANICS]
    text = " ".join(t.text for t in told)
    assert "the encoder receives input from both the image and from the previous decoder" in text
    assert "the grid of gaussian filters is positioned on the image" in text.lower()
    assert "$" not in text and "Fig" not in text
    asked = [t.text for t in told if t.host == "skeptic"]
    part = [
        q.format(topic="selective attention", does="does") for q in host_lines()["question_part"]
    ]
    assert set(asked) & set(part), asked


def test_a_finding_with_an_irregular_past_verb_is_a_whole_sentence() -> None:
    assert is_speakable("Despite the long training time, the network underfit the training data.")
    assert is_speakable("On every benchmark the small model beat the large one by a wide margin.")


def test_a_constraint_drawn_as_a_consequence_leans_on_its_cause() -> None:
    """DeepSeek-V2's "As a result, we must recompute the keys …" was said without the
    RoPE clash it follows from, as a flaw of the method; a conclusion ("Thus, the
    transform is differentiable") still stands alone."""
    bound = "As a result, we must recompute the keys for all the prefix tokens during inference."
    said = "We must recompute the keys for all the prefix tokens during inference."
    assert not self_contained(Sentence(said, bound, "Method", 0.5, 3, "method"))
    # "As a solution, …" answers a snag: said in a digest without it, it solves nothing heard
    fix = "As a solution, we propose a decoupled key that carries the positions."
    assert not self_contained(Sentence(fix, fix, "Method", 0.5, 4, "method"))
    shown = "Thus, the transform is a differentiable function of its inputs."
    plain = "The transform is a differentiable function of its inputs."
    assert self_contained(Sentence(plain, shown, "Method", 0.5, 3, "method"))


def test_a_snag_read_by_the_skeptic_is_taken_up_by_the_part_that_meets_it() -> None:
    """DRAW's skeptic read "However this approach does not allow the encoder to focus on
    only part of the input …" and then asked himself "What about the selective attention
    model?" (its listener: "nobody talks like this"). She takes it up, naming the part."""
    snag = (
        " However this design does not allow the encoder to focus on only one part of the "
        "image when it writes the latent code for the decoder."
    )
    sections = [Section(title=t, text=x) for t, x in SECTIONS.items() if t != "Method"]
    method = [
        Section(title=title, text=text, paragraphs=[paragraph(text)])
        for title, text in (("Network Design", NETWORK + snag), ("Selective Attention", ATTENTION))
    ]
    script = write(build_paper(sections=sections[:2] + method + sections[2:]))
    turns = script.turns
    said = next(i for i, t in enumerate(turns) if "doesn't allow the encoder to focus" in t.text)
    assert turns[said].host == "skeptic" and not turns[said].text.endswith("?"), turns[said]
    taken_up = [
        q.format(topic="selective attention", comes="comes") for q in host_lines()["part_taken_up"]
    ]
    answer = turns[said + 1]
    assert answer.host == "explainer" and answer.text.startswith(tuple(taken_up)), answer.text


def method_saying(*lines: str) -> Paper:
    """The planted paper, its method going on with `lines` after its gating network."""
    anchor = "keeps the top scoring blocks."
    method = SECTIONS["Method"].replace(anchor, " ".join([anchor, *lines]))
    sections = {**SECTIONS, "Method": method}
    return build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])


def lines_with(paper: Paper, words: str) -> list[Sentence]:
    return [s for s in PaperText.of(paper).sentences if words in s.text]


def test_a_line_naming_troubles_only_a_formula_stated_is_not_said() -> None:
    """RELAX's "Using the LAX estimator addresses both of these problems." was said after
    the line stating the problems, all symbols, was left out: the listener never heard
    which problems."""
    unheard = "The main limitations of A2C are that $c_φ$ does not depend on $a_t$, nor on $b$."
    dangling = "Using the surrogate addresses both of these problems."
    kept = "The surrogate also keeps the estimator unbiased."
    paper = method_saying(unheard, dangling, kept)
    assert not lines_with(paper, "both of these problems")
    assert lines_with(paper, "keeps the estimator unbiased")
    named = "The A2C estimator has two limits that raise its variance in practice."
    assert lines_with(method_saying(named, dangling), "both of these")


def test_a_line_leaning_on_one_left_out_for_its_math_is_not_said() -> None:
    """ILM's "This is particularly problematic when considering models like GPT-2 …" was
    said right after a line the listener heard, about something else: the line it leans on
    was left out for its formula, and "this" meant what only the formula said."""
    formula = "The cost is $c = n^2 d$ for a sequence of $n$ tokens."
    leaning = "This is particularly costly for long inputs, whose memory grows quickly."
    paper = method_saying(formula, leaning)
    found = lines_with(paper, "particularly costly")
    assert found and found[0].after_gap
    assert "particularly costly" not in " ".join(t.text for t in write(paper).turns)
    found = lines_with(method_saying(leaning), "particularly costly")
    assert found and not found[0].after_gap


def test_a_line_leaning_past_a_left_out_aside_leans_on_the_line_heard() -> None:
    """MoBA's "This suggests that MoBA achieves scaling performance …" leans on the loss
    curves, not on "Specifically, the differences remain within $1e-3$." left out between."""
    aside = "Specifically, the differences stay within $1e-3$ across all context lengths."
    leaning = "This suggests that routing keeps the quality of full attention."
    found = lines_with(method_saying(aside, leaning), "This suggests")
    assert found and not found[0].after_gap
