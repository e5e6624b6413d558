"""The voice stage: Script -> episode.mp3 with chapters, transcripts and word timings."""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from rich.progress import Progress

from paperdive.audio.align import place_words
from paperdive.audio.clips import Clip, ClipCache, clip_key, synthesize_checked
from paperdive.audio.master import (
    LIMITER_CEILING_DBTP,
    MP3_COMPRESSION_LEVEL,
    SAMPLE_RATE,
    TARGET_LUFS,
    encode_mp3,
    fade_edges,
    master,
    measure_mp3,
    resample,
)
from paperdive.audio.speech import load_lexicon, speech_text
from paperdive.audio.tags import EpisodeTags, check_tags, write_id3
from paperdive.errors import VoiceError
from paperdive.models import ChapterMark, EpisodeAudio, HostRole, Script, Turn, WordTiming
from paperdive.publishing.transcripts import (
    json_chapters,
    podcast_index_transcript,
    srt,
    webvtt,
    words_json,
)
from paperdive.store import EpisodeDir, atomic_write_bytes, atomic_write_text, content_hash
from paperdive.tts import TTSEngine, get_engine, parse_voice

LEAD_IN_S = 0.3
TURN_PAUSE_S = 0.35
CHAPTER_PAUSE_S = 1.0
TAIL_S = 0.8
MP3_NAME = "episode.mp3"
OUTPUT_FILES = [
    MP3_NAME,
    "words.json",
    "transcript.vtt",
    "transcript.srt",
    "transcript.json",
    "chapters.json",
]
MIX_FORMAT = 1  # bump when mixing, mastering or the output files change shape


@dataclass(frozen=True)
class _SpokenTurn:
    engine: TTSEngine
    voice: str
    spoken: str  # the text as the engine reads it
    key: str | None  # the clip's cache key; None when there is nothing to say aloud


@dataclass
class _Placed:
    turn: Turn
    index: int
    clip: Clip | None  # None for a turn with nothing to say aloud (only a citation, say)
    start: float


def voice_episode(
    script: Script,
    episode: EpisodeDir,
    *,
    voices: dict[HostRole, str],
    meta: EpisodeTags,
    lexicon: Path | None = None,
    progress: Progress | None = None,
) -> EpisodeAudio:
    """Synthesize every turn (reusing cached clips), mix, master, tag and write the files.

    An episode whose files were all made from the same clips, script and tags is returned
    as it is, without mixing or encoding it again.
    """
    if not script.turns:
        raise VoiceError("the script has no turns to voice")
    check_tags(meta)
    engines = _engines(script, voices)
    turns = _spoken_turns(script, engines, load_lexicon(lexicon))
    inputs = content_hash(
        MIX_FORMAT,
        [turn.key for turn in turns],
        script,
        voices,
        asdict(meta),
        meta.cover,  # hashed by content
        [LEAD_IN_S, TURN_PAUSE_S, CHAPTER_PAUSE_S, TAIL_S, SAMPLE_RATE],
        [TARGET_LUFS, LIMITER_CEILING_DBTP, MP3_COMPRESSION_LEVEL],
    )
    outputs_missing = not all(episode.file(name).is_file() for name in OUTPUT_FILES)
    return episode.cached(
        "audio",
        EpisodeAudio,
        inputs,
        lambda: _voice(script, episode, engines, turns, voices, meta, progress),
        force=outputs_missing,
    )


def _voice(
    script: Script,
    episode: EpisodeDir,
    engines: dict[HostRole, tuple[TTSEngine, str]],
    turns: list[_SpokenTurn],
    voices: dict[HostRole, str],
    meta: EpisodeTags,
    progress: Progress | None,
) -> EpisodeAudio:
    clips = _synthesize_turns(turns, ClipCache(episode.file("clips")), progress)
    placed, pcm = _mix(script, clips)
    words = _word_timings(placed)
    chapters = _chapters(script, placed, len(pcm) / SAMPLE_RATE)

    mp3 = _tagged_mp3(encode_mp3(master(pcm)), meta, chapters)
    measured = measure_mp3(mp3)

    # Each file is replaced atomically; audio.json and its ledger entry, written last by
    # EpisodeDir.cached, mark the set complete
    speakers = {role: script.hosts.get(role, role) for role in ("explainer", "skeptic")}
    atomic_write_text(episode.file("words.json"), words_json(words))
    atomic_write_text(episode.file("transcript.vtt"), webvtt(words, speakers))
    atomic_write_text(episode.file("transcript.srt"), srt(words, speakers))
    atomic_write_text(episode.file("transcript.json"), podcast_index_transcript(words, speakers))
    atomic_write_text(episode.file("chapters.json"), json_chapters(chapters))
    atomic_write_bytes(episode.file(MP3_NAME), mp3)
    return EpisodeAudio(
        mp3=MP3_NAME,
        duration=round(measured.duration, 3),
        bytes=len(mp3),
        sample_rate=SAMPLE_RATE,
        channels=1,
        loudness_lufs=measured.loudness_lufs,
        true_peak_dbtp=measured.true_peak_dbtp,
        chapters=chapters,
        engine="+".join(sorted({engine.name for engine, _ in engines.values()})),
        voices={role: voices[role] for role in engines},
    )


