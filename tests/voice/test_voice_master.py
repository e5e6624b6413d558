"""Mastering: loudness target, true-peak ceiling, click-free clip edges, measured in blocks."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
from voice_fakes import speechlike

from paperdive.audio.loudness import LoudnessMeter, loudness_lufs, oversampled_envelope
from paperdive.audio.master import (
    SAMPLE_RATE,
    encode_mp3,
    fade_edges,
    master,
    measure_mp3,
    resample,
)
from paperdive.audio.pcm import PcmWriter, in_context, rechunk


def mastered(samples: np.ndarray, folder: Path) -> Path:
    """`samples` mastered to an MP3 the way the voice stage does it, from a raw file."""
    with PcmWriter(folder / "mix.f32") as mix:
        for start in range(0, len(samples), 50_000):  # written piecemeal, as turns are
            mix.write(samples[start : start + 50_000])
    mp3 = folder / "episode.mp3"
    encode_mp3(master(mix.path, folder), mp3)
    return mp3


def ffmpeg_ebur128(mp3: Path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) by ffmpeg's own BS.1770 meter."""
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg is not installed")
    log = subprocess.run(
        ["ffmpeg", "-nostats", "-i", str(mp3), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    summary = log[log.rindex("Summary:") :]
    return number(r"I:\s+(-?[\d.]+) LUFS", summary), number(r"Peak:\s+(-?[\d.]+) dBFS", summary)


def number(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    assert found, text
    return float(found.group(1))


@pytest.mark.parametrize("level", [0.01, 0.3, 3.0], ids=["quiet", "normal", "clipping-hot"])
def test_master_reaches_target_loudness_under_the_peak_ceiling(
    tmp_path: Path, level: float
) -> None:
    speech = resample(speechlike(40) * level, 22050)
    clicks = np.zeros_like(speech)
    clicks[:: SAMPLE_RATE // 3] = 4 * level  # isolated spikes the limiter must catch
    mp3 = mastered(speech + clicks, tmp_path)
    measured = measure_mp3(mp3)
    assert measured.loudness_lufs == pytest.approx(-19, abs=0.5)
    assert measured.true_peak_dbtp <= -1.0
    # a meter that is not ours agrees
    lufs, peak = ffmpeg_ebur128(mp3)
    assert lufs == pytest.approx(-19, abs=0.5)
    assert peak <= -1.0
    assert measured.loudness_lufs == pytest.approx(lufs, abs=0.3)


@pytest.mark.parametrize("block", [4410, 100_003, 1 << 20])
def test_the_block_meter_reads_what_pyloudnorm_reads_for_the_whole_signal(block: int) -> None:
    rng = np.random.default_rng(1)
    signal = np.concatenate(
        [speechlike(60, rate=SAMPLE_RATE), np.zeros(SAMPLE_RATE), 0.01 * speechlike(20)]
    ) * rng.uniform(0.5, 1.5)
    meter = LoudnessMeter(SAMPLE_RATE)
    for start in range(0, len(signal), block):
        meter.add(signal[start : start + block])
    expected = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(signal.astype(np.float64))
    assert meter.integrated() == pytest.approx(expected, abs=1e-6)


def test_silence_and_too_short_audio_have_no_loudness() -> None:
    assert loudness_lufs(np.zeros(SAMPLE_RATE * 2, np.float32), SAMPLE_RATE) == float("-inf")
    assert loudness_lufs(np.ones(100, np.float32), SAMPLE_RATE) == float("-inf")


def test_blocks_in_context_see_what_the_whole_signal_sees() -> None:
    signal = speechlike(30, rate=SAMPLE_RATE)
    chunks = [signal[i : i + 7_777] for i in range(0, len(signal), 7_777)]
    peak = max(
        float(oversampled_envelope(padded)[own].max())
        for padded, own in in_context(rechunk(chunks, 65_536), margin=64)
    )
    assert peak == pytest.approx(float(oversampled_envelope(signal).max()), rel=1e-6)
    rebuilt = np.concatenate(
        [padded[own] for padded, own in in_context(rechunk(chunks, 65_536), 64)]
    )
    np.testing.assert_array_equal(rebuilt, signal)


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
    assert loudness_lufs(out, SAMPLE_RATE) == pytest.approx(loudness_lufs(clip, 24000), abs=0.2)
