"""The voice stage: Script -> episode.mp3 with chapters, transcripts and word timings."""

from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from rich.progress import Progress

from paperdive.audio.align import place_words
from paperdive.audio.clips import ClipCache, clip_key, synthesize_checked
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
from paperdive.audio.pcm import PcmWriter
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
from paperdive.store import EpisodeDir, atomic_replace, atomic_write_text, content_hash
from paperdive.tts import TTSEngine, get_engine, parse_voice
from paperdive.tts.base import SpokenWord

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
WORK_PREFIX = ".mix-"  # a voicing run's working folder inside the episode folder


@dataclass(frozen=True)
class _SpokenTurn:
    engine: TTSEngine
    voice: str
    spoken: str  # the text as the engine reads it
    key: str | None  # the clip's cache key; None when there is nothing to say aloud


@dataclass(frozen=True)
class _Voiced:
    """A clip in the cache, without its samples (they are read again when mixing)."""

    key: str
    duration: float
    words: list[SpokenWord]


@dataclass
class _Placed:
    turn: Turn
    index: int
    clip: _Voiced | None  # None for a turn with nothing to say aloud (only a citation, say)
    start: float


def voice_episode(
    script: Script,
    episode: EpisodeDir,
    *,
    voices: dict[HostRole, str],
    meta: EpisodeTags,
    lexicon: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> EpisodeAudio:
    """Synthesize every turn (reusing cached clips), mix, master, tag and write the files.

    An episode whose files were all made from the same clips, script and tags is returned
    as it is, without mixing or encoding it again, unless `force` asks for that.
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
        force=force or outputs_missing,
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
    cache = ClipCache(episode.file("clips"))
    clips = _synthesize_turns(turns, cache, progress)
    for stale in episode.path.glob(f"{WORK_PREFIX}*"):  # left by a killed run
        shutil.rmtree(stale, ignore_errors=True)
    # The mix and the mastering passes live in raw files beside the episode, never in memory
    with tempfile.TemporaryDirectory(dir=episode.path, prefix=WORK_PREFIX) as folder:
        work = Path(folder)
        with PcmWriter(work / "mix.f32") as mix:
            placed = _mix(script, clips, cache, mix)
        words = _word_timings(placed)
        chapters = _chapters(script, placed, mix.samples / SAMPLE_RATE)
        mp3 = work / MP3_NAME
        encode_mp3(master(mix.path, work), mp3)
        write_id3(mp3, meta, chapters)
        measured = measure_mp3(mp3)

        # Each file is replaced atomically; audio.json and its ledger entry, written last by
        # EpisodeDir.cached, mark the set complete
        _write_transcripts(episode, script, words, chapters)
        size = mp3.stat().st_size
        atomic_replace(mp3, episode.file(MP3_NAME))
    return EpisodeAudio(
        mp3=MP3_NAME,
        duration=round(measured.duration, 3),
        bytes=size,
        sample_rate=SAMPLE_RATE,
        channels=1,
        loudness_lufs=measured.loudness_lufs,
        true_peak_dbtp=measured.true_peak_dbtp,
        chapters=chapters,
        engine="+".join(sorted({engine.name for engine, _ in engines.values()})),
        voices={role: voices[role] for role in engines},
    )


def _write_transcripts(
    episode: EpisodeDir, script: Script, words: list[WordTiming], chapters: list[ChapterMark]
) -> None:
    roles: tuple[HostRole, ...] = ("explainer", "skeptic")
    speakers = {role: script.hosts.get(role, role) for role in roles}
    atomic_write_text(episode.file("words.json"), words_json(words))
    atomic_write_text(episode.file("transcript.vtt"), webvtt(words, speakers))
    atomic_write_text(episode.file("transcript.srt"), srt(words, speakers))
    atomic_write_text(episode.file("transcript.json"), podcast_index_transcript(words, speakers))
    atomic_write_text(episode.file("chapters.json"), json_chapters(chapters))


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
) -> list[_Voiced | None]:
    task = progress.add_task("Voicing turns", total=len(turns)) if progress else None
    clips: list[_Voiced | None] = []
    seconds = 0.0
    for index, turn in enumerate(turns):
        voiced = None
        if turn.key is not None:
            clip = cache.load(turn.key)
            if clip is None:
                label = f"turn {index + 1}"
                clip = cache.save(
                    turn.key, synthesize_checked(turn.engine, turn.spoken, turn.voice, label)
                )
            voiced = _Voiced(turn.key, clip.duration, clip.words)
            seconds += clip.duration
        clips.append(voiced)
        if progress is not None and task is not None:
            progress.update(
                task, advance=1, description=f"Voicing turns ({seconds / 60:.1f} min of audio)"
            )
    return clips


def _mix(
    script: Script, clips: list[_Voiced | None], cache: ClipCache, out: PcmWriter
) -> list[_Placed]:
    """Write the turns with their pauses to `out`, one clip at a time; where each starts."""
    out.write(np.zeros(int(LEAD_IN_S * SAMPLE_RATE), np.float32))
    placed: list[_Placed] = []
    for index, (turn, voiced) in enumerate(zip(script.turns, clips, strict=True)):
        if index > 0 and voiced is not None:
            new_chapter = turn.chapter != script.turns[index - 1].chapter
            pause = CHAPTER_PAUSE_S if new_chapter else TURN_PAUSE_S
            out.write(np.zeros(int(pause * SAMPLE_RATE), np.float32))
        placed.append(_Placed(turn, index, voiced, out.samples / SAMPLE_RATE))
        if voiced is not None:
            clip = cache.load(voiced.key)
            if clip is None:
                raise VoiceError(f"the voiced clip of turn {index + 1} vanished: run again")
            out.write(fade_edges(resample(clip.samples, clip.sample_rate), SAMPLE_RATE))
    out.write(np.zeros(int(TAIL_S * SAMPLE_RATE), np.float32))
    return placed


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
