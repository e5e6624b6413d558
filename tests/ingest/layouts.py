"""Small papers in the layouts ingest meets in the wild, built with reportlab, with their truth.

Each layout prints the same kind of content its own way: a one-column arXiv report
(superscript affiliation marks, centred 'Abstract'), a two-column ACL paper (names in a row,
abstract in the left column, hanging-indent author-year references), an ACM paper (names
in capitals in a grid of affiliation blocks, 'ABSTRACT', 'CCS CONCEPTS', capitalised
headings) and an LNCS-like paper (footnote-marked names, a run-in bold 'Abstract.' lead,
unnumbered headings, references spaced apart). The body carries the hard cases of issue 8:
words broken at line ends, footnote marks, inline math, citations, a table, a display
equation and a footnote.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

WIDTH, HEIGHT = LETTER


def _math_font() -> None:
    """A font the PDF names CMMI10, as TeX's math italic is named (reportlab's Vera Italic)."""
    if "CMMI10" not in pdfmetrics.getRegisteredFontNames():
        font = TTFont("CMMI10", "VeraIt.ttf")
        font.face.name = b"CMMI10"
        pdfmetrics.registerFont(font)


_math_font()


@dataclass
class Truth:
    title: str
    authors: list[str]
    abstract_start: str
    abstract_end: str
    headings: list[str]  # top-level headings as printed, without their numbers
    references: int
    sentences: dict[str, str] = field(default_factory=dict)  # what a marked sentence reads
    table_label: str = "Table 1"


def _style(name: str, **kwargs: Any) -> ParagraphStyle:
    base = {"fontName": "Times-Roman", "fontSize": 10, "leading": 12.5, "alignment": TA_JUSTIFY}
    return ParagraphStyle(name, **{**base, **kwargs})


BODY = _style("body", firstLineIndent=12, spaceAfter=2)
TITLE = _style("title", fontName="Times-Bold", fontSize=17, leading=21, alignment=TA_CENTER)
BYLINE = _style("byline", fontSize=11, leading=14, alignment=TA_CENTER)
AFFILIATION = _style("affiliation", fontName="Times-Italic", fontSize=9.5, alignment=TA_CENTER)
ABSTRACT_HEAD = _style("abstract-head", fontName="Times-Bold", fontSize=11, alignment=TA_CENTER)
ABSTRACT = _style("abstract", fontSize=9.5, leading=11.5, leftIndent=20, rightIndent=20)
H1 = _style("h1", fontName="Times-Bold", fontSize=12, leading=15, alignment=TA_LEFT, spaceBefore=8)
H2 = _style("h2", fontName="Times-Bold", fontSize=10, leading=13, alignment=TA_LEFT, spaceBefore=5)
CAPTION = _style("caption", fontSize=9, leading=11)
EQUATION = _style("equation", alignment=TA_CENTER, spaceBefore=4, spaceAfter=4)
REFERENCE = _style("reference", fontSize=9, leading=11, leftIndent=12, firstLineIndent=-12)

FILLER = [
    "Large language models are trained on web text and then adapted to new tasks.",
    "We study how the choice of training data changes what such a model learns to do.",
    "Our experiments cover four datasets that differ in domain, size and label noise.",
    "Each run uses the same optimiser, learning rate schedule and number of steps.",
    "The results show a consistent gain that grows with the amount of clean data.",
    "We release the code and the trained checkpoints so that others can reproduce this.",
    "A careful ablation separates the effect of the data from that of the model size.",
    "The gap closes when the smaller model is given twice as many training tokens.",
    "We also report the variance across five random seeds for every configuration.",
    "Human raters preferred the adapted model in most of the pairwise comparisons.",
]


def _prose(seed: int, sentences: int = 6) -> str:
    return " ".join(FILLER[(seed + i * 3) % len(FILLER)] for i in range(sentences))


# The hard cases, as printed (reportlab markup) and as ingest should read them.
BROKEN_WORDS = (
    "Our encoder builds on SciBERT and on the DeepSeekMoE design, a Mixture-of-Experts model. "
    "In our tests the SciB-<br/>ERT encoder and the DeepSeek-<br/>MoE layers, with a "
    "Mixture-of-<br/>Experts router, behave as expected."
)
BROKEN_WORDS_READ = (
    "In our tests the SciBERT encoder and the DeepSeekMoE layers, with a Mixture-of-Experts "
    "router, behave as expected."
)
MARKED_WORDS = (
    "We compare against SPECTER,<super>2</super> evaluate on SCIDOCS<super>3</super> and "
    "report the best performance.<super>4</super> Results follow."
)
MARKED_WORDS_READ = (
    "We compare against SPECTER, evaluate on SCIDOCS and report the best performance."
)
CITATIONS = (
    "In [12], stochastic inverses are learned for every layer. "
    "Earlier methods [3, 4] rely on fixed inverses instead."
)
GAP_SENTENCE = "In [12], stochastic inverses are learned for every layer."
CLEAN_SENTENCE = "Earlier methods rely on fixed inverses instead."
MATH = (
    'The loss sums <font name="CMMI10">x</font><sub>i</sub> over all tokens, '
    "as Table 1 shows for every dataset."
)


def _body(seed: int, roman: bool = False) -> list[Flowable]:
    """One section's body: filler prose with the hard cases worked in (an IEEE paper's,
    where `roman`, its table captioned "TABLE I" over a line of its own)."""
    flow: list[Flowable] = [Paragraph(_prose(seed), BODY)]
    if seed == 1:
        flow += [
            Paragraph(BROKEN_WORDS, BODY),
            Paragraph(MARKED_WORDS, BODY),
            Paragraph(CITATIONS + " " + _prose(seed + 1, 3), BODY),
        ]
    if seed == 2:
        flow += [
            Paragraph(MATH + " " + _prose(seed, 2), BODY),
            Paragraph(
                '<font name="CMMI10">s</font>(<font name="CMMI10">x</font>) = 1 / (1 + '
                'exp(-<font name="CMMI10">x</font>))&nbsp;&nbsp;&nbsp;&nbsp;(1)',
                EQUATION,
            ),
            Paragraph("where x is the input. " + _prose(seed + 2, 3), BODY),
            _table(roman),
        ]
    flow.append(Paragraph(_prose(seed + 5, 5), BODY))
    return flow


def _table(roman: bool = False) -> Flowable:
    table = Table(
        [["Dataset", "Baseline", "Ours"], ["Web", "71.2", "74.9"], ["Science", "64.0", "69.3"]]
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Times-Roman", 9),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
            ]
        )
    )
    if roman:
        caption = [Paragraph("TABLE I", CAPTION), Paragraph("Accuracy on two domains.", CAPTION)]
    else:
        caption = [Paragraph("Table 1: Accuracy on two domains.", CAPTION)]
    return _Group([*caption, table, Spacer(1, 6)])


class _Group(Flowable):
    """Keep a caption with its table without reportlab's KeepTogether page logic."""

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        self.sizes = [part.wrap(width, height) for part in self.parts]
        self.width = width
        return width, sum(h for _, h in self.sizes)

    def draw(self) -> None:
        y = sum(h for _, h in self.sizes)
        for part, (w, h) in zip(self.parts, self.sizes, strict=True):
            y -= h
            part.drawOn(self.canv, (self.width - w) / 2, y)


