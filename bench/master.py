"""Benchmark mastering: peak memory and time to master 5, 25 and 60 minutes of speech.

Each length runs in its own process so its peak resident memory (VmHWM) is its own. The
test signal is synthesised (two alternating "hosts": voiced syllables with harmonics and
breath noise, pauses between words and turns, turn levels that wander by ±6 dB), so no
TTS engine is needed, and written turn by turn to a raw mix file as the voice stage
writes its mix. Time covers mastering, MP3 encoding and measuring the MP3.

    .venv/bin/python bench/master.py [--minutes 5 25 60]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from paperdive.audio.master import SAMPLE_RATE, encode_mp3, master, measure_mp3
from paperdive.audio.pcm import PcmWriter

TURN_S = (6.0, 20.0)
PAUSE_S = 0.35


def speech_like(seconds: float, rate: int = SAMPLE_RATE, seed: int = 0) -> Iterator[np.ndarray]:
    """Turns of speech-like sound, one array per turn (and its pause), `seconds` in all."""
    rng = np.random.default_rng(seed)
    remaining = int(seconds * rate)
    turn = 0
    while remaining > 0:
        n = min(remaining, int(rng.uniform(*TURN_S) * rate))
        t = np.arange(n) / rate
        pitch = (110.0 if turn % 2 else 210.0) * (1 + 0.08 * np.sin(2 * np.pi * 0.7 * t))
        phase = 2 * np.pi * np.cumsum(pitch) / rate
        voiced = 0.5 * np.sin(phase) + 0.25 * np.sin(2 * phase) + 0.12 * np.sin(3 * phase)
        syllables = np.sin(2 * np.pi * 4.0 * t + rng.uniform(0, 6)) > -0.2
        words = np.sin(2 * np.pi * 0.45 * t + rng.uniform(0, 6)) > -0.6
        level = 10 ** (rng.uniform(-6, 6) / 20) * 0.3
        noise = 0.03 * rng.standard_normal(n)
        chunk = (level * (voiced + noise) * syllables * words).astype(np.float32)
        pause = np.zeros(min(remaining - n, int(PAUSE_S * rate)), np.float32)
        remaining -= n + len(pause)
        turn += 1
        yield np.concatenate([chunk, pause])


def peak_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def master_once(minutes: float) -> dict[str, float]:
    """Master `minutes` of speech the way the voice stage does; time and peak memory."""
    with tempfile.TemporaryDirectory(prefix="bench-master-") as folder:
        work = Path(folder)
        with PcmWriter(work / "mix.f32") as mix:
            for turn in speech_like(minutes * 60):
                mix.write(turn)
        start = time.perf_counter()
        encode_mp3(master(mix.path, work), work / "episode.mp3")
        measured = measure_mp3(work / "episode.mp3")
        seconds = time.perf_counter() - start
    return {
        "minutes": minutes,
        "seconds": round(seconds, 1),
        "seconds_per_minute": round(seconds / minutes, 2),
        "peak_mb": round(peak_rss_mb()),
        "lufs": measured.loudness_lufs,
        "true_peak_dbtp": measured.true_peak_dbtp,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, nargs="+", default=[5, 25, 60])
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(master_once(args.one)))
        return
    print(f"{'minutes':>7} {'time s':>8} {'s/min':>6} {'peak MB':>8} {'LUFS':>6} {'dBTP':>6}")
    for minutes in args.minutes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(minutes)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(child.stdout)
        print(
            f"{r['minutes']:>7g} {r['seconds']:>8.1f} {r['seconds_per_minute']:>6.2f} "
            f"{r['peak_mb']:>8.0f} {r['lufs']:>6.1f} {r['true_peak_dbtp']:>6.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
