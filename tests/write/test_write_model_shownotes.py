"""Show notes a model writes: the reading list it picks is verified against the bibliography
and linked only from an arXiv id or a DOI; takeaways the paper does not support are dropped."""

from __future__ import annotations

from model_fake import ScriptedModel
from write_helpers import build_paper

from paperdive.models import Paper, Reference
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.model_shownotes import (
    Pitch,
    ProposedReading,
    apply_pitch,
    bibliography,
    verified_readings,
)

REFERENCES = [
    Reference(
        index=1,
        raw="Leviathan, Kalman, Matias. Fast inference from transformers via speculative "
        "decoding. ICML 2023.",
        title="Fast inference from transformers via speculative decoding",
        year=2023,
        arxiv_id="2211.17192",
    ),
    Reference(
        index=2,
        raw="Guo et al. On calibration of modern neural networks. ICML 2017.",
        title="On calibration of modern neural networks",
        year=2017,
        doi="10.5555/3305381.3305518",
    ),
    # The first live run linked this one through an OpenReview URL cut to "id=4e".
    Reference(
        index=3,
        raw="Anonymous. Draft trees for drafters. OpenReview. https://openreview.net/forum?id=4e",
        title="Draft trees for drafters",
        url="https://openreview.net/forum?id=4e",
    ),
    # A vendor blog's home page: not a work.
    Reference(index=4, raw="DeepSeek blog. https://deepseek.com", url="https://deepseek.com"),
    Reference(
        index=5,
        raw="Li et al. EAGLE: speculative sampling requires rethinking feature uncertainty.",
        title="EAGLE: speculative sampling requires rethinking feature uncertainty",
        arxiv_id="2401.1507",  # truncated in the PDF: not a well-formed arXiv id
    ),
]


def paper_with_references() -> Paper:
    return build_paper(references=REFERENCES)


def pick(reference: int, title: str, reason: str = "The episode leans on it.") -> ProposedReading:
    return ProposedReading(reference=reference, title=title, reason=reason)


def test_only_verifiable_bibliography_entries_are_offered_and_kept() -> None:
    paper = paper_with_references()
    assert [(e.index, e.linkable) for e in bibliography(paper)] == [
        (1, True),
        (2, True),
        (3, False),
        (4, False),
        (5, False),
    ]
    readings = verified_readings(
        paper,
        [
            pick(1, "Fast Inference from Transformers via Speculative Decoding"),
            pick(3, "Draft trees for drafters"),  # a cut-off URL: dropped, never linked
            pick(4, "DeepSeek blog"),  # no arXiv id or DOI
            pick(5, "EAGLE"),  # an arXiv id that is not well formed
            pick(9, "Attention is all you need"),  # not in the bibliography
            pick(2, "Medusa: simple LLM inference acceleration"),  # number and title disagree
            pick(1, "Fast inference from transformers"),  # the same entry twice
        ],
    )
    assert [(r.reference_index, r.url, r.title) for r in readings] == [
        (
            1,
            "https://arxiv.org/abs/2211.17192",
            "Fast inference from transformers via speculative decoding",
        )
    ]
    assert readings[0].reason == "The episode leans on it."


def test_a_doi_links_through_the_resolver() -> None:
    readings = verified_readings(
        paper_with_references(), [pick(2, "On Calibration of Modern Neural Networks")]
    )
    assert [r.url for r in readings] == ["https://doi.org/10.5555/3305381.3305518"]


def test_at_most_four_readings() -> None:
    refs = [
        Reference(
            index=n, raw=f"Work number {n}.", title=f"Work number {n}", arxiv_id=f"2401.0000{n}"
        )
        for n in range(1, 7)
    ]
    picks = [pick(n, f"Work number {n}") for n in range(1, 7)]
    assert len(verified_readings(build_paper(references=refs), picks)) == 4


def test_the_model_notes_replace_the_extractive_ones_where_they_pass(episode: EpisodeDir) -> None:
    paper = paper_with_references()
    written = write_script([paper], episode, llm="anthropic:fake", client=ScriptedModel(paper))
    base = written.shownotes
    pitch = Pitch(
        title="Letting each query choose what to read makes long contexts cheap",
        hook="Full attention reads everything. This method reads a few blocks. By the end "
        "you will understand why that barely costs accuracy.",
        takeaways=[
            "Routed Block Attention is 6.5x faster than full attention at a million tokens.",
            "It reaches 94.1% retrieval accuracy against 94.8% for full attention.",
            "It is 40 times cheaper to train.",  # the paper says no such thing: dropped
            "Selecting one block per query drops accuracy to about 81 percent.",
            "The router has no parameters of its own.",
            "All experiments use a single model family.",
        ],
        chapters=[f"Explains part {n}." for n in range(len(written.script.chapters))],
        readings=[pick(1, "Fast inference from transformers via speculative decoding")],
    )
    notes = apply_pitch(base, pitch, written.script, [paper])
    assert notes.title == pitch.title and notes.hook == pitch.hook
    assert "It is 40 times cheaper to train." not in notes.takeaways
    assert len(notes.takeaways) == 5
    assert [c.description for c in notes.chapters] == pitch.chapters
    assert [c.title for c in notes.chapters] == [c.title for c in written.script.chapters]
    # One verified pick: it stands alone, never topped up with works the model did not choose.
    assert [(r.reference_index, r.url) for r in notes.readings] == [
        (1, "https://arxiv.org/abs/2211.17192")
    ]


def test_chapter_lines_that_do_not_match_the_chapters_are_not_used(episode: EpisodeDir) -> None:
    paper = paper_with_references()
    written = write_script([paper], episode, llm="anthropic:fake", client=ScriptedModel(paper))
    pitch = Pitch(title="t", hook="h", takeaways=[], chapters=["Only one line."])
    notes = apply_pitch(written.shownotes, pitch, written.script, [paper])
    assert notes.chapters == written.shownotes.chapters


def test_the_show_notes_request_lists_the_bibliography_with_what_can_be_linked(
    episode: EpisodeDir,
) -> None:
    paper = paper_with_references()
    fake = ScriptedModel(paper)
    written = write_script([paper], episode, llm="anthropic:fake", client=fake)
    (request,) = [r for r in fake.requests if r.kind == "shownotes"]
    assert "[1] (linkable) Fast inference from transformers" in request.prompt
    assert "[3] Draft trees for drafters" in request.prompt
    assert f"({len(written.script.chapters)} of them)" in request.prompt
    urls = [r.url for r in written.shownotes.readings]
    assert urls and all("openreview" not in u and "deepseek.com" not in u for u in urls)
