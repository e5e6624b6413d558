"""Ingestion speed: seconds per page over the shared real papers, against bare PyMuPDF.

    python bench/ingest.py [PAPERS_DIR] [--repeat N]

Prints one row per paper and the total: paperdive's full ingest (layout, sections,
references, numbers, language) versus PyMuPDF's plain `page.get_text()` on the same files.
Target: at most 0.02 s/page.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pymupdf

from paperdive.errors import IngestError
from paperdive.ingestion import ingest

DEFAULT_PAPERS = Path(__file__).resolve().parents[2] / "shared" / "papers"
TARGET_SECONDS_PER_PAGE = 0.02


def bare_pymupdf_seconds(path: Path) -> float:
    start = time.perf_counter()
    with pymupdf.open(path) as doc:
        for page in doc:
            page.get_text()
    return time.perf_counter() - start


def ingest_seconds(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    paper = ingest(path, arxiv_lookup=False)  # the PDF's reading, not arXiv's response time
    return time.perf_counter() - start, paper.page_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("papers", nargs="?", type=Path, default=DEFAULT_PAPERS)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs per file")
    args = parser.parse_args()
    pdfs = sorted(args.papers.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs in {args.papers}")
    ingest(pdfs[0], arxiv_lookup=False)  # warm-up: imports and the language model load once

    total_ours = total_bare = 0.0
    total_pages = 0
    print(f"{'paper':42} {'pages':>5} {'ingest s/page':>14} {'PyMuPDF s/page':>15} {'ratio':>6}")
    for pdf in pdfs:
        try:
            ours, pages = min(ingest_seconds(pdf) for _ in range(args.repeat))
        except IngestError as error:  # not a paper (a torn-out page): refused, not timed
            print(f"{pdf.name[:42]:42} refused: {str(error).split(': ', 1)[-1][:60]}")
            continue
        bare = min(bare_pymupdf_seconds(pdf) for _ in range(args.repeat))
        total_ours, total_bare, total_pages = (
            total_ours + ours,
            total_bare + bare,
            total_pages + pages,
        )
        print(
            f"{pdf.name[:42]:42} {pages:5d} {ours / pages:14.4f} {bare / pages:15.4f} "
            f"{ours / bare:6.1f}"
        )
    per_page = total_ours / total_pages
    print(
        f"{'all':42} {total_pages:5d} {per_page:14.4f} {total_bare / total_pages:15.4f} "
        f"{total_ours / total_bare:6.1f}"
    )
    verdict = "meets" if per_page <= TARGET_SECONDS_PER_PAGE else "misses"
    print(f"{verdict} the target of {TARGET_SECONDS_PER_PAGE} s/page")


if __name__ == "__main__":
    main()
