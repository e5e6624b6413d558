"""Each defect a careful listener heard in the offline writer's episodes, planted in a paper
built here, never reaches the script: symbol junk, bare figure/table/equation pointers, cut
sentences, footnote marks, the authors' "we", acknowledgements, author contributions, page
furniture, appendix boilerplate, citation holes, and what ingest marked unspeakable."""

from __future__ import annotations

from pathlib import Path

import pytest
from write_helpers import SECTIONS, build_paper

from paperdive.evaluate.content import headline_numbers, provenance
from paperdive.evaluate.lines import PaperLines
from paperdive.evaluate.speech import unspeakable_lines
from paperdive.models import Paper, Paragraph, Script, Section, Sentence
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.sentences import split_sentences

# Each planted sentence carries a word found nowhere else in the paper, so a test can tell
# whether any part of it was said.
PLANTED = {
    "symbols": "The zebra score is si = ⟨q, mean(K[Ii])⟩ for every block i in the context.",
    "figure pointer": "Results for the walrus setting are summarised in Table 3 for every router.",
    "equation pointer": "Eq. (4) gives the pelican loss that the router minimizes during training.",
    "section pointer": "Section 5 explains the heron variant of the gate in detail for readers.",
    "cut list": "The falcon router makes three changes to the standard attention layer: 1.",
    "lead-in": "The gecko procedure that selects the blocks for every query is as follows:",
    "footnote": "The kernel runs on commodity otter hardware.3 It needs no custom silicon at all.",
    "first person": "This hedgehog routing is orthogonal to ours and could be combined with it.",
    "citation hole": "As shown in [4], the badger router converges quickly on all tasks we tried.",
    "picture": "The inset graph in the top figure shows the lynx curve rising with context length.",
    "plot mark": "The dashed ocelot segments correspond to the region where the router is stable.",
    "table layout": "The serval column shows the context length at which each router did best.",
    "software": "PyTorch is employed to implement the jackal router and all of its baselines.",
    "results pointer": "We provide results for the dingo router and the variations of the gate.",
    "colour mark": "The caracal gates are highlighted in blue while the merge is shown in red.",
}
END_MATTER = {
    "Acknowledgements": (
        "We thank the anonymous reviewers and the beaver team for their helpful comments on "
        "this work. This work was funded by the marmot foundation under a generous grant."
    ),
    "Author Contributions": (
        "Names marked with a star denote individuals who have departed from the mongoose team. "
        "All authors contributed equally to the writing of the paper and its experiments."
    ),
    "References": (
        "Beltagy and colleagues wrote Longformer, the wombat of long documents, in the year "
        "of its publication. Fedus and colleagues wrote the Switch Transformer paper."
    ),
}
APPENDIX = Section(
    title="Additional Proofs",
    number="A",
    text=(
        "The proof of the second lemma follows from the first by a narwhal argument over all "
        "block sizes. We repeat the argument for every layer of the network in turn."
    ),
)
FURNITURE = (
    "Proceedings of the 42nd International Conference on Machine Learning, Vancouver, Canada. "
    "Copyright 2025 by the quokka author(s)."
)
MARKED = [
    ("math", "The router score of the ibex gate is the product $q^T k$ of each query and key."),
    ("figure", "The ibis curves in the panel show the gap narrowing with the context length."),
    ("fragment", "Their key observations about the yak benchmarks include."),
    ("citation_gap", "The tapir trick of was adopted by many later systems for long inputs."),
    ("footnote", "Code for the koala experiments is available from the authors on request."),
]
PLANTED_WORDS = [
    *("zebra", "walrus", "pelican", "heron", "falcon", "gecko", "otter", "hedgehog", "badger"),
    *("lynx", "beaver", "marmot", "mongoose", "wombat", "narwhal", "quokka", "ibex", "ibis"),
    *("yak", "tapir", "koala", "caracal", "serval", "jackal", "dingo"),
]


def planted_paper() -> Paper:
    method = " ".join([SECTIONS["Method"], *PLANTED.values()])
    marked = Section(
        title="Analysis",
        text=" ".join(text for _, text in MARKED),
        paragraphs=[
            Paragraph(sentences=[Sentence(text=text, marks=[mark]) for mark, text in MARKED])
        ],
    )
    sections = [
        Section(title=title, text=f"{text} {FURNITURE}" if title == "Introduction" else text)
        for title, text in SECTIONS.items()
        if title != "Method"
    ]
    sections.insert(2, Section(title="Method", text=method))
    sections.insert(4, marked)
    sections += [Section(title=t, text=x) for t, x in END_MATTER.items()] + [APPENDIX]
    return build_paper(sections=sections)


def spoken_words(script: Script) -> set[str]:
    return {w.strip(".,;:?!()").lower() for t in script.turns for w in t.text.split()}


@pytest.fixture(scope="module")
def paper() -> Paper:
    return planted_paper()


@pytest.fixture(scope="module", params=["deep-dive", "brief", "critique", "debate"])
def script(request: pytest.FixtureRequest, paper: Paper, tmp_path_factory) -> Script:
    folder = EpisodeDir(tmp_path_factory.mktemp("defects") / request.param)
    return write_script([paper], folder, format=request.param, minutes=25).script


def test_the_planted_paper_still_makes_an_episode(script: Script) -> None:
    assert len(script.turns) > 8 and script.word_count() > 300


def test_no_planted_defect_reaches_the_script(script: Script) -> None:
    said = spoken_words(script)
    assert not said & set(PLANTED_WORDS), said & set(PLANTED_WORDS)


def test_no_line_is_unspeakable(script: Script, paper: Paper) -> None:
    check = unspeakable_lines(script, PaperLines([paper]))
    assert check.passed, check.problems
    text = " ".join(t.text for t in script.turns)
    for word in ("Table 3", "Eq.", "Section 5", "[4]", "∗", "ours", " we ", " our "):
        assert word not in text


def test_chapters_come_from_sections_that_fit_them(script: Script, paper: Paper) -> None:
    check = provenance(script, PaperLines([paper]))
    assert check.passed, check.problems


def test_the_results_are_said_with_their_headline_numbers(script: Script, paper: Paper) -> None:
    check = headline_numbers(script, [paper])
    assert check.passed, check.problems
    assert "6.5x" in " ".join(t.text for t in script.turns)


def test_the_method_chapter_never_reads_the_related_work(tmp_path: Path) -> None:
    # Related work full of mechanism-like sentences must not fill "How it works".
    related = (
        "Longformer computes attention over a sliding window and selects global tokens by "
        "hand. BigBird combines random, window and global attention in every layer of the "
        "network. Reformer routes each query to a bucket by hashing its key with random "
        "projections."
    )
    sections = [
        Section(title=t, text=related if t == "Related Work" else x) for t, x in SECTIONS.items()
    ]
    written = write_script([build_paper(sections=sections)], EpisodeDir(tmp_path / "e"))
    script = written.script
    mechanics = [i for i, c in enumerate(script.chapters) if c.title.startswith("How it works")]
    assert mechanics
    said = " ".join(t.text for t in script.turns if t.chapter in mechanics)
    for sentence in split_sentences(related):
        assert sentence.split()[0] not in said, sentence
