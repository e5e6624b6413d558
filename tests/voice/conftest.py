"""Voice-area fixtures: a short two-host script and a scriptable fake TTS engine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from voice_fakes import FakeEngine

from paperdive import tts
from paperdive.audio import EpisodeTags
from paperdive.models import ChapterHeading, Script, Turn


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEngine]:
    engine = FakeEngine()
    monkeypatch.setitem(tts.ENGINES, "fake", lambda: engine)
    tts.get_engine.cache_clear()
    yield engine
    tts.get_engine.cache_clear()


@pytest.fixture
def script() -> Script:
    return Script(
        title="Speculative decoding, read closely",
        format="brief",
        hosts={"explainer": "Nora", "skeptic": "Theo"},
        chapters=[ChapterHeading(title="The problem"), ChapterHeading(title="What they found")],
        turns=[
            Turn(host="explainer", chapter=0, text="A small draft model guesses tokens [12]."),
            Turn(host="skeptic", chapter=0, text="And the big model checks them?"),
            Turn(host="explainer", chapter=1, text="EAGLE-3 reports a 3.3x speedup in 2025."),
            Turn(host="skeptic", chapter=1, text="At batch size 64, I doubt it."),
        ],
    )


@pytest.fixture
def tags() -> EpisodeTags:
    return EpisodeTags(
        title="Episode <1> & friends",
        show="Paperdive",
        artist="paperdive",
        date=date(2026, 1, 2),
        comment="Voices are synthesized.",
    )