SECTIONS = ["Introduction", "Related Work", "Method", "Experiments", "Conclusion"]


ROMAN = ["I", "II", "III", "IV", "V"]
RUN_IN_TEXT = "We mix web and science text in equal parts for every run we report."


def _sections(numbered: bool, upper: bool = False, roman: bool = False) -> list[Flowable]:
    flow: list[Flowable] = []
    for number, title in enumerate(SECTIONS, start=1):
        shown = title.upper() if upper else title
        label = f"{ROMAN[number - 1]}." if roman else str(number)
        flow.append(Paragraph(f"{label} {shown}" if numbered else shown, H1))
        if roman and title == "Related Work":  # lettered from A under each section
            for sub, heading in (("A.", "Node models"), ("B.", "pWSBM block models")):
                flow += [Paragraph(f"{sub} {heading}", H2), Paragraph(_prose(number, 2), BODY)]
        if numbered and title == "Method":
            flow += _body(number, roman)[:1]
            sub = "A." if roman else f"{number}.1"
            flow.append(Paragraph(f"{sub} Training Setup", H2))
            if not roman:  # a run-in sub-subsection in the body's type
                flow.append(Paragraph(f"{number}.1.1 Data Mixture. " + RUN_IN_TEXT, BODY))
        flow += _body(number, roman)
    return flow


