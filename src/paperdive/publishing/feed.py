"""feed.xml: RSS 2.0 with iTunes tags, the Podcast Index namespace and Podlove chapters."""

from __future__ import annotations

import uuid
from datetime import datetime

from jinja2 import Environment

from paperdive.config import HostConfig, ShowConfig
from paperdive.models import HostRole
from paperdive.publishing.episode import Episode

# The Podcast Index namespace's fixed UUID for deriving podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
# Item GUIDs depend only on the episode, so moving the site never re-announces old episodes.
EPISODE_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://paperdive/episode")
FEED_FILE = "feed.xml"


def podcast_guid(show_id: str) -> str:
    """podcast:guid: a UUIDv5 of the show's own identity (made once per library), not of the
    feed URL the spec suggests, so moving the site keeps it and two installs never share it."""
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, f"paperdive-show:{show_id}"))


def episode_guid(episode: Episode) -> str:
    return str(uuid.uuid5(EPISODE_GUID_NAMESPACE, f"{episode.slug}/{episode.created.isoformat()}"))


def render_feed(
    env: Environment,
    show: ShowConfig,
    hosts: dict[HostRole, HostConfig],
    episodes: list[Episode],
    *,
    site_url: str,
    show_id: str,
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
        podcast_guid=podcast_guid(show_id),
        guids={ep.slug: episode_guid(ep) for ep in episodes},
        cover=cover,
        notes_html=notes_html,
        now=now,
    )
