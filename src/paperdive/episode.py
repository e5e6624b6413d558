"""The main job: source(s) → ingest → script → voice → publish, resumable at every stage.

An episode's folder is chosen by its sources, so running the same command again after a
failure or a kill reuses the folder and every artifact whose inputs did not change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rich.progress import Progress

from paperdive.config import Settings
from paperdive.errors import PaperdiveError
from paperdive.models import EpisodeAudio, EpisodeInfo, Paper, ScriptFormat, ShowNotes
from paperdive.store import EpisodeDir, content_hash

STAGES = ("ingest", "script", "voice", "publish")


@dataclass
class EpisodeResult:
    info: EpisodeInfo
    folder: Path
    mp3: Path | None
    page: Path | None
    shownotes: ShowNotes


def find_or_create(library, sources: Sequence[str], kind: str, format: ScriptFormat) -> EpisodeInfo:
    """The episode made from exactly these sources, or a new one in a fresh folder."""
    for info in library.episodes():
        if info.sources == list(sources) and info.kind == kind:
            return info
    info = EpisodeInfo(
        slug=library.slug_for(_slug_seed(sources, kind)),
        kind=kind,
        format=format,
        sources=list(sources),
        created=datetime.now(UTC),
    )
    library.create(info)
    return info


def _slug_seed(sources: Sequence[str], kind: str) -> str:
    if kind == "digest":
        return f"digest-{datetime.now(UTC):%Y-%m-%d}-{content_hash(list(sources))[:6]}"
    name = Path(sources[0].rstrip("/")).name.removesuffix(".pdf")
    return name or content_hash(list(sources))[:8]


def ingest_sources(episode: EpisodeDir, sources: Sequence[str]) -> list[Paper]:
    from paperdive.ingestion import ingest

    names = (
        ["paper"] if len(sources) == 1 else [f"paper-{i:02d}" for i in range(1, len(sources) + 1)]
    )
    return [
        episode.cached(name, Paper, content_hash("ingest", source), lambda s=source: ingest(s))
        for name, source in zip(names, sources, strict=True)
    ]


def with_chapter_times(notes: ShowNotes, audio: EpisodeAudio) -> ShowNotes:
    """Copy where each chapter really starts in the MP3 into the show notes."""
    starts = {mark.title: mark.start for mark in audio.chapters}
    chapters = [c.model_copy(update={"start": starts.get(c.title)}) for c in notes.chapters]
    return notes.model_copy(update={"chapters": chapters})


ENGINE_NAMES = {
    "kokoro": "Kokoro-82M",
    "piper": "Piper",
    "festival": "Festival",
    "elevenlabs": "ElevenLabs",
    "openai": "OpenAI TTS",
}


def describe_voices(voices: dict[str, str]) -> str:
    """ "Kokoro-82M (jf_gongitsune, jm_kumo)" from {"explainer": "kokoro:jf_gongitsune", …}."""
    by_engine: dict[str, list[str]] = {}
    for spec in voices.values():
        engine, _, voice = spec.partition(":")
        by_engine.setdefault(ENGINE_NAMES.get(engine, engine), []).append(voice or engine)
    return " and ".join(f"{engine} ({', '.join(names)})" for engine, names in by_engine.items())


def voice_disclosure(notes: ShowNotes, voices: dict[str, str]) -> ShowNotes:
    """Name the synthetic voices in the AI-generated disclosure (once, however often voiced)."""
    named = describe_voices(voices)
    disclosure = notes.disclosure.split(" Voices: ")[0]
    return notes.model_copy(update={"disclosure": f"{disclosure} Voices: {named}."})


@contextmanager
def _stage(progress: Progress | None, task, name: str) -> Iterator[None]:
    if progress is not None:
        progress.update(task, description=f"[bold]{name}")
    yield
    if progress is not None:
        progress.advance(task)


def make_episode(
    sources: Sequence[str],
    settings: Settings,
    *,
    format: ScriptFormat = "deep-dive",
    minutes: float = 25.0,
    from_stage: str | None = None,
    publish_site: bool = True,
    progress: Progress | None = None,
) -> EpisodeResult:
    from paperdive.audio import VOICE_PRESETS, EpisodeTags, voice_episode, words_per_minute
    from paperdive.publishing import Library, publish
    from paperdive.writing import current_script, write_script

    kind = "digest" if len(sources) > 1 else "deep-dive"
    if kind == "digest":
        format = "digest"
    voices = host_voices(settings, VOICE_PRESETS)
    library = Library(settings.library)
    info = find_or_create(library, sources, kind, format)
    episode = library.dir(info.slug)
    task = progress.add_task("episode", total=len(STAGES)) if progress else None
    try:
        with _stage(progress, task, "ingest"):
            papers = ingest_sources(episode, sources)
            library.add_papers(info.slug, papers)
        with _stage(progress, task, "script"):
            written = write_script(
                papers,
                episode,
                format=format,
                minutes=minutes,
                words_per_minute=words_per_minute(voices),
                llm=settings.llm,
                hosts={role: host.name for role, host in settings.hosts.items()},
                from_stage=from_stage,
                progress=progress,
            )
            script, _review = current_script(episode, papers)
            info = info.model_copy(update={"title": written.shownotes.title, "status": "scripted"})
            library.save(info)
        with _stage(progress, task, "voice"):
            audio = voice_episode(
                script,
                episode,
                voices=voices,
                meta=EpisodeTags(
                    title=written.shownotes.title,
                    show=settings.show.title,
                    artist=settings.show.author,
                    date=info.created.date(),
                    cover=settings.show.cover,
                    comment=written.shownotes.disclosure,
                ),
                lexicon=settings.lexicon,
                progress=progress,
            )
            notes = voice_disclosure(with_chapter_times(written.shownotes, audio), voices)
            episode.save("shownotes", notes)
            info = info.model_copy(update={"status": "voiced", "error": None})
            library.save(info)
        page = None
        with _stage(progress, task, "publish"):
            if publish_site:
                result = publish(library, settings.show, settings.hosts)
                page = result.site / "episodes" / info.slug / "index.html"
                info = info.model_copy(update={"status": "published"})
                library.save(info)
    except PaperdiveError as exc:
        library.save(info.model_copy(update={"status": "failed", "error": str(exc)}))
        raise
    return EpisodeResult(
        info=info, folder=episode.path, mp3=episode.file(audio.mp3), page=page, shownotes=notes
    )


def host_voices(settings: Settings, presets: dict[str, dict]) -> dict[str, str]:
    """Voices per host: the preset named by settings.tts, else each host's own voice."""
    if settings.tts != "default" and settings.tts in presets:
        return dict(presets[settings.tts])
    return {role: host.voice for role, host in settings.hosts.items()}
