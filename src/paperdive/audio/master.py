"""Mastering: bring the mix to podcast loudness, hold its true peak, encode and measure the MP3.

Speech is mastered mono at -19 LUFS integrated (ITU BS.1770; as loud as -16 LUFS stereo)
with the 4x-oversampled ("true") peak held under -1 dBTP by a look-ahead limiter, so the
MP3 encoder's overshoot stays below the ceiling too.

Everything works on files, block by block (audio.pcm), so memory does not grow with the
episode's length: one pass measures the mix, each further pass applies a gain and the
limiter while measuring its own output, and the MP3 is encoded and measured in blocks.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from dataclasses import dataclass
from math import gcd
from pathlib import Path

import numpy as np
import soundfile
from scipy.ndimage import minimum_filter1d, uniform_filter1d
from scipy.signal import resample_poly

from paperdive.audio.loudness import (
    OVERSAMPLE_MARGIN,
    LoudnessMeter,
    oversampled_envelope,
    peak_dbtp,
)
from paperdive.audio.loudness import true_peak_dbtp as true_peak_dbtp  # evaluate's import
from paperdive.audio.pcm import BLOCK, PcmWriter, in_context, read_blocks, rechunk
from paperdive.errors import VoiceError

SAMPLE_RATE = 44100
TARGET_LUFS = -19.0
PEAK_CEILING_DBTP = -1.0
LIMITER_CEILING_DBTP = -2.0  # margin for the encoder, which adds ~0.5 dB of overshoot
LOUDNESS_TOLERANCE_LU = 0.1
MAX_PASSES = 4  # limiting lowers loudness a little; a few gain passes converge
FADE_S = 0.01
LIMITER_WINDOW_S = 0.005
MP3_COMPRESSION_LEVEL = 0.8  # libsndfile/LAME constant bitrate: 96 kbps at 44.1 kHz mono
# libsndfile's MP3 encoder scales its input by 0.95 (measured: -0.45 dB at every frequency
# and bitrate), which would leave the episode 0.45 LU under target; undo it before encoding.
LIBSNDFILE_MP3_SCALE = 0.95
FULL_DISK_BYTES = 1 << 20  # less free space than this after a failed write: the disk is full


@dataclass(frozen=True)
class Measurement:
    duration: float
    loudness_lufs: float
    true_peak_dbtp: float


def resample(samples: np.ndarray, rate: int, target: int = SAMPLE_RATE) -> np.ndarray:
    if rate == target:
        return samples.astype(np.float32)
    divisor = gcd(rate, target)
    resampled: np.ndarray = resample_poly(samples, target // divisor, rate // divisor)
    return resampled.astype(np.float32)


def fade_edges(samples: np.ndarray, rate: int, seconds: float = FADE_S) -> np.ndarray:
    """Short raised-cosine fades so a clip never starts or stops on a click."""
    n = min(int(seconds * rate), len(samples) // 2)
    if n == 0:
        return samples
    ramp = (0.5 - 0.5 * np.cos(np.linspace(0, np.pi, n))).astype(np.float32)
    out = samples.copy()
    out[:n] *= ramp
    out[-n:] *= ramp[::-1]
    return out


def _limiter_window(rate: int) -> int:
    return max(1, int(LIMITER_WINDOW_S * rate))


def _limit(samples: np.ndarray, rate: int, ceiling_dbtp: float) -> np.ndarray:
    """Look-ahead peak limiter: gain dips smoothly around each peak above the ceiling."""
    ceiling = 10 ** (ceiling_dbtp / 20)
    envelope = oversampled_envelope(samples)
    if envelope.max(initial=0.0) <= ceiling:
        return samples.astype(np.float32)
    needed = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12))
    window = _limiter_window(rate)
    gain: np.ndarray = minimum_filter1d(needed, size=2 * window + 1)
    gain = uniform_filter1d(gain, size=window)
    gain = np.minimum(gain, minimum_filter1d(needed, size=window))
    limited: np.ndarray = samples * gain
    return limited.astype(np.float32)


def _gain_pass(source: Path, target: Path, gain: float, rate: int) -> float:
    """Write source × gain, limited, to target; return the loudness of what was written."""
    margin = 2 * _limiter_window(rate) + 2 * OVERSAMPLE_MARGIN  # how far the limiter looks
    meter = LoudnessMeter(rate)
    with PcmWriter(target) as out:
        for padded, own in in_context(read_blocks(source), margin):
            limited = _limit((padded * gain).astype(np.float32), rate, LIMITER_CEILING_DBTP)
            out.write(limited[own])
            meter.add(limited[own])
    return meter.integrated()


def master(mix: Path, work: Path, rate: int = SAMPLE_RATE) -> Path:
    """The mix (raw float32) at TARGET_LUFS under the peak ceiling: a raw file in `work`,
    or the mix itself when it is already there."""
    meter = LoudnessMeter(rate)
    for block in read_blocks(mix):
        meter.add(block)
    current, source = meter.integrated(), mix
    for n in range(MAX_PASSES):
        if not np.isfinite(current) or abs(current - TARGET_LUFS) < LOUDNESS_TOLERANCE_LU:
            break
        target = work / f"master-{n % 2}.f32"
        current = _gain_pass(source, target, 10 ** ((TARGET_LUFS - current) / 20), rate)
        source = target
    return source


def encode_mp3(pcm: Path, mp3: Path, rate: int = SAMPLE_RATE) -> None:
    """Encode a raw float32 mono file as a constant-bitrate MP3, block by block."""
    try:
        with soundfile.SoundFile(
            mp3,
            "w",
            samplerate=rate,
            channels=1,
            format="MP3",
            bitrate_mode="CONSTANT",
            compression_level=MP3_COMPRESSION_LEVEL,
        ) as out:
            for block in read_blocks(pcm):
                out.write(block / LIBSNDFILE_MP3_SCALE)
    except soundfile.LibsndfileError as exc:
        # libsndfile says only "System error": a full disk is the usual one, so say so
        disk = os.statvfs(mp3.parent)
        if disk.f_bavail * disk.f_frsize < FULL_DISK_BYTES:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(mp3)) from exc
        raise VoiceError(f"could not encode {mp3}: {exc}") from exc


def _decoded(mp3: Path) -> Iterator[np.ndarray]:
    with soundfile.SoundFile(mp3) as source:
        for block in source.blocks(BLOCK, dtype="float32", always_2d=True):
            yield block.mean(axis=1)


def measure_mp3(mp3: Path) -> Measurement:
    """Decode the encoded episode and measure what listeners will actually get."""
    rate = soundfile.info(str(mp3)).samplerate
    meter = LoudnessMeter(rate)
    peak = 0.0
    for padded, own in in_context(rechunk(_decoded(mp3)), OVERSAMPLE_MARGIN):
        meter.add(padded[own])
        peak = max(peak, float(oversampled_envelope(padded)[own].max(initial=0.0)))
    return Measurement(
        duration=meter.samples / rate,
        loudness_lufs=round(meter.integrated(), 2),
        true_peak_dbtp=round(peak_dbtp(peak), 2),
    )