def _references(count: int, style: str) -> list[Flowable]:
    flow: list[Flowable] = []
    for index in range(1, count + 1):
        authors = f"Author{chr(64 + index % 26)} Smith{index} and Jane Roe"
        text = f"{authors}. {2010 + index % 14}. A study of topic number {index} in learning."
        text += f" In Proceedings of the Conference, pages {index}-{index + 9}."
        if style == "numbered":
            text = f"[{index}] {text}"
        paragraph_style = REFERENCE
        if style == "spaced":
            paragraph_style = _style("spaced", fontSize=9, leading=11, spaceBefore=5)
        flow.append(Paragraph(text, paragraph_style))
    return flow


def _furniture(canvas: Any, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("Times-Roman", 8)
    canvas.drawString(inch, HEIGHT - 0.5 * inch, "Preprint. Under review.")
    canvas.drawCentredString(WIDTH / 2, 0.45 * inch, str(doc.page))
    if doc.page == 1:
        canvas.setFont("Times-Roman", 6)
        canvas.drawString(inch, 1.02 * inch, "1")
        canvas.setFont("Times-Roman", 8)
        canvas.drawString(inch + 4, 1.0 * inch, "Code and data are available from the authors.")
    canvas.restoreState()


def _document(frames_first: list[Frame], frames_rest: list[Frame]) -> tuple[Any, io.BytesIO]:
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=LETTER, invariant=True, title="template.dvi")
    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=frames_first, onPage=_furniture),
            PageTemplate(id="rest", frames=frames_rest, onPage=_furniture),
        ]
    )
    return doc, out


def _columns(top: float = HEIGHT - inch) -> list[Frame]:
    gap = 0.3 * inch
    width = (WIDTH - 2 * inch - gap) / 2
    height = top - 1.2 * inch
    return [
        Frame(inch, 1.2 * inch, width, height, id="left"),
        Frame(inch + width + gap, 1.2 * inch, width, height, id="right"),
    ]


ABSTRACT_TEXT = (
    "We present a simple way to adapt language models to scientific text. "
    + _prose(0, 4)
    + " Our method closes most of the gap at a fraction of the cost."
)


def one_column() -> tuple[bytes, Truth]:
    """arXiv report: superscript affiliation marks, a centred Abstract, numbered headings."""
    frame = Frame(inch, 1.2 * inch, WIDTH - 2 * inch, HEIGHT - 2.2 * inch)
    doc, out = _document([frame], [frame])
    story: list[Flowable] = [
        NextPageTemplate("rest"),
        Paragraph("Adapting Language Models to Scientific Text", TITLE),
        Spacer(1, 8),
        Paragraph(
            "Maria Garcia<super>1,*</super> &nbsp; Wei Chen<super>2</super> &nbsp; "
            "Jean-Pierre Dubois<super>1</super>",
            BYLINE,
        ),
        Paragraph(
            "<super>1</super>University of Somewhere &nbsp; <super>2</super>Acme Labs", AFFILIATION
        ),
        Paragraph("maria@example.org", AFFILIATION),
        Spacer(1, 10),
        Paragraph("Abstract", ABSTRACT_HEAD),
        Paragraph(ABSTRACT_TEXT, ABSTRACT),
        *_sections(numbered=True),
        Paragraph("References", H1),
        *_references(12, "numbered"),
    ]
    doc.build(story)
    truth = Truth(
        title="Adapting Language Models to Scientific Text",
        authors=["Maria Garcia", "Wei Chen", "Jean-Pierre Dubois"],
        abstract_start="We present a simple way to adapt language models to scientific text.",
        abstract_end="at a fraction of the cost.",
        headings=SECTIONS,
        references=12,
    )
    return out.getvalue(), truth


