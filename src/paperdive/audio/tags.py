"""ID3 v2.3 tags and chapters (CTOC + CHAP), which ffprobe and podcast apps read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TPE1, CTOCFlags
from mutagen.id3._tags import save_frame
from mutagen.id3._util import ID3SaveConfig

from paperdive.models import ChapterMark
from paperdive.publishing.cover import show_cover


@dataclass(frozen=True)
class EpisodeTags:
    title: str
    show: str
    artist: str
    date: date | None = None
    cover: Path | None = None  # PNG or JPEG
    comment: str | None = None


def check_tags(tags: EpisodeTags) -> None:
    """Fail before synthesis, not after it, on tags that cannot be written."""
    if tags.cover:
        _cover_frame(Path(tags.cover))


class ChapterOrderedID3(ID3):
    """ID3 whose CHAP frames are written in time order.

    mutagen writes frames by size, and ffmpeg-based tools list chapters in file order, so
    a long title early in the episode was listed after the short ones. mutagen offers no
    public way to order frames: this takes the CHAP frames out of its writer and appends
    them sorted by start (a test checks the order with ffprobe).
    """

    def _write(self, config: ID3SaveConfig) -> bytes:
        chapters = sorted(self.getall("CHAP"), key=lambda chap: chap.start_time)
        self.delall("CHAP")
        try:
            others: bytes = super()._write(config)  # type: ignore[no-untyped-call]
        finally:
            for chapter in chapters:
                self.add(chapter)
        return others + b"".join(save_frame(chap, config=config) for chap in chapters)


def write_id3(mp3: Path | BinaryIO, tags: EpisodeTags, chapters: list[ChapterMark]) -> None:
    id3 = ChapterOrderedID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TALB(encoding=3, text=tags.show))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TCON(encoding=3, text="Podcast"))
    if tags.date:
        id3.add(TDRC(encoding=3, text=tags.date.isoformat()))
    if tags.comment:
        id3.add(COMM(encoding=3, lang="eng", desc="", text=tags.comment))
    if tags.cover:
        id3.add(_cover_frame(Path(tags.cover)))
    ids = [f"chp{i}" for i in range(len(chapters))]
    if chapters:
        id3.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text="Chapters")],
            )
        )
    for element_id, chapter in zip(ids, chapters, strict=True):
        id3.add(
            CHAP(
                element_id=element_id,
                start_time=round(chapter.start * 1000),
                end_time=round(chapter.end * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
    id3.save(mp3, v2_version=3)


def _cover_frame(cover: Path) -> APIC:
    kind, data = show_cover(cover)
    return APIC(encoding=3, mime=f"image/{kind.lower()}", type=3, desc="Cover", data=data)
