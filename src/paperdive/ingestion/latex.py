"""Sections straight from an arXiv LaTeX source archive: exact titles, numbers and text.

The source is hostile input: every step is linear in its size and runs under the budget of
`eprint.Budget` (bytes, files, expanded characters, time), so an archive built to exhaust
memory or CPU ends in an IngestError and the caller falls back to the PDF.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from pylatexenc.latex2text import LatexNodes2Text

from paperdive.errors import IngestError
from paperdive.ingestion.displays import Display, paragraphs, split_displays
from paperdive.ingestion.eprint import Budget, BudgetExceeded, unpack_sources
from paperdive.ingestion.text import collapse_spaces, normalize
from paperdive.models import Equation, Section

_LEVELS = {"section": 1, "subsection": 2, "subsubsection": 3}
_SECTIONING = re.compile(
    r"\\(?P<kind>section|subsection|subsubsection)(?P<star>\*?)\s*(?:\[[^\]]*\])?\s*\{"
)
_INPUT = re.compile(r"\\(?:input|include)\s*\{(?P<name>[^}]+)\}")
_COMMENT = re.compile(r"(?<!\\)%.*")
_DROPPED_ENVIRONMENT = re.compile(
    r"\\(?P<edge>begin|end)\{"
    r"(?P<env>(?:figure|table|algorithm|tikzpicture|wrapfigure|lstlisting)\*?)\}"
)
_BIBLIOGRAPHY = re.compile(r"\\bibliography\{|\\begin\{thebibliography\}|\\printbibliography")
_BRACE = re.compile(r"(?<!\\)[{}]")
_MAX_INPUT_DEPTH = 5
_MAX_TITLE_CHARS = 1_000  # a sectioning brace unclosed this long is not a heading
_MAX_MACRO_CHARS = 2_000  # longer definitions are not the simple name macros we expand
_MAX_DEPTH = 100  # brace groups inside brace groups; real papers stay far below
_MAX_SECTIONS = 2_000
_TOO_DEEP = "the LaTeX source nests too deeply (or leaves braces open) to be read"
_SIMPLE_MACRO = re.compile(
    r"\\(?:re)?newcommand\*?\s*\{?\\(?P<a>[A-Za-z]+)\}?\s*\{|\\def\s*\\(?P<b>[A-Za-z]+)\s*\{"
)
_BUILTIN_NAMES = {"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "xspace": ""}
_DROPPED_COMMANDS = re.compile(
    r"\\(?:footnote|thanks|label|vspace|hspace)\*?\s*(?:\[[^\]]*\])?\s*\{"
)
# pylatexenc writes \cite as '<cit.>' and \ref as '<ref>'; keep them as '[cite]' and '[ref]'
# so the sentence reader can drop a citation where that leaves the sentence whole (and mark
# it where it does not: 'In [cite], inverses are learned') instead of leaving 'In , ...'.
_PLACEHOLDERS = {"<cit.>": "[cite]", "<ref>": "[ref]"}


@dataclass(frozen=True)
class LatexPaper:
    abstract: str
    sections: list[Section]  # text: paragraphs separated by blank lines
    equations: list[Equation] = field(default_factory=list)  # displays, as LaTeX


def read_eprint(archive: bytes, budget: Budget | None = None) -> LatexPaper | None:
    """Parse an arXiv e-print (gzip'd tar or gzip'd single .tex); None when it holds no LaTeX.

    Raises IngestError when the archive is damaged or breaks the budget.
    """
    budget = (budget or Budget()).start()
    try:
        return _read(archive, budget)
    except RecursionError as exc:  # pylatexenc on braces nested thousands deep
        raise IngestError(_TOO_DEEP) from exc


def _read(archive: bytes, budget: Budget) -> LatexPaper | None:
    files = unpack_sources(archive, budget)
    if not files:
        return None
    main = next(
        (
            name
            for name, text in files.items()
            if "\\documentclass" in text and "\\begin{document}" in text
        ),
        None,
    )
    if main is None:
        return None
    source = _Inliner(files, budget).inline(_strip_comments(files[main]), depth=0)
    source = _expand_macros(source, _simple_macros(source), budget)
    body = source.split("\\begin{document}", 1)[-1].split("\\end{document}", 1)[0]
    sections, equations = _sections(body, budget)
    return LatexPaper(abstract=_abstract(body), sections=sections, equations=equations)


def _abstract(body: str) -> str:
    start = body.find("\\begin{abstract}")
    end = body.find("\\end{abstract}", start)
    if start == -1 or end == -1:
        return ""
    return _to_text(body[start + len("\\begin{abstract}") : end])


def _strip_comments(text: str) -> str:
    return _COMMENT.sub("", text)


class _Inliner:
    """Replaces \\input/\\include with the files' text, within the budget's character count."""

    def __init__(self, files: dict[str, str], budget: Budget) -> None:
        self.files = files
        self.budget = budget
        self.length = 0

    def inline(self, text: str, depth: int) -> str:
        self.length += len(text)
        self.budget.check_chars(self.length)
        if depth >= _MAX_INPUT_DEPTH:
            return text

        def replace(match: re.Match[str]) -> str:
            self.budget.check_time()
            name = match["name"].strip()
            found = next((self.files[c] for c in (name, f"{name}.tex") if c in self.files), None)
            return self.inline(_strip_comments(found), depth + 1) if found else ""

        return _INPUT.sub(replace, text)


def _simple_macros(source: str) -> dict[str, str]:
    """Argument-free \\newcommand/\\def macros, e.g. \\newcommand{\\dataset}{S2ORC}."""
    macros = dict(_BUILTIN_NAMES)
    definitions = list(_SIMPLE_MACRO.finditer(source))
    ends = _group_ends(source, (match.end() for match in definitions))
    for match in definitions:
        end = ends.get(match.end())
        if end is not None and end - match.end() <= _MAX_MACRO_CHARS:
            macros[match["a"] or match["b"]] = source[match.end() : end - 1]
    return macros


def _expand_macros(source: str, macros: dict[str, str], budget: Budget) -> str:
    pattern = re.compile(r"\\(" + "|".join(map(re.escape, macros)) + r")(?![A-Za-z])(?:\{\})?")
    for _ in range(2):  # macros that use other macros
        length = len(source)

        def expand(match: re.Match[str]) -> str:
            nonlocal length
            body = macros[match.group(1)]
            length += len(body) - len(match.group(0))
            budget.check_chars(length)  # stop an amplifying macro before it fills memory
            return body

        source = pattern.sub(expand, source)
        budget.check_time()
    return source


def _drop_commands(latex: str) -> str:
    """Remove footnotes, labels and spacing commands together with their brace argument."""
    commands = list(_DROPPED_COMMANDS.finditer(latex))
    ends = _group_ends(latex, (match.end() for match in commands))
    kept: list[str] = []
    cursor = 0
    for match in commands:
        end = ends.get(match.end())
        if end is None or match.start() < cursor:
            continue  # never closed, or inside an argument already dropped
        kept.append(latex[cursor : match.start()])
        cursor = end
    kept.append(latex[cursor:])
    return "".join(kept)


def _drop_environments(latex: str) -> str:
    """Remove figures, tables, algorithms and listings, pairing \\begin and \\end in one pass."""
    kept: list[str] = []
    cursor = 0
    open_env: str | None = None
    depth = 0
    start = 0
    for match in _DROPPED_ENVIRONMENT.finditer(latex):
        env, opening = match["env"], match["edge"] == "begin"
        if open_env is None:
            if opening:
                open_env, depth, start = env, 1, match.start()
        elif env == open_env:
            depth += 1 if opening else -1
            if depth == 0:
                kept.append(latex[cursor:start] + " ")
                cursor, open_env = match.end(), None
    kept.append(latex[cursor:])  # an environment never closed keeps its text
    return "".join(kept)


def _group_ends(text: str, openings: Iterable[int]) -> dict[int, int]:
    """For each index just after an opening brace, the index just after its matching brace.

    One pass over the text's braces answers every question, so a source full of unclosed
    groups costs linear time; a group never closed has no entry.
    """
    wanted = set(openings)
    ends: dict[int, int] = {}
    stack: list[int] = []
    for brace in _BRACE.finditer(text):
        if brace.group() == "{":
            if len(stack) >= _MAX_DEPTH:
                raise IngestError(_TOO_DEEP)
            stack.append(brace.end())
        elif stack:
            opened = stack.pop()
            if opened in wanted:
                ends[opened] = brace.end()
    return ends


def _sections(body: str, budget: Budget) -> tuple[list[Section], list[Equation]]:
    appendix_at = body.find("\\appendix")
    bibliography = _BIBLIOGRAPHY.search(body)
    commands = list(_SECTIONING.finditer(body))
    ends = _group_ends(body, (match.end() for match in commands))
    heads = [
        (match, body[match.end() : ends[match.end()] - 1], ends[match.end()])
        for match in commands
        if ends.get(match.end(), len(body)) - match.end() <= _MAX_TITLE_CHARS
    ]
    if len(heads) > _MAX_SECTIONS:
        raise BudgetExceeded(f"the LaTeX source has over {_MAX_SECTIONS:,} sections")
    counters = [0, 0, 0]
    sections: list[Section] = []
    equations: list[Equation] = []
    in_appendix = False
    for position, (match, raw_title, after) in enumerate(heads):
        budget.check_time()
        end = heads[position + 1][0].start() if position + 1 < len(heads) else len(body)
        if bibliography and match.start() < bibliography.start() < end:
            end = bibliography.start()
        if appendix_at != -1 and match.start() > appendix_at and not in_appendix:
            in_appendix, counters = True, [0, 0, 0]
        level = _LEVELS[match["kind"]]
        number = None
        if not match["star"]:
            counters[level - 1] += 1
            counters[level:] = [0] * (3 - level)
            parts = [str(c) for c in counters[:level]]
            if in_appendix:
                parts[0] = chr(ord("A") + counters[0] - 1)
            number = ".".join(parts)
        title = _to_text(raw_title)
        text, found = _prose_and_displays(_drop_environments(body[after:end]), budget)
        for equation in found:
            equation.section = title
            if equation.label is not None:
                equation.label = str(len([e for e in equations if e.label]) + 1)
            equations.append(equation)
        sections.append(
            Section(title=title, level=level, number=number, text=text, appendix=in_appendix)
        )
    return sections, equations


def _prose_and_displays(latex: str, budget: Budget) -> tuple[str, list[Equation]]:
    """The section's paragraphs as text (blank lines between) and its display equations,
    each placed after the paragraph it follows; numbered ones carry a label (renumbered
    across the document by the caller)."""
    texts: list[str] = []
    equations: list[Equation] = []
    for piece in split_displays(latex):
        budget.check_time()
        if isinstance(piece, Display):
            label = "#" if piece.numbered else None
            after = max(len(texts) - 1, 0)
            equations.append(Equation(label=label, latex=piece.latex, after_paragraph=after))
            continue
        texts.extend(t for t in (_to_text(part) for part in paragraphs(piece)) if t)
    return "\n\n".join(texts), equations


@cache
def _converter() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def _to_text(latex: str) -> str:
    text = _converter().latex_to_text(_drop_commands(latex))
    text = normalize(text)
    for placeholder, marker in _PLACEHOLDERS.items():
        text = text.replace(placeholder, marker)
    return collapse_spaces(text)
