"""Episode folders as the earlier stages leave them, written through the shared models."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import soundfile as sf

from paperdive.config import HostConfig
from paperdive.library import Library
from paperdive.models import (
    ChapterHeading,
    ChapterMark,
    ChapterNote,
    EpisodeAudio,
    EpisodeInfo,
    HostRole,
    Paper,
    PaperLink,
    Reading,
    Script,
    ShowNotes,
    Turn,
    WordTiming,
)
from paperdive.publishing.render import npt

NOW = datetime(2026, 6, 27, 18, 0, tzinfo=UTC)
SAMPLE_RATE = 22050
SECONDS_PER_WORD = 0.3

TURNS: list[tuple[HostRole, int, str]] = [
    (
        "explainer",
        0,
        "Speculative decoding lets a small model guess tokens that a large one checks.",
    ),
    ("skeptic", 0, "So what does the paper claim it buys us?"),
    ("explainer", 1, "Up to 85% faster replies for one user, on the same GPUs."),
    ("skeptic", 1, "Measured against a deliberately timid baseline, though."),
]
CHAPTERS = [
    ChapterHeading(title="Why decoding is slow", description="One token at a time."),
    ChapterHeading(title="What the numbers show", description="Speed against the baseline."),
]
HOSTS: dict[HostRole, HostConfig] = {
    "explainer": HostConfig(name="Nora", voice="kokoro:jf_gongitsune"),
    "skeptic": HostConfig(name="Theo", voice="kokoro:jm_kumo"),
}

EpisodeFactory = Callable[..., str]  # make_episode(title, **options) -> slug


def timed_words() -> list[WordTiming]:
    words, clock = [], 0.2
    for index, (host, _, text) in enumerate(TURNS):
        for word in text.split():
            words.append(
                WordTiming(
                    word=word,
                    start=round(clock, 3),
                    end=round(clock + SECONDS_PER_WORD - 0.05, 3),
                    host=host,
                    turn=index,
                )
            )
            clock += SECONDS_PER_WORD
        clock += 0.4
    return words


def write_mp3(path: Path, seconds: float) -> None:
    t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    tone = 0.2 * np.sin(2 * np.pi * 220 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 0.5 * t))
    sf.write(path, tone.astype("float32"), SAMPLE_RATE, format="MP3")


def write_transcripts(folder: Path, words: list[WordTiming], names: dict[str, str]) -> None:
    turns: dict[int, list[WordTiming]] = {}
    for w in words:
        turns.setdefault(w.turn, []).append(w)
    cues = [
        (ws[0].start, ws[-1].end, names[ws[0].host], " ".join(w.word for w in ws))
        for ws in turns.values()
    ]
    vtt = ["WEBVTT", ""] + [f"{npt(s)} --> {npt(e)}\n<v {who}>{text}\n" for s, e, who, text in cues]
    (folder / "transcript.vtt").write_text("\n".join(vtt), "utf-8")
    srt = [
        f"{i}\n{npt(s).replace('.', ',')} --> {npt(e).replace('.', ',')}\n{who}: {text}\n"
        for i, (s, e, who, text) in enumerate(cues, 1)
    ]
    (folder / "transcript.srt").write_text("\n".join(srt), "utf-8")
    segments = [
        {"startTime": s, "endTime": e, "speaker": who, "body": text} for s, e, who, text in cues
    ]
    (folder / "transcript.json").write_text(
        json.dumps({"version": "1.0.0", "segments": segments}), "utf-8"
    )


def write_episode(
    library: Library,
    title: str = "How DeepSeek Made One User Faster",
    *,
    created: datetime = datetime(2026, 6, 27, 9, 0, tzinfo=UTC),
    kind: str = "deep-dive",
    status: str = "voiced",
    hook: str = "A drafter that guesses blind beats the careful one.",
    reading_url: str = "https://arxiv.org/abs/2211.17192",
    with_words: bool = True,
) -> str:
    """Write a finished episode folder into the library, as the stages leave it; return its slug."""
    slug = library.slug_for(title)
    info = EpisodeInfo(
        slug=slug,
        kind=kind,
        format="digest" if kind == "digest" else "deep-dive",
        sources=["2606.01234"],
        title=title,
        created=created,
        status=status,
    )
    episode = library.create(info)
    folder = episode.path
    words = timed_words()
    duration = round(words[-1].end + 0.5, 3)
    write_mp3(folder / "episode.mp3", duration)
    turn_starts = {}
    for w in words:
        turn_starts.setdefault(w.turn, w.start)
    chapter_starts = [0.0, turn_starts[2]]
    episode.save(
        "script",
        Script(
            title=title,
            format=info.format,
            hosts={role: host.name for role, host in HOSTS.items()},
            chapters=CHAPTERS,
            turns=[Turn(host=h, chapter=c, text=t) for h, c, t in TURNS],
            models=["extractive"],
        ),
    )
    episode.save(
        "shownotes",
        ShowNotes(
            title=title,
            hook=hook,
            takeaways=[
                "Position-one accuracy carries the most leverage.",
                "Load-aware draft length.",
            ],
            chapters=[
                ChapterNote(title=c.title, description=c.description, start=s)
                for c, s in zip(CHAPTERS, chapter_starts, strict=True)
            ],
            readings=[
                Reading(
                    title="Fast Inference from Transformers via Speculative Decoding",
                    url=reading_url,
                    reason="The method this paper builds on.",
                    reference_index=12,
                )
            ],
            disclosure="This episode was AI-generated; the voices are synthesized.",
            source_url="https://arxiv.org/abs/2606.01234",
            paper_date=date(2026, 6, 26),
            papers=(
                [
                    PaperLink(title="Paper One", url="https://arxiv.org/abs/2606.00001"),
                    PaperLink(title="Paper Two", url="https://arxiv.org/abs/2606.00002"),
                ]
                if kind == "digest"
                else []
            ),
            summary="Two papers on faster decoding." if kind == "digest" else None,
        ),
    )
    episode.save(
        "audio",
        EpisodeAudio(
            mp3="episode.mp3",
            duration=duration,
            bytes=(folder / "episode.mp3").stat().st_size,
            sample_rate=SAMPLE_RATE,
            channels=1,
            loudness_lufs=-19.0,
            true_peak_dbtp=-1.5,
            chapters=[
                ChapterMark(title=c.title, start=s, end=e)
                for c, s, e in zip(
                    CHAPTERS, chapter_starts, [chapter_starts[1], duration], strict=True
                )
            ],
            engine="kokoro",
            voices={role: host.voice for role, host in HOSTS.items()},
        ),
    )
    episode.save(
        "paper",
        Paper(
            source="2606.01234",
            source_kind="arxiv",
            title=title,
            authors=["Ada Lovelace", "Alan Turing"],
            arxiv_id="2606.01234",
            url="https://arxiv.org/abs/2606.01234",
        ),
    )
    chapters = [
        {"startTime": s, "title": c.title} for c, s in zip(CHAPTERS, chapter_starts, strict=True)
    ]
    (folder / "chapters.json").write_text(
        json.dumps({"version": "1.2.0", "chapters": chapters}), "utf-8"
    )
    if with_words:
        payload = {"words": [w.model_dump() for w in words]}
        (folder / "words.json").write_text(json.dumps(payload), "utf-8")
    write_transcripts(folder, words, {role: host.name for role, host in HOSTS.items()})
    return slug


HOSTILE_TITLE = "<script>alert('x')</script> ]]> & \"quoted\" שלום 🚀"
