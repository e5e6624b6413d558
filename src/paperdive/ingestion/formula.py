"""A display formula read from where its glyphs stand, when the e-print's LaTeX is missing.

A displayed equation is set in two dimensions: limits over and under a sum, a numerator
over a denominator, scripts on scripts. The text layer gives its pieces as lines in any
order, so reading them as lines gives glyph soup ('N X ()', 'Θ = arg min Θ i=1'). Here
the display's spans are taken together: its rows are the baselines that carry a relation
('=', '←', '≤', ...) or the equation's number; every other span belongs to the row it
stands nearest; and each row is read as one line of math (spans.read_line), in which a
group over a group is a fraction, small type off the baseline a script, and a big
operator's limits its scripts: '\\hat x_{(k)} = \\frac{x^{(k)} − E[x^{(k)}]}{√ Var[x^{(k)}]}'.
"""

from __future__ import annotations

import re

from paperdive.ingestion.spans import FontFacts, Span, is_extension, main_span, read_line

_RELATION = re.compile(r"[=←→≤≥≈∝≡⇒⇔≜:<>]")
_LABEL = re.compile(r"^\(\s*[A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?\s*\)$")
_TRAILING_LABEL = re.compile(r"\s*\(\s*[A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?\s*\)$")
_ROW_GAP = 1.3  # of the type size: rows of a display with their own relation stand apart
_MAX_SPANS = 400  # a 'display' bigger than this is no formula (a misread block of text)


def read_display(spans: list[Span], fonts: FontFacts) -> str:
    """The display as LaTeX-like text (rows joined with ' \\\\ '), without its number."""
    inked = [s for s in spans if s["text"].strip() and not _LABEL.match(s["text"].strip())]
    if not inked or len(inked) > _MAX_SPANS:
        return ""
    main = main_span(inked)
    size = float(main["size"])
    rows = _rows(inked, spans, size)
    out: list[str] = []
    for base, members in rows:
        read = read_line({"spans": members}, fonts, laid_out=True, base=base)
        if read is not None and read.text.strip():
            out.append(_TRAILING_LABEL.sub("", read.text.replace("$", "").strip()))
    return " \\\\ ".join(out)


def _rows(inked: list[Span], spans: list[Span], size: float) -> list[tuple[float, list[Span]]]:
    """The display's rows (baseline, spans), top to bottom."""
    full = [s for s in inked if float(s["size"]) >= 0.9 * size and not is_extension(s)]
    labels = [float(s["origin"][1]) for s in spans if _LABEL.match(s["text"].strip())]
    relations = [
        float(s["origin"][1]) for s in full if _RELATION.search(s["text"]) and s["text"].strip()
    ]
    bases = _distinct(labels + relations, size) or _distinct([_most_common(full, size)], size)
    if not bases:
        return [(float(inked[0]["origin"][1]), inked)]
    rows: dict[float, list[Span]] = {base: [] for base in bases}
    for span in inked:
        middle = (float(span["bbox"][1]) + float(span["bbox"][3])) / 2
        nearest = min(bases, key=lambda base: abs(middle - (base - 0.3 * size)))
        rows[nearest].append(span)
    return [(base, rows[base]) for base in sorted(rows) if rows[base]]


def _distinct(heights: list[float], size: float) -> list[float]:
    """Baselines at least a row apart: of close ones, the one most often given."""
    groups: list[list[float]] = []
    for height in sorted(heights):
        if groups and height - groups[-1][-1] <= _ROW_GAP * size:
            groups[-1].append(height)
        else:
            groups.append([height])
    return [max(group, key=lambda h: sum(abs(h - o) < 0.5 for o in group)) for group in groups]


def _most_common(spans: list[Span], size: float) -> float:
    votes: dict[int, int] = {}
    for span in spans:
        key = round(float(span["origin"][1]))
        votes[key] = votes.get(key, 0) + len(span["text"].strip())
    return float(max(votes, key=lambda key: votes[key])) if votes else 0.0
