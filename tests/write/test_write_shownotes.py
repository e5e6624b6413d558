"""Show notes: readings only from the paper's own linked bibliography, and the disclosure."""

from __future__ import annotations

import re

from write_helpers import build_paper

from paperdive.models import Paper, Reference, Section
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.sentences import numbers_in
from paperdive.writing.shownotes import catchy_title, readings


def test_readings_come_only_from_linked_cited_references(paper: Paper) -> None:
    chosen = readings(paper)
    # [3] is cited but has no link, so it must never be shown.
    assert [r.reference_index for r in chosen] == [1, 2]
    assert chosen[0].url == "https://arxiv.org/abs/2004.05150"
    assert "Sliding window attention" in chosen[0].reason or "Mixture" in chosen[0].reason
    assert all("[" not in r.reason for r in chosen)


def test_an_uncited_or_unlinked_bibliography_gives_no_readings() -> None:
    unlinked = build_paper(references=[Reference(index=1, raw="Someone. A book. 1999.")])
    assert readings(unlinked) == []


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
    title = catchy_title(paper)
    assert title == "Routed Block Attention Is 6.5x Faster Than Full Attention"
    assert all(number in paper.full_text() for number in numbers_in(title))
    words = re.findall(r"[a-z0-9.]+", paper.full_text().lower())
    assert all(word in words for word in re.findall(r"[a-z0-9.]+", title.lower()))


def test_a_paper_without_a_short_claim_keeps_its_title_without_boilerplate() -> None:
    vague = with_conclusion(
        "We presented a study of attention.", title="Attention Over Long Inputs: A Survey"
    )
    assert catchy_title(vague) == "Attention Over Long Inputs"
    assert not catchy_title(vague).lower().startswith("reading closely")


def test_a_claim_about_something_unnamed_is_not_a_title() -> None:
    dangling = with_conclusion("It is much faster than full attention on long inputs.")
    assert catchy_title(dangling) == "Routed Block Attention: Reading Long Contexts by Choice"
