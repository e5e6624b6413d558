"""The first time the explainer leans on a term of the field the paper keeps using, the
skeptic asks what it is and she says it in plain words: raters' first complaint was lines
full of terms nobody explains. A gloss is background, never a fact about the paper (no
figure, no name beyond the term), asked only where the paper's own line does not already
say what the term is, and never at the cost of the episode's balance or format."""

from __future__ import annotations

from write_helpers import SECTIONS, build_paper

from paperdive.evaluate.talk import question_fit
from paperdive.evaluate.terms import PaperTerms
from paperdive.llm import Usage
from paperdive.models import Paper, Script, Section, Turn
from paperdive.writing.check import NAMED, PaperIndex, check_script
from paperdive.writing.extractive import ExtractiveWriter
from paperdive.writing.glossary import glossary, with_glosses
from paperdive.writing.quantities import quantities

HOSTS = {"explainer": "Nora", "skeptic": "Theo"}
KL_LINE = "They bound the KL divergence between the new policy and the old one at each step."
PAPER_TEXT = "The KL divergence is bounded. A KL divergence penalty. KL divergence again."


def nora(text: str, chapter: int = 1) -> Turn:
    return Turn(host="explainer", text=text, chapter=chapter)


def theo(text: str, chapter: int = 1) -> Turn:
    return Turn(host="skeptic", text=text, chapter=chapter)


TALK = [
    theo("How does it work?"),
    nora(KL_LINE),
    theo("And the step size?"),
    nora("The step size is found by a search along the update direction."),
]


def glossed(
    turns: list[Turn] = TALK,
    paper_text: str = PAPER_TEXT,
    own_terms: str = "Trust Regions for Policies",
    explaining: frozenset[int] = frozenset({1}),
    limit: int = 3,
    familiar: int = 1,
    max_share: float = 0.9,
    measuring: frozenset[int] = frozenset(),
) -> list[Turn]:
    return with_glosses(
        list(turns),
        set(explaining),
        paper_text,
        own_terms,
        lambda term: f"Back up: what's {term}?",
        limit,
        familiar,
        max_share,
        measuring,
    )


def test_every_gloss_is_background_and_never_a_fact_about_a_paper() -> None:
    for gloss in glossary():
        assert not quantities(gloss.says) and not quantities(gloss.term), gloss.term
        assert set(NAMED.findall(gloss.says)) <= set(NAMED.findall(gloss.term)), gloss.term
        assert gloss.says.lower().startswith(gloss.term.lower()), gloss.term


def test_she_explains_a_term_the_paper_keeps_using_right_after_she_first_says_it() -> None:
    out = glossed()
    assert [t.host for t in out] == ["skeptic", "explainer"] * 3
    asked, explained = out[2], out[3]
    assert asked.text == "Back up: what's a KL divergence?"
    assert explained.gloss == "a KL divergence" and explained.text.startswith("A KL divergence")
    assert out[4:] == TALK[2:]


def test_no_gloss_where_the_term_is_the_papers_own_said_in_passing_or_defined_there() -> None:
    assert glossed(paper_text="The KL divergence is bounded. A KL divergence penalty.") == TALK
    assert glossed(own_terms="Bounding the KL Divergence of Policies") == TALK
    defined = [*TALK[:1], nora(f"{KL_LINE[:-1]}, that is, a trust region."), *TALK[2:]]
    assert glossed(defined) == defined
    assert glossed(explaining=frozenset({0})) == TALK  # a chapter of results: no detour


def test_no_gloss_breaks_into_her_telling_or_tips_the_balance() -> None:
    goes_on = [*TALK[:2], nora("The bound holds for every state."), *TALK[2:]]
    assert glossed(goes_on) == goes_on
    # Said again where she stops, the term is asked about there.
    again = [*goes_on, theo("And the bound?"), nora("The KL divergence stays small.")]
    assert [t.gloss for t in glossed(again)] == [None] * len(again) + [None, "a KL divergence"]
    assert glossed(max_share=0.6) == TALK  # her words are already most of the talk


