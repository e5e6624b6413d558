"""Ingestion accuracy against hand-written labels: title, authors, abstract, headings,
references and body coverage, per paper and in total.

    python bench/ingest_accuracy.py [PAPERS_DIR]

Reads PAPERS_DIR/LABELS.json (default ../shared/papers; skips cleanly when absent). Each
label was written by reading the PDF. A label with no title marks something that is not a
paper (a torn-out page): ingest must refuse it or warn that it is not a paper.

Columns: title exact match (whitespace/case normalised); author F1 (for a truncated author
label, our first N names against its N); abstract found (its first sentence and last words
both present); heading F1 over top-level body sections (appendix excluded); reference count
within ±5%; body coverage (Paper.coverage). The arXiv API is not asked: this measures what
the page gives.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperdive.errors import IngestError
from paperdive.ingestion import ingest
from paperdive.models import Paper

DEFAULT_PAPERS = Path(__file__).resolve().parents[2] / "shared" / "papers"
TARGETS = (
    "targets: title and abstract on all, author F1 >= 0.95, heading F1 >= 0.9, "
    "references on all, coverage >= 0.95"
)
_NUMBER = re.compile(r"^(?:appendix\s+)?(?:\d{1,2}|[A-Z])(?:\.\d{1,2})*\.?\s+", re.I)


def norm(text: str) -> str:
    """Case, whitespace, quotes and Unicode forms do not count."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"}))
    return " ".join(text.split())


def heading_key(heading: str) -> str:
    """'1. Introduction', '1 INTRODUCTION' and 'Introduction' numbered 1 compare equal."""
    return re.sub(r"[^a-z0-9]+", "", norm(_NUMBER.sub("", heading.strip())))


def f1(found: list[str], expected: list[str]) -> float:
    if not found and not expected:
        return 1.0
    found_set, expected_set = set(found), set(expected)
    hits = len(found_set & expected_set)
    if not hits:
        return 0.0
    precision, recall = hits / len(found_set), hits / len(expected_set)
    return 2 * precision * recall / (precision + recall)


@dataclass
class Score:
    name: str
    title: bool
    author_f1: float
    abstract: bool
    heading_f1: float
    references: bool
    reference_count: int
    coverage: float | None
    note: str = ""


def score(paper: Paper, label: dict[str, Any]) -> Score:
    expected_authors = [norm(a) for a in label["authors"]]
    found_authors = [norm(a) for a in paper.authors]
    if label.get("authors_truncated"):
        found_authors = found_authors[: len(expected_authors)]
    abstract = norm(paper.abstract)
    top_level = [
        heading_key(s.title)
        for s in paper.sections
        if s.level == 1 and not getattr(s, "appendix", False)
    ]
    expected_refs = int(label["reference_count"])
    return Score(
        name=label["file"],
        title=norm(paper.title) == norm(label["title"]),
        author_f1=f1(found_authors, expected_authors),
        abstract=norm(label["abstract_first_sentence"]) in abstract
        and norm(label["abstract_last_words"]) in abstract,
        heading_f1=f1(top_level, [heading_key(h) for h in label["top_level_sections"]]),
        references=abs(len(paper.references) - expected_refs) <= 0.05 * expected_refs,
        reference_count=len(paper.references),
        coverage=getattr(paper, "coverage", None),
    )


def not_a_paper_verdict(path: Path) -> str:
    """How ingest treats a label-less fragment: refused, warned about, or taken silently."""
    try:
        paper = ingest(path, **_offline())
    except IngestError as error:
        return f"refused: {error}"
    warnings = [w for w in getattr(paper, "warnings", []) if "not a paper" in w.lower()]
    return f"warned: {warnings[0]}" if warnings else "ACCEPTED SILENTLY (defect)"


def _offline() -> dict[str, Any]:
    """Keep the arXiv API out of it where ingest supports that."""
    import inspect

    return {"arxiv_lookup": False} if "arxiv_lookup" in inspect.signature(ingest).parameters else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("papers", nargs="?", type=Path, default=DEFAULT_PAPERS)
    args = parser.parse_args(argv)
    labels_path = args.papers / "LABELS.json"
    if not labels_path.is_file():
        print(f"skipped: no {labels_path} (the shared papers are not beside the checkout)")
        return 0
    labels = json.loads(labels_path.read_text())
    scores: list[Score] = []
    print(
        f"{'paper':34} {'title':>5} {'auth F1':>7} {'abstr':>5} {'head F1':>7} "
        f"{'refs':>9} {'cover':>5}"
    )
    for label in labels:
        path = args.papers / label["file"]
        if not path.is_file():
            print(f"{label['file'][:34]:34} missing")
            continue
        if label.get("title") is None:
            print(f"{label['file'][:34]:34} not a paper -> {not_a_paper_verdict(path)}")
            continue
        try:
            paper = ingest(path, **_offline())
        except IngestError as error:
            print(f"{label['file'][:34]:34} FAILED: {error}")
            scores.append(Score(label["file"], False, 0.0, False, 0.0, False, 0, None))
            continue
        result = score(paper, label)
        scores.append(result)
        coverage = "-" if result.coverage is None else f"{result.coverage:.3f}"
        refs = f"{result.reference_count}/{label['reference_count']}"
        print(
            f"{result.name[:34]:34} {_mark(result.title):>5} {result.author_f1:7.2f} "
            f"{_mark(result.abstract):>5} {result.heading_f1:7.2f} "
            f"{refs + ' ' + _mark(result.references):>9} {coverage:>5}"
        )
    if not scores:
        return 0
    count = len(scores)
    coverages = [s.coverage for s in scores if s.coverage is not None]
    author_f1 = sum(s.author_f1 for s in scores) / count
    heading_f1 = sum(s.heading_f1 for s in scores) / count
    lowest = f"min {min(coverages):.3f}" if coverages else "-"
    print(
        f"{'total (' + str(count) + ' papers)':34} "
        f"{sum(s.title for s in scores):>2}/{count:<2} {author_f1:7.3f} "
        f"{sum(s.abstract for s in scores):>2}/{count:<2} {heading_f1:7.3f} "
        f"{sum(s.references for s in scores):>6}/{count:<2} {lowest:>5}"
    )
    print(TARGETS)
    return 0


def _mark(ok: bool) -> str:
    return "ok" if ok else "NO"


if __name__ == "__main__":
    sys.exit(main())