def _engines(script: Script, voices: dict[HostRole, str]) -> dict[HostRole, tuple[TTSEngine, str]]:
    engines: dict[HostRole, tuple[TTSEngine, str]] = {}
    for role in sorted({turn.host for turn in script.turns}):
        if role not in voices:
            raise VoiceError(f"no voice is set for the {role} host")
        engine_name, voice = parse_voice(voices[role])
        engines[role] = (get_engine(engine_name), voice)
    return engines


def _spoken_turns(
    script: Script, engines: dict[HostRole, tuple[TTSEngine, str]], lexicon: dict[str, str]
) -> list[_SpokenTurn]:
    turns = []
    for turn in script.turns:
        engine, voice = engines[turn.host]
        spoken = speech_text(turn.text, lexicon)
        key = clip_key(spoken, voice, engine) if re.search(r"[^\W\d_]", spoken) else None
        turns.append(_SpokenTurn(engine, voice, spoken, key))
    return turns


def _synthesize_turns(
    turns: list[_SpokenTurn], cache: ClipCache, progress: Progress | None
) -> list[Clip | None]:
    task = progress.add_task("Voicing turns", total=len(turns)) if progress else None
    clips: list[Clip | None] = []
    seconds = 0.0
    for index, turn in enumerate(turns):
        clip = None
        if turn.key is not None:
            clip = cache.load(turn.key)
            if clip is None:
                label = f"turn {index + 1}"
                clip = cache.save(
                    turn.key, synthesize_checked(turn.engine, turn.spoken, turn.voice, label)
                )
            seconds += clip.duration
        clips.append(clip)
        if progress is not None and task is not None:
            progress.update(
                task, advance=1, description=f"Voicing turns ({seconds / 60:.1f} min of audio)"
            )
    return clips


def _mix(script: Script, clips: list[Clip | None]) -> tuple[list[_Placed], np.ndarray]:
    pieces = [np.zeros(int(LEAD_IN_S * SAMPLE_RATE), np.float32)]
    cursor = len(pieces[0])
    placed: list[_Placed] = []
    for index, (turn, clip) in enumerate(zip(script.turns, clips, strict=True)):
        if index > 0 and clip is not None:
            new_chapter = turn.chapter != script.turns[index - 1].chapter
            gap = np.zeros(
                int((CHAPTER_PAUSE_S if new_chapter else TURN_PAUSE_S) * SAMPLE_RATE), np.float32
            )
            pieces.append(gap)
            cursor += len(gap)
        placed.append(_Placed(turn, index, clip, cursor / SAMPLE_RATE))
        if clip is not None:
            samples = fade_edges(resample(clip.samples, clip.sample_rate), SAMPLE_RATE)
            pieces.append(samples)
            cursor += len(samples)
    pieces.append(np.zeros(int(TAIL_S * SAMPLE_RATE), np.float32))
    return placed, np.concatenate(pieces)


def _word_timings(placed: list[_Placed]) -> list[WordTiming]:
    words: list[WordTiming] = []
    for item in placed:
        display = item.turn.text.split()
        if item.clip is None:
            spans = [(0.0, 0.0)] * len(display)
        else:
            spans = place_words(display, item.clip.words, item.clip.duration)
        words += [
            WordTiming(
                word=word,
                start=round(item.start + start, 3),
                end=round(item.start + end, 3),
                host=item.turn.host,
                turn=item.index,
            )
            for word, (start, end) in zip(display, spans, strict=True)
        ]
    return words


def _chapters(script: Script, placed: list[_Placed], duration: float) -> list[ChapterMark]:
    starts: dict[int, float] = {}
    for item in placed:
        starts.setdefault(item.turn.chapter, item.start)
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    marks = []
    for n, (chapter, start) in enumerate(ordered):
        end = ordered[n + 1][1] if n + 1 < len(ordered) else duration
        title = (
            script.chapters[chapter].title if chapter < len(script.chapters) else f"Part {n + 1}"
        )
        marks.append(
            ChapterMark(title=title, start=0.0 if n == 0 else round(start, 3), end=round(end, 3))
        )
    return marks


def _tagged_mp3(mp3: bytes, meta: EpisodeTags, chapters: list[ChapterMark]) -> bytes:
    buffer = io.BytesIO(mp3)
    write_id3(buffer, meta, chapters)
    return buffer.getvalue()
