"""The main job: source(s) → ingest → script → voice → publish, resumable at every stage.

The CLI's single-stage commands (`script`, `voice`, `publish`) call the same stage
functions as `make_episode`, so an episode's status and artifacts never depend on which
way it was made. An episode is found again by its normalised sources and format, so
running the same command after a failure or a kill reuses its folder and every artifact
whose inputs did not change.

A finished episode (voiced or published, its MP3 on disk) is what listeners may already
have: running its command again, even after paperdive was upgraded (a new writer, reader
or mixer), keeps its paper, script, MP3 and GUID as they are. Only what the user changes
is redone: an edit of script.txt, other voices or tags are voiced again. `--from STAGE`
rebuilds it on purpose. An unfinished episode always picks up the new code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rich.progress import Progress

from paperdive.config import Settings
from paperdive.errors import ConfigError, IngestError, PaperdiveError, describe
from paperdive.library import LEGACY_MINUTES, Library
from paperdive.models import (
    EpisodeAudio,
    EpisodeInfo,
    Paper,
    Review,
    Script,
    ScriptFormat,
    ShowNotes,
)
from paperdive.store import EpisodeDir, content_hash
from paperdive.urls import public_url

if TYPE_CHECKING:
    from paperdive.audio import EpisodeTags
    from paperdive.writing import Written

log = logging.getLogger(__name__)

STAGES = ("ingest", "script", "voice", "publish")
FINISHED = ("voiced", "published")  # listeners may have its MP3: a re-run keeps it as it is
# The writer's stages (paperdive.writing.STAGES), named here so the CLI can list them cheaply
WRITING_STAGES = ("notes", "outline", "draft", "review", "script", "shownotes")
REBUILD_STAGES = ("ingest", *WRITING_STAGES, "voice")  # what `--from` accepts
VOICE_REQUEST = "voice.request"  # ledger: hash of what the user asked the audio to be
INGEST_THREADS = 4  # a digest's papers are read this many at a time (downloads, PyMuPDF)
ENGINE_NAMES = {
    "kokoro": "Kokoro-82M",
    "piper": "Piper",
    "festival": "Festival",
    "elevenlabs": "ElevenLabs",
    "openai": "OpenAI TTS",
}


@dataclass
class Opened:
    """An episode ready for its stages: where it lives and what it is made from."""

    library: Library
    info: EpisodeInfo
    episode: EpisodeDir
    # What to download from: the sources as given, which may carry credentials or a signed
    # token. Held in memory only; info.sources keeps their public form.
    downloads: list[str] | None = None
    # A digest's sources that could not be read, each "SOURCE: why" (public form); the
    # episode goes on without them and its show notes name them.
    left_out: list[str] = field(default_factory=list)
    # Set by a stage that found the episode finished and left it as it was.
    kept: bool = False
    # audio.json as last read: its (inode, mtime, size), and what it held
    _audio: tuple[tuple[int, int, int], EpisodeAudio | None] | None = field(
        default=None, init=False, repr=False
    )

    def sources_to_read(self) -> list[str]:
        return self.downloads if self.downloads is not None else self.info.sources

    @property
    def minutes(self) -> float:
        """The length this episode is written for: part of what it is."""
        return LEGACY_MINUTES if self.info.minutes is None else self.info.minutes

    @property
    def finished(self) -> bool:
        """Voiced or published with its MP3 on disk: listeners may already have it."""
        return self.finished_audio is not None

    @property
    def finished_audio(self) -> EpisodeAudio | None:
        """A finished episode's audio (see `finished`); None when it is not finished."""
        if self.info.status not in FINISHED:
            return None
        audio = self._saved_audio()
        return audio if audio is not None and self.episode.file(audio.mp3).is_file() else None

    def _saved_audio(self) -> EpisodeAudio | None:
        """audio.json, read once for all the stages, and again only when the file changed
        (another run may voice the episode while this one waits for it); None when there is
        none or it cannot be read."""
        try:
            found = self.episode.file("audio.json").stat()
        except OSError:
            return None
        seen = (found.st_ino, found.st_mtime_ns, found.st_size)
        if self._audio is None or self._audio[0] != seen:
            try:
                self._audio = (seen, self.episode.load("audio", EpisodeAudio))
            except (OSError, ValueError):
                self._audio = (seen, None)
        return self._audio[1]


