"""Sections straight from an arXiv LaTeX source archive: exact titles, numbers and text."""

from __future__ import annotations

import gzip
import io
import re
import tarfile
from dataclasses import dataclass

from pylatexenc.latex2text import LatexNodes2Text

from paperdive.errors import IngestError
from paperdive.ingestion.text import collapse_spaces, normalize
from paperdive.models import Section

_LEVELS = {"section": 1, "subsection": 2, "subsubsection": 3}
_SECTIONING = re.compile(
    r"\\(?P<kind>section|subsection|subsubsection)(?P<star>\*?)\s*(?:\[[^\]]*\])?\s*\{"
)
_INPUT = re.compile(r"\\(?:input|include)\s*\{(?P<name>[^}]+)\}")
_COMMENT = re.compile(r"(?<!\\)%.*")
_DROPPED_ENVIRONMENTS = re.compile(
    r"\\begin\{(?P<env>figure\*?|table\*?|algorithm\*?|tikzpicture|wrapfigure|lstlisting)\}.*?\\end\{(?P=env)\}",
    re.S,
)
_BIBLIOGRAPHY = re.compile(r"\\bibliography\{|\\begin\{thebibliography\}|\\printbibliography")
_ABSTRACT = re.compile(r"\\begin\{abstract\}(?P<body>.*?)\\end\{abstract\}", re.S)
_MAX_INPUT_DEPTH = 5
_MAX_UNPACKED_BYTES = 300_000_000
_SIMPLE_MACRO = re.compile(
    r"\\(?:re)?newcommand\*?\s*\{?\\(?P<a>[A-Za-z]+)\}?\s*\{|\\def\s*\\(?P<b>[A-Za-z]+)\s*\{"
)
_BUILTIN_NAMES = {"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "xspace": ""}
_DROPPED_COMMANDS = re.compile(
    r"\\(?:footnote|thanks|label|vspace|hspace)\*?\s*(?:\[[^\]]*\])?\s*\{"
)
_PLACEHOLDERS = re.compile(r"\s*<(?:cit\.|ref)>")


@dataclass(frozen=True)
class LatexPaper:
    abstract: str
    sections: list[Section]


def read_eprint(archive: bytes) -> LatexPaper | None:
    """Parse an arXiv e-print (gzip'd tar or gzip'd single .tex); None when it holds no LaTeX."""
    files = _tex_files(archive)
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
    source = _inline_inputs(_strip_comments(files[main]), files, depth=0)
    source = _expand_macros(source, _simple_macros(source))
    body = source.split("\\begin{document}", 1)[-1].split("\\end{document}", 1)[0]
    abstract_match = _ABSTRACT.search(body)
    abstract = _to_text(abstract_match["body"]) if abstract_match else ""
    return LatexPaper(abstract=abstract, sections=_sections(body))


def _tex_files(archive: bytes) -> dict[str, str]:
    data = _gunzip(archive)
    if data.startswith(b"%PDF-"):
        return {}  # arXiv serves the PDF itself when a paper was submitted without source
    try:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            members = [m for m in tar.getmembers() if m.isfile() and m.name.endswith(".tex")]
            return {
                m.name: _decode(tar.extractfile(m).read())  # type: ignore[union-attr]
                for m in members
                if m.size <= _MAX_UNPACKED_BYTES
            }
    except tarfile.TarError:
        return {"main.tex": _decode(data)}


def _gunzip(archive: bytes) -> bytes:
    """Decompress, refusing to inflate past a limit (a small archive can unpack to gigabytes)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(archive)) as unpacked:
            data = unpacked.read(_MAX_UNPACKED_BYTES + 1)
    except (OSError, EOFError):
        return archive  # not gzip'd
    if len(data) > _MAX_UNPACKED_BYTES:
        raise IngestError(f"the LaTeX source unpacks to over {_MAX_UNPACKED_BYTES:,} bytes")
    return data


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _strip_comments(text: str) -> str:
    return _COMMENT.sub("", text)


def _inline_inputs(text: str, files: dict[str, str], depth: int) -> str:
    if depth >= _MAX_INPUT_DEPTH:
        return text

    def replace(match: re.Match) -> str:
        name = match["name"].strip()
        candidates = [name, f"{name}.tex"]
        found = next((files[c] for c in candidates if c in files), None)
        return _inline_inputs(_strip_comments(found), files, depth + 1) if found else ""

    return _INPUT.sub(replace, text)


def _simple_macros(source: str) -> dict[str, str]:
    """Argument-free \\newcommand/\\def macros, e.g. \\newcommand{\\dataset}{S2ORC}."""
    macros = dict(_BUILTIN_NAMES)
    for match in _SIMPLE_MACRO.finditer(source):
        body, _ = _balanced(source, match.end())
        macros[match["a"] or match["b"]] = body
    return macros


def _expand_macros(source: str, macros: dict[str, str]) -> str:
    pattern = re.compile(r"\\(" + "|".join(map(re.escape, macros)) + r")(?![A-Za-z])(?:\{\})?")
    for _ in range(2):  # macros that use other macros
        source = pattern.sub(lambda m: macros[m.group(1)], source)
    return source


def _drop_commands(latex: str) -> str:
    """Remove footnotes, labels and spacing commands together with their brace argument."""
    while match := _DROPPED_COMMANDS.search(latex):
        _, after = _balanced(latex, match.end())
        latex = latex[: match.start()] + latex[after:]
    return latex


def _balanced(text: str, start: int) -> tuple[str, int]:
    """The text inside the brace group opening just before `start`, and the index after it."""
    depth = 1
    index = start
    while index < len(text) and depth:
        if text[index] == "{" and text[index - 1] != "\\":
            depth += 1
        elif text[index] == "}" and text[index - 1] != "\\":
            depth -= 1
        index += 1
    return text[start : index - 1], index


def _sections(body: str) -> list[Section]:
    appendix_at = body.find("\\appendix")
    bibliography = _BIBLIOGRAPHY.search(body)
    heads = []
    for match in _SECTIONING.finditer(body):
        title, after = _balanced(body, match.end())
        heads.append((match, title, after))
    counters = [0, 0, 0]
    sections: list[Section] = []
    in_appendix = False
    for position, (match, raw_title, after) in enumerate(heads):
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
        sections.append(
            Section(
                title=_to_text(raw_title),
                level=level,
                number=number,
                text=_to_text(_DROPPED_ENVIRONMENTS.sub(" ", body[after:end])),
            )
        )
    return sections


def _to_text(latex: str) -> str:
    converter = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
    text = converter.latex_to_text(_drop_commands(latex))
    return collapse_spaces(_PLACEHOLDERS.sub("", normalize(text)))
