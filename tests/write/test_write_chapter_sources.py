"""Which lines of the abstract and the results feed which chapter, as unseen papers showed.

The problem starts from the scene the abstract sets before its proposal: an EEG paper opens
"REM Sleep Behavior Disorder is now recognized as the prodromal stage of …"; its episode's
problem was "Data representation is inspired in audio processing problems", a line on the
method's design that only said "problems". What the authors made is their idea, however it
is counted, and the results' findings said in words are heard beside the figures."""

from __future__ import annotations

from write_helpers import prose_paper

from paperdive.llm import Usage
from paperdive.models import Paper
from paperdive.writing.extractive import ExtractiveWriter
from paperdive.writing.plan import NUMBERS, PROBLEM, ChapterKind, chapter_kind
from paperdive.writing.sentences import Sentence, self_contained

ABSTRACT = (
    "Dream enactment disorder is now recognized as the early stage of Parkinson's disease. "
    "In this paper, we describe deep networks that classify resting brain recordings of "
    "dream enactment patients and healthy controls. "
    "Data representation is inspired by audio processing problems, where deep networks have "
    "proven highly successful. "
    "The networks reach 80% accuracy in telling patients from controls."
)
SECTIONS = {
    "Introduction": (
        "Dream enactment disorder is a sleep condition in which patients act out vivid dreams. "
        "Most patients with dream enactment disorder eventually develop Parkinson's disease. "
        "Dream enactment disorder often goes undiagnosed for years. "
        "A diagnosis of the disorder needs overnight recordings that few hospitals can offer. "
        "Deep recurrent networks are notoriously difficult to train on long recordings. "
        "We propose to treat each recording as a spectrogram image."
    ),
    "Method": (
        "Each recording is cut into frames of one second. "
        "A spectrogram is computed for every frame and channel. "
        "A five-layer convolutional network classifies each frame. "
        "The frame outputs are averaged to classify the subject."
    ),
    "Results": (
        "The network reaches 80% accuracy on held-out subjects. "
        "A shallow network reaches 70% accuracy on the same subjects."
    ),
}


def said_in(paper: Paper, kind: ChapterKind) -> str:
    """What a deep dive of the paper says in its chapters of `kind`."""
    writer, usage = ExtractiveWriter(), Usage()
    notes = [writer.notes(paper, usage)]
    outline = writer.plan([paper], notes, "deep-dive", 25.0, 150.0, usage)
    script = writer.script([paper], notes, outline, {"explainer": "N", "skeptic": "T"}, usage)
    chapters = {i for i, c in enumerate(script.chapters) if chapter_kind(c.title) is kind}
    return " ".join(t.text for t in script.turns if t.chapter in chapters)


def test_the_problem_is_the_scene_the_abstract_sets_not_its_design() -> None:
    paper = prose_paper("Spectrograms of Sleep", ABSTRACT, SECTIONS)
    writer, usage = ExtractiveWriter(), Usage()
    outline = writer.plan([paper], [writer.notes(paper, usage)], "deep-dive", 25.0, 150.0, usage)
    problem = " ".join(
        beat for c in outline.chapters if chapter_kind(c.title) is PROBLEM for beat in c.beats
    )
    assert "early stage of Parkinson's disease" in problem
    assert "audio processing problems" not in problem


def test_what_they_made_is_their_idea_not_a_headline_however_it_is_counted() -> None:
    """An unseen chord-recognition paper's abstract says "we develop a deep
    convolutional-recurrent model for automatic chord recognition over a vocabulary of 170
    classes": its count made it a headline result, read as "What the numbers say", and the
    episode had no idea chapter."""
    abstract = (
        "Chord recognition systems must cope with rare classes. "
        "In this work, we develop a deep convolutional-recurrent model for automatic chord "
        "recognition over a vocabulary of 170 classes. "
        "Evaluations on 1217 recordings show substantial improvements over previous models."
    )
    paper = prose_paper("Structured Chords", abstract, SECTIONS)
    writer, usage = ExtractiveWriter(), Usage()
    outline = writer.plan([paper], [writer.notes(paper, usage)], "deep-dive", 25.0, 150.0, usage)
    numbers = [b for c in outline.chapters if chapter_kind(c.title) is NUMBERS for b in c.beats]
    assert numbers and not any("170 classes" in beat for beat in numbers), numbers


def test_a_finding_said_in_words_is_heard_beside_the_figures() -> None:
    """The chord paper's results say "Structured training provides a modest, but consistent
    improvement, for both the shallow and the deep decoder models" with no figure: beside its
    one figured line, the numbers chapter never said what its own experiments found."""
    results = (
        "The deep model reaches 63.6% accuracy on the held-out chords. "
        "Structured training provides a modest, but consistent improvement, for both the "
        "shallow and the deep decoder models. "
        "The model still confuses rare chords with common ones."
    )
    paper = prose_paper("Spectrograms of Sleep", ABSTRACT, {**SECTIONS, "Results": results})
    writer, usage = ExtractiveWriter(), Usage()
    outline = writer.plan([paper], [writer.notes(paper, usage)], "deep-dive", 25.0, 150.0, usage)
    numbers = " ".join(
        b for c in outline.chapters if chapter_kind(c.title) is NUMBERS for b in c.beats
    )
    assert "63.6%" in numbers and "consistent improvement" in numbers, numbers


def test_a_count_of_things_said_without_them_is_left_out() -> None:
    """An unseen recommender paper's problem chapter ended on "Three factors conspire to make
    recommendations challenging for them.", and none of the three was said."""
    intro = (
        SECTIONS["Introduction"]
        + " Three factors conspire to make early diagnosis challenging for us."
    )
    paper = prose_paper("Spectrograms of Sleep", ABSTRACT, {**SECTIONS, "Introduction": intro})
    writer, usage = ExtractiveWriter(), Usage()
    outline = writer.plan([paper], [writer.notes(paper, usage)], "deep-dive", 25.0, 150.0, usage)
    said = " ".join(b for c in outline.chapters for b in c.beats)
    assert "Three factors" not in said


