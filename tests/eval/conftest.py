"""Eval-area fixtures: a small, clean, voiced episode folder built straight from the models."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyloudnorm
import pytest
import soundfile

from paperdive.ingestion.numbers import index_numbers
from paperdive.models import (
    ChapterHeading,
    ChapterMark,
    ChapterNote,
    CheckItem,
    EpisodeAudio,
    Outline,
    Paper,
    Reading,
    Reference,
    Review,
    Script,
    Section,
    ShowNotes,
    Turn,
    WordTiming,
)
from paperdive.store import EpisodeDir

RATE = 44100
MONO_TARGET_LUFS = -19.0
# libsndfile's MP3 encoder scales its input by 0.95; undo it so the file measures as meant.
MP3_SCALE = 0.95
WORDS_PER_MINUTE = 150

ABSTRACT = (
    "Speculative decoding lets a small draft model propose tokens that a large model verifies. "
    "EAGLE-3 reaches a 3.3x speedup with a window of 1,024 tokens. "
    "The draft is accepted 85% of the time on MT-Bench."
)
RESULTS = (
    "At batch size 64 the speedup falls to 1.4x. "
    "The method needs no retraining of the large model, which keeps it cheap to adopt."
)
TURNS = [
    (
        "explainer",
        0,
        "Here is the idea. A small draft model proposes tokens and the large model checks them.",
    ),
    ("skeptic", 0, "So the large model still reads every token. How much faster is it?"),
    (
        "explainer",
        1,
        "EAGLE-3 reports a 3.3x speedup, with a window of 1024 tokens, and drafts accepted "
        "85 percent of the time on MT-Bench.",
    ),
    ("skeptic", 1, "But at batch size 64 that speedup shrinks to 1.4x, which is what I expected."),
]


SECONDS = sum(len(text.split()) for _, _, text in TURNS) / WORDS_PER_MINUTE * 60


def sample_paper() -> Paper:
    sections = [Section(title="Results", text=RESULTS)]
    return Paper(
        source="2401.00001",
        source_kind="arxiv",
        title="Drafting faster: speculative decoding revisited",
        abstract=ABSTRACT,
        sections=sections,
        references=[
            Reference(
                index=1, raw="Leviathan et al. 2023", title="Fast inference", arxiv_id="2211.17192"
            ),
            Reference(index=2, raw="Chen et al. 2023", title="Accelerating LLMs", doi="10.1/xyz"),
            Reference(index=3, raw="An unlinked tech report"),
        ],
        numbers=index_numbers(ABSTRACT, sections, []),
    )


def sample_script() -> Script:
    return Script(
        title="Drafting faster",
        format="brief",
        hosts={"explainer": "Nora", "skeptic": "Theo"},
        chapters=[ChapterHeading(title="The idea"), ChapterHeading(title="The numbers")],
        turns=[Turn(host=host, chapter=chapter, text=text) for host, chapter, text in TURNS],
    )


def write_mp3(path: Path, seconds: float, lufs: float, *, clip_peaks: bool = False) -> None:
    """Speech-like noise (4 Hz amplitude bursts) mastered to `lufs`, encoded as mono MP3."""
    rng = np.random.default_rng(7)
    t = np.arange(int(seconds * RATE)) / RATE
    noise = rng.standard_normal(len(t)) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    noise *= 10 ** ((lufs - pyloudnorm.Meter(RATE).integrated_loudness(noise)) / 20)
    if clip_peaks:
        noise[:: RATE // 10] = 0.999  # one full-scale click every 0.1 s
    soundfile.write(path, np.clip(noise, -1, 1) / MP3_SCALE, RATE, format="MP3")


def word_timings(script: Script, seconds: float) -> list[WordTiming]:
    """One timing per script word, evenly spread over the audio after a short lead-in."""
    words = [(i, turn, word) for i, turn in enumerate(script.turns) for word in turn.text.split()]
    step = (seconds - 1.0) / len(words)
    return [
        WordTiming(
            word=word, start=0.3 + n * step, end=0.3 + (n + 0.8) * step, host=turn.host, turn=i
        )
        for n, (i, turn, word) in enumerate(words)
    ]


def write_timings(episode: EpisodeDir, script: Script) -> None:
    timings = word_timings(script, episode.load("audio", EpisodeAudio).duration)
    episode.file("words.json").write_text(json.dumps({"words": [w.model_dump() for w in timings]}))


def voice(episode: EpisodeDir, script: Script, mp3: bytes) -> None:
    """What the voice stage leaves behind: the MP3, audio.json, timings, chapter times."""
    episode.file("episode.mp3").write_bytes(mp3)
    seconds = SECONDS
    chapter_1 = next(t for t in word_timings(script, seconds) if t.turn == 2).start
    audio = EpisodeAudio(
        mp3="episode.mp3",
        duration=seconds,
        bytes=len(mp3),
        sample_rate=RATE,
        channels=1,
        loudness_lufs=MONO_TARGET_LUFS,
        true_peak_dbtp=-3.0,
        chapters=[
            ChapterMark(title="The idea", start=0.0, end=chapter_1),
            ChapterMark(title="The numbers", start=chapter_1, end=seconds),
        ],
        engine="fake",
        voices={"explainer": "fake:a", "skeptic": "fake:b"},
    )
    episode.save("audio", audio)
    write_timings(episode, script)
    notes = episode.load("shownotes", ShowNotes)
    chapters = [
        chapter.model_copy(update={"start": mark.start})
        for chapter, mark in zip(notes.chapters, audio.chapters, strict=True)
    ]
    episode.save("shownotes", notes.model_copy(update={"chapters": chapters}))


@pytest.fixture(scope="session")
def clean_mp3(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("audio") / "clean.mp3"
    write_mp3(path, SECONDS, MONO_TARGET_LUFS)
    return path.read_bytes()


@pytest.fixture
def mp3_writer() -> Callable[..., None]:
    return write_mp3


@pytest.fixture
def edit_turn(episode: EpisodeDir) -> Callable[[int, str], None]:
    """Rewrite one turn of the script; words.json follows, as if it were voiced again."""

    def edit(index: int, text: str) -> None:
        script = episode.load("script", Script)
        turns = list(script.turns)
        turns[index] = turns[index].model_copy(update={"text": text})
        edited = script.model_copy(update={"turns": turns})
        episode.save("script", edited)
        write_timings(episode, edited)

    return edit


@pytest.fixture
def episode(tmp_path: Path, clean_mp3: bytes) -> EpisodeDir:
    """A clean, voiced episode: every check should pass on it."""
    folder = written_episode(tmp_path / "drafting-faster")
    voice(folder, sample_script(), clean_mp3)
    return folder


@pytest.fixture(scope="session")
def piper_episode(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean episode really voiced (Piper's Joe for both hosts: 10x real time)."""
    from paperdive.audio import EpisodeTags, voice_episode

    folder = written_episode(tmp_path_factory.mktemp("piper") / "drafting-faster")
    voice_episode(
        sample_script(),
        folder,
        voices={"explainer": "piper:joe", "skeptic": "piper:joe"},
        meta=EpisodeTags(title="Drafting faster", show="Evals", artist="paperdive"),
    )
    return folder.path


def written_episode(path: Path) -> EpisodeDir:
    """The artifacts of the writing stages, all consistent with the paper."""
    folder = EpisodeDir(path)
    paper, script = sample_paper(), sample_script()
    folder.save("paper", paper)
    folder.save("script", script)
    folder.save(
        "outline",
        Outline(format="brief", target_minutes=SECONDS / 60, chapters=[]),
    )
    folder.save(
        "review",
        Review(items=[CheckItem(kind="number", turn=2, text="3.3x", status="grounded")]),
    )
    folder.save(
        "shownotes",
        ShowNotes(
            title="Drafting faster",
            hook="A small model drafts, a big one checks.",
            takeaways=[
                "Drafts are cheap.",
                "Checks are exact.",
                "Speedups shrink.",
                "No retraining.",
            ],
            chapters=[
                ChapterNote(title="The idea", description="How drafting works."),
                ChapterNote(title="The numbers", description="What it buys."),
            ],
            readings=[
                Reading(
                    title="Fast inference",
                    url="https://arxiv.org/abs/2211.17192",
                    reason="Where drafting began.",
                    reference_index=1,
                )
            ],
            disclosure="AI-generated episode; the hosts' voices are synthesized.",
        ),
    )
    return folder