def two_column_acl() -> tuple[bytes, Truth]:
    """ACL: names in a row with marks, the abstract in the left column, hanging indents."""
    top = Frame(inch, HEIGHT - 2.6 * inch, WIDTH - 2 * inch, 1.6 * inch, id="top")
    doc, out = _document([top, *_columns(HEIGHT - 2.6 * inch)], _columns())
    story: list[Flowable] = [
        NextPageTemplate("rest"),
        Paragraph("Citation Graphs for Open Research Corpora", TITLE),
        Spacer(1, 6),
        Paragraph(
            "<b>Kyle Lo</b><super>†∗</super> &nbsp;&nbsp; <b>Lucy Lu Wang</b><super>†</super> "
            "&nbsp;&nbsp; <b>Daniel S. Weld</b><super>†‡</super>",
            BYLINE,
        ),
        Paragraph("<super>†</super>Allen Institute for AI, Seattle, WA, USA", AFFILIATION),
        FrameBreak(),
        Paragraph("Abstract", ABSTRACT_HEAD),
        Paragraph(ABSTRACT_TEXT, ABSTRACT),
        *_sections(numbered=True),
        Paragraph("References", H1),
        *_references(15, "hanging"),
    ]
    doc.build(story)
    truth = Truth(
        title="Citation Graphs for Open Research Corpora",
        authors=["Kyle Lo", "Lucy Lu Wang", "Daniel S. Weld"],
        abstract_start="We present a simple way to adapt language models to scientific text.",
        abstract_end="at a fraction of the cost.",
        headings=SECTIONS,
        references=15,
    )
    return out.getvalue(), truth


def acm() -> tuple[bytes, Truth]:
    """ACM: capitalised names in a grid of affiliation blocks, ABSTRACT, CCS CONCEPTS."""
    top = Frame(inch, HEIGHT - 2.9 * inch, WIDTH - 2 * inch, 1.9 * inch, id="top")
    doc, out = _document([top, *_columns(HEIGHT - 2.9 * inch)], _columns())
    cell = _style("cell", fontSize=12, leading=14, alignment=TA_CENTER)
    small = _style("small", fontSize=9, leading=11, alignment=TA_CENTER)
    grid = Table(
        [
            [
                Paragraph(name, cell)
                for name in ("JOSEPH CHEE CHANG", "AMY X. ZHANG", "ANDREW HEAD")
            ],
            [Paragraph(text, small) for text in ("Allen Institute for AI", "MIT", "Penn")],
            [Paragraph("Seattle, WA, USA", small)] * 3,
        ],
        colWidths=[2.1 * inch] * 3,
    )
    left = _style("left", fontName="Times-Bold", fontSize=11, alignment=TA_LEFT)
    story: list[Flowable] = [
        NextPageTemplate("rest"),
        Paragraph("Reading Interfaces for Scientific Papers", TITLE),
        Spacer(1, 6),
        grid,
        FrameBreak(),
        Paragraph("ABSTRACT", left),
        Paragraph(ABSTRACT_TEXT, _style("abs", fontSize=9, leading=11)),
        Paragraph("CCS CONCEPTS", left),
        Paragraph("• Human-centered computing → Interfaces.", _style("ccs", fontSize=9)),
        *_sections(numbered=True, upper=True),
        Paragraph("REFERENCES", left),
        *_references(14, "numbered"),
    ]
    doc.build(story)
    truth = Truth(
        title="Reading Interfaces for Scientific Papers",
        authors=["Joseph Chee Chang", "Amy X. Zhang", "Andrew Head"],
        abstract_start="We present a simple way to adapt language models to scientific text.",
        abstract_end="at a fraction of the cost.",
        headings=[title.upper() for title in SECTIONS],
        references=14,
    )
    return out.getvalue(), truth


