"""Loudness (ITU-R BS.1770-4) and true peak, measured block by block in constant memory.

LoudnessMeter gives what pyloudnorm gives for the whole signal (same K-weighting filters,
400 ms blocks every 100 ms, absolute and relative gates) while holding only one number per
100 ms; the filters carry their state from block to block.
"""

from __future__ import annotations

import numpy as np
from pyloudnorm.iirfilter import IIRfilter
from scipy.signal import lfilter, lfilter_zi, resample_poly

BLOCK_S = 0.4
HOP_S = 0.1
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
OVERSAMPLE = 4
OVERSAMPLE_BLOCK = 1 << 20
OVERSAMPLE_MARGIN = 64  # input samples either side: wider than the interpolation filter


class LoudnessMeter:
    """Integrated loudness of a mono signal fed in consecutive blocks (`add`)."""

    def __init__(self, rate: int):
        self.rate = rate
        self.samples = 0
        self._hop = round(HOP_S * rate)
        self._stages = [
            (f.b, f.a)
            for f in (
                IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, rate, "high_shelf"),
                IIRfilter(0.0, 0.5, 38.0, rate, "high_pass"),
            )
        ]
        self._states = [np.zeros(len(lfilter_zi(b, a))) for b, a in self._stages]
        self._hops: list[np.ndarray] = []  # summed squares of the weighted signal per hop
        self._partial = 0.0
        self._partial_n = 0

    def add(self, samples: np.ndarray) -> None:
        weighted = np.asarray(samples, np.float64)
        for n, (b, a) in enumerate(self._stages):
            weighted, self._states[n] = lfilter(b, a, weighted, zi=self._states[n])
        squares = np.square(weighted)
        self.samples += len(squares)
        need = self._hop - self._partial_n
        if len(squares) < need:
            self._partial += float(squares.sum())
            self._partial_n += len(squares)
            return
        rest = squares[need:]
        whole = len(rest) - len(rest) % self._hop
        self._hops.append(np.array([self._partial + float(squares[:need].sum())]))
        self._hops.append(rest[:whole].reshape(-1, self._hop).sum(axis=1))
        self._partial = float(rest[whole:].sum())
        self._partial_n = len(rest) - whole

    def integrated(self) -> float:
        """Gated integrated loudness in LUFS; -inf for silence or under 400 ms of audio."""
        seconds = self.samples / self.rate
        if seconds < BLOCK_S:
            return float("-inf")
        hops = np.concatenate([*self._hops, [self._partial]])
        per_block = round(BLOCK_S / HOP_S)
        count = int(np.round((seconds - BLOCK_S) / HOP_S)) + 1
        padded = np.concatenate([[0.0], np.cumsum(hops), np.zeros(per_block)])
        padded[len(hops) + 1 :] = padded[len(hops)]
        starts = np.arange(count)
        power = (padded[starts + per_block] - padded[starts]) / (BLOCK_S * self.rate)
        with np.errstate(divide="ignore"):
            level = -0.691 + 10 * np.log10(power)
        above = power[level >= ABSOLUTE_GATE_LUFS]
        if len(above) == 0:
            return float("-inf")
        relative = -0.691 + 10 * np.log10(above.mean()) + RELATIVE_GATE_LU
        gated = power[(level > relative) & (level > ABSOLUTE_GATE_LUFS)]
        with np.errstate(divide="ignore"):
            return float(-0.691 + 10 * np.log10(gated.mean() if len(gated) else 0.0))


def loudness_lufs(samples: np.ndarray, rate: int) -> float:
    meter = LoudnessMeter(rate)
    meter.add(samples)
    return meter.integrated()


def oversampled_envelope(samples: np.ndarray) -> np.ndarray:
    """Per input sample, the largest magnitude of the 4x-oversampled signal around it.

    Worked in blocks, so a long signal never holds a 4x float64 copy of itself.
    """
    envelope = np.empty(len(samples), np.float32)
    for start in range(0, len(samples), OVERSAMPLE_BLOCK):
        stop = min(start + OVERSAMPLE_BLOCK, len(samples))
        lo, hi = max(0, start - OVERSAMPLE_MARGIN), min(len(samples), stop + OVERSAMPLE_MARGIN)
        block = np.abs(resample_poly(samples[lo:hi], OVERSAMPLE, 1))
        block = block.reshape(-1, OVERSAMPLE).max(axis=1)
        envelope[start:stop] = block[start - lo : start - lo + stop - start]
    return envelope


def peak_dbtp(peak: float) -> float:
    return float(20 * np.log10(peak)) if peak > 0 else float("-inf")


def true_peak_dbtp(samples: np.ndarray) -> float:
    """Peak of the 4x-oversampled signal (BS.1770-4 annex 2), in dBTP."""
    return peak_dbtp(float(oversampled_envelope(samples).max(initial=0.0)))
