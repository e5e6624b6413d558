"""The transcript as the episode page shows it: one block per spoken turn, with the speaker,
and the chapter's title above the turn that opens it."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from paperdive.models import HostRole, Script, WordTiming
from paperdive.publishing.episode import Episode


@dataclass(frozen=True)
class TranscriptTurn:
    role: HostRole
    speaker: str
    words: list[WordTiming] = field(default_factory=list)  # timed words, when the audio has them
    text: str = ""  # the script's text otherwise
    opens_chapter: str | None = None  # title of the chapter this turn starts


def chapter_openings(script: Script | None) -> dict[int, str]:
    """Script turn index -> title of the chapter that turn begins."""
    if script is None:
        return {}
    openings: dict[int, str] = {}
    previous = None
    for index, turn in enumerate(script.turns):
        if turn.chapter != previous and 0 <= turn.chapter < len(script.chapters):
            openings[index] = script.chapters[turn.chapter].title
        previous = turn.chapter
    return openings


def transcript_turns(episode: Episode, host_names: dict[HostRole, str]) -> list[TranscriptTurn]:
    """Timed words grouped by turn; the script's turns as plain text when there are no timings."""
    names = dict(host_names)
    if episode.script is not None:
        names.update(episode.script.hosts)
    openings = chapter_openings(episode.script)
    if episode.words:
        groups = [list(words) for _, words in groupby(episode.words, key=lambda w: w.turn)]
        return [
            TranscriptTurn(
                role=words[0].host,
                speaker=names.get(words[0].host, words[0].host.title()),
                words=words,
                opens_chapter=openings.get(words[0].turn),
            )
            for words in groups
        ]
    if episode.script is not None:
        return [
            TranscriptTurn(
                role=turn.host,
                speaker=names.get(turn.host, turn.host.title()),
                text=turn.text,
                opens_chapter=openings.get(index),
            )
            for index, turn in enumerate(episode.script.turns)
        ]
    return []
