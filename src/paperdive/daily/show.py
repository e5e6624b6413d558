"""The real show behind `paperdive daily`: its library, its episodes, its site."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from paperdive.config import Settings
from paperdive.daily.rank import Positive
from paperdive.errors import PaperdiveError

if TYPE_CHECKING:
    from paperdive.library import Library

FINISHED = ("voiced", "published")


@dataclass
class ShowMaker:
    """Makes deep-dive episodes with paperdive.episode and publishes with paperdive.publishing."""

    settings: Settings
    _positives: list[Positive] | None = field(default=None, init=False)

    def _library(self) -> Library:
        from paperdive.library import Library

        return Library(self.settings.library)

    def made(self) -> set[str]:
        if not (self.settings.library / "library.sqlite").is_file():
            return set()
        return {
            info.sources[0]
            for info in self._library().episodes()
            if info.kind == "deep-dive" and info.status in FINISHED and len(info.sources) == 1
        }

    def positives(self) -> list[Positive]:
        """Title and abstract of every finished deep dive's paper (a digest's thirty papers
        are a day's ranking, not thirty papers the show chose to dwell on)."""
        if self._positives is not None:
            return self._positives
        out: list[Positive] = []
        if (self.settings.library / "library.sqlite").is_file():
            library = self._library()
            for info in library.episodes():
                if info.status not in FINISHED or info.kind != "deep-dive":
                    continue
                try:
                    papers = library.dir(info.slug).papers()
                except (PaperdiveError, OSError, ValueError):
                    continue  # an unreadable paper.json is no reason to stop the day
                out += [
                    Positive(
                        kind="episode",
                        title=p.title,
                        text=f"{p.title}. {p.abstract}",
                        arxiv_id=p.arxiv_id,
                    )
                    for p in papers
                    if p.title
                ]
        self._positives = out
        return out

    def make(self, arxiv_id: str) -> str:
        from paperdive.episode import make_episode
        from paperdive.ingestion.arxiv_api import API_URL_ENV

        # ingestion reads the endpoint from the environment: point it where the listing came from
        os.environ.setdefault(API_URL_ENV, self.settings.arxiv_api)
        result = make_episode(
            [arxiv_id],
            self.settings,
            minutes=self.settings.daily.minutes,
            publish_site=False,
        )
        return result.info.slug

    def make_digest(self, arxiv_ids: list[str], minutes: float) -> tuple[str, list[str]]:
        from paperdive.episode import make_episode
        from paperdive.ingestion.arxiv_api import API_URL_ENV

        os.environ.setdefault(API_URL_ENV, self.settings.arxiv_api)
        result = make_episode(
            arxiv_ids, self.settings, format="digest", minutes=minutes, publish_site=False
        )
        return result.info.slug, result.shownotes.left_out

    def publish(self) -> None:
        from paperdive.publishing import publish

        publish(self._library(), self.settings.show, self.settings.hosts)
