"""The `paperdive` command: a thin layer over the library API."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from paperdive.config import Settings, load_settings
from paperdive.errors import PaperdiveError, describe
from paperdive.models import Review, ScriptFormat
from paperdive.store import EpisodeDir

app = typer.Typer(
    help="Turn AI research papers into two-host podcast episodes, checked against the paper.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console()

Source = Annotated[str, typer.Argument(help="arXiv id or URL, PDF URL, or local PDF path")]
SourceURL = Annotated[
    str | None,
    typer.Option("--source-url", help="the paper's public link (a local PDF has none of its own)"),
]
Format = Annotated[ScriptFormat, typer.Option("--format", "-f", help="episode format")]
Minutes = Annotated[
    float | None,
    typer.Option(
        "--minutes",
        "-m",
        min=1,
        max=120,
        help="target length (default: the format's: brief 5, critique 15, debate 15, deep-dive 25)",
    ),
]
LLM = Annotated[
    str | None,
    typer.Option(
        "--llm", help="writer: extractive (offline default), anthropic:MODEL, openai:MODEL, …"
    ),
]
MaxCost = Annotated[
    float | None,
    typer.Option(
        "--max-cost",
        min=0.01,
        help="USD: stop before a model request could take this run's list-price cost past it",
    ),
]
ConfigPath = Annotated[
    Path | None, typer.Option("--config", help="settings file (default ./paperdive.toml)")
]


def _settings(config: Path | None, **overrides: object) -> Settings:
    if config is not None:
        from paperdive.config import CONFIG_FILE_ENV

        if not config.is_file():
            raise PaperdiveError(f"config file not found: {config}")
        os.environ[CONFIG_FILE_ENV] = str(config)
    return load_settings(**overrides)


def _say(line: str) -> None:
    """One line on stdout, never wrapped, never read as markup."""
    out.print(line, markup=False, highlight=False, soft_wrap=True)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal,  # a log or a cron mail gets the outcome, not the bars
    )


@app.command()
def ingest(
    source: Source,
    out_dir: Annotated[Path, typer.Option("--out", help="folder for paper.json")] = Path("."),
    source_url: SourceURL = None,
) -> None:
    """Read a paper into a structured paper.json (sections, references, numbers)."""
    from paperdive.ingestion import ingest as ingest_paper

    with console.status(f"reading {source}"):
        paper = ingest_paper(source, source_url=source_url)
    target = EpisodeDir(out_dir).save("paper", paper)
    with_arxiv = sum(1 for ref in paper.references if ref.arxiv_id)
    table = Table(show_header=False, box=None)
    for label, value in [
        ("title", paper.title),
        ("authors", ", ".join(paper.authors[:6]) + (" …" if len(paper.authors) > 6 else "")),
        ("date", str(paper.published or "unknown")),
        ("pages", str(paper.page_count)),
        ("sections", str(len(paper.sections))),
        ("references", f"{len(paper.references)} ({with_arxiv} with arXiv ids)"),
        ("captions", str(len(paper.captions))),
        ("numbers", str(len(paper.numbers))),
    ]:
        table.add_row(f"[bold]{label}", escape(value))
    out.print(table)
    out.print(f"wrote {target}", markup=False)


@app.command()
def script(
    sources: Annotated[
        list[str], typer.Argument(help="one source (deep dive) or several (digest)")
    ],
    format: Format = "deep-dive",
    minutes: Minutes = None,
    llm: LLM = None,
    from_stage: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="re-run from this stage: notes, outline, draft, review, script, shownotes",
        ),
    ] = None,
    preset: Annotated[
        str | None, typer.Option("--voices", help="voice preset the script is paced for")
    ] = None,
    max_cost: MaxCost = None,
    source_url: SourceURL = None,
    config: ConfigPath = None,
) -> None:
    """Write the two-host script and show notes for a paper, or a digest of several (no audio)."""
    from paperdive.episode import ingest_stage, kept_line, open_episode, script_stage
    from paperdive.writing.pipeline import SCRIPT_TEXT

    settings = _settings(config, llm=llm, tts=preset, max_cost_usd=max_cost)
    opened = open_episode(settings, sources, format, minutes)
    with _progress() as progress:
        written = script_stage(
            opened,
            ingest_stage(opened, source_url=source_url),
            settings,
            from_stage=from_stage,
            progress=progress,
        )
    if opened.kept:
        _say(kept_line(opened.info, "run again with --from notes"))
    out.print(f"{written.shownotes.title}  ({written.script.word_count()} words)", markup=False)
    _print_review(written.review)
    out.print(
        f"script: {opened.episode.file(SCRIPT_TEXT)}  (edit it; later stages use your edit)",
        markup=False,
    )


def _print_review(review: Review) -> None:
    out.print(
        f"checked {review.count('number')} numbers and {review.count('named_result')} named "
        f"results against the paper: {review.count(status='grounded')} grounded, "
        f"{review.count(status='revised')} revised, {review.count(status='cut')} cut, "
        f"{review.count(status='flagged')} flagged"
    )


@app.command()
def voice(
    episode_dir: Annotated[Path, typer.Argument(help="an episode folder with script.json")],
    preset: Annotated[
        str | None, typer.Option("--voices", help="voice preset: default, fast, …")
    ] = None,
    again: Annotated[
        bool,
        typer.Option("--again", help="mix and encode again, even a finished episode"),
    ] = False,
    config: ConfigPath = None,
) -> None:
    """Voice an episode's script into episode.mp3 with chapters and word timings."""
    from paperdive.episode import kept_line, open_folder, voice_stage

    settings = _settings(config, tts=preset)
    opened = open_folder(episode_dir)
    with _progress() as progress:
        audio, _, review = voice_stage(opened, settings, again=again, progress=progress)
    if opened.kept:
        _say(kept_line(opened.info, "run again with --again"))
    _print_review(review)
    out.print(
        f"{opened.episode.file(audio.mp3)}  {audio.duration / 60:.1f} min, "
        f"{audio.loudness_lufs:.1f} LUFS, {len(audio.chapters)} chapters",
        markup=False,
    )


