"""Show notes: readings only from the paper's own linked bibliography, and the disclosure."""

from __future__ import annotations

import re

from write_helpers import build_paper

from paperdive.models import Paper, Reference, Section
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.sentences import PaperText, numbers_in
from paperdive.writing.shownotes import catchy_title, readings


def test_readings_come_only_from_linked_cited_references(paper: Paper) -> None:
    chosen = readings(PaperText.of(paper))
    # [3] is cited but has no link, so it must never be shown.
    assert [r.reference_index for r in chosen] == [1, 2]
    assert chosen[0].url == "https://arxiv.org/abs/2004.05150"
    assert "Sliding window attention" in chosen[0].reason or "Mixture" in chosen[0].reason
    assert all("[" not in r.reason for r in chosen)


def test_an_uncited_or_unlinked_bibliography_gives_no_readings() -> None:
    unlinked = build_paper(references=[Reference(index=1, raw="Someone. A book. 1999.")])
    assert readings(PaperText.of(unlinked)) == []


def test_show_notes_for_the_default_writer(paper: Paper, episode: EpisodeDir) -> None:
    notes = write_script([paper], episode, minutes=3).shownotes
    assert notes.source_url == paper.url and notes.paper_date == paper.published
    assert 3 <= len(notes.takeaways) <= 6
    assert notes.hook and notes.title
    assert notes.disclosure.startswith("AI-generated episode: written by paperdive's extractive")
    assert [c.start for c in notes.chapters] == [None] * len(notes.chapters)


def test_an_all_caps_title_takes_the_papers_own_casing(episode: EpisodeDir) -> None:
    shouting = build_paper(title="ROUTED BLOCK ATTENTION: READING LONG CONTEXTS BY CHOICE")
    notes = write_script([shouting], episode, minutes=3).shownotes
    assert notes.title == "Routed Block Attention: Reading Long Contexts by Choice"


def with_conclusion(text: str, **changes: object) -> Paper:
    sections = [s for s in build_paper().sections if s.title != "Conclusion"]
    return build_paper(sections=[*sections, Section(title="Conclusion", text=text)], **changes)


def test_the_title_is_the_papers_own_headline_claim() -> None:
    paper = with_conclusion(
        "We demonstrated that Routed Block Attention is 6.5x faster than full attention, "
        "at a small cost in accuracy. We hope smaller labs can use it."
    )
    title = catchy_title(PaperText.of(paper))
    assert title == "Routed Block Attention Is 6.5x Faster Than Full Attention"
    assert all(number in paper.full_text() for number in numbers_in(title))
    words = re.findall(r"[a-z0-9.]+", paper.full_text().lower())
    assert all(word in words for word in re.findall(r"[a-z0-9.]+", title.lower()))


def test_a_paper_without_a_short_claim_keeps_its_title_without_boilerplate() -> None:
    vague = with_conclusion(
        "We presented a study of attention.", title="Attention Over Long Inputs: A Survey"
    )
    assert catchy_title(PaperText.of(vague)) == "Attention Over Long Inputs"
    assert not catchy_title(PaperText.of(vague)).lower().startswith("reading closely")


def test_a_claim_about_something_unnamed_is_not_a_title() -> None:
    dangling = with_conclusion("It is much faster than full attention on long inputs.")
    assert (
        catchy_title(PaperText.of(dangling))
        == "Routed Block Attention: Reading Long Contexts by Choice"
    )


def test_a_reading_says_what_the_work_is_to_the_paper_in_whole_sentences() -> None:
    cited = Section(
        title="Experiments",
        text=(
            "We compare against sliding window attention [1], which keeps only nearby tokens. "
            "The router of [2] sends every token to one expert out of a large pool of experts "
            "trained jointly with the rest of the network on the same data for the same "
            "number of steps as the dense model it replaces in the comparison: Algorithm 1 "
            "Require."
        ),
    )
    paper = build_paper(sections=[cited])
    reasons = {r.reference_index: r.reason for r in readings(PaperText.of(paper))}
    assert reasons[1] == (
        "A baseline the paper compares against. In the paper's words: The authors compare "
        "against sliding window attention, which keeps only nearby tokens."
    )
    # Its only citing sentence loses its subject without the citation and runs on into a
    # pasted algorithm: what the work is to the paper is said, the fragment is not.
    assert reasons[2] == "Cited alongside the results."
    for reason in reasons.values():
        assert "Require" not in reason and "…" not in reason and reason.endswith(".")


def test_two_readings_cited_together_get_different_reasons() -> None:
    cited = Section(
        title="Background",
        text=(
            "Sliding window attention and expert routing both keep compute bounded [1, 2]. "
            "The router of the second work sends each token to a single expert [2]."
        ),
    )
    reasons = [r.reason for r in readings(PaperText.of(build_paper(sections=[cited])))]
    assert len(reasons) == 2 and len(set(reasons)) == 2, reasons
