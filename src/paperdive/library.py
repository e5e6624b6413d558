"""The show library: the one module that knows its layout and takes its locks.

    ROOT/episodes/<slug>/   one folder per episode (its artifacts: paperdive.store.EpisodeDir)
    ROOT/library.sqlite     an index of episodes and papers, for listing and lookup (WAL)
    ROOT/show.json          the show's identity, made once (its podcast:guid derives from it)
    ROOT/site -> .site-…    the published site: a symlink swapped atomically to a new build
    ROOT/.locks/            lock files (fcntl.flock: released by the kernel when a run dies)

Each episode's `episode.json` is the source of truth; the index keeps a copy of every field,
so an episode whose `episode.json` is damaged is still found (never made again with a new
GUID), and a missing index is rebuilt from the folders.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError
from slugify import slugify

from paperdive.errors import LibraryError
from paperdive.models import EpisodeInfo, Paper, ScriptFormat
from paperdive.store import EpisodeDir, atomic_write_text

log = logging.getLogger(__name__)

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX_LENGTH = 60
EPISODE_FILE = "episode"
INDEX_FILE = "library.sqlite"
SHOW_FILE = "show.json"
SITE_DIR = "site"
EPISODES_DIR = "episodes"
LOCKS_DIR = ".locks"
# What an episode made before lengths were part of its identity was asked for (the old
# --minutes default), so running its command again finds it and leaves its audio alone.
LEGACY_MINUTES = 25.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes (
    slug TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT,
    status TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    error TEXT
);
CREATE TABLE IF NOT EXISTS papers (
    slug TEXT NOT NULL REFERENCES episodes(slug) ON DELETE CASCADE,
    source TEXT NOT NULL,
    title TEXT NOT NULL,
    arxiv_id TEXT,
    url TEXT,
    published TEXT,
    PRIMARY KEY (slug, source)
);
CREATE INDEX IF NOT EXISTS episodes_by_created ON episodes(created);
"""
# Added after the first release: an index without them is upgraded when opened.
ADDED_COLUMNS = {"info": "TEXT"}  # the whole EpisodeInfo as JSON


