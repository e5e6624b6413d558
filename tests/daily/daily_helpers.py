"""Helpers for the daily pick tests: a localhost arXiv API, a frozen clock, a fake show."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from arxiv_fixture import FixturePaper

from paperdive.config import Settings, ShowConfig
from paperdive.daily.command import arxiv_client
from paperdive.daily.rank import Positive
from paperdive.daily.run import Daily
from paperdive.daily.window import window_for
from paperdive.errors import IngestError
from paperdive.ingestion.fetch import Fetcher, Pacer

DAY = date(2025, 1, 9)  # a Thursday: its listing holds Tue 14:00 → Wed 14:00 ET submissions
NOW = datetime(2025, 1, 9, 12, 0, tzinfo=UTC)  # the morning after the announcement

ON_TOPIC = {
    "2501.10001": (
        "Tool-using language model agents that repair code in real repositories",
        "We train an autonomous agent built on a large language model to call tools, run "
        "tests and fix bugs in real software repositories, and evaluate it on an agentic "
        "coding benchmark where it resolves more issues than prior agents.",
    ),
    "2501.10002": (
        "Reinforcement learning with verifiable rewards for reasoning language models",
        "We post-train large language models with reinforcement learning from verifiable "
        "rewards and a learned verifier, improving multi-step reasoning and search on math "
        "and coding benchmarks while reducing reward hacking.",
    ),
    "2501.10003": (
        "Paged KV cache quantization for faster LLM serving",
        "Serving large language models is limited by the KV cache. We quantize the KV cache "
        "to four bits inside a paged serving system and combine it with speculative decoding, "
        "doubling inference throughput at equal quality on long-context workloads.",
    ),
}
OFF_TOPIC = {
    "2501.10004": (
        "Crop yield prediction from drone imagery",
        "Wheat fields photographed by "
        "drones are segmented with a convolutional network to predict yield.",
    ),
    "2501.10005": (
        "Segmenting retinal vessels in fundus photographs",
        "A U-Net variant "
        "segments retinal vessels in clinical fundus images for diabetic screening.",
    ),
    "2501.10006": (
        "A survey of traffic forecasting with graph networks",
        "We review graph neural networks for road traffic speed forecasting in smart cities.",
    ),
    "2501.10007": (
        "Solar panel fault detection with thermal cameras",
        "Thermal images of photovoltaic plants reveal hot spots that a detector localises.",
    ),
    "2501.10008": (
        "Bird song classification in noisy forests",
        "Spectrogram features and a small classifier identify bird species from field recordings.",
    ),
    "2501.10009": (
        "Predicting concrete strength with gradient boosting",
        "Mix proportions and curing time predict compressive strength of concrete samples.",
    ),
}
EXAMPLE = (
    "2412.00001",
    "Agents that learn to use tools through reinforcement learning",
    "A language model agent learns when to call tools and how to recover from failed "
    "actions through reinforcement learning in simulated software environments.",
)


def fixture_papers(day: date = DAY) -> list[FixturePaper]:
    """The day's papers inside its submission window, plus one just outside it."""
    window = window_for(day)
    papers = []
    for n, (arxiv_id, (title, abstract)) in enumerate({**OFF_TOPIC, **ON_TOPIC}.items()):
        when = window.start + timedelta(minutes=30 + 60 * n)
        papers.append(FixturePaper(arxiv_id, title, abstract, when, ["cs.AI", "cs.LG"]))
    papers.append(
        FixturePaper(
            "2501.09999",
            "LLM agents submitted a minute too late for this listing",
            ON_TOPIC["2501.10001"][1],
            window.end + timedelta(minutes=1),
            ["cs.CL"],
        )
    )
    papers.append(
        FixturePaper(EXAMPLE[0], EXAMPLE[1], EXAMPLE[2], datetime(2024, 12, 2, tzinfo=UTC))
    )
    return papers


@dataclass
class FakeShow:
    """A show whose episodes are a JSON file: made ids, failures, a kill at the Nth make."""

    folder: Path
    fail: dict[str, str] = field(default_factory=dict)
    kill_at: int | None = None
    makes: list[str] = field(default_factory=list)
    digests: list[list[str]] = field(default_factory=list)
    publishes: int = 0

    @property
    def _file(self) -> Path:
        return self.folder / "made.json"

    def made(self) -> set[str]:
        return set(json.loads(self._file.read_text())) if self._file.is_file() else set()

    def positives(self) -> list[Positive]:
        return []

    def make(self, arxiv_id: str) -> str:
        self.makes.append(arxiv_id)
        if self.kill_at is not None and len(self.makes) == self.kill_at:
            raise KeyboardInterrupt  # the run dies here, mid-episode
        if arxiv_id in self.fail:
            raise IngestError(self.fail[arxiv_id])
        self.folder.mkdir(parents=True, exist_ok=True)
        self._file.write_text(json.dumps(sorted(self.made() | {arxiv_id})))
        return f"episode-{arxiv_id}"

    def make_digest(self, arxiv_ids: list[str], minutes: float) -> tuple[str, list[str]]:
        self.digests.append(list(arxiv_ids))
        if self.kill_at is not None and len(self.digests) == self.kill_at:
            raise KeyboardInterrupt
        left_out = [f"{i}: {self.fail[i]}" for i in arxiv_ids if i in self.fail]
        return f"digest-{len(arxiv_ids)}", left_out

    def publish(self) -> None:
        self.publishes += 1


def make_daily(
    tmp_path: Path,
    api: str,
    show: FakeShow,
    *,
    now: datetime = NOW,
    examples: list[str] | None = None,
    count: int = 2,
) -> Daily:
    settings = Settings(
        library=tmp_path / "show",
        arxiv_api=api,
        show=ShowConfig(examples=examples or []),
        daily={"count": count},
    )
    lines: list[str] = []
    daily = Daily(
        settings=settings,
        maker=show,
        root=tmp_path / "show" / "daily",
        fetcher=Fetcher(arxiv_client(settings), sleep=lambda _: None, deadline_s=30),
        pacer=Pacer(0.0),
        clock=lambda: now,
        report=lines.append,
    )
    daily.lines = lines  # type: ignore[attr-defined]
    return daily
