"""Mastering: loudness target, true-peak ceiling, click-free clip edges."""

from __future__ import annotations

import numpy as np
import pytest
from voice_fakes import speechlike

from paperdive.audio.master import (
    SAMPLE_RATE,
    encode_mp3,
    fade_edges,
    loudness_lufs,
    master,
    measure_mp3,
    resample,
)


@pytest.mark.parametrize("level", [0.01, 0.3, 3.0], ids=["quiet", "normal", "clipping-hot"])
def test_master_reaches_target_loudness_under_the_peak_ceiling(level: float) -> None:
    speech = resample(speechlike(40) * level, 22050)
    clicks = np.zeros_like(speech)
    clicks[:: SAMPLE_RATE // 3] = 4 * level  # isolated spikes the limiter must catch
    measured = measure_mp3(encode_mp3(master(speech + clicks)))
    assert measured.loudness_lufs == pytest.approx(-19, abs=0.5)
    assert measured.true_peak_dbtp <= -1.0


def test_fades_start_and_end_clips_at_silence() -> None:
    tone = np.ones(SAMPLE_RATE, np.float32)
    faded = fade_edges(tone, SAMPLE_RATE)
    assert faded[0] == 0 and faded[-1] == 0
    assert np.all(np.diff(faded[:400]) >= 0)
    assert faded[SAMPLE_RATE // 2] == 1


def test_resampling_keeps_duration_and_level() -> None:
    clip = speechlike(10, rate=24000)
    out = resample(clip, 24000)
    assert len(out) == pytest.approx(len(clip) * SAMPLE_RATE / 24000, abs=2)
    assert loudness_lufs(out) == pytest.approx(loudness_lufs(clip, 24000), abs=0.2)
