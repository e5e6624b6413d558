"""Put a Paper together from what the PDF (and, for arXiv papers, the API and LaTeX) gave."""

from __future__ import annotations

from typing import Any, Literal

import arxiv

from paperdive.ingestion.language import detect_language
from paperdive.ingestion.latex import LatexPaper
from paperdive.ingestion.numbers import index_numbers
from paperdive.ingestion.pdf import PdfContent
from paperdive.ingestion.prose import paragraph
from paperdive.models import Equation, Paper, Section


def paper_from_pdf(
    content: PdfContent,
    *,
    source: str,
    source_kind: Literal["pdf_url", "local_pdf"],
    url: str | None = None,
) -> Paper:
    structure = content.structure
    return _paper(
        content,
        source=source,
        source_kind=source_kind,
        url=url,
        title=content.title,
        authors=content.authors,
        abstract=structure.abstract,
        sections=structure.sections,
        arxiv_id=content.arxiv_id,
        published=content.published,
    )


def paper_from_arxiv(
    content: PdfContent,
    meta: arxiv.Result,
    latex: LatexPaper | None,
    *,
    source: str,
    url: str,
    source_kind: Literal["arxiv", "pdf_url", "local_pdf"] = "arxiv",
) -> Paper:
    """API metadata over the PDF's; LaTeX sections over the PDF's (pages taken from the PDF)."""
    sections = content.structure.sections
    equations = content.structure.equations
    if latex is not None and latex.sections:
        pages = {s.title.lower(): s.page for s in sections}
        sections = [_from_latex(s, pages.get(s.title.lower())) for s in latex.sections]
        printed = {e.label: e for e in equations if e.label}
        equations = [_with_page(e, printed.get(e.label or "")) for e in latex.equations]
    return _paper(
        content,
        source=source,
        source_kind=source_kind,
        url=url,
        title=" ".join(meta.title.split()),
        authors=[author.name for author in meta.authors],
        abstract=" ".join(meta.summary.split()) or content.structure.abstract,
        sections=sections,
        arxiv_id=meta.get_short_id(),
        published=meta.published.date(),
        updated=meta.updated.date(),
        categories=meta.categories,
        equations=equations,
    )


def _from_latex(section: Section, page: int | None) -> Section:
    """A LaTeX section with its page from the PDF and its prose as sentences."""
    paragraphs = [paragraph(text) for text in section.text.split("\n\n") if text.strip()]
    return section.model_copy(
        update={
            "page": page,
            "paragraphs": paragraphs or section.paragraphs,
            "text": " ".join(p.text for p in paragraphs) if paragraphs else section.text,
            "appendix": section.appendix or bool(section.number and section.number[0].isalpha()),
        }
    )


def _with_page(equation: Equation, printed: Equation | None) -> Equation:
    """A LaTeX display with the page and glyph text of the PDF's equation of that number."""
    if printed is None:
        return equation
    return equation.model_copy(update={"page": printed.page, "text": printed.text})


def _paper(content: PdfContent, **fields: Any) -> Paper:
    structure = content.structure
    fields.setdefault("equations", structure.equations)
    paper = Paper(
        pdf_sha256=content.sha256,
        page_count=content.page_count,
        references=content.references,
        captions=structure.captions,
        tables=structure.tables,
        footnotes=structure.footnotes,
        coverage=structure.coverage,
        warnings=list(content.warnings),
        **fields,
    )
    body = " ".join([paper.abstract, *(s.text for s in paper.sections)])
    paper.language = detect_language(body)
    paper.numbers = index_numbers(paper.abstract, paper.sections, paper.captions)
    return paper