@dataclass
class EpisodeResult:
    info: EpisodeInfo
    folder: Path
    mp3: Path
    page: Path | None
    shownotes: ShowNotes
    kept: bool = False  # it was finished already: nothing was rebuilt


def kept_line(info: EpisodeInfo, rebuild: str) -> str:
    """The one line a re-run of a finished episode prints: what stays, how to rebuild it."""
    return (
        f"{info.slug} is already {info.status}: its MP3 and feed entry stay as they are "
        f"(to rebuild it with this paperdive, {rebuild})"
    )


def normalise_sources(sources: Sequence[str]) -> list[str]:
    """Canonical sources: absolute paths of existing PDFs, bare arXiv ids, URLs as given.

    Raises IngestError for a missing file or a malformed id before anything is created.
    """
    from paperdive.ingestion.sources import classify

    normalised = []
    for source in sources:
        kind = classify(source)
        if kind.kind == "local_pdf":
            path = Path(kind.value).expanduser()
            if not path.is_file():
                raise IngestError(f"{source} does not exist")
            normalised.append(str(path.resolve()))
        else:
            normalised.append(kind.value)
    return normalised


def _slug_seed(
    sources: Sequence[str], kind: str, format: ScriptFormat, length: str | None = None
) -> str:
    """The slug to make: paper, paper-brief, paper-brief-10min (a length not the format's own)."""
    if kind == "digest":
        name = f"digest-{datetime.now(UTC):%Y-%m-%d}-{content_hash(list(sources))[:6]}"
    else:
        source = sources[0].split("?", 1)[0]
        name = Path(source.rstrip("/")).name.removesuffix(".pdf") or content_hash(source)[:8]
        name = name if format == "deep-dive" else f"{name}-{format}"
    return f"{name}-{length}" if length else name


def open_episode(
    settings: Settings,
    sources: Sequence[str],
    format: ScriptFormat = "deep-dive",
    minutes: float | None = None,
) -> Opened:
    """Check the request, then find the episode made from these sources in this format and
    length (`minutes`, by default the format's own), or create it."""
    from paperdive.llm import parse_spec
    from paperdive.writing.plan import DEFAULT_MINUTES

    if not sources:
        raise PaperdiveError("give a SOURCE (arXiv id, URL or PDF) or --sample")
    parse_spec(settings.llm)
    host_voices(settings)
    downloads = normalise_sources(sources)
    sources = [public_url(source) for source in downloads]
    kind: Literal["deep-dive", "digest"] = "digest" if len(sources) > 1 else "deep-dive"
    format = "digest" if kind == "digest" else format
    length = DEFAULT_MINUTES[format] if minutes is None else float(minutes)
    own_length = None if length == DEFAULT_MINUTES[format] else f"{length:g}min"

    def new(library: Library) -> EpisodeInfo:
        return EpisodeInfo(
            slug=library.slug_for(_slug_seed(sources, kind, format, own_length)),
            kind=kind,
            format=format,
            sources=sources,
            created=datetime.now(UTC),
            minutes=length,
        )

    library = Library(settings.library)
    info, episode = library.episode_for(sources, format, length, new)
    return Opened(library, info, episode, downloads)


def open_folder(folder: Path) -> Opened:
    """The episode in `folder`, which must sit in a show library's episodes/ folder."""
    library, slug = Library.of_episode(folder)
    return Opened(library, library.get(slug), library.dir(slug))


@contextmanager
def _working_on(opened: Opened) -> Iterator[None]:
    """Hold the episode for one stage (a second run waits), and see it as the last run left it."""
    with opened.library.working_on(opened.info.slug):
        opened.info = opened.library.get(opened.info.slug)
        yield


def _ingest_key(source: str, source_url: str | None = None) -> str:
    from paperdive import ingestion

    path = Path(source)
    # a local file: its bytes; a URL: its public form, so a renewed signed token hits the cache
    parts: list[object] = ["ingest", path if path.is_file() else public_url(source)]
    if source_url is not None:
        parts.append(public_url(source_url))  # a new link re-reads
    # Bumped by ingestion when a Paper changes meaning: unfinished episodes read theirs
    # again (finished ones keep theirs).
    parts.append(ingestion.INGEST_VERSION)
    return content_hash(*parts)


