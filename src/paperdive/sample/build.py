"""Render the sample paper (paper.toml) into a PDF with reportlab.

The PDF carries an outline (bookmarks) for every section, link annotations on the arXiv ids
in its bibliography, a table and a chart, so it exercises every part of ingestion. Output is
byte-for-byte reproducible: reportlab's invariant mode fixes document ids, and the PDF's
creation date is the paper's own date, not the build time.
"""

from __future__ import annotations

import io
import tomllib
from datetime import date
from importlib import resources
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

SOURCE = "paper.toml"

_BODY = ParagraphStyle(
    "body", fontName="Times-Roman", fontSize=10.5, leading=13.5, alignment=TA_JUSTIFY, spaceAfter=6
)
_TITLE = ParagraphStyle(
    "title", fontName="Times-Bold", fontSize=17, leading=21, alignment=TA_CENTER, spaceAfter=10
)
_BYLINE = ParagraphStyle("byline", parent=_BODY, alignment=TA_CENTER, spaceAfter=2)
_ABSTRACT_HEAD = ParagraphStyle(
    "abstract-head",
    fontName="Times-Bold",
    fontSize=11,
    leading=14,
    alignment=TA_CENTER,
    spaceBefore=10,
    spaceAfter=4,
)
_ABSTRACT = ParagraphStyle(
    "abstract", parent=_BODY, leftIndent=0.45 * inch, rightIndent=0.45 * inch
)
_HEADINGS = {
    1: ParagraphStyle(
        "h1", fontName="Times-Bold", fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=5
    ),
    2: ParagraphStyle(
        "h2", fontName="Times-Bold", fontSize=11, leading=14, spaceBefore=7, spaceAfter=4
    ),
}
_EQUATION = ParagraphStyle(
    "equation",
    parent=_BODY,
    fontName="Times-Italic",
    alignment=TA_CENTER,
    spaceBefore=2,
    spaceAfter=8,
)
_CAPTION = ParagraphStyle(
    "caption",
    parent=_BODY,
    fontSize=9.5,
    leading=12,
    alignment=TA_CENTER,
    spaceBefore=4,
    spaceAfter=10,
)
_REFERENCE = ParagraphStyle(
    "reference",
    parent=_BODY,
    fontSize=9.5,
    leading=12,
    leftIndent=18,
    firstLineIndent=-18,
    alignment=0,
)


class _Heading(Paragraph):
    """A section heading that registers itself in the PDF outline when drawn."""

    def __init__(self, text: str, level: int) -> None:
        super().__init__(text, _HEADINGS[min(level, 2)])
        self.outline_title = text
        self.outline_level = level - 1

    def draw(self) -> None:
        key = f"section {self.outline_title}"  # titles are unique, and the key stays stable
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.outline_title, key, level=self.outline_level)
        super().draw()


def load_source() -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath(SOURCE).read_text("utf-8"))


class _DatedDocTemplate(BaseDocTemplate):
    """Stamps the PDF's CreationDate/ModDate with a fixed date instead of the build time."""

    def __init__(self, *args: Any, dated: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dated = dated

    def beforeDocument(self) -> None:
        self.canv.setDateFormatter(lambda *_build_time: f"D:{self.dated:%Y%m%d}000000Z")


def render(paper: dict[str, Any]) -> bytes:
    out = io.BytesIO()
    doc = _DatedDocTemplate(
        out,
        pagesize=LETTER,
        leftMargin=inch,
        rightMargin=inch,
        topMargin=inch,
        bottomMargin=inch,
        title=paper["title"],
        author=", ".join(paper["authors"]),
        subject=paper["keywords"],
        creator="paperdive sample paper",
        invariant=True,
        dated=paper["date"],
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_page_number)])
    doc.build(_story(paper))
    return out.getvalue()


def _page_number(canvas: Any, doc: BaseDocTemplate) -> None:
    canvas.setFont("Times-Roman", 9)
    canvas.drawCentredString(LETTER[0] / 2, 0.6 * inch, str(doc.page))


def _story(paper: dict[str, Any]) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(paper["title"], _TITLE),
        Paragraph(", ".join(paper["authors"]), _BYLINE),
        Paragraph(f"<i>{paper['affiliation']}</i>", _BYLINE),
        Paragraph(_printed(paper["date"]), _BYLINE),
        Paragraph("Abstract", _ABSTRACT_HEAD),
        Paragraph(_flow(paper["abstract"]), _ABSTRACT),
    ]
    for section in paper["sections"]:
        story.append(_Heading(f"{section['number']} {section['title']}", section.get("level", 1)))
        for block in section["blocks"]:
            story.extend(_block(block, paper))
    story.append(_Heading("References", 1))
    for index, reference in enumerate(paper["references"], start=1):
        story.append(
            Paragraph(f"[{index}] {reference['text']} {_reference_link(reference)}", _REFERENCE)
        )
    return story


def _printed(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _flow(text: str) -> str:
    return " ".join(text.split())


def _block(block: dict[str, str], paper: dict[str, Any]) -> list[Flowable]:
    if "paragraph" in block:
        return [Paragraph(_flow(block["paragraph"]), _BODY)]
    if "equation" in block:
        return [
            Paragraph(f"{block['equation']}&nbsp;&nbsp;&nbsp;&nbsp;({block['label']})", _EQUATION)
        ]
    if "table" in block:
        return [
            _table(paper["tables"][block["table"]], _number_of("tables", block["table"], paper))
        ]
    if "figure" in block:
        return [
            _figure(
                paper["figures"][block["figure"]], _number_of("figures", block["figure"], paper)
            )
        ]
    raise ValueError(f"unknown block in {SOURCE}: {sorted(block)}")


def _number_of(kind: str, key: str, paper: dict[str, Any]) -> int:
    return list(paper[kind]).index(key) + 1


def _table(spec: dict[str, Any], number: int) -> Flowable:
    table = Table([spec["header"], *spec["rows"]], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Times-Bold", 10),
                ("FONT", (0, 1), (-1, -1), "Times-Roman", 10),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    caption = Paragraph(f"Table {number}: {spec['caption']}", _CAPTION)
    return KeepTogether([caption, table, Spacer(1, 8)])


def _figure(spec: dict[str, Any], number: int) -> Flowable:
    drawing = Drawing(4.2 * inch, 1.9 * inch)
    chart = VerticalBarChart()
    chart.x, chart.y = 0.5 * inch, 0.3 * inch
    chart.width, chart.height = 3.4 * inch, 1.45 * inch
    chart.data = [spec["values"]]
    chart.categoryAxis.categoryNames = spec["labels"]
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#4a6fa5")
    drawing.add(chart)
    drawing.hAlign = "CENTER"
    caption = Paragraph(f"Figure {number}: {spec['caption']}", _CAPTION)
    return KeepTogether([drawing, caption])


def _reference_link(reference: dict[str, str]) -> str:
    if "arxiv" in reference:
        arxiv_id = reference["arxiv"]
        return f'<a href="https://arxiv.org/abs/{arxiv_id}" color="blue">arXiv:{arxiv_id}</a>.'
    return f'<a href="{reference["url"]}" color="blue">{reference["url"]}</a>'
