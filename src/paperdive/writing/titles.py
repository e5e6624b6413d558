"""Titles as a listener should hear them: an ALL-CAPS title takes the casing the paper's own
text uses for each word ("MOBA: MIXTURE OF …" → "MoBA: Mixture of …")."""

from __future__ import annotations

import re
from collections import Counter

from paperdive.models import Paper

SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "via", "with"}
)  # noqa: E501
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-']*")


def readable_title(paper: Paper) -> str:
    if not paper.title.isupper():
        return paper.title
    forms = Counter(_WORD.findall(paper.full_text().replace(paper.title, " ")))
    by_lower: dict[str, list[str]] = {}
    for form, _count in forms.most_common():
        by_lower.setdefault(form.lower(), []).append(form)

    def recase(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if match.start() > 0 and lowered in SMALL_WORDS:
            return lowered
        mixed = [f for f in by_lower.get(lowered, []) if not f.isupper() and not f.islower()]
        if mixed:
            return mixed[0]  # the paper's own spelling: "MoBA", "LLMs", "Long-Context"
        if lowered in by_lower and all(f.isupper() for f in by_lower[lowered]):
            return word  # an acronym the paper always writes in capitals
        return "-".join(part.capitalize() for part in lowered.split("-"))

    return _WORD.sub(recase, paper.title)