def lncs() -> tuple[bytes, Truth]:
    """LNCS-like: footnote-marked names, a run-in 'Abstract.' lead, unnumbered headings."""
    frame = Frame(1.3 * inch, 1.2 * inch, WIDTH - 2.6 * inch, HEIGHT - 2.2 * inch)
    doc, out = _document([frame], [frame])
    story: list[Flowable] = [
        NextPageTemplate("rest"),
        Paragraph("Sparse Attention for Long Documents", TITLE),
        Spacer(1, 8),
        Paragraph("Anna Schmidt*, Tomás Ruiz†, and Priya Natarajan*", BYLINE),
        Paragraph("* Example University &nbsp; † Example Research", AFFILIATION),
        Spacer(1, 10),
        Paragraph("<b>Abstract.</b> " + ABSTRACT_TEXT, _style("runin", fontSize=9, leading=11)),
        Spacer(1, 6),
        *_sections(numbered=False),
        Paragraph("References", H1),
        *_references(11, "spaced"),
    ]
    doc.build(story)
    truth = Truth(
        title="Sparse Attention for Long Documents",
        authors=["Anna Schmidt", "Tomás Ruiz", "Priya Natarajan"],
        abstract_start="We present a simple way to adapt language models to scientific text.",
        abstract_end="at a fraction of the cost.",
        headings=SECTIONS,
        references=11,
    )
    return out.getvalue(), truth


def ieee() -> tuple[bytes, Truth]:
    """IEEE: names over their affiliations, ORCID ids, 'Abstract—' and 'Index Terms—' leads,
    roman-numbered capital headings with lettered subsections."""
    top = Frame(inch, HEIGHT - 2.5 * inch, WIDTH - 2 * inch, 1.5 * inch, id="top")
    doc, out = _document([top, *_columns(HEIGHT - 2.5 * inch)], _columns())
    lead = _style("lead", fontSize=9, leading=11)
    cell = _style("cell", fontSize=11, leading=13, alignment=TA_CENTER)
    small = _style("small", fontName="Times-Italic", fontSize=9, leading=11, alignment=TA_CENTER)
    grid = Table(
        [
            [Paragraph("Ana Lima [0000-0002-1825-0097]", cell), Paragraph("Omar Haddad", cell)],
            [Paragraph("Dept. of EE, Example University", small), Paragraph("Acme Inc.", small)],
        ],
        colWidths=[3 * inch] * 2,
    )
    centred = _style("centred", fontName="Times-Roman", fontSize=10.5, alignment=TA_CENTER)
    story: list[Flowable] = [
        NextPageTemplate("rest"),
        Paragraph("Low-Power Sensing with Learned Filters", TITLE),
        Spacer(1, 6),
        grid,
        FrameBreak(),
        Paragraph("<b><i>Abstract</i>—" + ABSTRACT_TEXT + "</b>", lead),
        Paragraph("<b><i>Index Terms</i>—sensors, filters, learning.</b>", lead),
        *[
            Paragraph(p.text.upper(), centred) if isinstance(p, Paragraph) and p.style is H1 else p
            for p in _sections(numbered=True, roman=True)
        ],
        Paragraph("REFERENCES", centred),
        *_references(13, "numbered"),
    ]
    doc.build(story)
    truth = Truth(
        title="Low-Power Sensing with Learned Filters",
        authors=["Ana Lima", "Omar Haddad"],
        abstract_start="We present a simple way to adapt language models to scientific text.",
        abstract_end="at a fraction of the cost.",
        headings=[title.upper() for title in SECTIONS],
        references=13,
        table_label="Table I",
    )
    return out.getvalue(), truth


