"""`publish`: rebuild feed.xml and the site from the library, then swap them in at once."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from paperdive.config import HostConfig, ShowConfig
from paperdive.errors import PublishError
from paperdive.models import HostRole
from paperdive.publishing.cover import cover_file
from paperdive.publishing.episode import Episode, Unpublishable, load_episode
from paperdive.publishing.feed import FEED_FILE, render_feed
from paperdive.publishing.library import Library
from paperdive.publishing.render import environment
from paperdive.publishing.site import write_site


@dataclass(frozen=True)
class PublishResult:
    site: Path
    feed: Path
    published: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (slug, reason)


def collect(library: Library) -> tuple[list[Episode], list[tuple[str, str]]]:
    """The publishable episodes, newest first, and (slug, reason) for the rest."""
    ready: list[Episode] = []
    skipped: list[tuple[str, str]] = []
    for slug in library.slugs():
        try:
            info = library.get(slug)
            ready.append(load_episode(library.dir(slug), info))
        except (PublishError, Unpublishable) as reason:
            skipped.append((slug, str(reason)))
    return ready, skipped


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with two renames: readers see the old site or the new one.

    (Between the renames the folder is briefly absent, never half-written.)
    """
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(dir=site_dir.parent, prefix=f".{site_dir.name}-old-"))
        os.replace(site_dir, old / site_dir.name)
    os.replace(staging, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def publish(
    library: Library,
    show: ShowConfig,
    hosts: dict[HostRole, HostConfig],
    *,
    base_url: str | None = None,
    site_dir: Path | None = None,
    now: datetime | None = None,
) -> PublishResult:
    """Build feed.xml and the static site for every finished episode into `site_dir`."""
    site_dir = Path(site_dir) if site_dir is not None else library.root / "site"
    now = (now or datetime.now(UTC)).astimezone(UTC)
    site_url = (base_url or show.base_url).rstrip("/")
    if not site_url.startswith(("http://", "https://")):
        raise PublishError(f"base URL {site_url!r} must start with http:// or https://")
    cover_name, cover_bytes = cover_file(show.cover, show.title)
    episodes, skipped = collect(library)
    host_names = {role: host.name for role, host in hosts.items()}
    env = environment()

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=site_dir.parent, prefix=f".{site_dir.name}-new-"))
    try:
        (staging / cover_name).write_bytes(cover_bytes)
        write_site(
            env, staging, episodes, show=show, host_names=host_names, cover=cover_name, now=now
        )
        notes = env.get_template("shownotes.html.j2")
        feed = render_feed(
            env,
            show,
            hosts,
            episodes,
            site_url=site_url,
            cover=cover_name,
            notes_html={ep.slug: notes.render(ep=ep) for ep in episodes},
            now=now,
        )
        (staging / FEED_FILE).write_text(feed, "utf-8")
        staging.chmod(0o755)  # mkdtemp makes it owner-only; a web server must read it
        swap_in(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise

    for episode in episodes:
        if episode.info.status != "published":
            library.save(episode.info.model_copy(update={"status": "published"}))
    return PublishResult(
        site=site_dir,
        feed=site_dir / FEED_FILE,
        published=[ep.slug for ep in episodes],
        skipped=skipped,
    )