def test_their_best_ensemble_is_their_own_headline() -> None:
    """Once the voxel paper's method was named ("Our VRN model …"), its headline, "Our best
    ensemble of models trained solely on ModelNet10 obtains 94.71% accuracy", no longer
    named it, and the episode lost its cold open."""
    results = (
        "Our VRN model beats every earlier voxel network. Our VRN model is deep. "
        "Our best ensemble of models obtains 94.71% accuracy, better than any published result."
    )
    paper = prose_paper(
        "Voxel Modeling",
        "We explore voxel-based models for object classification.",
        {**SECTIONS, "Results": results},
    )
    writer, usage = ExtractiveWriter(), Usage()
    outline = writer.plan([paper], [writer.notes(paper, usage)], "deep-dive", 25.0, 150.0, usage)
    assert "94.71%" in outline.chapters[0].beats[0], outline.chapters[0]


def test_a_problem_in_one_line_is_still_its_chapter() -> None:
    """Four papers' problem chapters held one line ("The change in the distributions of
    layers' inputs presents a problem because …"), and a chapter of one line was left out
    with its line: the episode went from the headline straight to the method."""
    abstract = (
        "Training deep networks is slowed down because every layer has to keep adapting to "
        "new input distributions. "
        "We propose to normalize each layer's inputs over the mini-batch. "
        "Normalized networks reach 80% accuracy in a third of the steps."
    )
    sections = {t: x for t, x in SECTIONS.items() if t != "Introduction"}
    paper = prose_paper("Normalized Layers", abstract, sections)
    said = said_in(paper, PROBLEM)
    assert "keep adapting to new input distributions" in said, said


def test_a_this_that_does_something_in_its_own_line_is_that_line() -> None:
    """A chord paper's problem, "… certain classes occur much less frequently than others,
    and this presents a significant challenge …", was taken to lean on a line before it."""
    alone = (
        "Recognition systems must overcome data scarcity: certain classes occur much less "
        "often than others, and this presents a challenge when estimating parameters."
    )
    assert self_contained(Sentence(alone, alone, "Abstract", 0.5, 0, "abstract"))
    for leaning in (
        "Rare classes are hard, and this process fails on them.",  # a noun: which process?
        "This presents a challenge when estimating parameters.",
    ):
        assert not self_contained(Sentence(leaning, leaning, "Abstract", 0.5, 1, "abstract"))


def test_the_method_is_told_without_its_settings() -> None:
    """Listeners of three unseen papers heard a spec sheet where the method should be ("And
    what happens after that?" "They set the maximum gradient norm of an update to be 50.",
    "The author uses four training threads", "The number of filters begins at 32")."""
    method = (
        "Each recording is cut into frames of one second. "
        "We set the maximum gradient norm of an update to be 50. "
        "A spectrogram is computed for every frame and channel. "
        "We use four training threads for every experiment. "
        "A five-layer convolutional network classifies each frame. "
        "The number of filters begins at 32, and is doubled at each block. "
        "The frame outputs are averaged to classify the subject."
    )
    paper = prose_paper("Spectrograms of Sleep", ABSTRACT, {**SECTIONS, "Method": method})
    writer, usage = ExtractiveWriter(), Usage()
    outline = writer.plan([paper], [writer.notes(paper, usage)], "deep-dive", 25.0, 150.0, usage)
    said = " ".join(b for c in outline.chapters for b in c.beats)
    assert "spectrogram is computed" in said and "outputs are averaged" in said, said
    for setting in ("gradient norm", "training threads", "number of filters"):
        assert setting not in said


def test_earlier_work_is_said_with_whose_it_is() -> None:
    """An unseen recommender paper's "What came before" opened on "The advantage of the model,
    relative to pure content-based approaches, consists in …": a listener asked which model."""
    related = (
        "Smith and colleagues represent users as sums of the items they rated. "
        "Representations of new items are obtained by projecting them onto the latent space. "
        "The advantage of the model, relative to content-based approaches, lies in using "
        "collaborative data, but it cannot handle new users. "
        "Jones and colleagues previously proposed to cluster recordings by their spectra, but "
        "only for healthy sleepers. "
        "Lee and colleagues previously scored each night by hand, but only in one clinic."
    )
    paper = prose_paper("Spectrograms of Sleep", ABSTRACT, {**SECTIONS, "Related Work": related})
    writer, usage = ExtractiveWriter(), Usage()
    outline = writer.plan([paper], [writer.notes(paper, usage)], "deep-dive", 25.0, 150.0, usage)
    said = " ".join(b for c in outline.chapters for b in c.beats)
    assert "Jones and colleagues" in said, said
    assert "advantage of the model" not in said


def test_the_one_finding_a_paper_states_is_heard() -> None:
    """An unseen reinforcement-learning paper states one finding in words ("we show that it
    can, in fact, help DQN learn more general features"); a chapter of one line was left
    out, and the episode went from the method to the doubts with no result at all."""
    abstract = (
        "Deep agents rarely reuse what they learn across variants of a game. "
        "We perform this study using 12 game modes of 4 Atari games, a recently introduced "
        "modification of the Arcade Learning Environment. "
        "Despite regularization being largely underused in deep agents, we show that it can, "
        "in fact, help agents learn more general features."
    )
    sections = {t: x for t, x in SECTIONS.items() if t != "Results"}
    paper = prose_paper("Regularized Agents", abstract, sections)
    said = said_in(paper, NUMBERS)
    assert "help agents learn more general features" in said, said