LAYOUTS = {
    "one_column": one_column,
    "acl": two_column_acl,
    "acm": acm,
    "lncs": lncs,
    "ieee": ieee,
}


# ---------------------------------------------------------------- floats and formulas
# A page set the way LaTeX sets a results section: a borderless table in small type with
# its caption right under its last row (one text block), a figure whose labels include a
# body-type line that reads like prose, and inline math with a fraction set as two stacked
# pieces and a subscript stacked under a superscript.


def _renamed_font(name: str, file: str) -> None:
    """A font the PDF names like TeX's (CMR7, CMSY10), from one of reportlab's Vera files."""
    if name not in pdfmetrics.getRegisteredFontNames():
        font = TTFont(name, file)
        font.face.name = name.encode()
        pdfmetrics.registerFont(font)


for _name, _file in (("CMR10", "Vera.ttf"), ("CMR7", "Vera.ttf"), ("CMSY10", "Vera.ttf"),
                     ("CMMI7", "VeraIt.ttf")):  # fmt: skip
    _renamed_font(_name, _file)

FLOAT_ROWS = [
    ["Model", "Params", "Layers", "Tokens", "Score"],
    ["Small", "545M", "14", "10.8B", "0.5144"],
    ["Medium", "822M", "16", "15.3B", "0.6573"],
    ["Large", "1.5B", "20", "27.4B", "0.7818"],
]
FLOAT_TABLE_CAPTION = "Configuration of the scaling experiments"
FLOAT_FIGURE_CAPTION = "Throughput of the router with fixed 64 blocks and top-k=3 per query."
FLOAT_FIGURE_LABEL = "Dense attention baseline with sliding window and routed block attention"
FLOAT_CITING = "The configurations are listed in table 1 and the throughput in Fig. 1"
FRACTION_READ = "$1 − \\frac{512×3}{8192} = 81.25%$"
STACKED_READ = "$h_{t}^{enc}$"


# A paragraph's bold lead-in set on its line with no stop after it: as near as a space
# (one line to PyMuPDF) and a quad apart (two pieces of one row).
RUN_IN_PARAGRAPHS = [
    ("Block Scores", "Every block is scored once against the mean of its keys.", 2.5),
    ("Cache Reuse", "Scores stay in memory for the whole chunk of queries.", 11.0),
]


