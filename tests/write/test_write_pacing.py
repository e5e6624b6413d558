"""Pacing: minutes become a word budget at the voices' speaking rate (the formats that fill
the length asked for); the offline deep dive plans the minutes its lines take at that rate."""

from __future__ import annotations

import pytest

from paperdive.errors import WriteError
from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import Written, write_script
from paperdive.writing.plan import FRAME_WORDS

MINUTES = 2


def planned_words(written: Written) -> int:
    """The chapters' budgets and the episode's frame (welcome, openings, sign-off)."""
    return sum(chapter.word_budget for chapter in written.outline.chapters) + FRAME_WORDS


def test_a_faster_voice_gets_a_longer_script(paper: Paper, episode: EpisodeDir) -> None:
    slow = write_script([paper], episode, format="debate", minutes=MINUTES, words_per_minute=75)
    fast = write_script([paper], episode, format="debate", minutes=MINUTES, words_per_minute=150)
    assert planned_words(slow) == pytest.approx(MINUTES * 75, rel=0.05)
    assert planned_words(fast) == pytest.approx(2 * planned_words(slow), rel=0.05)
    assert fast.script.word_count() > 1.3 * slow.script.word_count()


def test_the_default_rate_is_a_hundred_and_fifty_words_a_minute(
    paper: Paper, episode: EpisodeDir
) -> None:
    written = write_script([paper], episode, format="debate", minutes=MINUTES)
    assert planned_words(written) == pytest.approx(MINUTES * 150, rel=0.05)


def test_the_offline_deep_dive_plans_the_minutes_its_lines_take(
    paper: Paper, episode: EpisodeDir
) -> None:
    slow = write_script([paper], episode, minutes=25, words_per_minute=75)
    fast = write_script([paper], episode, minutes=25, words_per_minute=150)
    for written in (slow, fast):
        outline = written.outline
        assert outline.supported_minutes is not None and outline.supported_minutes < 25
        planned = outline.planned_minutes * outline.words_per_minute
        assert written.script.word_count() == pytest.approx(planned, rel=0.1)
    # The same lines take twice as long at half the rate.
    assert slow.outline.planned_minutes == pytest.approx(2 * fast.outline.planned_minutes, rel=0.1)


def test_a_rate_of_zero_is_refused(paper: Paper, episode: EpisodeDir) -> None:
    with pytest.raises(WriteError, match="words per minute"):
        write_script([paper], episode, words_per_minute=0)
