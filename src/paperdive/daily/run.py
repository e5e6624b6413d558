"""`paperdive daily`: list a day's new papers, rank them, make the top N, publish once.

Everything the run decides is written to `LIBRARY/daily/DAY/` before anything is made:
`listing.json` (the day's papers, once fully listed) and `state.json` (the ranking and each
pick's status). So a second run of the same day reads its decisions back and does nothing
new, a killed run resumes with the paper it was making (whose episode resumes from its own
stage cache), and a missed day is caught up later with `--date` and ranks the same papers.
One run at a time per library: `LIBRARY/daily/.lock` (flock) makes a concurrent run stop at
once with a clear line, never wait or interleave.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, Field

from paperdive.config import Settings
from paperdive.daily.editor import rerank_or_keep
from paperdive.daily.listing import ListedPaper, list_new, parse_page
from paperdive.daily.rank import Positive, Ranked, rank_papers
from paperdive.daily.window import announced, has_listing, latest_listing_day, window_for
from paperdive.errors import IngestError, PaperdiveError
from paperdive.ingestion.fetch import Fetcher, Pacer
from paperdive.store import atomic_write_text

KEEP_RANKED = 50  # how much of the ranking state.json keeps: picks and their replacements
MAX_FAILURES = 5  # papers that fail to become episodes before a run gives up for the day


class DailyBusy(PaperdiveError):
    """Another `paperdive daily` holds the library's daily lock."""


class Pick(BaseModel):
    arxiv_id: str
    title: str
    score: float
    reasons: list[str] = Field(default_factory=list)
    note: str | None = None
    status: Literal["candidate", "made", "failed"] = "candidate"
    error: str | None = None
    slug: str | None = None


class DigestState(BaseModel):
    """`paperdive digest`: the day's top papers made into one episode."""

    papers: list[str]  # arXiv ids, in the ranking's order
    minutes: float
    status: Literal["candidate", "made", "failed"] = "candidate"
    slug: str | None = None
    left_out: list[str] = Field(default_factory=list)  # "SOURCE: why" for unread papers
    error: str | None = None
    published: bool = False


class DayState(BaseModel):
    day: date
    ranker: str
    listed: int
    editor_problem: str | None = None
    ranked: list[Pick] = Field(default_factory=list)
    published: bool = False
    digests: dict[int, DigestState] = Field(default_factory=dict)  # by --limit


class Maker(Protocol):
    """What the run needs from the show: what is made, making one, publishing."""

    def made(self) -> set[str]:
        """arXiv ids that already have a finished (voiced or published) episode."""
        ...

    def positives(self) -> list[Positive]:
        """The papers of the show's past episodes."""
        ...

    def make(self, arxiv_id: str) -> str:
        """Make (or resume) the episode of one paper, without publishing; its slug."""
        ...

    def make_digest(self, arxiv_ids: list[str], minutes: float) -> tuple[str, list[str]]:
        """Make (or resume) one digest episode of the papers, without publishing: its slug
        and the papers it had to leave out ("SOURCE: why")."""
        ...

    def publish(self) -> None: ...


@dataclass
class Outcome:
    day: date
    status: Literal["nothing-new", "ranked", "done"]
    message: str
    ranked: list[Ranked] = field(default_factory=list)
    made: list[Pick] = field(default_factory=list)
    failed: list[Pick] = field(default_factory=list)
    published: bool = False
    editor_problem: str | None = None
    digest: DigestState | None = None


Report = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


