"""How well does each ranker pick a day's papers for the show? Precision at 5 and 10.

Reads the real announcement days in ../shared/arxiv/listings/ (skips cleanly when absent)
and the hand labels in bench/daily_labels.json, written before any ranker ran. Positives are
the show's default topic description plus one example paper per show topic, all from days
that are NOT labelled (a fair setup: nothing from the evaluated days is a positive).

    .venv/bin/python bench/daily_rank.py [--rankers hybrid,tfidf-svm,minilm-svm,minilm-cosine]

A paper counts as a hit when its label is at least 1 ("on topic"); the strict columns count
only label 2 ("the show should pick it"). AP is the average precision of the whole ranking
(hits), less noisy than precision at 5 or 10. "mean" is the decision rule fixed before the
fusion was scored: the mean of P@5, P@10, strict P@5 and strict P@10 over both days.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from paperdive.config import DEFAULT_TOPICS
from paperdive.daily.listing import ListedPaper
from paperdive.daily.rank import RANKERS, Positive, Ranked, open_ranker

ROOT = Path(__file__).resolve().parents[1]
LISTINGS = ROOT.parent / "shared" / "arxiv" / "listings"
LABELS = ROOT / "bench" / "daily_labels.json"

# One example per show topic, from unlabelled days (6, 8 and 10 Jan 2025), chosen by topic
# before any ranker ran: agents, agentic coding, RL for LLMs, agentic search/reasoning,
# evaluation, alignment, safety (red-teaming), inference engineering.
EXAMPLES = {
    "6-Jan-2025": ["2501.01702", "2501.01830"],
    "8-Jan-2025": ["2501.03262", "2501.03884"],
    "10-Jan-2025": ["2501.05040", "2501.05366", "2501.05414", "2501.04987"],
}


def load_day(name: str) -> list[ListedPaper]:
    papers = []
    for line in (LISTINGS / f"{name}.jsonl").read_text().splitlines():
        row = json.loads(line)
        papers.append(
            ListedPaper(
                arxiv_id=row["arxiv_id"],
                title=row["title"],
                abstract=row["abstract"],
                authors=row.get("authors", []),
            )
        )
    return papers


def positives() -> list[Positive]:
    out = [Positive(kind="topics", title="the show's topics", text=DEFAULT_TOPICS)]
    for day, ids in EXAMPLES.items():
        by_id = {p.arxiv_id: p for p in load_day(day)}
        for arxiv_id in ids:
            paper = by_id[arxiv_id]
            out.append(
                Positive(kind="example", title=paper.title, text=paper.text, arxiv_id=arxiv_id)
            )
    return out


def precision(ranked: list[Ranked], labels: dict[str, int], k: int, least: int) -> float:
    return sum(labels.get(r.paper.arxiv_id, 0) >= least for r in ranked[:k]) / k


def average_precision(ranked: list[Ranked], labels: dict[str, int]) -> float:
    hits, total = 0, 0.0
    for place, item in enumerate(ranked, start=1):
        if labels.get(item.paper.arxiv_id, 0) >= 1:
            hits += 1
            total += hits / place
    relevant = sum(v >= 1 for v in labels.values())
    return total / relevant if relevant else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rankers", default=",".join(RANKERS))
    parser.add_argument("--show", type=int, default=10, help="print each ranker's top N")
    args = parser.parse_args()
    if not LISTINGS.is_dir():
        print(f"skipped: {LISTINGS} is absent")
        return 0
    labelled = json.loads(LABELS.read_text())["days"]
    liked = positives()
    rows = []
    encoder = None
    for name in args.rankers.split(","):
        try:
            if name != "tfidf-svm" and encoder is None:
                from paperdive.daily.minilm import MiniLM

                encoder = MiniLM.load()  # one memo of embedded texts for every ranker
            ranker = open_ranker(name, encoder)
        except Exception as exc:  # the model is not installed
            print(f"skipped {name}: {exc}")
            continue
        for day, labels in labelled.items():
            papers = load_day(day)
            started = time.perf_counter()
            ranked = ranker.rank(papers, liked)
            seconds = time.perf_counter() - started
            row = {
                "ranker": name,
                "day": day,
                "papers": len(papers),
                "base": sum(v >= 1 for v in labels.values()) / len(papers),
                "p5": precision(ranked, labels, 5, 1),
                "p10": precision(ranked, labels, 10, 1),
                "strict_p5": precision(ranked, labels, 5, 2),
                "strict_p10": precision(ranked, labels, 10, 2),
                "ap": average_precision(ranked, labels),
                "seconds": seconds,
            }
            rows.append(row)
            print(f"\n{name} on {day}:")
            for r in ranked[: args.show]:
                mark = "*" * labels.get(r.paper.arxiv_id, 0) or "-"
                print(
                    f"  {mark:2} {r.score:+.3f} {r.paper.arxiv_id} {r.paper.title[:64]}"
                    f"  [{', '.join(r.reasons)[:60]}]"
                )
    print("\nranker         day           n    base   P@5   P@10  strictP@5  strictP@10  AP    s")
    for r in rows:
        print(
            f"{r['ranker']:14} {r['day']:12} {r['papers']:4}  {r['base']:.2f}  {r['p5']:.2f}"
            f"  {r['p10']:.2f}   {r['strict_p5']:.2f}       {r['strict_p10']:.2f}"
            f"        {r['ap']:.2f}  {r['seconds']:.1f}"
        )
    print("\nranker          mean(P@5, P@10, strict P@5, strict P@10; both days)  mean AP")
    for name in dict.fromkeys(r["ranker"] for r in rows):
        mine = [r for r in rows if r["ranker"] == name]
        keys = ("p5", "p10", "strict_p5", "strict_p10")
        mean = sum(r[k] for r in mine for k in keys) / (len(keys) * len(mine))
        print(f"{name:15} {mean:.3f}{'':51}{sum(r['ap'] for r in mine) / len(mine):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
