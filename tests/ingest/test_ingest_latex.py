"""Reading sections from LaTeX sources, built here as small e-print archives."""

from __future__ import annotations

import gzip
import io
import tarfile

import pytest

from paperdive.errors import IngestError
from paperdive.ingestion.eprint import Budget
from paperdive.ingestion.latex import read_eprint
from paperdive.ingestion.prose import paragraph

MAIN = r"""
\documentclass{article}
\newcommand{\method}{FastVoice}
\begin{document}
\begin{abstract}
We present \method{}, a voice that is 3.3x faster.\footnote{Code at example.org.}
\end{abstract}
\input{intro}
\section{Method}\label{sec:method}
\method uses 12 layers % a comment that must not appear
and a vocoder.
\begin{figure}\caption{Ignored figure text.}\end{figure}
\subsection*{An unnumbered aside}
Some words.
\bibliography{refs}
\appendix
\section{Extra results}
More numbers: 85\%.
\end{document}
"""
INTRO = r"\section{Introduction} Speech synthesis on \textbf{two cores} is slow."


def _tar_gz(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_sections_numbers_and_text_from_a_source_archive() -> None:
    paper = read_eprint(_tar_gz({"main.tex": MAIN, "intro.tex": INTRO}))
    assert paper is not None
    assert paper.abstract == "We present FastVoice, a voice that is 3.3x faster."
    outline = [(s.number, s.title, s.level) for s in paper.sections]
    assert outline == [
        ("1", "Introduction", 1),
        ("2", "Method", 1),
        (None, "An unnumbered aside", 2),
        ("A", "Extra results", 1),
    ]
    method = paper.sections[1].text
    assert method == "FastVoice uses 12 layers and a vocoder."
    assert paper.sections[0].text == "Speech synthesis on two cores is slow."
    assert paper.sections[3].text == "More numbers: 85%."


def test_single_gzipped_tex_file() -> None:
    paper = read_eprint(gzip.compress(MAIN.replace(r"\input{intro}", INTRO).encode()))
    assert paper is not None and paper.sections[0].title == "Introduction"


def test_pdf_only_submission_has_no_latex() -> None:
    assert read_eprint(gzip.compress(b"%PDF-1.5 ...")) is None


def test_archive_without_a_main_file_has_no_latex() -> None:
    assert read_eprint(_tar_gz({"notes.tex": INTRO})) is None


def test_decompression_bomb_is_refused() -> None:
    with pytest.raises(IngestError, match="unpacks to over 1,000 bytes"):
        read_eprint(gzip.compress(b"\0" * 100_000), Budget(unpacked_bytes=1_000))


DISPLAYS = r"""
\documentclass{article}
\begin{document}
\section{Model}
The encoder maps tokens to vectors.

It is trained with the loss
\begin{equation}\label{eq:loss}
L = -\sum_i \log p(x_i)
\end{equation}
where $x_i$ is the $i$-th token.
\begin{align*}
a &= b
\end{align*}
\[ y = f(x) \]
Then \begin{equation} y = 2 \nonumber \end{equation} and
\begin{equation} z = 3 \end{equation}
The end \begin{equation} left open.
\end{document}
"""


def test_display_equations_keep_their_latex_and_the_prose_its_paragraphs() -> None:
    paper = read_eprint(_tar_gz({"main.tex": DISPLAYS}))
    assert paper is not None
    [model] = paper.sections
    assert model.text.split("\n\n")[:3] == [
        "The encoder maps tokens to vectors.",
        "It is trained with the loss",
        "where $x_i$ is the $i$-th token.",
    ]
    assert "\\sum" not in model.text and "a &= b" not in model.text
    displays = [(e.label, e.latex, e.section, e.after_paragraph) for e in paper.equations]
    assert displays == [
        ("1", r"L = -\sum_i \log p(x_i)", "Model", 1),
        (None, "a &= b", "Model", 2),
        (None, "y = f(x)", "Model", 2),
        (None, r"y = 2 \nonumber", "Model", 3),
        ("2", "z = 3", "Model", 4),
    ]
    assert "left open" in model.text  # an unclosed display stays prose, read in linear time


CITES = r"""
\documentclass{article}
\begin{document}
\section{Related}
In \cite{a,b}, stochastic inverses are learned. Methods \citep{c} rely on fixed ones.
See Figure~\ref{fig:x} for the curves.
\end{document}
"""


def test_latex_citations_never_leave_a_broken_sentence() -> None:
    paper = read_eprint(_tar_gz({"main.tex": CITES}))
    assert paper is not None
    [related] = paper.sections
    spoken = [(s.text, s.marks) for s in paragraph(related.text).sentences]
    assert spoken == [
        (
            "In [cite], stochastic inverses are learned.",
            ["citation_gap", "cites"],
        ),  # not "In , ..."
        ("Methods rely on fixed ones.", ["cites"]),
        ("See Figure [ref] for the curves.", ["figure"]),
    ]