def ingest_stage(
    opened: Opened, *, source_url: str | None = None, redo: bool = False
) -> list[Paper]:
    """The episode's papers, read in parallel (each cached). A digest goes on without a source
    that fails, naming it in one warning line and in `opened.left_out`; a deep dive stops.

    `source_url` is a deep dive's public link to its paper (a local PDF has none of its own).
    A finished episode keeps the papers it was made from, unless `redo` reads them again.
    """
    from paperdive.ingestion import ingest as ingest_source

    sources = opened.sources_to_read()
    if source_url is not None and len(sources) > 1:
        raise PaperdiveError("--source-url is one paper's link: give it for one source only")
    ingest = partial(ingest_source, source_url=source_url)
    names = EpisodeDir.paper_names(len(sources))
    episode = opened.episode
    with _working_on(opened):
        if not redo and opened.finished and (kept := _papers_of(opened)):
            return kept
        todo = [
            (name, source)
            for name, source in zip(names, sources, strict=True)
            if redo
            or not (
                episode.stage_hash(name) == _ingest_key(source, source_url) and episode.has(name)
            )
        ]
        read: dict[str, Paper | Exception] = {}
        if len(todo) == 1 or len(sources) == 1:
            read = {name: _read(ingest, source, len(sources)) for name, source in todo}
        elif todo:
            with ThreadPoolExecutor(min(INGEST_THREADS, len(todo))) as pool:
                found = pool.map(lambda job: _read(ingest, job[1], len(sources)), todo)
                read = dict(zip([name for name, _ in todo], found, strict=True))
        papers, left_out = [], []
        for name, source in zip(names, sources, strict=True):
            result = read.get(name)
            try:
                if isinstance(result, Exception):
                    raise result
                # saved here, one at a time: the stage ledger is never written by two threads
                papers.append(
                    episode.cached(
                        name,
                        Paper,
                        _ingest_key(source, source_url),
                        _reader(ingest, result, source),
                        force=redo,  # what was just read, not the copy on disk
                    )
                )
            except Exception as exc:
                if len(sources) == 1:
                    raise
                shown, why = public_url(source), describe(exc)
                why = why if shown in why else f"{shown}: {why}"  # it names the source once
                log.warning("left out of the digest: %s", why)
                left_out.append(why)
        if not papers:
            raise IngestError(f"none of the {len(sources)} papers could be read: {left_out[0]}")
        opened.left_out = left_out
        opened.library.add_papers(opened.info.slug, papers)
    return papers


def _papers_of(opened: Opened) -> list[Paper]:
    """The papers a finished episode was made from, or [] when they cannot be loaded."""
    try:
        return opened.episode.papers()
    except (OSError, ValueError):
        return []


def _reader(ingest: Callable[[str], Paper], read: Paper | None, source: str) -> Callable[[], Paper]:
    """What caches a paper: the one just read, or (when the cache turns out stale) reading it."""
    return lambda: read if read is not None else ingest(source)


def _read(ingest: Callable[[str], Paper], source: str, count: int) -> Paper | Exception:
    """One source read; in a digest (count > 1) its failure is returned, not raised."""
    try:
        return ingest(source)
    except Exception as exc:
        if count == 1:
            raise
        return exc


def script_stage(
    opened: Opened,
    papers: list[Paper],
    settings: Settings,
    *,
    from_stage: str | None = None,
    rebuild: bool = False,
    progress: Progress | None = None,
) -> Written:
    """Write the script, or reuse it when nothing it depends on changed.

    A finished episode keeps its script (a newer writer does not rewrite it) unless
    `from_stage` or `rebuild` asks for the writing to run again.
    """
    from paperdive.audio import words_per_minute
    from paperdive.writing import write_script

    with _working_on(opened):
        if from_stage is None and not rebuild and opened.finished:
            kept = _written(opened.episode)
            if kept is not None:
                opened.kept = True
                return kept
        before = opened.episode.stage_hash("script")
        written = write_script(
            papers,
            opened.episode,
            format=opened.info.format,
            minutes=opened.minutes,
            words_per_minute=words_per_minute(host_voices(settings)),
            llm=settings.llm,
            max_cost_usd=settings.max_cost_usd,
            hosts={role: host.name for role, host in settings.hosts.items()},
            from_stage=from_stage,
            progress=progress,
        )
        changed = opened.episode.stage_hash("script") != before
        if written.shownotes.left_out != opened.left_out:  # the notes name what was left out
            notes = written.shownotes.model_copy(update={"left_out": opened.left_out})
            opened.episode.save("shownotes", notes)
            written.shownotes = notes
        update: dict[str, object] = {"title": written.shownotes.title}
        if changed or opened.info.status in ("ingested", "failed"):
            update |= {"status": "scripted", "error": None}  # older audio no longer matches
        opened.info = opened.info.model_copy(update=update)
        opened.library.save(opened.info)
    return written