def test_less_familiar_terms_come_first_and_one_familiar_term_at_most() -> None:
    talk = [
        theo("What's the setting?"),
        nora("The agent learns by reinforcement learning in a simulator."),
        theo("And the policy?"),
        nora("A recurrent neural network chooses each action."),
        theo("How is it updated?"),
        nora(KL_LINE),
    ]
    text = f"{PAPER_TEXT} " + "reinforcement learning, recurrent neural networks. " * 3
    explained = [t.gloss for t in glossed(talk, paper_text=text) if t.gloss]
    assert explained == ["reinforcement learning", "a KL divergence"]
    assert [t.gloss for t in glossed(talk, paper_text=text, limit=1) if t.gloss] == [
        "a KL divergence"
    ]
    assert [t.gloss for t in glossed(talk, paper_text=text, familiar=0) if t.gloss] == [
        "a KL divergence"
    ]


def test_the_measure_of_the_results_is_said_in_plain_words_beside_them() -> None:
    """A blind listener heard "0.70, against 0.66" on an AUC never explained: "a number
    with no scale, the listener isn't told that 0.5 is chance"."""
    results = [
        *TALK,
        theo("What did they find?", chapter=2),
        nora("Their model reaches an AUC of 0.87, against 0.80 for the baseline.", chapter=2),
        theo("On every data set?", chapter=2),
    ]
    text = f"{PAPER_TEXT} AUC on the test set. The AUC again. An AUC of 0.87."
    out = glossed(results, paper_text=text, measuring=frozenset({2}))
    assert [t.gloss for t in out if t.gloss] == ["a KL divergence", "AUC"]
    said = next(i for i, t in enumerate(out) if t.gloss == "AUC")
    assert "AUC of 0.87" in out[said - 2].text and out[said - 1].host == "skeptic"
    assert "guessing" in out[said].text.lower()
    assert glossed(results, paper_text=text, measuring=frozenset({2}), limit=0) == results
    assert glossed(results, paper_text=text) == glossed(results[:4], paper_text=text) + results[4:]


METHOD = (
    "Our method keeps each policy update close to the last one. We bound the KL divergence "
    "between the new and the old policy, and take the largest step that stays within the "
    "bound. The KL divergence is estimated from the sampled trajectories of the old policy. "
    "A line search shrinks the step until the bound holds and the KL divergence stays small."
)


def write(paper: Paper, format: str) -> Script:
    writer, usage = ExtractiveWriter(), Usage()
    notes = writer.notes(paper, usage)
    outline = writer.plan([paper], [notes], format, 25, 150.0, usage)  # type: ignore[arg-type]
    return writer.script([paper], [notes], outline, HOSTS, usage)  # type: ignore[arg-type]


def policy_paper() -> Paper:
    sections = [
        Section(title=title, text=METHOD if title == "Method" else text)
        for title, text in SECTIONS.items()
    ]
    return build_paper(sections=sections)


def test_a_deep_dive_explains_the_term_and_its_checks_pass() -> None:
    paper = policy_paper()
    script = write(paper, "deep-dive")
    explained = [i for i, t in enumerate(script.turns) if t.gloss]
    assert [script.turns[i].gloss for i in explained] == ["a KL divergence"]
    asked = script.turns[explained[0] - 1]
    assert asked.host == "skeptic" and "KL divergence" in asked.text
    assert "KL divergence" in script.turns[explained[0] - 2].text  # she said it just before
    index = PaperIndex([paper])
    flagged = [i for i in check_script(script, [paper], index).items if i.status == "flagged"]
    assert not [i for i in flagged if i.turn in (explained[0] - 1, explained[0])]
    fit = question_fit(script, PaperTerms(index))
    assert not [p for p in fit.problems if "KL divergence" in p], fit.problems


def test_a_critique_spends_no_words_on_background() -> None:
    assert not [t for t in write(policy_paper(), "critique").turns if t.gloss]


def test_a_deep_dive_explains_no_term_its_listeners_know() -> None:
    """ "In plain terms, what's backpropagation?" talked down to a listener of a deep dive."""
    method = (
        "The policy network is trained with backpropagation through the sampled "
        "trajectories. We bound the KL divergence between the new and the old policy at "
        "each step. Backpropagation then gives the gradient of the bounded objective. The "
        "KL divergence is estimated from the same trajectories, and backpropagation reuses "
        "them for the value network."
    )
    sections = [
        Section(title=title, text=method if title == "Method" else text)
        for title, text in SECTIONS.items()
    ]
    script = write(build_paper(sections=sections), "deep-dive")
    assert "backpropagation" in " ".join(t.text for t in script.turns)  # said, not explained
    assert not [t.gloss for t in script.turns if t.gloss]
