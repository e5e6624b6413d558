"""Read one episode folder into what the feed and the pages need, or say why it can't be."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, TypeAdapter

from paperdive.models import (
    ChapterNote,
    EpisodeAudio,
    EpisodeInfo,
    Paper,
    Script,
    ShowNotes,
    WordTiming,
)
from paperdive.store import EpisodeDir
from paperdive.urls import public_link

M = TypeVar("M", bound=BaseModel)

READY_STATUSES = ("voiced", "published")

# Files copied next to the episode page when the episode folder has them.
TRANSCRIPT_TYPES = {
    "transcript.json": "application/json",
    "transcript.srt": "application/x-subrip",
    "transcript.vtt": "text/vtt",
}
CHAPTERS_FILE = "chapters.json"


@dataclass(frozen=True)
class Episode:
    """A publishable episode: its artifacts and the files that go next to its page."""

    info: EpisodeInfo
    notes: ShowNotes
    audio: EpisodeAudio
    mp3: Path
    script: Script | None = None
    words: list[WordTiming] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    transcripts: dict[str, str] = field(default_factory=dict)  # file name -> MIME type
    chapters_file: Path | None = None

    @property
    def slug(self) -> str:
        return self.info.slug

    @property
    def title(self) -> str:
        return self.notes.title or self.info.title or self.info.slug

    @property
    def created(self) -> datetime:
        created = self.info.created
        return created.replace(tzinfo=UTC) if created.tzinfo is None else created

    @property
    def chapters(self) -> list[ChapterNote]:
        """Timed chapters: the show notes' once the audio stage set their starts, else the mix's."""
        timed = [c for c in self.notes.chapters if c.start is not None]
        if timed:
            return timed
        return [
            ChapterNote(title=m.title, description="", start=m.start) for m in self.audio.chapters
        ]

    @property
    def has_chapters(self) -> bool:
        return self.chapters_file is not None or bool(self.audio.chapters)

    @property
    def paper(self) -> Paper | None:
        """The paper a deep dive is about (a digest lists its papers in the notes)."""
        return self.papers[0] if self.info.kind == "deep-dive" and self.papers else None

    @property
    def source(self) -> str | None:
        """A public link to the paper, when there is one (never for a local PDF)."""
        link = public_link(self.notes.source_url)
        if link is None and self.paper is not None:
            link = public_link(self.paper.url)
        return link

    @property
    def mp3_bytes(self) -> int:
        return self.mp3.stat().st_size


class Unpublishable(Exception):
    """Why an episode is left out of the feed and the site."""


def _load(folder: EpisodeDir, name: str, model: type[M]) -> M:
    if not folder.has(name):
        raise Unpublishable(f"{name}.json is missing")
    try:
        return folder.load(name, model)
    except ValueError as exc:
        raise Unpublishable(f"{name}.json is unreadable ({_first_line(exc)})") from None


def _load_optional(folder: EpisodeDir, name: str, model: type[M]) -> M | None:
    return _load(folder, name, model) if folder.has(name) else None


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0]


def _words(folder: EpisodeDir) -> list[WordTiming]:
    path = folder.file("words.json")
    if not path.is_file():
        return []
    try:
        raw = json.loads(path.read_text("utf-8"))
        return TypeAdapter(list[WordTiming]).validate_python(raw["words"])
    except (ValueError, KeyError, TypeError) as exc:
        raise Unpublishable(f"words.json is unreadable ({_first_line(exc)})") from None


def _papers(folder: EpisodeDir) -> list[Paper]:
    try:
        return folder.papers()
    except ValueError as exc:
        raise Unpublishable(f"a paper file is unreadable ({_first_line(exc)})") from None


def _audio_file(folder: EpisodeDir, audio: EpisodeAudio) -> Path:
    name = Path(audio.mp3).name
    if name != audio.mp3 or not name.endswith(".mp3"):
        raise Unpublishable(f"audio.json names {audio.mp3!r}, not an MP3 in the episode folder")
    mp3 = folder.file(name)
    if not mp3.is_file() or mp3.stat().st_size == 0:
        raise Unpublishable(f"the audio file {name} is missing or empty")
    return mp3


def load_episode(folder: EpisodeDir, info: EpisodeInfo) -> Episode:
    """Everything needed to publish `info`, or Unpublishable naming the first problem."""
    if info.status == "failed":
        raise Unpublishable(f"the episode failed: {info.error or 'no reason recorded'}")
    if info.status not in READY_STATUSES:
        raise Unpublishable(f"not voiced yet (status {info.status})")
    audio = _load(folder, "audio", EpisodeAudio)
    if audio.duration <= 0:
        raise Unpublishable("audio.json gives no duration")
    notes = _load(folder, "shownotes", ShowNotes)
    script = _load_optional(folder, "script", Script)
    chapters = folder.file(CHAPTERS_FILE)
    return Episode(
        info=info,
        notes=notes,
        audio=audio,
        mp3=_audio_file(folder, audio),
        script=script,
        words=_words(folder),
        papers=_papers(folder),
        transcripts={n: t for n, t in TRANSCRIPT_TYPES.items() if folder.file(n).is_file()},
        chapters_file=chapters if chapters.is_file() else None,
    )
