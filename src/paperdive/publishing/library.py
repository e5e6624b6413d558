"""The show library: one folder per episode plus a SQLite index for listing and lookup.

Each episode's `episode.json` is the source of truth; the index (`library.sqlite`, WAL) is
kept in step by `create`/`save` so listing a large show never opens every folder.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from slugify import slugify

from paperdive.errors import PublishError
from paperdive.models import EpisodeInfo, Paper
from paperdive.store import EpisodeDir

log = logging.getLogger(__name__)

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX_LENGTH = 60
EPISODE_FILE = "episode"

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


def check_slug(slug: str) -> str:
    """Return the slug when it is a plain folder name, else raise PublishError."""
    if not isinstance(slug, str) or not SLUG_PATTERN.fullmatch(slug):
        raise PublishError(f"invalid episode slug {slug!r}: use lowercase letters, digits, '-'")
    return slug


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Library:
    """A show: `root/library.sqlite` and one `root/episodes/<slug>/` folder per episode."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.episodes_root = self.root / "episodes"
        self.episodes_root.mkdir(parents=True, exist_ok=True)
        self.index_path = self.root / "library.sqlite"
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)

    def __repr__(self) -> str:
        return f"Library({str(self.root)!r})"

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.index_path, timeout=30)
        try:
            db.execute("PRAGMA foreign_keys=ON")
            with db:  # commits on success, rolls back on error
                yield db
        finally:
            db.close()

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
            raise PublishError(f"episode {info.slug!r} already exists in {self.root}")
        episode = self.dir(info.slug)
        episode.path.mkdir(parents=True)
        self.save(info)
        return episode

    def save(self, info: EpisodeInfo) -> None:
        """Write `episode.json` and bring the index row up to date."""
        episode = self.dir(info.slug)
        if not episode.path.is_dir():
            raise PublishError(f"episode {info.slug!r} does not exist in {self.root}")
        episode.save(EPISODE_FILE, info)
        now = datetime.now(UTC).isoformat()
        with self._connect() as db:
            db.execute(
                """INSERT INTO episodes (slug, kind, title, status, created, updated, error)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(slug) DO UPDATE SET kind = excluded.kind,
                     title = excluded.title, status = excluded.status,
                     created = excluded.created, updated = excluded.updated,
                     error = excluded.error""",
                (
                    info.slug,
                    info.kind,
                    info.title,
                    info.status,
                    _utc(info.created).isoformat(),
                    now,
                    info.error,
                ),
            )

    def get(self, slug: str) -> EpisodeInfo:
        episode = self.dir(slug)
        if not episode.has(EPISODE_FILE):
            raise PublishError(f"no episode {slug!r} in {self.root}")
        try:
            info = episode.load(EPISODE_FILE, EpisodeInfo)
        except ValueError as exc:
            first = str(exc).splitlines()[0]
            raise PublishError(f"unreadable episode.json for {slug!r}: {first}") from None
        if info.slug != slug:
            raise PublishError(f"episode folder {slug!r} holds an episode.json for {info.slug!r}")
        return info

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
            except PublishError as exc:
                log.warning("%s", exc)
        return infos

    def add_papers(self, slug: str, papers: list[Paper]) -> None:
        """Index the papers an episode covers (re-adding a source updates its row)."""
        check_slug(slug)
        with self._connect() as db:
            if db.execute("SELECT 1 FROM episodes WHERE slug = ?", (slug,)).fetchone() is None:
                raise PublishError(f"no episode {slug!r} in {self.root}")
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

    def papers(self, slug: str) -> list[tuple[str, str, str | None]]:
        """(source, title, url) of the papers indexed for an episode."""
        with self._connect() as db:
            return db.execute(
                "SELECT source, title, url FROM papers WHERE slug = ? ORDER BY rowid",
                (check_slug(slug),),
            ).fetchall()