def check_slug(slug: str) -> str:
    """Return the slug when it is a plain folder name, else raise LibraryError."""
    if not isinstance(slug, str) or not SLUG_PATTERN.fullmatch(slug):
        raise LibraryError(f"invalid episode slug {slug!r}: use lowercase letters, digits, '-'")
    return slug


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class Library:
    """A show on disk. Opening one touches nothing; the first read or write sets it up."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.episodes_root = self.root / EPISODES_DIR
        self.index_path = self.root / INDEX_FILE
        self.site = self.root / SITE_DIR
        self._ready = False

    def __repr__(self) -> str:
        return f"Library({str(self.root)!r})"

    @classmethod
    def existing(cls, root: Path | str) -> Library:
        """The library at `root`, which must have been made already (by an episode)."""
        library = cls(root)
        if not library._exists():
            raise LibraryError(
                f"no show library at {library.root}: make an episode first, or pass --config"
            )
        return library

    @classmethod
    def of_episode(cls, folder: Path | str) -> tuple[Library, str]:
        """The library an episode folder belongs to, and the episode's slug."""
        folder = Path(folder).resolve()
        library = cls(folder.parent.parent)
        if folder.parent.name != EPISODES_DIR or not library._exists():
            raise LibraryError(f"{folder} is not an episode folder of a show library")
        slug = check_slug(folder.name)
        if slug not in library.slugs():
            raise LibraryError(f"{folder} is not in the index of its show library")
        return library, slug

    def _exists(self) -> bool:
        """An index, or episode folders to rebuild one from."""
        return self.index_path.is_file() or self.episodes_root.is_dir()

    # ------------------------------------------------------------------ the index

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        fresh = not self.index_path.exists()
        if fresh:
            self.episodes_root.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(self.index_path, timeout=30)
            try:
                db.execute("PRAGMA foreign_keys=ON")
                if not self._ready:
                    self._prepare(db, reindex=fresh)
                with db:  # commits on success, rolls back on error
                    yield db
            finally:
                db.close()
        except sqlite3.DatabaseError as exc:
            raise LibraryError(self._index_problem(exc)) from None

    def _index_problem(self, exc: sqlite3.DatabaseError) -> str:
        reason = _first_line(exc)
        if isinstance(exc, sqlite3.OperationalError) and "locked" not in reason:
            if os.statvfs(self.root).f_flag & os.ST_RDONLY:
                return f"cannot write {self.index_path}: the file system is read-only"
            return f"cannot use the show library's index {self.index_path}: {reason}"
        return (
            f"the show library's index {self.index_path} is damaged ({reason}): move it aside "
            "and run again to rebuild it from the episode folders"
        )

    def _prepare(self, db: sqlite3.Connection, *, reindex: bool) -> None:
        db.execute("PRAGMA journal_mode=WAL")
        with db:
            db.executescript(SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(episodes)")}
            for name, kind in ADDED_COLUMNS.items():
                if name not in columns:
                    db.execute(f"ALTER TABLE episodes ADD COLUMN {name} {kind}")
                    reindex = True
        self._ready = True
        if reindex:
            self._reindex(db)

    def _reindex(self, db: sqlite3.Connection) -> None:
        """Index every episode folder whose episode.json is readable (a new or older index)."""
        for folder in sorted(self.episodes_root.glob("*/")):
            episode = EpisodeDir(folder)
            if not (SLUG_PATTERN.fullmatch(folder.name) and episode.has(EPISODE_FILE)):
                continue
            try:
                info = episode.load(EPISODE_FILE, EpisodeInfo)
            except ValueError:
                continue
            if info.slug != folder.name:
                continue
            with db:
                self._upsert(db, info)
                with suppress(ValueError):  # an unreadable paper is indexed when read again
                    _index_papers(db, info.slug, episode.papers())

    def _upsert(self, db: sqlite3.Connection, info: EpisodeInfo) -> None:
        db.execute(
            """INSERT INTO episodes (slug, kind, title, status, created, updated, error, info)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(slug) DO UPDATE SET kind = excluded.kind,
                 title = excluded.title, status = excluded.status,
                 created = excluded.created, updated = excluded.updated,
                 error = excluded.error, info = excluded.info""",
            (
                info.slug,
                info.kind,
                info.title,
                info.status,
                _utc(info.created).isoformat(),
                datetime.now(UTC).isoformat(),
                info.error,
                info.model_dump_json(),
            ),
        )

    # ------------------------------------------------------------------ episodes

    def slug_for(self, text: str) -> str:
        """A readable slug for `text` that no episode uses yet ("attention-is-all-you-need-2")."""
        base = slugify(text, max_length=SLUG_MAX_LENGTH, word_boundary=True) or "episode"
        slug, n = base, 1
        while self._taken(slug):
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _taken(self, slug: str) -> bool:
        if (self.episodes_root / slug).exists():
            return True
        with self._connect() as db:
            row = db.execute("SELECT 1 FROM episodes WHERE slug = ?", (slug,)).fetchone()
        return row is not None

    def dir(self, slug: str) -> EpisodeDir:
        return EpisodeDir(self.episodes_root / check_slug(slug))

    def create(self, info: EpisodeInfo) -> EpisodeDir:
        """Make the episode's folder and index row; the slug must be new."""
        if self._taken(check_slug(info.slug)):
            raise LibraryError(f"episode {info.slug!r} already exists in {self.root}")
        episode = self.dir(info.slug)
        episode.path.mkdir(parents=True)
        self.save(info)
        return episode

    def episode_for(
        self,
        sources: list[str],
        format: ScriptFormat,
        minutes: float,
        new: Callable[[Library], EpisodeInfo],
    ) -> tuple[EpisodeInfo, EpisodeDir]:
        """The episode made from these sources in this format and length, or `new(self)`,
        created. Held under a lock, so two runs for one paper started at once make one."""
        with self._lock("create"):
            found = self.find(sources, format, minutes)
            if found is not None:
                return found, self.dir(found.slug)
            info = new(self)
            return info, self.create(info)

    def find(self, sources: list[str], format: ScriptFormat, minutes: float) -> EpisodeInfo | None:
        """The episode made from these sources in this format and length, from the index."""
        with self._connect() as db:
            rows = db.execute("SELECT slug, info FROM episodes ORDER BY created").fetchall()
        for slug, saved in rows:
            indexed = self._indexed(slug, saved)
            length = LEGACY_MINUTES if indexed.minutes is None else indexed.minutes
            if (indexed.sources, indexed.format, length) == (sources, format, minutes):
                return self.get(slug)
        return None

    def save(self, info: EpisodeInfo) -> None:
        """Write `episode.json` and bring the index row up to date."""
        episode = self.dir(info.slug)
        if not episode.path.is_dir():
            raise LibraryError(f"episode {info.slug!r} does not exist in {self.root}")
        episode.save(EPISODE_FILE, info)
        with self._connect() as db:
            self._upsert(db, info)

    def get(self, slug: str) -> EpisodeInfo:
        """The episode's info from its episode.json, else from the index's copy of it."""
        episode = self.dir(slug)
        try:
            info = episode.load(EPISODE_FILE, EpisodeInfo)
        except (OSError, ValueError) as exc:
            return self._recover(slug, exc)
        if info.slug != slug:
            raise LibraryError(f"episode folder {slug!r} holds an episode.json for {info.slug!r}")
        return info

    def _recover(self, slug: str, problem: Exception) -> EpisodeInfo:
        with self._connect() as db:
            row = db.execute("SELECT info FROM episodes WHERE slug = ?", (slug,)).fetchone()
        if row is None:
            raise LibraryError(f"no episode {slug!r} in {self.root}")
        if isinstance(problem, PermissionError):
            raise LibraryError(f"cannot read the episode.json of {slug!r}: permission denied")
        info = self._indexed(slug, row[0])
        if not isinstance(problem, ValueError | FileNotFoundError):
            # A read that failed (an I/O error) says nothing about the file: leave it be.
            log.warning("episode.json of %r is unreadable: using the index's copy", slug)
            return info
        path = self.dir(slug).file(f"{EPISODE_FILE}.json")
        try:  # put it back, so the folder is whole again whatever the run goes on to do
            if path.exists():  # a hand edit gone wrong is kept, never overwritten
                path.replace(path.with_name(f"{EPISODE_FILE}.json.broken"))
            self.dir(slug).save(EPISODE_FILE, info)
            log.warning(
                "episode.json of %r was unreadable: restored from the index (the unreadable "
                "file is kept as episode.json.broken)",
                slug,
            )
        except OSError:
            log.warning("episode.json of %r is unreadable: using the index's copy", slug)
        return info

    def _indexed(self, slug: str, saved: str | None) -> EpisodeInfo:
        """The index's copy of an episode's info, else its episode.json (an older index)."""
        if saved is not None:
            try:
                return EpisodeInfo.model_validate_json(saved)
            except ValidationError:
                pass
        try:
            return self.dir(slug).load(EPISODE_FILE, EpisodeInfo)
        except (OSError, ValueError) as exc:
            raise LibraryError(
                f"episode.json of {slug!r} is unreadable ({_first_line(exc)}) and the index "
                f"has no copy of it: restore it, or remove {self.dir(slug).path}"
            ) from None

    def slugs(self) -> list[str]:
        """Every indexed slug, newest episode first."""
        with self._connect() as db:
            rows = db.execute("SELECT slug FROM episodes ORDER BY created DESC, slug").fetchall()
        return [slug for (slug,) in rows]

    def episodes(self) -> list[EpisodeInfo]:
        """Every readable indexed episode, newest first; unreadable ones are logged and left out."""
        infos = []
        for slug in self.slugs():
            try:
                infos.append(self.get(slug))
            except LibraryError as exc:
                log.warning("%s", exc)
        return infos

    def add_papers(self, slug: str, papers: list[Paper]) -> None:
        """Index the papers an episode covers (re-adding a source updates its row)."""
        check_slug(slug)
        with self._connect() as db:
            if db.execute("SELECT 1 FROM episodes WHERE slug = ?", (slug,)).fetchone() is None:
                raise LibraryError(f"no episode {slug!r} in {self.root}")
            _index_papers(db, slug, papers)

    def papers(self, slug: str) -> list[tuple[str, str, str | None]]:
        """(source, title, url) of the papers indexed for an episode."""
        with self._connect() as db:
            rows: list[tuple[str, str, str | None]] = db.execute(
                "SELECT source, title, url FROM papers WHERE slug = ? ORDER BY rowid",
                (check_slug(slug),),
            ).fetchall()
        return rows

    def mark_published(self, slugs: list[str]) -> None:
        """Record that these episodes are in the feed (a failed or re-scripted one stays so)."""
        for slug in slugs:
            info = self.get(slug)
            if info.status == "voiced":
                self.save(info.model_copy(update={"status": "published"}))

    # ------------------------------------------------------------------ locks

    @contextmanager
    def _lock(self, name: str, waiting: Callable[[], None] | None = None) -> Iterator[None]:
        folder = self.root / LOCKS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"{name}.lock").open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None:
                    waiting()
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def working_on(self, slug: str) -> Iterator[None]:
        """Hold the episode while a stage changes its folder; a second run waits its turn."""

        def waiting() -> None:
            log.warning("waiting for another paperdive run to finish with episode %s", slug)

        with self._lock(f"episode-{check_slug(slug)}", waiting):
            yield

    # ------------------------------------------------------------------ the show and its site

    @property
    def show_id(self) -> str:
        """A random id made once per library: the show's identity wherever it is hosted."""
        path = self.root / SHOW_FILE
        with self._lock("show"):
            try:
                return str(uuid.UUID(json.loads(path.read_text("utf-8"))["id"]))
            except FileNotFoundError:
                show_id = str(uuid.uuid4())
                atomic_write_text(path, json.dumps({"id": show_id}, indent=2) + "\n")
                return show_id
            except (ValueError, KeyError, TypeError) as exc:
                raise LibraryError(f"{path} is damaged ({_first_line(exc)})") from None

    @contextmanager
    def new_site(self, site: Path | None = None) -> Iterator[Path]:
        """An empty folder to build the site in; on success it becomes `site` in one step.

        `site` (ROOT/site by default) is a symlink to the current build, replaced with
        os.replace: a reader, or a run killed at any point, sees the old site or the new one,
        never none. Builds left behind by killed runs are removed here. One at a time.
        """
        site = Path(site) if site is not None else self.site
        site.parent.mkdir(parents=True, exist_ok=True)
        with self._lock("publish"):
            _remove_old_builds(site)
            staging = Path(tempfile.mkdtemp(dir=site.parent, prefix=f".{site.name}-"))
            try:
                yield staging
                staging.chmod(0o755)  # mkdtemp makes it owner-only; a web server must read it
                _point(site, staging)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            _remove_old_builds(site)