def _written(episode: EpisodeDir) -> Written | None:
    """The writing a finished episode was voiced from, as saved; None when any part is
    missing or unreadable (then the writer's own caches decide)."""
    from paperdive.models import Outline
    from paperdive.writing import Written
    from paperdive.writing.pipeline import NotesSet

    try:
        return Written(
            notes=episode.load("notes", NotesSet).papers[0],
            outline=episode.load("outline", Outline),
            script=episode.load("script", Script),
            review=episode.load("review", Review),
            shownotes=episode.load("shownotes", ShowNotes),
        )
    except (OSError, ValueError, IndexError):
        return None


def voice_stage(
    opened: Opened, settings: Settings, *, again: bool = False, progress: Progress | None = None
) -> tuple[EpisodeAudio, ShowNotes, Review]:
    """Voice the current script (the user's edit of script.txt, when there is one).

    The show notes this stage completes (chapter times, the voices' names) are never an input
    of the audio: the ID3 comment is the disclosure as it reads once voiced, so running again
    finds the same inputs and keeps the MP3 as it is. A finished episode is voiced again only
    when what the user asks of it changed (the script's words, the voices, the tags, their
    lexicon), never because paperdive's mixing did; `again` voices it anyway.
    """
    with _working_on(opened):
        return _voice(opened, settings, progress, again)


def _voice_request(
    script: Script, voices: dict[str, str], tags: EpisodeTags, lexicon: Path | None
) -> str:
    """What the user asks the audio to be, in the words they chose: no version of the code."""
    return content_hash(
        "voice",
        [c.title for c in script.chapters],
        [(t.host, t.chapter, t.text) for t in script.turns],
        voices,
        [tags.title, tags.show, tags.artist, tags.date.isoformat(), tags.comment],
        tags.cover,  # hashed by content
        lexicon,
    )


def _voice(
    opened: Opened, settings: Settings, progress: Progress | None, again: bool = False
) -> tuple[EpisodeAudio, ShowNotes, Review]:
    from paperdive.audio import EpisodeTags, voice_episode
    from paperdive.writing import current_script

    episode = opened.episode
    if not episode.has("script"):
        raise PaperdiveError(f"no script in {episode.path}: run `paperdive script` first")
    voiced_from = episode.load("script", Script)
    script, review = current_script(episode, episode.papers())
    voices = host_voices(settings)
    saved = episode.load("shownotes", ShowNotes)
    notes = voice_disclosure(saved, voices)
    tags = EpisodeTags(
        title=notes.title,
        show=settings.show.title,
        artist=settings.show.author,
        date=opened.info.created.date(),
        cover=settings.show.cover,
        comment=notes.disclosure,
    )
    request = _voice_request(script, voices, tags, settings.lexicon)
    if not again and (audio := opened.finished_audio) is not None:
        asked = episode.stage_hash(VOICE_REQUEST)
        if asked is None and script == voiced_from and audio.voices == voices:
            # voiced before requests were recorded, and not edited or re-cast since
            episode.mark(VOICE_REQUEST, asked := request)
        if asked == request:
            opened.kept = True
            return audio, saved, review
    audio = voice_episode(
        script,
        episode,
        voices=voices,
        meta=tags,
        lexicon=settings.lexicon,
        force=again,
        progress=progress,
    )
    opened.kept = False  # voiced: what the user changed is in the MP3 now
    notes = with_chapter_times(notes, script, audio)
    episode.save("shownotes", notes)
    episode.mark(VOICE_REQUEST, request)
    if opened.info.status != "published":
        opened.info = opened.info.model_copy(update={"status": "voiced", "error": None})
        opened.library.save(opened.info)
    return audio, notes, review


