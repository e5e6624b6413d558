"""Transcript and chapter files written from the timed words of an episode (the voice stage
writes them beside the MP3; publishing serves them and rebuilds chapters.json when missing).

- chapters.json: Podcasting 2.0 JSON chapters (version 1.2.0)
- transcript.vtt / .srt: one cue per sentence (at most CUE_MAX_WORDS words), with speakers
- transcript.json: Podcast Index JSON transcript, one segment per word
- words.json: every script word with its time, host and turn, for the web page
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from paperdive.models import ChapterMark, HostRole, WordTiming

CUE_MAX_WORDS = 16
SENTENCE_END = (".", "?", "!", ".”", "?”", "!”", '."', '?"', '!"')


@dataclass(frozen=True)
class Cue:
    speaker: str
    start: float
    end: float
    text: str


def cues(words: list[WordTiming], speakers: dict[HostRole, str]) -> Iterator[Cue]:
    """Sentences of each turn, split further when longer than CUE_MAX_WORDS."""
    current: list[WordTiming] = []
    for i, word in enumerate(words):
        current.append(word)
        last_of_turn = i + 1 == len(words) or words[i + 1].turn != word.turn
        if last_of_turn or word.word.endswith(SENTENCE_END) or len(current) >= CUE_MAX_WORDS:
            yield Cue(
                speakers.get(word.host, word.host),
                current[0].start,
                max(current[-1].end, current[0].start + 0.001),
                " ".join(w.word for w in current),
            )
            current = []


def _clock(seconds: float, decimal: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{decimal}{millis:03d}"


def webvtt(words: list[WordTiming], speakers: dict[HostRole, str]) -> str:
    lines = ["WEBVTT", ""]
    for cue in cues(words, speakers):
        lines.append(f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}")
        lines.append(f"<v {escape(cue.speaker, quote=False)}>{escape(cue.text, quote=False)}")
        lines.append("")
    return "\n".join(lines)


def srt(words: list[WordTiming], speakers: dict[HostRole, str]) -> str:
    blocks = [
        f"{n}\n{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}\n{cue.speaker}: {cue.text}\n"
        for n, cue in enumerate(cues(words, speakers), start=1)
    ]
    return "\n".join(blocks)


def podcast_index_transcript(words: list[WordTiming], speakers: dict[HostRole, str]) -> str:
    segments = [
        {
            "speaker": speakers.get(w.host, w.host),
            "startTime": w.start,
            "endTime": w.end,
            "body": w.word,
        }
        for w in words
    ]
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, indent=1)


def json_chapters(chapters: list[ChapterMark]) -> str:
    entries = [{"startTime": round(c.start, 3), "title": c.title} for c in chapters]
    return json.dumps({"version": "1.2.0", "chapters": entries}, ensure_ascii=False, indent=2)


def words_json(words: list[WordTiming]) -> str:
    return json.dumps({"words": [w.model_dump() for w in words]}, ensure_ascii=False)