@app.command("eval")
def evaluate(
    episode_dir: Annotated[Path, typer.Argument(help="an episode folder")],
    asr: Annotated[
        bool, typer.Option("--asr", help="also transcribe sampled turns with Whisper")
    ] = False,
) -> None:
    """Measure an episode: grounding, repetition, reading list, balance, loudness, timings.

    Exits 1 when any check misses its target, so it can gate a publishing job.
    """
    from paperdive.evaluate import evaluate as evaluate_episode
    from paperdive.evaluate import render_report

    if not episode_dir.is_dir():
        raise PaperdiveError(f"no episode folder at {episode_dir}")
    with console.status("measuring"):
        report = evaluate_episode(EpisodeDir(episode_dir), asr=asr)
    out.print(render_report(report))
    failed = report.failed()
    if failed:
        out.print(f"[bold red]{len(failed)} of {len(report.checks)} checks missed their target")
        raise typer.Exit(1)
    out.print(f"[bold green]all {len(report.checks)} checks passed")


@app.command()
def publish(
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="public URL of the site")
    ] = None,
    config: ConfigPath = None,
) -> None:
    """Build feed.xml and the static site from the show library."""
    from paperdive.library import Library
    from paperdive.publishing import publish as build_site

    settings = _settings(config)
    library = Library.existing(settings.library)
    result = build_site(library, settings.show, settings.hosts, base_url=base_url)
    for slug, reason in result.skipped:
        console.print(f"skipped {slug}: {reason}", style="yellow", markup=False)
    out.print(f"{len(result.published)} episodes → {result.feed}", markup=False)
    out.print(f"site: {result.index}", markup=False)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="port on 127.0.0.1 (0 picks a free one)")] = 8000,
    config: ConfigPath = None,
) -> None:
    """Preview the built site on http://127.0.0.1:PORT."""
    from paperdive.library import Library
    from paperdive.publishing import make_server, run_server, server_url

    settings = _settings(config)
    site = Library(settings.library).site
    server = make_server(site, port=port)
    out.print(f"serving {site} on {server_url(server)} (Ctrl-C stops)", markup=False)
    out.file.flush()  # the address is what a script piping this output waits for
    run_server(server)


