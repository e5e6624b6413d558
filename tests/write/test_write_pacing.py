"""Pacing: minutes become a word budget at the voices' speaking rate (the formats that fill
the length asked for); the offline deep dive plans the minutes its lines take at that rate."""

from __future__ import annotations

import pytest

from paperdive.errors import WriteError
from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import write_script

MINUTES = 2


def test_a_faster_voice_gets_a_longer_script(paper: Paper, episode: EpisodeDir) -> None:
    # A brief fills the minutes asked for, at the voices' rate, when the paper has that much
    # to say: twice the minutes at half the rate is the same script length.
    def words(minutes: float, rate: float) -> int:
        written = write_script(
            [paper], episode, format="brief", minutes=minutes, words_per_minute=rate
        )
        return written.script.word_count()

    fast, slow = words(MINUTES, 150), words(MINUTES, 75)
    assert fast > slow
    assert fast == pytest.approx(MINUTES * 150, rel=0.1)
    assert words(2 * MINUTES, 75) == pytest.approx(MINUTES * 150, rel=0.1)


def test_the_default_rate_is_a_hundred_and_fifty_words_a_minute(
    paper: Paper, episode: EpisodeDir
) -> None:
    written = write_script([paper], episode, format="brief", minutes=MINUTES)
    assert written.script.word_count() == pytest.approx(MINUTES * 150, rel=0.1)


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
