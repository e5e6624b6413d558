"""The default writer on ingested PDFs: the bundled sample paper and a real one."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from rich.console import Console
from rich.progress import Progress

from paperdive.evaluate import evaluate
from paperdive.evaluate.script import host_balance
from paperdive.ingestion import ingest
from paperdive.models import Paper
from paperdive.sample import sample_pdf
from paperdive.store import EpisodeDir
from paperdive.writing import STAGES, Written, write_script
from paperdive.writing.chapters import MIN_CHAPTER_WORDS, substance
from paperdive.writing.check import repetitions
from paperdive.writing.sentences import numbers_in

# "Chain-ofThought": a line-break hyphen dropped inside a hyphenated compound.
GLUED_COMPOUND = re.compile(r"\b\w+-(?:of|the|and|to|in)[A-Z]")


def assert_finished_episode(paper: Paper, written: Written) -> None:
    script, review, notes = written.script, written.review, written.shownotes
    outline = written.outline
    target_words = outline.planned_minutes * outline.words_per_minute
    assert review.count(status="flagged") == 0
    assert review.count("number") > 10
    assert review.count("number", "cut") == 0  # the paper's own numbers are always found
    assert repetitions(script) == []
    assert {t.host for t in script.turns} == {"explainer", "skeptic"}
    assert 0.9 * target_words <= script.word_count() <= 1.1 * target_words
    for index in range(1, len(script.chapters)):
        chapter = [t for t in script.turns if t.chapter == index]
        assert substance(chapter) >= MIN_CHAPTER_WORDS, script.chapters[index].title
    words = Counter({"explainer": 0, "skeptic": 0})
    for turn in script.turns:
        words[turn.host] += len(turn.text.split())
    assert all(0.3 <= n / words.total() <= 0.7 for n in words.values()), words
    assert not GLUED_COMPOUND.search(" ".join(t.text for t in script.turns))
    assert "read closely" not in notes.title.lower()
    assert all(n in paper.full_text() for n in numbers_in(notes.title))
    assert len({c.description for c in notes.chapters}) == len(notes.chapters)


def test_sample_paper(tmp_path: Path) -> None:
    paper = ingest(sample_pdf(tmp_path))
    progress = Progress(console=Console(quiet=True))
    with progress:
        written = write_script([paper], EpisodeDir(tmp_path / "ep"), minutes=8, progress=progress)
    assert progress.tasks[0].completed == len(STAGES)
    assert_finished_episode(paper, written)
    assert written.shownotes.title == (
        "A Fully Offline Research Podcast Is Feasible on a Two-Core Machine"
    )
    assert len(written.shownotes.readings) >= 2
    reference_links = {r.link() for r in paper.references}
    assert all(r.url in reference_links for r in written.shownotes.readings)


def test_the_demo_brief_of_the_sample_paper_passes_every_check(tmp_path: Path) -> None:
    """`make demo`'s episode, as a new user first hears it (its script: the voices are the
    audio tests'): the briefing, cut to a brief, with the paper's headline result."""
    paper = ingest(sample_pdf(tmp_path))
    episode = EpisodeDir(tmp_path / "demo")
    episode.save("paper", paper)
    written = write_script([paper], episode, format="brief", minutes=4)
    report = evaluate(episode)
    assert report.passed, [(c.name, c.problems) for c in report.failed()]
    said = " ".join(t.text for t in written.script.turns)
    assert "0.000" in said  # the best voice's word error rate, from the abstract
    assert written.script.turns[0].host == "skeptic"  # he puts the claim the brief tests


def test_real_two_column_paper(tmp_path: Path, shared_papers: dict[str, dict]) -> None:
    entry = shared_papers.get("papermage_2020.acl-main.447.pdf")
    if entry is None:
        pytest.skip("the S2ORC paper is not in ../shared/papers")
    paper = ingest(entry["path"])
    written = write_script([paper], EpisodeDir(tmp_path / "ep"), minutes=25)
    assert_finished_episode(paper, written)
    # The offline deep dive is a briefing: the chapters the paper's text supports, always
    # with its numbers and the skeptic's corner, and the length it made said up front.
    titles = [c.title for c in written.script.chapters]
    assert len(titles) >= 5, titles
    assert "What the numbers say" in titles and "The skeptic's corner" in titles, titles
    assert written.outline.supported_minutes is not None
    opening = [t.text for t in written.script.turns if t.chapter == 0]
    assert any("a short briefing on" in t for t in opening), opening
    assert not re.search(r"\[\d+\]", " ".join(t.text for t in written.script.turns))


def test_a_system_told_step_by_step_keeps_both_hosts_in_the_band(
    tmp_path: Path, shared_papers: dict[str, dict]
) -> None:
    """The Semantic Scholar paper, a system told step by step with no results chapter, gave
    the explainer 73% of the words: while the skeptic has said little, her turns hold a line
    each, he asks between them and says some of the steps."""
    entry = shared_papers.get("s2orc-doc2json_N18-3011.pdf")
    if entry is None:
        pytest.skip("the Semantic Scholar paper is not in ../shared/papers")
    written = write_script([ingest(entry["path"])], EpisodeDir(tmp_path / "ep"), minutes=25)
    balance = host_balance(written.script)
    assert balance.passed, balance.result


def test_every_review_item_points_at_its_turn_of_the_script(
    paper: Paper, episode: EpisodeDir
) -> None:
    written = write_script([paper], episode, minutes=3)
    kept = [i for i in written.review.items if i.status in ("grounded", "revised")]
    assert kept
    assert all(i.text in written.script.turns[i.turn].text for i in kept)
