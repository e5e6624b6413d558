"""Does a thirty-paper digest fit? Time, peak memory and request sizes of an offline digest.

Sources: every PDF in ../shared/papers, topped up to --papers with small PDFs rendered (by
the sample paper's builder) from the titles and abstracts of a real announcement day's best
papers (../shared/arxiv/listings, ranked as the daily pick ranks them). It runs the real
stages, `paperdive script` with several sources: ingest (in parallel), then the extractive
writer (per-paper notes, the theme plan, the chapters), and reports each stage's wall time,
the peak resident memory, the papers left out, the themes, and how large the model writer's
plan request would be for these notes (the one request that sees every paper).

    .venv/bin/python bench/digest_scale.py [--papers 30] [--minutes 20] [--day 9-Jan-2025]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests" / "daily"))

from digest_helpers import paper_pdf  # noqa: E402

from paperdive.config import Settings  # noqa: E402
from paperdive.episode import ingest_stage, open_episode, script_stage  # noqa: E402
from paperdive.models import Notes, Paper  # noqa: E402
from paperdive.store import EpisodeDir  # noqa: E402
from paperdive.writing.pipeline import NotesSet  # noqa: E402

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def listing_pdfs(folder: Path, day: str, count: int) -> list[Path]:
    """PDFs of the day's `count` best papers as the daily pick ranks them (TF-IDF SVM against
    the default topics): the abstract opens the paper, its sentences make an introduction, a
    method and a results section. Files are not named by arXiv id, so ingest looks nothing up."""
    from paperdive.config import DEFAULT_TOPICS
    from paperdive.daily.listing import ListedPaper
    from paperdive.daily.rank import Positive, TfidfSvmRanker

    listed = [
        ListedPaper(**json.loads(line))
        for line in (SHARED / "arxiv/listings" / f"{day}.jsonl").open()
    ]
    topics = Positive(kind="topics", title="topics", text=DEFAULT_TOPICS)
    best = [r.paper for r in TfidfSvmRanker().rank(listed, [topics])[:count]]
    rows = [p.model_dump() for p in best]
    pdfs = []
    for number, row in enumerate(rows, start=1):
        sentences = SENTENCE.split(" ".join(row["abstract"].split()))
        third = max(1, len(sentences) // 3)
        sections = {
            "Introduction": [" ".join(sentences[:third])],
            "Method": [" ".join(sentences[third : 2 * third]) or sentences[0]],
            "Results": [" ".join(sentences[2 * third :]) or sentences[-1]],
        }
        safe = lambda text: text.replace("&", "and").replace("<", "").replace(">", "")  # noqa: E731
        pdfs.append(
            paper_pdf(
                folder,
                f"listed-{number:02d}",
                safe(row["title"]),
                safe(row["abstract"]),
                {k: [safe(p) for p in v] for k, v in sections.items()},
                tuple(row.get("authors", [])[:6]) or ("Unknown",),
            )
        )
    return pdfs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--day", default="9-Jan-2025")
    parser.add_argument("--keep", type=Path, help="make the library here and keep it")
    args = parser.parse_args()
    if not (SHARED / "papers").is_dir():
        print(f"skipped: {SHARED / 'papers'} is absent")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        sources = sorted((SHARED / "papers").glob("*.pdf"))[: args.papers]
        built = listing_pdfs(work / "built", args.day, args.papers - len(sources))
        sources += built
        settings = Settings(library=work / "show", tts="fast")
        opened = open_episode(settings, [str(s) for s in sources], minutes=args.minutes)
        started = time.perf_counter()
        papers = ingest_stage(opened)
        ingested = time.perf_counter()
        written = script_stage(opened, papers, settings)
        done = time.perf_counter()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        notes = EpisodeDir(opened.episode.path).load("notes", NotesSet).papers
        print(f"sources {len(sources)} ({len(built)} built from {args.day}'s listing)")
        print(f"read {len(papers)}, left out {len(opened.left_out)}")
        for why in opened.left_out:
            print(f"  left out: {why}")
        print(f"ingest (parallel) {ingested - started:.1f} s, write {done - ingested:.1f} s")
        print(f"peak RSS {peak_mb:.0f} MB")
        print(
            f"script {written.script.word_count()} words, {len(written.script.chapters)} chapters"
        )
        print(f"title: {written.shownotes.title}")
        print(f"hook: {written.shownotes.hook}")
        for chapter in written.outline.chapters:
            print(f"  theme: {chapter.title} ({len(chapter.sections)} papers)")
        print_plan_sizes(papers, notes, args.minutes)
    return 0


def print_plan_sizes(papers: list[Paper], notes: list[Notes], minutes: float) -> None:
    """The model writer's plan request for these papers, at a 200k-token context."""
    from paperdive.writing.digest_model import digest_guide
    from paperdive.writing.model_stages import _notes_json, _section_names, render

    context_chars = 200_000 * 4
    themes, links = digest_guide(papers, notes)
    full = _notes_json(notes, 10**9)
    prompt = render(
        "plan",
        format="digest",
        minutes=round(minutes),
        words=int(minutes * 150),
        title="; ".join(p.title for p in papers),
        chapter_count=min(8, len(themes)),
        skeptic_heavy=False,
        sections=_section_names(papers),
        notes=_notes_json(notes, context_chars // 2),
        themes=themes,
        links=links,
    )
    print(f"plan request: {len(prompt):,} chars (all notes uncut would be {len(full):,})")


if __name__ == "__main__":
    sys.exit(main())
