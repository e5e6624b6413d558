"""Author names printed under the title, for PDFs whose metadata does not list them."""

from __future__ import annotations

import re

from paperdive.ingestion.layout import TextLine

_AFFILIATION = re.compile(
    r"@|https?:|\b(?:universit\w*|institut\w*|lab\w*|inc|ltd|corp\w*|school|college|department|"
    r"dept|research|center|centre|academy|faculty|usa|china|report|preprint|google|microsoft|"
    r"meta|deepmind|openai|nvidia|ai)\b",
    re.I,
)
# Separators between names: commas, "and", and footnote marks such as "Lu1", "Zhou1,‡", "∗†".
_NAME_SEPARATORS = re.compile(r"\s*(?:[\d∗*†‡§¶♯#]+,?)+\s*|\s*,\s*|\s+and\s+|\s*&\s*")
_NAME = re.compile(
    r"^(?:[A-Z][\w'’\-]*\.?|(?:van|von|de|del|der|da|di|la|le)\b)"
    r"(?:\s+(?:[A-Z][\w'’\-]*\.?|(?:van|von|de|del|der|da|di|la|le)\b)){1,4}$"
)
_MAX_NAME_LINE_WORDS = 16


def authors_under_title(front_matter: list[TextLine], title: list[TextLine]) -> list[str]:
    """Names from the lines between the title and the abstract, in the first names' type style."""
    authors: list[str] = []
    style: tuple[float, bool] | None = None
    for line in front_matter:
        if line in title or line.text.isupper() or _AFFILIATION.search(line.text):
            continue
        if len(line.text.split()) > _MAX_NAME_LINE_WORDS:
            break  # running prose: the names are behind us
        names = [n for n in _NAME_SEPARATORS.split(line.text) if n]
        if not names or not all(_NAME.match(n) for n in names):
            continue
        if style is None:
            style = (line.size, line.bold)
        if (line.size, line.bold) == style:
            authors.extend(names)
    return authors