def _index_papers(db: sqlite3.Connection, slug: str, papers: list[Paper]) -> None:
    db.executemany(
        """INSERT OR REPLACE INTO papers (slug, source, title, arxiv_id, url, published)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [
            (
                slug,
                p.source,
                p.title,
                p.arxiv_id,
                p.url,
                p.published.isoformat() if p.published else None,
            )
            for p in papers
        ],
    )


def _point(site: Path, build: Path) -> None:
    """Make `site` a symlink to `build` in one rename (a real folder there is moved away)."""
    link = site.parent / f".{site.name}-link-{uuid.uuid4().hex}"
    os.symlink(build.name, link)
    try:
        os.replace(link, site)
    except OSError as exc:
        if exc.errno not in (errno.EISDIR, errno.ENOTEMPTY, errno.EEXIST):
            link.unlink()
            raise
        # A site published by an older paperdive: a real folder, replaced once the slow way
        os.replace(site, site.parent / f".{site.name}-old-{uuid.uuid4().hex}")
        os.replace(link, site)


def _remove_old_builds(site: Path) -> None:
    """Remove every `.site-*` beside `site` that `site` does not point to."""
    current = site.parent / os.readlink(site) if site.is_symlink() else None
    for path in site.parent.glob(f".{site.name}-*"):
        if current is not None and path.name == current.name:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