def make_episode(
    sources: Sequence[str],
    settings: Settings,
    *,
    format: ScriptFormat = "deep-dive",
    minutes: float | None = None,
    from_stage: str | None = None,
    source_url: str | None = None,
    publish_site: bool = True,
    progress: Progress | None = None,
) -> EpisodeResult:
    from paperdive.publishing import publish

    if from_stage is not None and from_stage not in REBUILD_STAGES:
        raise PaperdiveError(
            f"unknown stage {from_stage!r} for --from: use one of {', '.join(REBUILD_STAGES)}"
        )
    opened = open_episode(settings, sources, format, minutes)
    task = progress.add_task("episode", total=len(STAGES)) if progress else None

    def advance(stage: str) -> None:
        if progress is not None and task is not None:
            progress.update(task, description=f"[bold]{stage}", advance=1)

    was_finished = opened.finished
    try:
        papers = ingest_stage(opened, source_url=source_url, redo=from_stage == "ingest")
        advance("ingest")
        script_stage(
            opened,
            papers,
            settings,
            from_stage=from_stage if from_stage in WRITING_STAGES else None,
            rebuild=from_stage == "ingest",
            progress=progress,
        )
        advance("script")
        audio, notes, _ = voice_stage(
            opened, settings, again=from_stage is not None, progress=progress
        )
        advance("voice")
    except PaperdiveError as exc:
        # A finished episode stays in the feed with the MP3 it has; the error is recorded.
        failed = {"error": str(exc)} if was_finished else {"status": "failed", "error": str(exc)}
        opened.library.save(opened.info.model_copy(update=failed))
        raise
    page = None
    if publish_site:
        page = publish(opened.library, settings.show, settings.hosts).page(opened.info.slug)
        advance("publish")
    return EpisodeResult(
        info=opened.library.get(opened.info.slug),
        folder=opened.episode.path,
        mp3=opened.episode.file(audio.mp3),
        page=page,
        shownotes=notes,
        kept=opened.kept and from_stage is None,
    )


def host_voices(settings: Settings) -> dict[str, str]:
    """Voices per host: the preset named by settings.tts, or each host's own for "default"."""
    from paperdive.audio import VOICE_PRESETS

    if settings.tts == "default":
        return {role: host.voice for role, host in settings.hosts.items()}
    if settings.tts not in VOICE_PRESETS:
        raise ConfigError(
            f"unknown voice preset {settings.tts!r}: choose one of {', '.join(VOICE_PRESETS)}"
        )
    return dict(VOICE_PRESETS[settings.tts])


def with_chapter_times(notes: ShowNotes, script: Script, audio: EpisodeAudio) -> ShowNotes:
    """Copy where each chapter really starts in the MP3 into the show notes.

    Chapters pair up by position when the notes list the script's chapters (titles can
    repeat in an edited script); otherwise by title.
    """
    starts: list[float | None]
    if [c.title for c in notes.chapters] == [c.title for c in script.chapters] and len(
        audio.chapters
    ) == len(notes.chapters):
        starts = [mark.start for mark in audio.chapters]
    else:
        by_title = {mark.title: mark.start for mark in audio.chapters}
        starts = [by_title.get(chapter.title) for chapter in notes.chapters]
    chapters = [
        c.model_copy(update={"start": s}) for c, s in zip(notes.chapters, starts, strict=True)
    ]
    return notes.model_copy(update={"chapters": chapters})


def describe_voices(voices: dict[str, str]) -> str:
    """ "Kokoro-82M (jf_gongitsune, jm_kumo)" from {"explainer": "kokoro:jf_gongitsune", …}."""
    by_engine: dict[str, list[str]] = {}
    for spec in voices.values():
        engine, _, voice = spec.partition(":")
        by_engine.setdefault(ENGINE_NAMES.get(engine, engine), []).append(voice or engine)
    return " and ".join(f"{engine} ({', '.join(names)})" for engine, names in by_engine.items())


def voice_disclosure(notes: ShowNotes, voices: dict[str, str]) -> ShowNotes:
    """Name the synthetic voices in the AI-generated disclosure (once, however often voiced)."""
    disclosure = notes.disclosure.split(" Voices: ")[0]
    return notes.model_copy(
        update={"disclosure": f"{disclosure} Voices: {describe_voices(voices)}."}
    )
