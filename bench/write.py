"""The extractive writer on real papers: time, length against target, and the review summary.

    python bench/write.py [PAPERS_DIR] [--minutes M]

One row per PDF (plus the bundled sample paper): seconds to write all six stages, words
against the target (150 words a minute), and how many numbers and named results were
checked, grounded and cut, and how many repeated sentences or 8-word runs had to be cut.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from paperdive.ingestion import ingest
from paperdive.sample import sample_pdf
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.plan import WORDS_PER_MINUTE

DEFAULT_PAPERS = Path(__file__).resolve().parents[2] / "shared" / "papers"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("papers", nargs="?", type=Path, default=DEFAULT_PAPERS)
    parser.add_argument("--minutes", type=float, default=25.0)
    args = parser.parse_args()
    target = args.minutes * WORDS_PER_MINUTE
    with tempfile.TemporaryDirectory() as scratch:
        pdfs = [sample_pdf(Path(scratch))] + sorted(args.papers.glob("*.pdf"))
        print(f"{'paper':42} {'write s':>7} {'words':>6} {'vs target':>9}  numbers  names  rep")
        for pdf in pdfs:
            paper = ingest(pdf)
            start = time.perf_counter()
            written = write_script(
                [paper], EpisodeDir(Path(scratch) / pdf.stem), minutes=args.minutes
            )
            seconds = time.perf_counter() - start
            review, words = written.review, written.script.word_count()
            summary = [
                f"{review.count(kind, 'grounded')}/{review.count(kind)}"
                + (f" cut {review.count(kind, 'cut')}" if review.count(kind, "cut") else "")
                for kind in ("number", "named_result")
            ]
            print(
                f"{paper.title[:42]:42} {seconds:7.2f} {words:6d} {words / target - 1:+9.0%}  "
                f"{summary[0]:>7}  {summary[1]:>5}  {review.count('repetition', 'cut'):3d}"
            )


if __name__ == "__main__":
    main()