@dataclass
class Daily:
    """One show's daily job. Pass a fake Maker, a localhost API and a frozen clock to test."""

    settings: Settings
    maker: Maker
    root: Path  # LIBRARY/daily
    fetcher: Fetcher
    pacer: Pacer
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    report: Report = _quiet
    llm_factory: Callable[[], object | None] | None = None

    # ---------------------------------------------------------------- the day
    def resolve_day(self, day: date | None) -> tuple[date, str | None]:
        """(day, why there is nothing to do) for `--date` or the newest announced listing."""
        now = self.clock()
        day = day or latest_listing_day(now)
        if not has_listing(day):
            return day, f"arXiv publishes no listing on {day:%A %Y-%m-%d}: nothing new"
        if not announced(day, now):
            return day, f"the arXiv listing of {day:%Y-%m-%d} is not announced yet: nothing new"
        return day, None

    def folder(self, day: date) -> Path:
        return self.root / day.isoformat()

    def listing(self, day: date, *, save: bool) -> list[ListedPaper]:
        cached = self.folder(day) / "listing.json"
        if cached.is_file():
            return Listing.model_validate_json(cached.read_text()).papers
        self.report(f"listing {day:%Y-%m-%d} in {', '.join(self.settings.show.arxiv_categories)}")
        papers = list_new(
            self.settings.show.arxiv_categories,
            window_for(day),
            api=self.settings.arxiv_api,
            fetcher=self.fetcher,
            pacer=self.pacer,
        )
        if save:
            cached.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(cached, Listing(day=day, papers=papers).model_dump_json(indent=1))
        return papers

    # ---------------------------------------------------------------- ranking
    def positives(self, *, save: bool) -> list[Positive]:
        show = self.settings.show
        out = []
        if show.topics.strip():
            out.append(Positive(kind="topics", title="the show's topics", text=show.topics))
        out += self.examples(show.examples, save=save)
        return out + self.maker.positives()

    def examples(self, ids: Sequence[str], *, save: bool) -> list[Positive]:
        """The show's example papers, fetched once from the API and kept in examples.json."""
        cache = self.root / "examples.json"
        known = Examples.model_validate_json(cache.read_text()).papers if cache.is_file() else []
        by_id = {p.arxiv_id: p for p in known}
        missing = [i for i in dict.fromkeys(ids) if i not in by_id]
        for start in range(0, len(missing), 100):
            by_id |= {p.arxiv_id: p for p in self._fetch_ids(missing[start : start + 100])}
        if missing and save:
            cache.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(cache, Examples(papers=list(by_id.values())).model_dump_json())
        unknown = [i for i in ids if i not in by_id]
        if unknown:
            self.report(f"arXiv does not know the example(s) {', '.join(unknown)}: left out")
        return [
            Positive(kind="example", title=p.title, text=p.text, arxiv_id=p.arxiv_id)
            for i in ids
            if (p := by_id.get(i))
        ]

    def _fetch_ids(self, ids: list[str]) -> list[ListedPaper]:
        from urllib.parse import urlencode

        from paperdive.daily.listing import ArxivUnavailable

        query = urlencode({"id_list": ",".join(ids), "max_results": len(ids)})
        try:
            body = self.fetcher.get(
                f"{self.settings.arxiv_api}?{query}",
                what="the show's example papers",
                max_bytes=5_000_000,
                pacer=self.pacer,
            )
        except IngestError as exc:
            raise ArxivUnavailable(f"arXiv API unavailable: {exc}") from None
        return parse_page(body)[1]

    def rank(self, day: date, papers: list[ListedPaper], *, save: bool) -> DayState:
        made = self.maker.made()
        fresh = [p for p in papers if p.arxiv_id not in made]
        ranker, ranked = rank_papers(
            self.settings.daily.ranker, fresh, self.positives(save=save), self.report
        )
        llm = self.llm_factory() if self.llm_factory else None
        ranked, problem = rerank_or_keep(llm, ranked, self.settings.show.topics)  # type: ignore[arg-type]
        if problem:
            self.report(problem)
        return DayState(
            day=day,
            ranker=ranker,
            listed=len(papers),
            editor_problem=problem,
            ranked=[
                Pick(
                    arxiv_id=r.paper.arxiv_id,
                    title=r.paper.title,
                    score=r.score,
                    reasons=r.reasons,
                    note=r.note,
                )
                for r in ranked[:KEEP_RANKED]
            ],
        )

    def preview(self, day: date | None) -> Outcome:
        """`--dry-run`: the ranked table with its reasons; writes and makes nothing."""
        day, nothing = self.resolve_day(day)
        if nothing:
            return Outcome(day, "nothing-new", nothing)
        papers = self.listing(day, save=False)
        if not papers:
            return Outcome(day, "nothing-new", f"no new papers listed for {day}: nothing new")
        made = self.maker.made()
        fresh = [p for p in papers if p.arxiv_id not in made]
        _, ranked = rank_papers(
            self.settings.daily.ranker, fresh, self.positives(save=False), self.report
        )
        llm = self.llm_factory() if self.llm_factory else None
        ranked, problem = rerank_or_keep(llm, ranked, self.settings.show.topics)  # type: ignore[arg-type]
        message = f"{len(papers)} new papers on {day}, {len(papers) - len(fresh)} already made"
        return Outcome(day, "ranked", message, ranked=ranked, editor_problem=problem)

    # ---------------------------------------------------------------- the run
    def run(self, day: date | None = None, count: int | None = None) -> Outcome:
        count = self.settings.daily.count if count is None else count
        day, nothing = self.resolve_day(day)
        if nothing:
            return Outcome(day, "nothing-new", nothing)
        with self.lock():
            state = self.day_state(day)
            if state.listed == 0:
                return Outcome(day, "nothing-new", f"no new papers listed for {day}: nothing new")
            return self._make(state, count)

    def day_state(self, day: date) -> DayState:
        """The day's decisions: read back, or listed and ranked now and saved (hold the lock)."""
        state = self.load_state(day)
        if state is None:
            papers = self.listing(day, save=True)
            state = self.rank(day, papers, save=True)
            self.save_state(state)
        return state

    def digest(self, day: date | None, limit: int, minutes: float) -> Outcome:
        """`paperdive digest`: the day's `limit` best papers (the daily ranking, kept in
        state.json) made into one episode and published. The picks are saved before anything
        is made, so a second run does nothing new and a killed one resumes the same episode."""
        if not 1 <= limit <= KEEP_RANKED:
            raise PaperdiveError(f"--limit must be between 1 and {KEEP_RANKED}, got {limit}")
        day, nothing = self.resolve_day(day)
        if nothing:
            return Outcome(day, "nothing-new", nothing)
        with self.lock():
            state = self.day_state(day)
            if not state.ranked:
                return Outcome(day, "nothing-new", f"no new papers listed for {day}: nothing new")
            digest = state.digests.get(limit)
            if digest is None:
                digest = DigestState(
                    papers=[p.arxiv_id for p in state.ranked[:limit]], minutes=minutes
                )
                state.digests[limit] = digest
                self.save_state(state)
            if digest.status == "made" and digest.published:
                message = f"nothing to do: the digest of {day} is already made ({digest.slug})"
                return Outcome(day, "done", message, published=True, digest=digest)
            self.report(f"making a digest of {len(digest.papers)} papers of {day}")
            try:
                digest.slug, digest.left_out = self.maker.make_digest(digest.papers, digest.minutes)
                digest.status, digest.error = "made", None
            except PaperdiveError as exc:
                digest.status, digest.error = "failed", str(exc)
                self.save_state(state)
                raise
            self.save_state(state)
            self.report(f"publishing the digest of {day}")
            self.maker.publish()
            digest.published = True
            self.save_state(state)
            read = len(digest.papers) - len(digest.left_out)
            message = f"a digest of {read} papers for {day}, published"
            return Outcome(day, "done", message, published=True, digest=digest)

    def _make(self, state: DayState, count: int) -> Outcome:
        made_before = {p.arxiv_id for p in state.ranked if p.status == "made"}
        finished = self.maker.made()
        failures = sum(p.status == "failed" for p in state.ranked)
        for pick in state.ranked:
            done = sum(p.status == "made" for p in state.ranked)
            if done >= count or failures >= MAX_FAILURES:
                break
            if pick.status != "candidate":
                continue
            if pick.arxiv_id in finished:  # made before a kill could record it
                pick.status = "made"
                self.save_state(state)
                continue
            self.report(f"making {pick.arxiv_id}: {pick.title}")
            try:
                pick.slug = self.maker.make(pick.arxiv_id)
                pick.status = "made"
            except PaperdiveError as exc:
                pick.status, pick.error = "failed", str(exc)
                failures += 1
                self.report(f"skipped {pick.arxiv_id}: {exc}")
            self.save_state(state)
        made = [p for p in state.ranked if p.status == "made"]
        failed = [p for p in state.ranked if p.status == "failed"]
        new = [p for p in made if p.arxiv_id not in made_before]
        if made and (new or not state.published):
            self.report(f"publishing {len(made)} episode(s) of {state.day}")
            self.maker.publish()
            state.published = True
            self.save_state(state)
            message = f"{len(new)} new episode(s) for {state.day}, published"
        elif made:
            message = f"nothing to do: {len(made)} episode(s) for {state.day} already made"
        else:
            message = f"no episode made for {state.day}"
        if failures >= MAX_FAILURES and len(made) < count:
            message += f"; stopped after {failures} papers failed"
        return Outcome(
            state.day, "done", message, made=made, failed=failed, published=state.published
        )

    # ---------------------------------------------------------------- files
    def load_state(self, day: date) -> DayState | None:
        path = self.folder(day) / "state.json"
        return DayState.model_validate_json(path.read_text()) if path.is_file() else None

    def save_state(self, state: DayState) -> None:
        path = self.folder(state.day) / "state.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, state.model_dump_json(indent=1))

    @contextmanager
    def lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / ".lock"
        with path.open("a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise DailyBusy(
                    f"another paperdive daily is running on {self.root.parent} (pid {holder}); "
                    "this one does nothing"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            try:
                yield
            finally:
                handle.seek(0)
                handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)


class Listing(BaseModel):
    day: date
    papers: list[ListedPaper]


class Examples(BaseModel):
    papers: list[ListedPaper]
