"""`publish`: render feed.xml and the site from the library into a build the library swaps in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from paperdive.config import HostConfig, ShowConfig
from paperdive.errors import LibraryError, PublishError
from paperdive.library import Library
from paperdive.models import HostRole
from paperdive.publishing.cover import cover_file
from paperdive.publishing.episode import Episode, Unpublishable, load_episode
from paperdive.publishing.feed import FEED_FILE, render_feed
from paperdive.publishing.render import environment
from paperdive.publishing.site import EPISODES_DIR, PAGE_FILE, write_site


@dataclass(frozen=True)
class PublishResult:
    site: Path
    feed: Path
    published: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (slug, reason)

    @property
    def index(self) -> Path:
        return self.site / PAGE_FILE

    def page(self, slug: str) -> Path | None:
        """The published page of an episode, or None when it was left out."""
        return self.site / EPISODES_DIR / slug / PAGE_FILE if slug in self.published else None


def collect(library: Library) -> tuple[list[Episode], list[tuple[str, str]]]:
    """The publishable episodes, newest first, and (slug, reason) for the rest."""
    ready: list[Episode] = []
    skipped: list[tuple[str, str]] = []
    for slug in library.slugs():
        try:
            info = library.get(slug)
            ready.append(load_episode(library.dir(slug), info))
        except (LibraryError, Unpublishable) as reason:
            skipped.append((slug, str(reason)))
    return ready, skipped


def publish(
    library: Library,
    show: ShowConfig,
    hosts: dict[HostRole, HostConfig],
    *,
    base_url: str | None = None,
    site_dir: Path | None = None,
    now: datetime | None = None,
) -> PublishResult:
    """Build feed.xml and the static site for every finished episode.

    The site goes to the library's site/ (or `site_dir`), replaced in one step.
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    site_url = (base_url or show.base_url).rstrip("/")
    if not site_url.startswith(("http://", "https://")):
        raise PublishError(f"base URL {site_url!r} must start with http:// or https://")
    cover_name, cover_bytes = cover_file(show.cover, show.title)
    host_names = {role: host.name for role, host in hosts.items()}
    env = environment()
    show_id = library.show_id
    with library.new_site(site_dir) as staging:
        episodes, skipped = collect(library)
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
            show_id=show_id,
            cover=cover_name,
            notes_html={ep.slug: notes.render(ep=ep) for ep in episodes},
            now=now,
        )
        (staging / FEED_FILE).write_text(feed, "utf-8")
    published = [ep.slug for ep in episodes]
    library.mark_published(published)
    site = Path(site_dir) if site_dir is not None else library.site
    return PublishResult(site=site, feed=site / FEED_FILE, published=published, skipped=skipped)