@app.command()
def episode(
    sources: Annotated[
        list[str] | None, typer.Argument(help="one source (deep dive) or several (digest)")
    ] = None,
    sample: Annotated[bool, typer.Option("--sample", help="use the bundled sample paper")] = False,
    format: Format = "deep-dive",
    minutes: Minutes = None,
    llm: LLM = None,
    preset: Annotated[
        str | None, typer.Option("--voices", help="voice preset: default, fast, …")
    ] = None,
    from_stage: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="rebuild from this stage: ingest, notes, outline, draft, review, script, "
            "shownotes, voice (a finished episode is otherwise kept as it is)",
        ),
    ] = None,
    library: Annotated[Path | None, typer.Option("--out", help="show library folder")] = None,
    max_cost: MaxCost = None,
    source_url: SourceURL = None,
    config: ConfigPath = None,
) -> None:
    """Make a whole episode: ingest → script → voice → publish. Run again to resume."""
    from paperdive.episode import kept_line, make_episode

    if sample:
        from paperdive.sample import sample_pdf

        sources = [str(sample_pdf())]
    settings = _settings(config, llm=llm, tts=preset, library=library, max_cost_usd=max_cost)
    with _progress() as progress:
        result = make_episode(
            sources or [],
            settings,
            format=format,
            minutes=minutes,
            from_stage=from_stage,
            source_url=source_url,
            progress=progress,
        )
    if result.kept:
        _say(
            kept_line(
                result.info,
                "run again with --from voice (mix it again), --from notes (write it again) "
                "or --from ingest (read the paper again)",
            )
        )
    out.print(result.shownotes.title, style="bold green", markup=False)
    out.print(f"mp3:  {result.mp3}", markup=False)
    if result.page:
        out.print(f"page: {result.page}", markup=False)
        out.print("preview: paperdive serve")


# ---------------------------------------------------------------- DAILY's commands
Day = Annotated[
    str | None,
    typer.Option("--date", help="the arXiv listing day, YYYY-MM-DD (default: the newest one)"),
]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise PaperdiveError(f"--date wants YYYY-MM-DD, got {value!r}") from None


@app.command()
def daily(
    day: Day = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="print the ranked papers and why; make nothing")
    ] = False,
    count: Annotated[
        int | None,
        typer.Option("--count", min=0, max=20, help="episodes to make (default: [daily] count)"),
    ] = None,
    config: ConfigPath = None,
) -> None:
    """Pick the day's best new arXiv papers for the show, make their episodes, publish once.

    Safe to run again (it does nothing new) or twice at once (the second stops). Schedule it
    with deploy/paperdive-daily.timer or cron; catch up a missed day with --date.
    """
    from paperdive.daily.command import run_daily

    status = run_daily(
        _settings(config), day=_day(day), count=count, dry_run=dry_run, out=out, err=console
    )
    raise typer.Exit(status)


@app.command()
def digest(
    day: Day = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=50, help="papers in the digest: the day's top N")
    ] = 30,
    minutes: Annotated[
        float, typer.Option("--minutes", "-m", min=1, max=120, help="target length")
    ] = 20.0,
    config: ConfigPath = None,
) -> None:
    """Make one digest episode of a day's best new arXiv papers (the daily ranking), publish it.

    Safe to run again: the picks are kept, a finished digest is not made twice.
    """
    from paperdive.daily.command import run_digest

    status = run_digest(
        _settings(config), day=_day(day), limit=limit, minutes=minutes, out=out, err=console
    )
    raise typer.Exit(status)


def main() -> None:
    """Run the command; any failure is one line on stderr and a non-zero exit.

    PAPERDIVE_DEBUG=1 shows the traceback of an unexpected one instead.
    """
    try:
        app()
    except KeyboardInterrupt:
        console.print("interrupted: run the same command again to resume")
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("PAPERDIVE_DEBUG") and not isinstance(exc, PaperdiveError):
            raise
        # one line, never wrapped, and a path or title with [brackets] is not markup
        console.print(
            f"[bold red]error:[/] {escape(describe(exc))}", highlight=False, soft_wrap=True
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
