"""What `paperdive daily` does and prints; cli.py only parses the options."""

from __future__ import annotations

from datetime import date

import httpx2
from rich.console import Console
from rich.table import Table

from paperdive import __version__
from paperdive.config import Settings
from paperdive.daily.run import Daily, DailyBusy, Outcome
from paperdive.daily.show import ShowMaker

ROWS = 25  # how much of the ranking a dry run prints


def user_agent(settings: Settings) -> str:
    contact = f"; mailto:{settings.show.email}" if settings.show.email else ""
    return (
        f"paperdive/{__version__} (daily arXiv pick for the podcast "
        f"{settings.show.title!r}{contact})"
    )


def arxiv_client(settings: Settings) -> httpx2.Client:
    return httpx2.Client(
        follow_redirects=True,
        timeout=httpx2.Timeout(60.0, connect=10.0),
        headers={"user-agent": user_agent(settings)},
    )


def open_daily(settings: Settings, report: Console) -> Daily:
    from paperdive.ingestion.arxiv_api import ARXIV_PACER
    from paperdive.ingestion.fetch import Fetcher

    client = arxiv_client(settings)
    llm_factory = None
    from paperdive.llm import open_llm, parse_spec

    spec = parse_spec(settings.llm)
    if spec.writes_freely:
        llm_factory = lambda: open_llm(spec)  # noqa: E731
    return Daily(
        settings=settings,
        maker=ShowMaker(settings),
        root=settings.library / "daily",
        fetcher=Fetcher(client),
        pacer=ARXIV_PACER,
        report=lambda line: report.print(line, markup=False, highlight=False),
        llm_factory=llm_factory,
    )


def ranked_table(outcome: Outcome, rows: int = ROWS) -> Table:
    table = Table(title=f"{outcome.day}: {outcome.message}", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("arXiv")
    table.add_column("title", max_width=60)
    table.add_column("why", max_width=60)
    for number, item in enumerate(outcome.ranked[:rows], 1):
        why = ", ".join(item.reasons)
        if item.note:
            why = f"editor: {item.note} (ranker: {why})"
        table.add_row(str(number), f"{item.score:+.3f}", item.paper.arxiv_id, item.paper.title, why)
    return table


def run_daily(
    settings: Settings,
    *,
    day: date | None,
    count: int | None,
    dry_run: bool,
    out: Console,
    err: Console,
) -> int:
    """The exit status: 0 for done or nothing new, 1 when papers failed and none was made."""
    daily = open_daily(settings, err)
    if dry_run:
        outcome = daily.preview(day)
        if outcome.status == "nothing-new":
            out.print(outcome.message, markup=False)
            return 0
        if outcome.editor_problem:
            err.print(outcome.editor_problem, markup=False, style="yellow")
        out.print(ranked_table(outcome, max(ROWS, count or 0)))
        out.print("dry run: nothing was made or published", markup=False)
        return 0
    try:
        outcome = daily.run(day, count)
    except DailyBusy as exc:  # the other run does the work: not a failure of this one
        err.print(str(exc), markup=False)
        return 0
    for pick in outcome.failed:
        err.print(f"left out {pick.arxiv_id} ({pick.title}): {pick.error}", markup=False)
    for pick in outcome.made:
        out.print(f"{pick.arxiv_id}  {pick.slug or ''}  {pick.title}", markup=False)
    out.print(outcome.message, markup=False)
    return 1 if outcome.failed and not outcome.made else 0


def run_digest(
    settings: Settings,
    *,
    day: date | None,
    limit: int,
    minutes: float,
    out: Console,
    err: Console,
) -> int:
    """`paperdive digest`: exit 0 when made (or nothing new, or already made)."""
    daily = open_daily(settings, err)
    try:
        outcome = daily.digest(day, limit, minutes)
    except DailyBusy as exc:
        err.print(str(exc), markup=False)
        return 0
    if outcome.digest is not None:
        for why in outcome.digest.left_out:
            err.print(f"left out {why}", markup=False)
        if outcome.digest.slug:
            out.print(f"{outcome.digest.slug}  {len(outcome.digest.papers)} papers", markup=False)
    out.print(outcome.message, markup=False)
    return 0
