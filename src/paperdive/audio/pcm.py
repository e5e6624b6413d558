"""Long audio in bounded memory: raw float32 mono files, read and written block by block.

A 60-minute episode is 635 MB as float32 at 44.1 kHz; mixing and mastering hold one block
of it (BLOCK samples, plus a little context either side) at a time instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

import numpy as np

BLOCK = 1 << 20  # samples per block: about 24 s at 44.1 kHz, 4 MB as float32
_BYTES = np.dtype(np.float32).itemsize


class PcmWriter:
    """Appends float32 samples to a raw file; `samples` counts what was written."""

    def __init__(self, path: Path):
        self.path = path
        self.samples = 0
        self._file = path.open("wb")

    def write(self, samples: np.ndarray) -> None:
        self._file.write(np.asarray(samples, np.float32).tobytes())
        self.samples += len(samples)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> PcmWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def read_blocks(path: Path, size: int = BLOCK) -> Iterator[np.ndarray]:
    """The samples of a raw float32 file, `size` at a time."""
    with path.open("rb") as source:
        while chunk := source.read(size * _BYTES):
            yield np.frombuffer(chunk, np.float32)


def rechunk(chunks: Iterable[np.ndarray], size: int = BLOCK) -> Iterator[np.ndarray]:
    """The same samples in blocks of exactly `size` (the last one may be shorter)."""
    pending: list[np.ndarray] = []
    held = 0
    for chunk in chunks:
        pending.append(chunk)
        held += len(chunk)
        if held < size:
            continue
        joined = np.concatenate(pending)
        whole = len(joined) - len(joined) % size
        yield from np.split(joined[:whole], whole // size)
        pending, held = [joined[whole:]], len(joined) - whole
    if held:
        yield np.concatenate(pending)


def in_context(blocks: Iterable[np.ndarray], margin: int) -> Iterator[tuple[np.ndarray, slice]]:
    """Each block with up to `margin` samples of its neighbours on either side, and the slice
    that picks the block itself out of that. Blocks (but the last) must be `margin` or longer.

    A filter run over the padded block gives, inside the slice, what it gives for the whole
    signal, as long as it reaches no further than `margin` samples.
    """
    before = np.zeros(0, np.float32)
    current: np.ndarray | None = None
    for following in blocks:
        if current is not None:
            yield _padded(before, current, following[:margin])
            before = np.concatenate([before, current])[-margin:]
        current = following
    if current is not None:
        yield _padded(before, current, np.zeros(0, np.float32))


def _padded(before: np.ndarray, block: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, slice]:
    return np.concatenate([before, block, after]), slice(len(before), len(before) + len(block))
