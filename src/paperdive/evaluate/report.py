"""The report every check adds to: one Check per measured quality, each with its target,
and the loading of an episode's artifacts with one-line errors."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel
from rich.table import Table
from rich.text import Text

from paperdive.errors import PaperdiveError
from paperdive.models import Artifact, Outline, Paper
from paperdive.store import EpisodeDir

M = TypeVar("M", bound=BaseModel)

REPORT_NAME = "eval"
LENGTH_TOLERANCE = 0.10
MAX_LISTED = 8  # problems shown per check in the table; eval.json keeps them all


class EvaluationError(PaperdiveError):
    pass


class Check(BaseModel):
    area: str  # "grounding", "audio" …
    name: str
    result: str  # what was measured, for people
    target: str
    passed: bool | None  # None: could not be measured (say, no audio yet)
    problems: list[str] = []


class EpisodeReport(Artifact):
    episode: str
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(check.passed is not False for check in self.checks)

    def failed(self) -> list[Check]:
        return [check for check in self.checks if check.passed is False]


def render_report(report: EpisodeReport) -> Table:
    """The report as a table: one row per check, its problems listed under the result."""
    table = Table(title=f"Evaluation of {report.episode}", title_justify="left")
    for column in ("area", "check", "result", "target", ""):
        table.add_column(column)
    verdicts = {
        True: Text("pass", style="green"),
        False: Text("FAIL", style="bold red"),
        None: Text("n/a", style="dim"),
    }
    for check in report.checks:
        # Built as Text, not markup: results quote the script, which may contain "[...]".
        result = Text(check.result)
        for problem in check.problems[:MAX_LISTED]:
            result.append(f"\n• {problem}", style="dim")
        if len(check.problems) > MAX_LISTED:
            result.append(f"\n… and {len(check.problems) - MAX_LISTED} more", style="dim")
        table.add_row(check.area, check.name, result, check.target, verdicts[check.passed])
    return table


# ---------------------------------------------------------------- loading


def load_papers(episode: EpisodeDir) -> list[Paper]:
    try:
        papers = episode.papers()
    except ValueError as exc:
        problem = _first_line(exc)
        raise EvaluationError(f"a paper in {episode.path} is not readable: {problem}") from None
    if not papers:
        raise EvaluationError(f"no paper.json in {episode.path}: ingest the paper first")
    return papers


def required(episode: EpisodeDir, name: str, model: type[M], hint: str) -> M:
    if not episode.has(name):
        raise EvaluationError(f"no {name}.json in {episode.path}: {hint}")
    return load(episode, name, model)


def optional(episode: EpisodeDir, name: str, model: type[M]) -> M | None:
    return load(episode, name, model) if episode.has(name) else None


def load(episode: EpisodeDir, name: str, model: type[M]) -> M:
    try:
        return episode.load(name, model)
    except ValueError as exc:
        path = episode.file(name + ".json")
        raise EvaluationError(f"{path} is not readable: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0]


def share(found: int, total: int) -> str:
    return f"{found}/{total} ({found / total:.0%})" if total else "none to check"


def length_check(area: str, name: str, minutes: float, outline: Outline | None) -> Check:
    """Against the length planned: the one asked for, or the shorter one the paper's
    material supports, which the report then says."""
    if outline is None:
        return Check(area=area, name=name, result=f"{minutes:.1f} min", target="", passed=None)
    target = outline.planned_minutes
    off = minutes / target - 1
    short = (
        f" (the paper supports {target:.3g} of the {outline.target_minutes:.3g} asked)"
        if target < outline.target_minutes
        else ""
    )
    return Check(
        area=area,
        name=name,
        result=f"{minutes:.1f} min ({off:+.0%}){short}",
        target=f"{target:.3g} min ±{LENGTH_TOLERANCE:.0%}",
        passed=abs(off) <= LENGTH_TOLERANCE,
    )
