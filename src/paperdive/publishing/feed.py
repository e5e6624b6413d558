"""feed.xml: RSS 2.0 with iTunes tags, the Podcast Index namespace and Podlove chapters."""

from __future__ import annotations

import uuid
from datetime import datetime
from urllib.parse import urlsplit

from jinja2 import Environment

from paperdive.config import HostConfig, ShowConfig
from paperdive.models import HostRole
from paperdive.publishing.episode import Episode

# The Podcast Index namespace's fixed UUID for deriving podcast:guid from a feed URL.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
# Item GUIDs depend only on the episode, so moving the site never re-announces old episodes.
EPISODE_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://paperdive/episode")
FEED_FILE = "feed.xml"


def podcast_guid(feed_url: str) -> str:
    """podcast:guid per the spec: UUIDv5 of the feed URL without scheme and trailing slashes."""
    parts = urlsplit(feed_url)
    bare = feed_url[len(parts.scheme) + 3 :] if parts.scheme else feed_url
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare.rstrip("/")))


def episode_guid(episode: Episode) -> str:
    return str(uuid.uuid5(EPISODE_GUID_NAMESPACE, f"{episode.slug}/{episode.created.isoformat()}"))


def render_feed(
    env: Environment,
    show: ShowConfig,
    hosts: dict[HostRole, HostConfig],
    episodes: list[Episode],
    *,
    site_url: str,
    cover: str,
    notes_html: dict[str, str],
    now: datetime,
) -> str:
    """The feed's XML; `notes_html` maps each slug to its show notes as an HTML fragment."""
    feed_url = f"{site_url}/{FEED_FILE}"
    return env.get_template("feed.xml.j2").render(
        show=show,
        host_names=[host.name for host in hosts.values()],
        episodes=episodes,
        site_url=site_url,
        feed_url=feed_url,
        podcast_guid=podcast_guid(feed_url),
        guids={ep.slug: episode_guid(ep) for ep in episodes},
        cover=cover,
        notes_html=notes_html,
        now=now,
    )
