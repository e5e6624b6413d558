"""write_script: read → plan → write → check → revise → notes, each stage cached on disk.

The stages' work is the Writer's (writer.py); this module only sequences and caches them."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic_core import to_jsonable_python
from rich.progress import Progress

from paperdive.errors import WriteError
from paperdive.llm import LLM, LLMSpec, Usage, limit_cost, open_llm, parse_spec
from paperdive.llm.base import backend_defaults
from paperdive.models import (
    ChapterNote,
    HostRole,
    Notes,
    Outline,
    Paper,
    Review,
    Script,
    ScriptFormat,
    ShowNotes,
)
from paperdive.store import EpisodeDir, atomic_write_text, content_hash
from paperdive.writing import script_text
from paperdive.writing.check import check_script
from paperdive.writing.plan import DEFAULT_MINUTES, WORDS_PER_MINUTE
from paperdive.writing.read import check_readable
from paperdive.writing.writer import Writer, open_writer

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)

STAGES = ("notes", "outline", "draft", "review", "script", "shownotes")
# Bump when a stage's logic changes, so episodes written by older code are rebuilt.
WRITER_VERSION = 223
DEFAULT_HOSTS: dict[HostRole, str] = {"explainer": "Nora", "skeptic": "Theo"}
SCRIPT_TEXT = "script.txt"
SCRIPT_TEXT_STAGE = "script.txt"  # ledger: hash of script.txt as paperdive last saw it
SCRIPT_SOURCE_STAGE = "script.txt.source"  # ledger: hash of the Script it shows
SCRIPT_RENDERED_STAGE = "script.txt.rendered"  # ledger: hash of the text paperdive last wrote
USAGE_FILE = "usage.json"


class NotesSet(BaseModel):
    """The notes stage's artifact: one Notes per paper (one for a deep dive)."""

    papers: list[Notes]


@dataclass
class Written:
    notes: Notes
    outline: Outline
    script: Script
    review: Review
    shownotes: ShowNotes
    usage: dict[str, Usage] = field(default_factory=dict)


def write_script(
    papers: list[Paper],
    episode: EpisodeDir,
    *,
    format: ScriptFormat = "deep-dive",
    minutes: float | None = None,
    llm: str = "extractive",
    hosts: dict[HostRole, str] | None = None,
    from_stage: str | None = None,
    progress: Progress | None = None,
    client: LLM | None = None,
    words_per_minute: float = WORDS_PER_MINUTE,
    max_cost_usd: float | None = None,
) -> Written:
    """Write (or resume writing) an episode's script and show notes into `episode`.

    `minutes` is the length asked for, by default the format's own (DEFAULT_MINUTES: a brief
    is 5, a deep dive 25); `words_per_minute` is how fast the voices will speak, which turns
    it into a word budget. `client` replaces the backend that `llm` names (for tests and
    custom backends). `max_cost_usd` stops the run before a model request could take its
    list-price spending past that many USD.
    """
    minutes = DEFAULT_MINUTES[format] if minutes is None else minutes
    if not papers:
        raise WriteError("no papers to write about")
    if from_stage is not None and from_stage not in STAGES:
        raise WriteError(f"unknown stage {from_stage!r}: use one of {', '.join(STAGES)}")
    if minutes <= 0:
        raise WriteError(f"minutes must be positive (got {minutes})")
    if words_per_minute <= 0:
        raise WriteError(f"words per minute must be positive (got {words_per_minute})")
    for paper in papers:
        check_readable(paper)
    spec = parse_spec(llm)
    backend = backend_identity(spec)
    hosts = {**DEFAULT_HOSTS, **(hosts or {})}
    run = _Run(episode, spec, client, hosts, from_stage, progress, max_cost_usd)

    notes = run.stage(
        "notes",
        NotesSet,
        (papers, backend),
        lambda usage: NotesSet(papers=[run.writer.notes(p, usage) for p in papers]),
    )
    outline = run.stage(
        "outline",
        Outline,
        (notes, papers, format, minutes, words_per_minute, backend),
        lambda usage: run.writer.plan(
            papers, notes.papers, format, minutes, words_per_minute, usage
        ),
    )
    if not spec.writes_freely and outline.supported_minutes is not None:
        log.warning(length_note(outline))
    draft = run.stage(
        "draft",
        Script,
        (outline, notes, hosts, words_per_minute, backend),
        lambda usage: run.writer.script(papers, notes.papers, outline, hosts, usage),
    )
    review = run.stage(
        "review", Review, (draft, papers, backend), lambda usage: run.check(draft, papers, usage)
    )
    # Keyed by the review's inputs, not its content: revising records outcomes in review.json.
    target_words = int(minutes * words_per_minute)
    script = run.stage(
        "script",
        Script,
        (draft, episode.stage_hash("review"), minutes, words_per_minute),
        lambda usage: run.revise(draft, review, papers, target_words, usage),
    )
    write_script_text(episode, script)
    shownotes = run.stage(
        "shownotes",
        ShowNotes,
        (script, papers, notes, backend),
        lambda usage: run.writer.shownotes(script, papers, notes.papers, usage),
    )
    run.save_usage()
    return Written(
        notes=notes.papers[0],
        outline=outline,
        script=script,
        review=episode.load("review", Review),
        shownotes=shownotes,
        usage=run.usage,
    )


