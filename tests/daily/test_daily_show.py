"""The real show behind `paperdive daily` (ShowMaker): a real episode made with the fast
offline voices (Festival + Piper) from a tiny real PDF, then what the daily run asks of the
show afterwards: which papers are made, what the show likes, one publish."""

from __future__ import annotations

from pathlib import Path

import pytest
from digest_helpers import AGENT_ABSTRACT, AGENT_SECTIONS, paper_pdf

from paperdive.config import Settings
from paperdive.daily.show import ShowMaker

pytestmark = pytest.mark.slow  # a real (if short) synthesis: 20-30 s on two busy cores


def test_the_real_show_makes_an_episode_knows_it_made_it_and_publishes(tmp_path: Path) -> None:
    pdf = paper_pdf(tmp_path, "agent", "Agents trained on tests", AGENT_ABSTRACT, AGENT_SECTIONS)
    settings = Settings(library=tmp_path / "show", tts="fast", daily={"minutes": 1})
    maker = ShowMaker(settings)
    assert maker.made() == set() and maker.positives() == []

    slug = maker.make(str(pdf))
    episode = settings.library / "episodes" / slug
    assert (episode / "episode.mp3").stat().st_size > 10_000
    again = ShowMaker(settings)  # a later run sees it through the library
    assert again.made() == {str(pdf)}
    (liked,) = again.positives()
    assert liked.kind == "episode" and liked.title == "Agents trained on tests"
    assert again.make(str(pdf)) == slug  # resumes from its stage cache: nothing new

    again.publish()
    site = settings.library / "site"
    assert (site / "feed.xml").is_file()
    assert "Agents trained on tests" in (site / "feed.xml").read_text()