def floats() -> tuple[bytes, Truth]:
    """One column, drawn line by line: title, abstract, a section citing 'table 1' and
    'Fig. 1', the borderless table and its caption, a figure, inline math, references."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=LETTER, invariant=True)
    left, y = inch, HEIGHT - inch

    def text(x: float, top: float, string: str, font: str = "Times-Roman", size: float = 10):
        canvas.setFont(font, size)
        canvas.drawString(x, top, string)

    def prose(lines: list[str], top: float) -> float:
        for line in lines:
            text(left, top, line)
            top -= 12
        return top - 8

    canvas.setTitle("template.dvi")
    canvas.setFont("Times-Bold", 17)
    canvas.drawCentredString(WIDTH / 2, y, "Routing Attention over Long Contexts")
    canvas.setFont("Times-Roman", 11)
    canvas.drawString(WIDTH / 2 - 100, y - 22, "Ada Lovelace")
    canvas.drawString(WIDTH / 2 + 30, y - 22, "Alan Turing")
    canvas.setFont("Times-Bold", 11)
    canvas.drawCentredString(WIDTH / 2, y - 50, "Abstract")
    y = prose(
        [
            "We route each query to a few blocks of keys, which keeps attention cheap on long",
            "inputs while matching full attention on the benchmarks we report in this paper.",
        ],
        y - 66,
    )
    text(left, y, "1 Experiments", "Times-Bold", 12)
    y = prose(
        [
            f"{FLOAT_CITING}, where every run uses the same data, the same",
            "optimiser and the same schedule, so that the attention layer is the only change.",
        ],
        y - 18,
    )
    columns = [left + 40, left + 130, left + 200, left + 270, left + 340]
    for row in FLOAT_ROWS:  # no rules, smaller type: a borderless table
        for x, cell in zip(columns, row, strict=True):
            text(x, y, cell, size=9)
        y -= 10
    text(left + 90, y - 1, f"Table 1: {FLOAT_TABLE_CAPTION}")  # under the last row, no gap
    y = prose(
        [
            "With a block size of 512 and the top three blocks for every query, attention has",
            "a sparsity of up to",
        ],
        y - 24,
    )
    y += 8 + 12  # the formula carries the last line on

    def width(string: str, font: str, size: float = 10) -> float:
        return float(pdfmetrics.stringWidth(string, font, size))

    x = left + width("a sparsity of up to ", "Times-Roman")
    text(x, y, "1", "CMR10")
    x += width("1 ", "CMR10")
    text(x, y, "−", "CMSY10")
    x += width("− ", "CMSY10")
    text(x, y + 4, "512×3", "CMR7", 7)  # a fraction: numerator raised ...
    text(x + 1, y - 4, "8192", "CMR7", 7)  # ... its denominator under it
    x += width("512×3", "CMR7", 7) + 3
    text(x, y, "= 81.25%", "CMR10")
    x += width("= 81.25% ", "CMR10")
    words = "over the whole sequence. The encoder state "
    text(x, y, words, "Times-Roman")
    x += width(words, "Times-Roman")
    text(x, y, "h", "CMMI10")
    x += width("h", "CMMI10")
    text(x, y + 4, "enc", "CMMI7", 7)  # a superscript ...
    text(x, y - 3, "t", "CMMI7", 7)  # ... and a subscript stacked under it
    x += width("enc ", "CMMI7", 7)
    text(x, y, "feeds the router.", "Times-Roman")
    y -= 30
    canvas.setFont("Times-Roman", 6.5)  # the figure: chart labels, one line in body type
    for offset, label in enumerate(["Tokens/s", "0", "2k", "4k", "8k"]):
        canvas.drawString(left + 60 + 50 * offset, y - 30, label)
    text(left + 30, y, FLOAT_FIGURE_LABEL)
    canvas.setFont("Times-Roman", 6.5)
    canvas.drawString(left + 60, y - 60, "sequence length")
    y = prose([f"Figure 1: {FLOAT_FIGURE_CAPTION}"], y - 84)
    y = prose(
        [
            "The router adds little cost: its gating scores are computed once per block and",
            "reused by every query that attends to the same block in the current chunk.",
        ],
        y - 6,
    )
    for lead, rest, gap in RUN_IN_PARAGRAPHS:  # bold lead-ins with no stop of their own
        text(left, y, lead, "Times-Bold")
        text(left + width(lead, "Times-Bold") + gap, y, rest)
        y -= 20
    text(left, y, "References", "Times-Bold", 12)
    y -= 16
    for index in range(1, 5):
        text(left, y, f"[{index}] Author{index} Smith. 2020. A study of routing number {index}.")
        y -= 11
    canvas.showPage()
    canvas.save()
    truth = Truth(
        title="Routing Attention over Long Contexts",
        authors=["Ada Lovelace", "Alan Turing"],
        abstract_start="We route each query to a few blocks of keys",
        abstract_end="we report in this paper.",
        headings=["Experiments"],
        references=4,
    )
    return out.getvalue(), truth
