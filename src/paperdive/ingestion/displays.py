"""A LaTeX section body cut into prose and display equations, in one linear pass.

Display math (equation, align, gather, multline, eqnarray and their starred forms, \\[...\\],
$$...$$) is lifted out with its LaTeX intact; a numbered display takes the next equation
number, as LaTeX counts them. The prose around it stays, split into paragraphs at blank
lines. Unclosed displays keep their text as prose: nothing here can scan quadratically.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DISPLAY_ENVIRONMENTS = r"equation|align|alignat|gather|multline|eqnarray|displaymath|flalign"
_TOKEN = re.compile(
    rf"\\(?P<edge>begin|end)\{{(?P<env>(?:{_DISPLAY_ENVIRONMENTS})\*?)\}}|\\\[|\\\]|\$\$"
)
_UNNUMBERED = re.compile(r"\\(?:nonumber|notag)\b")
_LABEL = re.compile(r"\\label\{[^{}]*\}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Display:
    latex: str  # the math, without its environment and \label
    numbered: bool


Piece = str | Display


def split_displays(body: str) -> list[Piece]:
    """Prose strings and Display equations in the order they appear."""
    pieces: list[Piece] = []
    cursor = 0
    opened: tuple[str, int, int] | None = None  # (closing token, where it began, body start)
    for token in _TOKEN.finditer(body):
        text = token.group(0)
        if opened is None:
            if token["edge"] == "end" or text == "\\]":
                continue
            closing = (
                "\\]" if text == "\\[" else "$$" if text == "$$" else f"\\end{{{token['env']}}}"
            )
            opened = (closing, token.start(), token.end())
            continue
        closing, began, inner = opened
        if text != closing:
            continue
        pieces.append(body[cursor:began])
        environment = closing[5:-1] if closing.startswith("\\end") else ""
        math = body[inner : token.start()]
        numbered = bool(environment) and not environment.endswith("*")
        numbered = numbered and environment != "displaymath" and not _UNNUMBERED.search(math)
        pieces.append(Display(latex=_LABEL.sub("", math).strip(), numbered=numbered))
        cursor, opened = token.end(), None
    pieces.append(body[cursor:])
    return [p for p in pieces if isinstance(p, Display) or p.strip()]


def paragraphs(prose: str) -> list[str]:
    """LaTeX paragraphs: text between blank lines."""
    return [part for part in _PARAGRAPH_BREAK.split(prose) if part.strip()]
