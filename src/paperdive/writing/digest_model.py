"""What the model writer's digest plan is given besides the notes: the themes the offline
clustering found (a starting point it may keep, merge or rename) and the links between papers
found in what ingest read (shared authors, one citing another), so the links it says aloud
are real."""

from __future__ import annotations

from paperdive.models import Notes, Paper
from paperdive.writing.digest import plan_themes
from paperdive.writing.digest_links import find_ties
from paperdive.writing.digest_names import short_name


def digest_guide(papers: list[Paper], notes: list[Notes]) -> tuple[list[str], list[str]]:
    """(themes, links), one line each, papers named P1, P2 … as the plan's section list does."""
    themes = plan_themes(papers, notes)
    label = {i: f"P{i + 1} ({short_name(p)})" for i, p in enumerate(papers)}
    lines = [f"{t.name}: {', '.join(label[i] for i in t.members)}" for t in themes]
    links = []
    for tie in find_ties(papers, [i for t in themes for i in t.members]):
        first, second = label[tie.first], label[tie.second]
        if tie.kind == "authors":
            links.append(f"{second} shares authors with {first}: {tie.detail}")
        elif tie.kind == "cites":
            links.append(f"{second} cites {first}: {tie.detail[:200]}")
        else:
            links.append(f"{first} cites {second}: {tie.detail[:200]}")
    return lines, links