def length_note(outline: Outline) -> str:
    """What the user is told when the offline writer makes a shorter episode than asked:
    the length it made, why, and how to get the full length."""
    made = f"{outline.planned_minutes:g}"
    asked = f"{outline.target_minutes:g}"
    several = outline.format == "digest"
    whose, papers, supports = (
        ("papers'", "papers", "support") if several else ("paper's", "paper", "supports")
    )
    return (
        f"the {whose} own text supports a {made}-minute {outline.format} ({asked} asked): "
        f"the offline writer says only what the {papers} {supports}; a model backend "
        "(--llm anthropic:MODEL, openai:MODEL, …) writes the full-length episode"
    )


def backend_identity(spec: LLMSpec) -> LLMSpec:
    """The backend as stage caches key it: any spelling of one model alike, and a local GGUF
    by its content, so a moved or renamed file reuses the stages it wrote."""
    if spec.backend == "local":
        return replace(spec, model=content_hash(Path(spec.model or "")))
    return replace(spec, model=spec.model or backend_defaults(spec.backend).get("model"))


class _Run:
    """One write_script call: the writer, the stage cache, progress and usage."""

    def __init__(
        self,
        episode: EpisodeDir,
        spec: LLMSpec,
        client: LLM | None,
        hosts: dict[HostRole, str],
        from_stage: str | None,
        progress: Progress | None,
        max_cost_usd: float | None = None,
    ):
        self.episode = episode
        self.max_cost_usd = max_cost_usd
        self.spec = spec
        self.hosts = hosts
        self._client = client
        self._writer: Writer | None = None
        self.forced = set(STAGES[STAGES.index(from_stage) :]) if from_stage else set()
        self.progress = progress
        self.task = progress.add_task("writing", total=len(STAGES)) if progress else None
        self.usage: dict[str, Usage] = _load_usage(episode)

    @property
    def writer(self) -> Writer:
        """Opened on first use, so a fully cached episode needs no API key."""
        if self._writer is None:
            self._writer = open_writer(self.spec, self.hosts, self._open_llm)
        return self._writer

    def _open_llm(self) -> LLM | None:
        """The model, capped at --max-cost when one is given."""
        if self._client is not None:
            return limit_cost(self._client, self.max_cost_usd)
        return open_llm(self.spec, max_cost_usd=self.max_cost_usd)

    def stage(self, name: str, model: type[M], inputs: Any, build: Callable[[Usage], M]) -> M:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=f"writing: {name}")
        usage = Usage()

        def built() -> M:
            artifact = build(usage)
            self.usage[name] = usage
            return artifact

        key = content_hash(WRITER_VERSION, name, to_jsonable_python(inputs))
        artifact = self.episode.cached(name, model, key, built, force=name in self.forced)
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)
        return artifact

    def check(self, draft: Script, papers: list[Paper], usage: Usage) -> Review:
        review = check_script(draft, papers)
        return Review(items=review.items + self.writer.critique(draft, papers, usage))

    def revise(
        self, draft: Script, review: Review, papers: list[Paper], target_words: int, usage: Usage
    ) -> Script:
        script, final_review = self.writer.revise(draft, review, papers, target_words, usage)
        # The review keeps its input hash: it now records what was done with each item.
        self.episode.save("review", final_review)
        return script

    def save_usage(self) -> None:
        table = {name: vars(u) for name, u in self.usage.items()}
        atomic_write_text(self.episode.file(USAGE_FILE), json.dumps(table, indent=2))


