"""The numbers index: every number a paper states, with its sentence and section, so later
stages can check a script's claims against what the paper actually says."""

from __future__ import annotations

import re

from paperdive.ingestion.text import sentences
from paperdive.models import Caption, NumberMention, Section

_UNITS = (
    r"%|×|x|ms|s|seconds?|minutes?|hours?|GB|MB|KB|TB|GiB|MiB|B|M|K|k|pp|h|min|fps|"
    r"tokens?|GPUs?|dB|dBTP|LUFS|Hz|kHz"
)
_NUMBER = re.compile(
    # a minus sign only counts after a space ("−4.5 dB"), not in names such as "GPT-4"
    r"(?:(?<![\w.\-])(?P<sign>[-−])|(?<![\w.\-−]))"
    r"(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?"
    rf"(?:\s?(?P<unit>{_UNITS}))?(?![\w])"
)
_NOT_QUANTITIES = re.compile(
    r"\[\d+(?:\s*[,;–-]\s*\d+)*\]"  # citations: [4], [1, 3-5]
    r"|\b(?:Table|Tab\.|Figure|Fig\.|Section|Sec\.|§|Eq\.|Equation|Appendix|Algorithm|Alg\.)"
    r"\s*\(?[A-Z]?\d+(?:\.\d+)*\)?",
    re.I,
)


def index_numbers(
    abstract: str, sections: list[Section], captions: list[Caption]
) -> list[NumberMention]:
    mentions: list[NumberMention] = []
    passages = [("Abstract", abstract)] + [(s.title, s.text) for s in sections]
    passages += [(c.label, c.text) for c in captions]
    for section, text in passages:
        for sentence in sentences(text):
            mentions.extend(numbers_in(sentence, section))
    return mentions


def numbers_in(sentence: str, section: str | None) -> list[NumberMention]:
    """Quantities stated in `sentence`; citation markers and "Table 2"-style pointers are not."""
    masked = _NOT_QUANTITIES.sub(lambda m: " " * len(m.group(0)), sentence)
    found = []
    for match in _NUMBER.finditer(masked):
        value = float(match["digits"].replace(",", "") + (match["decimals"] or ""))
        if match["sign"]:
            value = -value
        unit = match["unit"]
        if unit == "×":
            unit = "x"
        found.append(
            NumberMention(
                text=match.group(0).strip(),
                value=value,
                unit=unit,
                sentence=sentence,
                section=section,
            )
        )
    return found
