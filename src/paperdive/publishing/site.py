"""The static site: a show page, one page per episode, and the files a player needs beside them.

Every link is relative and points at a file (never a bare folder), so the site works from
any static host and straight from the folder over file://.
"""

from __future__ import annotations

import os
import shutil
import stat
from datetime import datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment

from paperdive.config import ShowConfig
from paperdive.models import HostRole
from paperdive.publishing.episode import CHAPTERS_FILE, Episode
from paperdive.publishing.render import relative_date
from paperdive.publishing.transcripts import json_chapters
from paperdive.publishing.turns import transcript_turns

STATIC_DIR = "static"
EPISODES_DIR = "episodes"
PAGE_FILE = "index.html"
WORLD_READABLE = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


def link_or_copy(src: Path, dst: Path) -> None:
    """Hard-link a world-readable file when the site is on the same disk (episodes are large);
    otherwise copy the bytes, so the site's copy is readable by a web server (0644 by umask)."""
    if src.stat().st_mode & WORLD_READABLE == WORLD_READABLE:
        try:
            os.link(src, dst)
            return
        except OSError:
            pass  # another file system: copy instead
    shutil.copyfile(src, dst)


def player_data(episode: Episode) -> dict[str, object]:
    """What player.js reads: the chapters, to name the one playing."""
    return {
        "chapters": [{"title": c.title, "start": c.start} for c in episode.chapters],
    }


def write_static(site: Path) -> None:
    target = site / STATIC_DIR
    target.mkdir(parents=True, exist_ok=True)
    for item in resources.files("paperdive.publishing").joinpath(STATIC_DIR).iterdir():
        if item.is_file() and not item.name.startswith("."):
            (target / item.name).write_bytes(item.read_bytes())


def write_episode(
    env: Environment,
    site: Path,
    episode: Episode,
    *,
    show: ShowConfig,
    host_names: dict[HostRole, str],
    cover: str,
    now: datetime,
) -> None:
    folder = site / EPISODES_DIR / episode.slug
    folder.mkdir(parents=True)
    link_or_copy(episode.mp3, folder / episode.mp3.name)
    source = episode.mp3.parent
    for name in episode.transcripts:
        link_or_copy(source / name, folder / name)
    if episode.chapters_file is not None:
        link_or_copy(episode.chapters_file, folder / CHAPTERS_FILE)
    elif episode.audio.chapters:
        # What the audio stage writes as chapters.json, from the chapters tagged in the MP3
        (folder / CHAPTERS_FILE).write_text(json_chapters(episode.audio.chapters), "utf-8")
    turns = transcript_turns(episode, host_names)
    page = env.get_template("episode.html.j2").render(
        root="../../",
        show=show,
        cover=cover,
        ep=episode,
        relative=relative_date(episode.created, now),
        authors=[a for paper in episode.papers for a in paper.authors],
        turns=turns,
        timed=any(turn.words for turn in turns),
        player_data=player_data(episode),
    )
    (folder / PAGE_FILE).write_text(page, "utf-8")


def write_site(
    env: Environment,
    site: Path,
    episodes: list[Episode],
    *,
    show: ShowConfig,
    host_names: dict[HostRole, str],
    cover: str,
    now: datetime,
) -> None:
    """Write the pages and their files into `site` (an empty folder)."""
    write_static(site)
    for episode in episodes:
        write_episode(env, site, episode, show=show, host_names=host_names, cover=cover, now=now)
    index = env.get_template("index.html.j2").render(
        root="",
        show=show,
        cover=cover,
        episodes=episodes,
        relative={ep.slug: relative_date(ep.created, now) for ep in episodes},
        host_names=host_names,
    )
    (site / PAGE_FILE).write_text(index, "utf-8")