def _load_usage(episode: EpisodeDir) -> dict[str, Usage]:
    path = episode.file(USAGE_FILE)
    if not path.is_file():
        return {}
    try:
        return {name: Usage(**u) for name, u in json.loads(path.read_text("utf-8")).items()}
    except (ValueError, TypeError):
        return {}


def write_script_text(episode: EpisodeDir, script: Script) -> None:
    """Render script.txt, unless it already shows this script (and perhaps the user's edits).

    A script.txt that is not the text paperdive last wrote holds a person's edit: it is
    kept as script.txt.orig (or .orig.1, .orig.2 …) before the new one replaces it.
    """
    path = episode.file(SCRIPT_TEXT)
    if path.is_file() and episode.stage_hash(SCRIPT_SOURCE_STAGE) == content_hash(script):
        return
    last_written = episode.stage_hash(SCRIPT_RENDERED_STAGE)
    if path.is_file() and content_hash(path.read_text("utf-8")) != last_written:
        kept = _keep_aside(path)
        log.warning("script.txt had edits the new script replaces: they are kept in %s", kept)
    text = script_text.render(script)
    atomic_write_text(path, text)
    episode.mark(SCRIPT_RENDERED_STAGE, content_hash(text))
    _mark_script_text(episode, text, script)


def _keep_aside(path: Path) -> Path:
    """Hard-link `path` to the first free `.orig` name, never replacing an earlier one."""
    number = 0
    while True:
        target = path.with_name(f"{path.name}.orig" + (f".{number}" if number else ""))
        try:
            os.link(path, target)
            return target
        except FileExistsError:
            number += 1


def _mark_script_text(episode: EpisodeDir, text: str, script: Script) -> None:
    episode.mark(SCRIPT_TEXT_STAGE, content_hash(text))
    episode.mark(SCRIPT_SOURCE_STAGE, content_hash(script))


def current_script(episode: EpisodeDir, papers: list[Paper]) -> tuple[Script, Review]:
    """The script later stages use: the user's edit of script.txt, re-checked, if there is one."""
    if not episode.has("script"):
        raise WriteError(f"no script in {episode.path}: run the writing stage first")
    script = episode.load("script", Script)
    review = episode.load("review", Review)
    path = episode.file(SCRIPT_TEXT)
    if not path.is_file():
        return script, review
    text = path.read_text("utf-8")
    if content_hash(text) == episode.stage_hash(SCRIPT_TEXT_STAGE):
        return script, review
    edited = script_text.parse(text, script)
    edited_review = check_script(edited, papers)
    episode.save("script", edited)
    episode.save("review", edited_review)
    if episode.has("shownotes"):
        shownotes = episode.load("shownotes", ShowNotes)
        chapters = [ChapterNote(title=c.title, description=c.description) for c in edited.chapters]
        episode.save("shownotes", shownotes.model_copy(update={"chapters": chapters}))
    _mark_script_text(episode, text, edited)
    return edited, edited_review
