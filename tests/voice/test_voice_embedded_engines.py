"""The embedded offline voices, for real: Kokoro (default preset), Piper + Festival (fast)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import onnxruntime
import pytest
import soundfile

from paperdive.audio import VOICE_PRESETS, EpisodeTags, speech_text, voice_episode
from paperdive.audio.align import transcribe_words
from paperdive.errors import VoiceError
from paperdive.models import Script
from paperdive.store import EpisodeDir
from paperdive.tts import festival, get_engine, kokoro


def test_kokoro_model_is_joined_from_its_parts_and_patched_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERDIVE_CACHE", str(tmp_path))
    model = kokoro.model_path()
    assert model.parent == tmp_path
    outputs = onnxruntime.InferenceSession(str(model)).get_outputs()
    assert [o.name for o in outputs] == ["audio", "duration"]  # durations give word times
    stamp = model.stat().st_mtime_ns
    assert kokoro.model_path() == model and model.stat().st_mtime_ns == stamp


def test_corrupt_kokoro_parts_are_refused_and_leave_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parts = [tmp_path / f"part{i}.bin" for i in range(4)]
    for part in parts:
        part.write_bytes(b"not a model")
    monkeypatch.setenv("PAPERDIVE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(kokoro, "_part_paths", lambda: parts)
    with pytest.raises(VoiceError, match="sha256"):
        kokoro.model_path()
    assert not list((tmp_path / "cache").glob("*"))


def install_fake_kokoro_model(monkeypatch: pytest.MonkeyPatch, folder: Path, model: bytes) -> None:
    part = folder / f"part-{len(model)}.bin"
    part.write_bytes(model)
    monkeypatch.setattr(kokoro, "_part_paths", lambda: [part])
    monkeypatch.setattr(kokoro, "expected_sha256", lambda: hashlib.sha256(model).hexdigest())
    monkeypatch.setattr(kokoro, "_with_duration_output", lambda blob: blob)


def test_an_upgraded_kokoro_model_replaces_the_cached_model_and_clips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERDIVE_CACHE", str(tmp_path / "cache"))
    install_fake_kokoro_model(monkeypatch, tmp_path, b"model 1.0")
    old_version = kokoro.KokoroEngine().version  # cheap: the model loads on first use
    assert kokoro.model_path().read_bytes() == b"model 1.0"

    install_fake_kokoro_model(monkeypatch, tmp_path, b"model 1.1")  # same size, new bytes
    assert kokoro.model_path().read_bytes() == b"model 1.1"
    assert kokoro.KokoroEngine().version != old_version  # so every clip is voiced again


@pytest.mark.slow
def test_an_unknown_kokoro_voice_names_the_choices() -> None:
    with pytest.raises(VoiceError, match="no voice 'af_nobody'.*jm_kumo"):
        get_engine("kokoro").synthesize("Hello.", "af_nobody")


def spoken_words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", speech_text(text).lower().replace("-", " "))


def heard_text(mp3: Path) -> str:
    samples, rate = soundfile.read(mp3, dtype="float32")
    return " ".join(w.word for w in transcribe_words(samples, rate))


@pytest.mark.slow
@pytest.mark.parametrize("preset", ["default", "fast"])
def test_an_embedded_preset_voices_a_two_host_script(
    tmp_path: Path, script: Script, tags: EpisodeTags, preset: str
) -> None:
    if preset == "fast" and shutil.which("festival") is None:
        pytest.skip("festival is not installed")
    episode = EpisodeDir(tmp_path / "ep")
    audio = voice_episode(script, episode, voices=VOICE_PRESETS[preset], meta=tags)

    assert 8 < audio.duration < 40
    assert audio.loudness_lufs == pytest.approx(-19, abs=1)
    assert audio.true_peak_dbtp <= -1.0
    assert audio.chapters[1].start > audio.chapters[0].start == 0

    words = json.loads(episode.file("words.json").read_text())["words"]
    times = [t for w in words for t in (w["start"], w["end"])]
    assert times == sorted(times) and times[-1] <= audio.duration
    assert words[-1]["end"] - words[0]["start"] > 0.5 * audio.duration

    clips = [json.loads(p.read_text()) for p in episode.file("clips").glob("*.json")]
    timed_by_engine = sum(c["timing_source"] == "engine" for c in clips)
    assert timed_by_engine >= (len(clips) if preset == "default" else len(clips) // 2)

    heard = set(spoken_words(heard_text(episode.file("episode.mp3"))))
    said = spoken_words(" ".join(turn.text for turn in script.turns))
    missed = [word for word in said if word not in heard]
    assert len(missed) <= 0.15 * len(said), f"Whisper did not hear {missed}"


def test_kokoro_runs_on_cuda_when_onnxruntime_offers_it(monkeypatch: pytest.MonkeyPatch) -> None:
    offered = ["TensorrtExecutionProvider", "CUDAExecutionProvider", "CPUExecutionProvider"]
    monkeypatch.setattr(onnxruntime, "get_available_providers", lambda: offered)
    assert kokoro.onnx_providers() == ["CUDAExecutionProvider", "CPUExecutionProvider"]
    monkeypatch.setattr(onnxruntime, "get_available_providers", lambda: ["CPUExecutionProvider"])
    assert kokoro.onnx_providers() == ["CPUExecutionProvider"]


def test_a_festival_voice_that_is_not_installed_names_its_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if shutil.which("festival") is None:
        pytest.skip("festival is not installed")
    monkeypatch.setitem(festival.VOICES, "ghost", "cmu_us_ghost_arctic_hts")
    monkeypatch.setitem(festival.VOICE_APT_PACKAGES, "ghost", "festvox-us-ghost")
    with pytest.raises(VoiceError, match="apt-get install festvox-us-ghost"):
        festival.FestivalEngine().synthesize("Hello.", "ghost")


@pytest.mark.parametrize("spec", ["piper:amy", "festival:kal"])
def test_an_unknown_fast_voice_is_a_one_line_error(spec: str) -> None:
    engine, voice = spec.split(":")
    if shutil.which(engine) is None and engine == "festival":
        pytest.skip("festival is not installed")
    with pytest.raises(VoiceError, match=f"no voice '{voice}'"):
        get_engine(engine).synthesize("Hello.", voice)
