"""A paper whose findings are said in its discussion, as the Bayes by Backprop listener
heard it (issue 9): the briefing had no results chapter and no take-away ("It feels like it
stops halfway through"). Its finding was in the discussion, its results line ended on a
misspelt pointer ("…, perhaps slightly better, as also see on Figure 2."), and its
conclusion's "the uncertainty introduced allows …" was taken for the paper introduced again.
Each is planted here."""

from __future__ import annotations

import re

import pytest
from test_write_coherence import chapter_text, write
from write_helpers import SECTIONS as HELPER_SECTIONS
from write_helpers import build_paper, prose_paper

from paperdive.models import Paper, Script, Section
from paperdive.writing.briefing_talk import names_topic
from paperdive.writing.plan import NUMBERS, WRAP
from paperdive.writing.sentences import without_pointer

ABSTRACT = (
    "Plain feedforward networks are prone to overfitting. We introduce Weight Sampling, an "
    "algorithm that learns a distribution over the weights of a network. The learnt "
    "uncertainty guides exploration in bandit problems."
)
SECTIONS = {
    "Introduction": (
        "Plain feedforward networks are prone to overfitting and make overly confident "
        "decisions about unseen inputs. Exact Bayesian inference over the weights of a network "
        "is intractable because the number of parameters is very large."
    ),
    "Method": (
        "Weight Sampling keeps a mean and a standard deviation for every weight of the network. "
        "Each training step samples the weights from these distributions and computes the usual "
        "gradients by backpropagation. The gradients then shift the means and scale the "
        "standard deviations."
    ),
    "Classification on Digits": (
        "We trained networks of two hidden layers on the digits dataset. "
        "As can be seen, plain gradient descent converges the quickest and then overfits. "
        "Weight Sampling reaches a test error comparable to dropout, perhaps slightly better, as "
        "also see on Figure 2."
    ),
    "Discussion": (
        "The algorithm achieves good results in several domains. "
        "When classifying digits, the error of Weight Sampling is comparable to that of "
        "dropout, at twice the cost per step."
    ),
    "Conclusion": (
        "We demonstrated on a regression problem that the uncertainty introduced allows the "
        "network to make more reasonable predictions about unseen data."
    ),
}


def sampling_paper() -> Paper:
    return prose_paper(
        "Weight Sampling: Uncertainty in the Weights of Neural Networks", ABSTRACT, SECTIONS
    )


@pytest.fixture(scope="module")
def script() -> Script:
    return write(sampling_paper())


def test_a_finding_said_in_the_discussion_is_a_result(script: Script) -> None:
    found = chapter_text(script, NUMBERS)
    assert "comparable to" in found and "dropout" in found, found


def test_praise_without_a_result_is_no_take_away() -> None:
    """ "The algorithm achieves good results in several domains." closed the episode."""
    sections = dict(HELPER_SECTIONS)
    sections["Conclusion"] = (
        "The algorithm achieves good results in several domains. Routed Block Attention lets "
        "a pretrained model read long contexts at a fraction of the cost of full attention."
    )
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    close = chapter_text(write(paper), WRAP)
    assert "lets a pretrained model read long contexts" in close
    assert "good results" not in close


def test_a_take_away_with_a_participle_is_a_finding() -> None:
    from test_write_telling import briefing_after, conclusion_line

    briefing = briefing_after("Each training step samples the weights.")
    shown = conclusion_line(SECTIONS["Conclusion"], 90)
    again = conclusion_line("We introduced a new algorithm for learning weight uncertainty.", 91)
    briefing.wrap([again, shown], 5)
    close = " ".join(t.text for t in briefing.talk.turns if t.chapter == 5)
    assert "the uncertainty introduced allows the network" in close, close
    assert "new algorithm" not in close


def test_pointers_that_lead_or_trail_a_finding_are_not_said() -> None:
    said = [
        without_pointer(line, frozenset())[0]
        for line in (
            "As can be seen, plain gradient descent converges the quickest and then overfits.",
            "It reaches a test error comparable to dropout, perhaps slightly better, as also "
            "see on Figure 2.",
        )
    ]
    assert said == [
        "Plain gradient descent converges the quickest and then overfits.",
        "It reaches a test error comparable to dropout, perhaps slightly better.",
    ]


def test_a_test_is_asked_about_by_name_only_when_its_finding_names_it() -> None:
    """ "What about the classification on MNIST?" was answered by "SGD converges …"."""
    topic = "classification on MNIST"
    assert not names_topic("SGD converges the quickest and then overfits.", topic)
    assert names_topic("When classifying MNIST digits, it matches dropout.", topic)


def test_an_insight_and_a_success_are_take_aways() -> None:
    """Kimi k1.5's "One of the key insights … is that the scaling of context length is
    crucial …" and TRPO's "we successfully learned controllers for swimming, walking and
    hopping" went unsaid; both episodes ended on the skeptic's last doubt."""
    sections = dict(HELPER_SECTIONS)
    sections["Conclusion"] = (
        "One of the key insights we extract from our practice is that the number of selected "
        "blocks is crucial to long-context recall. In the serving domain, we successfully "
        "deployed routed models for retrieval and summarisation with the same settings."
    )
    paper = build_paper(sections=[Section(title=t, text=x) for t, x in sections.items()])
    close = chapter_text(write(paper), WRAP)
    assert "the number of selected blocks is crucial" in close, close
    assert "successfully deployed routed models" in close, close


def test_other_authors_named_first_are_earlier_work_not_the_method() -> None:
    """Bayes by Backprop's method chapter ended on "Titsias and Lázaro-Gredilla considered a
    large-scale logistic regression task.", told as a step of the method."""
    from paperdive.writing.roles import sentence_kind
    from paperdive.writing.sentences import Sentence

    def kind(original: str) -> str:
        text = re.sub(r" \(\d{4}\)", "", original)
        return sentence_kind(Sentence(text, original, "Method", 0.5, 40, "method"))

    assert kind("Titsias and Lázaro-Gredilla (2014) considered a large-scale regression task.") == (
        "prior"
    )
    assert kind("Previously Hinton and Van Camp (1993) suggested a variational bound.") == "prior"
    assert kind("We build upon the work of Graves (2011), who computes the gradient.") != "prior"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (
            "We can observe closed-loop YellowFin achieves 20.1x speedup to YellowFin.",
            "Closed-loop YellowFin achieves 20.1x speedup to YellowFin.",
        ),
        ("We observe that the loss drops at every scale.", "The loss drops at every scale."),
        # what they saw is a noun, no clause: the line keeps its subject
        ("We see a drop in loss at every scale.", "We see a drop in loss at every scale."),
    ],
)
def test_what_the_authors_observe_is_said_as_the_finding(line: str, said: str) -> None:
    """ "They can observe closed-loop YellowFin achieves …": the observing is no part of
    the finding, and in the third person it no longer parses."""
    assert without_pointer(line, frozenset())[0] == said


@pytest.mark.parametrize(
    ("line", "topic", "named"),
    [
        (
            "The learned control variate improved training.",
            "discrete variational autoencoder",
            False,
        ),
        (
            "It draws house numbers one digit at a time.",
            "street view house number generation",
            True,
        ),
        ("Without attention it is a generative model like others.", "MNIST generation", True),
        ("They only use the title to find salient entities.", "entity extraction", True),
    ],
)
def test_a_line_names_a_topic_by_its_words_not_by_words_that_begin_alike(
    line: str, topic: str, named: bool
) -> None:
    """ "What about the discrete variational autoencoder?" was answered "In all experiments,
    the learned control variate improved …": "variate" began like "variational"."""
    assert names_topic(line, topic) is named
