"""The voice stage end to end with a fake engine: files, loudness, chapters, cache, faults."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile
from mutagen.id3 import ID3
from PIL import Image
from voice_fakes import FAKE_VOICES, FakeEngine

from paperdive.audio import EpisodeTags, voice, voice_episode
from paperdive.errors import ConfigError, VoiceError
from paperdive.models import EpisodeAudio, Script
from paperdive.store import EpisodeDir

OUTPUTS = [
    "episode.mp3",
    "audio.json",
    "chapters.json",
    "transcript.vtt",
    "transcript.srt",
    "transcript.json",
    "words.json",
]


def needs(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")


def ffmpeg_true_peak(mp3: Path) -> float:
    needs("ffmpeg")
    log = subprocess.run(
        ["ffmpeg", "-nostats", "-i", str(mp3), "-af", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    return float(re.findall(r"Peak:\s+(-?[\d.]+|-inf) dBFS", log)[-1])


@pytest.fixture
def voiced(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> tuple[EpisodeDir, EpisodeAudio]:
    episode = EpisodeDir(tmp_path / "episode")
    return episode, voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)


def test_writes_every_output_file(voiced: tuple[EpisodeDir, EpisodeAudio]) -> None:
    episode, audio = voiced
    for name in OUTPUTS:
        assert episode.file(name).stat().st_size > 0, name
    assert episode.load("audio", EpisodeAudio) == audio
    assert audio.bytes == episode.file("episode.mp3").stat().st_size


def test_mp3_is_mastered_to_podcast_loudness(voiced: tuple[EpisodeDir, EpisodeAudio]) -> None:
    episode, audio = voiced
    decoded, rate = soundfile.read(episode.file("episode.mp3"), dtype="float64")
    assert decoded.ndim == 1  # mono speech
    assert pyloudnorm.Meter(rate).integrated_loudness(decoded) == pytest.approx(-19, abs=1)
    assert ffmpeg_true_peak(episode.file("episode.mp3")) <= -1.0
    assert audio.true_peak_dbtp <= -1.0
    assert audio.duration == pytest.approx(len(decoded) / rate, abs=0.1)


def test_chapters_start_where_their_first_turn_starts(
    voiced: tuple[EpisodeDir, EpisodeAudio],
) -> None:
    episode, audio = voiced
    words = json.loads(episode.file("words.json").read_text())["words"]
    first_of_chapter_1 = next(w for w in words if w["turn"] == 2)
    assert [c.title for c in audio.chapters] == ["The problem", "What they found"]
    assert audio.chapters[0].start == 0
    assert audio.chapters[1].start == pytest.approx(first_of_chapter_1["start"], abs=0.01)
    assert audio.chapters[0].end == audio.chapters[1].start
    assert audio.chapters[-1].end == pytest.approx(audio.duration, abs=0.1)

    chapters_json = json.loads(episode.file("chapters.json").read_text())
    assert chapters_json["version"] == "1.2.0"
    assert [c["startTime"] for c in chapters_json["chapters"]] == [c.start for c in audio.chapters]

    id3 = ID3(episode.file("episode.mp3"))
    assert id3.version == (2, 3, 0)
    chaps = sorted(id3.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.start_time, c.sub_frames["TIT2"].text[0]) for c in chaps] == [
        (round(c.start * 1000), c.title) for c in audio.chapters
    ]
    assert id3.getall("CTOC")[0].child_element_ids == ["chp0", "chp1"]

    needs("ffprobe")
    probed = json.loads(
        subprocess.run(
            [
                "ffprobe",
                "-v",
                "error",
                "-show_chapters",
                "-of",
                "json",
                str(episode.file("episode.mp3")),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )["chapters"]
    starts = sorted((float(c["start_time"]), c["tags"]["title"]) for c in probed)
    assert starts == [(pytest.approx(c.start, abs=0.001), c.title) for c in audio.chapters]


def test_id3_tags_carry_the_episode_metadata(voiced: tuple[EpisodeDir, EpisodeAudio]) -> None:
    episode, _ = voiced
    id3 = ID3(episode.file("episode.mp3"))
    assert id3["TIT2"].text == ["Episode <1> & friends"]
    assert id3["TALB"].text == ["Paperdive"]
    assert id3["TPE1"].text == ["paperdive"]
    assert str(id3["TDRC"].text[0]).startswith("2026")  # saved as v2.3 TYER/TDAT


def test_cover_art_is_embedded(tmp_path: Path, script: Script, fake_engine: FakeEngine) -> None:
    cover = tmp_path / "cover.png"
    Image.new("RGB", (1400, 1400), "teal").save(cover)
    meta = EpisodeTags(title="t", show="s", artist="a", cover=cover)
    episode = EpisodeDir(tmp_path / "ep")
    voice_episode(script, episode, voices=FAKE_VOICES, meta=meta)
    picture = ID3(episode.file("episode.mp3")).getall("APIC")[0]
    assert (picture.mime, picture.data) == ("image/png", cover.read_bytes())


def test_word_timings_use_the_script_words_in_order_inside_the_audio(
    voiced: tuple[EpisodeDir, EpisodeAudio], script: Script
) -> None:
    episode, audio = voiced
    words = json.loads(episode.file("words.json").read_text())["words"]
    assert [w["word"] for w in words] == [w for t in script.turns for w in t.text.split()]
    assert [w["turn"] for w in words] == [
        i for i, t in enumerate(script.turns) for _ in t.text.split()
    ]
    assert {w["host"] for w in words if w["turn"] == 1} == {"skeptic"}
    times = [t for w in words for t in (w["start"], w["end"])]
    assert times == sorted(times)
    assert times[0] >= 0 and times[-1] <= audio.duration


def test_transcripts_name_the_hosts(voiced: tuple[EpisodeDir, EpisodeAudio]) -> None:
    episode, _ = voiced
    vtt = episode.file("transcript.vtt").read_text()
    assert vtt.startswith("WEBVTT")
    assert "<v Nora>A small draft model guesses tokens [12]." in vtt
    assert "<v Theo>And the big model checks them?" in vtt
    srt = episode.file("transcript.srt").read_text()
    assert "Theo: And the big model checks them?" in srt
    segments = json.loads(episode.file("transcript.json").read_text())["segments"]
    assert segments[0]["speaker"] == "Nora" and segments[0]["body"] == "A"


def test_second_run_reuses_every_clip(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    episode = EpisodeDir(tmp_path / "ep")
    first = voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert len(fake_engine.calls) == len(script.turns)
    fake_engine.calls.clear()
    second = voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert fake_engine.calls == []
    assert second.duration == pytest.approx(first.duration, abs=0.01)


def test_a_resumed_run_mixes_the_same_audio_as_a_fresh_one(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    fresh = EpisodeDir(tmp_path / "fresh")
    voice_episode(script, fresh, voices=FAKE_VOICES, meta=tags)
    resumed = EpisodeDir(tmp_path / "resumed")
    shutil.copytree(fresh.file("clips"), resumed.file("clips"))
    fake_engine.calls.clear()
    voice_episode(script, resumed, voices=FAKE_VOICES, meta=tags)
    assert fake_engine.calls == []
    fresh_audio, _ = soundfile.read(fresh.file("episode.mp3"), dtype="float32")
    resumed_audio, _ = soundfile.read(resumed.file("episode.mp3"), dtype="float32")
    np.testing.assert_array_equal(resumed_audio, fresh_audio)


def test_a_finished_episode_is_returned_without_synthesis_or_encoding(
    tmp_path: Path,
    script: Script,
    tags: EpisodeTags,
    fake_engine: FakeEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    episode = EpisodeDir(tmp_path / "ep")
    first = voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    mp3 = episode.file("episode.mp3").read_bytes()
    fake_engine.calls.clear()
    monkeypatch.setattr(voice, "encode_mp3", forbidden)
    assert voice_episode(script, episode, voices=FAKE_VOICES, meta=tags) == first
    assert fake_engine.calls == []
    assert episode.file("episode.mp3").read_bytes() == mp3


@pytest.mark.parametrize("change", ["title", "chapter title", "lost mp3"])
def test_a_finished_episode_is_mixed_again_when_its_inputs_change(
    tmp_path: Path,
    script: Script,
    tags: EpisodeTags,
    fake_engine: FakeEngine,
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    episode = EpisodeDir(tmp_path / "ep")
    voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    if change == "title":
        tags = replace(tags, title="A new title")
    elif change == "chapter title":
        script.chapters[1].title = "What they claim"
    else:
        episode.file("episode.mp3").unlink()
    encoded: list[int] = []
    monkeypatch.setattr(voice, "encode_mp3", counting(encoded, voice.encode_mp3))
    fake_engine.calls.clear()
    audio = voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert encoded == [1] and fake_engine.calls == []
    assert ID3(episode.file("episode.mp3"))["TIT2"].text == [tags.title]
    assert [c.title for c in audio.chapters] == [c.title for c in script.chapters]


def forbidden(*args: object, **kwargs: object) -> bytes:
    raise AssertionError("the finished episode was encoded again")


def counting(calls: list[int], encode: Callable[..., bytes]) -> Callable[..., bytes]:
    def wrapped(*args: object, **kwargs: object) -> bytes:
        calls.append(1)
        return encode(*args, **kwargs)

    return wrapped


def test_a_killed_run_resumes_without_redoing_finished_clips(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    def die_on_third_clip(text: str, call: int) -> None:
        if call == 3:
            raise KeyboardInterrupt

    fake_engine.behaviour = die_on_third_clip
    episode = EpisodeDir(tmp_path / "ep")
    with pytest.raises(KeyboardInterrupt):
        voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert not episode.file("episode.mp3").exists()

    fake_engine.behaviour = None
    fake_engine.calls.clear()
    voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert len(fake_engine.calls) == 2  # only the two unfinished turns


def test_an_edited_turn_is_the_only_one_synthesized_again(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    episode = EpisodeDir(tmp_path / "ep")
    voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    fake_engine.calls.clear()
    script.turns[1].text = "And the large model verifies them?"
    voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert fake_engine.calls == ["And the large model verifies them?"]


@pytest.mark.parametrize(
    "broken_audio",
    [np.zeros(22050 * 3, np.float32), np.full(200, 0.5, np.float32)],
    ids=["silence", "far-too-short"],
)
def test_a_broken_clip_is_retried_then_reported(
    tmp_path: Path,
    script: Script,
    tags: EpisodeTags,
    fake_engine: FakeEngine,
    broken_audio: np.ndarray,
) -> None:
    fake_engine.behaviour = lambda text, call: broken_audio if "draft" in text else None
    episode = EpisodeDir(tmp_path / "ep")
    with pytest.raises(VoiceError, match="turn 1 after 3 tries") as error:
        voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert "\n" not in str(error.value)
    assert len(fake_engine.calls) == 3
    assert not episode.file("episode.mp3").exists()


def test_a_clip_that_recovers_on_retry_is_used(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    fake_engine.behaviour = lambda text, call: np.zeros(1000, np.float32) if call == 1 else None
    audio = voice_episode(script, EpisodeDir(tmp_path / "ep"), voices=FAKE_VOICES, meta=tags)
    assert len(fake_engine.calls) == len(script.turns) + 1
    assert audio.duration > 5


def test_a_finished_mp3_is_kept_when_a_later_run_fails(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    episode = EpisodeDir(tmp_path / "ep")
    voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    before = episode.file("episode.mp3").read_bytes()
    script.turns[0].text = "A new opening line."
    fake_engine.behaviour = lambda text, call: np.zeros(10, np.float32)
    with pytest.raises(VoiceError):
        voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert episode.file("episode.mp3").read_bytes() == before
    assert not [p for p in episode.path.iterdir() if p.name.endswith(".part")]


def test_a_turn_with_nothing_to_say_is_skipped(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    script.turns.insert(1, script.turns[1].model_copy(update={"text": "[4]"}))
    episode = EpisodeDir(tmp_path / "ep")
    voice_episode(script, episode, voices=FAKE_VOICES, meta=tags)
    assert len(fake_engine.calls) == len(script.turns) - 1
    words = json.loads(episode.file("words.json").read_text())["words"]
    assert [w["word"] for w in words if w["turn"] == 1] == ["[4]"]


@pytest.mark.parametrize(
    ("voices", "message"),
    [
        ({"explainer": "nosuch:x", "skeptic": "fake:b"}, "unknown TTS engine 'nosuch'"),
        ({"explainer": "fake", "skeptic": "fake:b"}, "must look like ENGINE:VOICE"),
        ({"explainer": "fake:a"}, "no voice is set for the skeptic host"),
    ],
)
def test_bad_voice_settings_are_one_line_errors(
    tmp_path: Path,
    script: Script,
    tags: EpisodeTags,
    fake_engine: FakeEngine,
    voices: dict,
    message: str,
) -> None:
    with pytest.raises(VoiceError, match=message):
        voice_episode(script, EpisodeDir(tmp_path / "ep"), voices=voices, meta=tags)
    assert fake_engine.calls == []


def test_an_empty_script_is_refused(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    script.turns = []
    with pytest.raises(VoiceError, match="no turns"):
        voice_episode(script, EpisodeDir(tmp_path / "ep"), voices=FAKE_VOICES, meta=tags)


@pytest.mark.parametrize(
    ("cover", "message"),
    [
        ("cover.txt", "not a readable image"),
        ("absent.png", "cannot read"),
        ("small.png", "300×200"),
    ],
)
def test_a_bad_cover_is_refused_before_any_synthesis(
    tmp_path: Path, script: Script, fake_engine: FakeEngine, cover: str, message: str
) -> None:
    (tmp_path / "cover.txt").write_text("not an image")
    Image.new("RGB", (300, 200)).save(tmp_path / "small.png")
    meta = EpisodeTags(title="t", show="s", artist="a", cover=tmp_path / cover)
    with pytest.raises(ConfigError, match=message):
        voice_episode(script, EpisodeDir(tmp_path / "ep"), voices=FAKE_VOICES, meta=meta)
    assert fake_engine.calls == []


def test_progress_counts_turns(
    tmp_path: Path, script: Script, tags: EpisodeTags, fake_engine: FakeEngine
) -> None:
    from rich.progress import Progress

    with Progress(disable=True) as progress:
        voice_episode(
            script, EpisodeDir(tmp_path / "ep"), voices=FAKE_VOICES, meta=tags, progress=progress
        )
    (task,) = progress.tasks
    assert task.completed == task.total == len(script.turns)
    assert "min of audio" in task.description
