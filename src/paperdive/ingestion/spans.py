"""One printed line from its PyMuPDF spans: text a reader would see, and what the type says.

Three things only the spans tell: a raised small span after a word is a footnote or
affiliation mark ("S2ORC¹", "Lo†"), not part of the word; capitals set in two sizes are
small caps ("K IMI" is "Kimi"); and spans in math fonts are math, written `$...$` so that
nothing downstream mistakes them for prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from paperdive.ingestion.text import fuse_scripts, normalize

Span = dict[str, Any]

_SUPERSCRIPT_FLAG = 1
_ITALIC_FLAG = 2
_BOLD_FLAG = 16
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|medi|-b$|tb$|^cmbx|^cmb\d", re.I)
_ITALIC_FONT = re.compile(r"ital|oblique|-it$|ti$|^cmti|slant", re.I)
# Fonts that only set math: Computer Modern math italic/symbols/extensions, AMS symbols,
# the txfonts/newtx/mathtime/STIX/Cambria/Libertine math families, and anything "Math".
_MATH_FONT = re.compile(
    r"^(?:cmmi|cmsy|cmex|cmbsy|cmmib|msam|msbm|eufm|eusm|eurm|rsfs|stmary|wasy|lasy|"
    r"r?txmi|r?txsy|r?txex|txsys|txmia|ntxmi|ntxsy|newtxmi|pxmi|pxsy|pxex|mt2mi|mt2sy|mt2ex|"
    r"stixmath|symbol|esint|bbold|dsrom)|math",
    re.I,
)
# Computer Modern text fonts: math when the paper's prose is set in another family.
_CM_TEXT_FONT = re.compile(r"^(?:cmr|cmbx|cmti|cmsl|cmss|cmu|lmroman|sfrm|sfbx)", re.I)
_SYMBOL_MARKS = "∗*†‡§¶#⋆♯♮✉♠♣♦♥⋄◇□△▽∥‖"
_ONE_MARK = rf"(?:\d{{1,3}}|[a-z]|[{_SYMBOL_MARKS}]+)"
_MARK = re.compile(rf"^[\s,.;]*{_ONE_MARK}(?:[\s,;]*{_ONE_MARK})*[\s,.;]*$")
_ORDINAL = re.compile(r"^(?:st|nd|rd|th)$")
_MARK_GLUE = re.compile(r"[\s,;.]+")
# Digits, operators and brackets: math beside math, plain text beside text ("the 32nd").
_NEUTRAL = re.compile(r"[\s\d.,=+\-−()\[\]/|<>≤≥×·:;]+")
_WORDED = re.compile(r"[^\W_]")
_CMEX_FONT = re.compile(r"^cmex", re.I)
# Knuth's OMX encoding: delimiters in four sizes, then the big operators, accents, radicals.
_CMEX_TABLE = str.maketrans(
    {
        **dict.fromkeys((0x00, 0x10, 0x12, 0x20, 0x30, 0x40, 0x42), "("),
        **dict.fromkeys((0x01, 0x11, 0x13, 0x21, 0x31, 0x41, 0x43), ")"),
        **dict.fromkeys((0x02, 0x14, 0x22, 0x32, 0x34, 0x36, 0x68), "["),
        **dict.fromkeys((0x03, 0x15, 0x23, 0x33, 0x35, 0x37, 0x69), "]"),
        **dict.fromkeys((0x04, 0x16, 0x24, 0x6A), "⌊"),
        **dict.fromkeys((0x05, 0x17, 0x25, 0x6B), "⌋"),
        **dict.fromkeys((0x06, 0x18, 0x26, 0x6C), "⌈"),
        **dict.fromkeys((0x07, 0x19, 0x27, 0x6D), "⌉"),
        **dict.fromkeys((0x08, 0x1A, 0x28, 0x38, 0x3A, 0x3C, 0x3E, 0x6E), "{"),
        **dict.fromkeys((0x09, 0x1B, 0x29, 0x39, 0x3B, 0x3D, 0x6F), "}"),
        **dict.fromkeys((0x0A, 0x1C, 0x2A, 0x44), "⟨"),
        **dict.fromkeys((0x0B, 0x1D, 0x2B, 0x45), "⟩"),
        **dict.fromkeys((0x0C, 0x3F, 0x42), "|"),
        **dict.fromkeys((0x0D, 0x77), "‖"),
        **dict.fromkeys((0x0E, 0x1E, 0x2C), "/"),
        **dict.fromkeys((0x0F, 0x1F, 0x2D), "\\"),
        **dict.fromkeys((0x48, 0x49), "∮"),
        **dict.fromkeys((0x4A, 0x4B), "⨀"),
        **dict.fromkeys((0x4C, 0x4D), "⨁"),
        **dict.fromkeys((0x4E, 0x4F), "⨂"),
        **dict.fromkeys((0x50, 0x58), "∑"),
        **dict.fromkeys((0x51, 0x59), "∏"),
        **dict.fromkeys((0x52, 0x5A), "∫"),
        **dict.fromkeys((0x53, 0x5B), "⋃"),
        **dict.fromkeys((0x54, 0x5C), "⋂"),
        **dict.fromkeys((0x56, 0x5E), "⋀"),
        **dict.fromkeys((0x57, 0x5F), "⋁"),
        **dict.fromkeys((0x60, 0x61), "∐"),
        **dict.fromkeys((0x62, 0x63, 0x64), "\\hat "),
        **dict.fromkeys((0x65, 0x66, 0x67), "\\tilde "),
        **dict.fromkeys(range(0x70, 0x77), "√"),
    }
)
_EXTENSION_FONT = re.compile(r"^(?:cmex|txex|pxex|mt2ex|esint|stixsize)", re.I)
_BIG = set("√∑∏∐∫∬∭∮⋃⋂⨁⨂⨀⋁⋀")
_HUNG = 0.12  # of the type size: a script this close to the glyph before it hangs on it
_FLAGGED_CHARS = 3
_DELIMITERS = set("()[]{}⟨⟩|‖⌊⌋⌈⌉")
_STACK_GAP = 0.3  # of the type size: pieces of a numerator (denominator) this close are one
_HIGH_MIDDLE = 0.6  # of the type size: a big glyph centred this high stands over the row
_AXIS = 0.25  # of the type size: the math axis (fraction bars, big operators) over the baseline
_TAIL = 8
_FLAGGED_RISE = 0.25  # of the type size: a full-size span this high is a superscript
_HUNG_SCRIPT = 0.3  # ... and a script farther than this from every glyph has no base
_OPENING = set("([{⟨|=+−-×·/<>≤≥≈∼:,")  # a fraction may stand right after these
FRACTION_FONT = "paperdive-math"  # what a fraction read from the layout is set in
_SMALL_CAPS_RATIO = (0.6, 0.92)
_WORD_GAP = 0.2  # of the type size: a gap this wide between spans is a word space
_RAISED = 0.12  # of the line's size: a baseline this much higher is a superscript


# A bold lead-in that ends in no stop, then the paragraph's first sentence ("Prompts" |
# "Considerable effort was spent …"): a heading of its own, so the sentence starts afresh.
RUN_IN_WORDS = 6
_SENTENCE_START = re.compile(r"(?:[A-Z][a-z]+|A|I)\b")


def after_run_in(lead: str, rest: str) -> str | None:
    """`lead` (bold) and `rest` as one line with a stop between them, where `lead` is a
    run-in heading; None where it is not (a bold name, a figure, a formula's letter)."""
    lead, rest = lead.strip(), rest.strip()
    words = len(lead.split())
    named = any(ch.isalpha() for ch in lead)  # "87.4" before "Accuracy" is a score
    if 0 < words <= RUN_IN_WORDS and named and lead[-1].isalnum() and _SENTENCE_START.match(rest):
        return " ".join(f"{lead}. {rest}".split())
    return None


def font_name(span: Span) -> str:
    """The font's name without the subset prefix ('ABCDEF+CMMI10' -> 'CMMI10')."""
    name: str = span["font"]
    return name.split("+", 1)[1] if "+" in name else name


def is_bold(span: Span) -> bool:
    return bool(span["flags"] & _BOLD_FLAG) or _bold_font(span["font"])


def is_italic(span: Span) -> bool:
    return bool(span["flags"] & _ITALIC_FLAG) or _italic_font(span["font"])


@cache
def _bold_font(name: str) -> bool:
    return bool(_BOLD_FONT.search(name.split("+", 1)[-1]))


@cache
def _italic_font(name: str) -> bool:
    return bool(_ITALIC_FONT.search(name.split("+", 1)[-1]))


@dataclass(frozen=True)
class FontFacts:
    """What counts as a math font in this paper (CM text fonts are math in a Times paper)."""

    cm_is_text: bool
    _known: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def is_math(self, span: Span) -> bool:
        name: str = span["font"]
        known = self._known.get(name)
        if known is None:
            plain = font_name(span)
            known = bool(_MATH_FONT.search(plain)) or (
                not self.cm_is_text and bool(_CM_TEXT_FONT.match(plain))
            )
            self._known[name] = known
        return known


@dataclass(slots=True)
class LineText:
    text: str  # with footnote marks dropped, small caps decoded, math as $...$
    marks: tuple[str, ...]  # the footnote/affiliation marks that were dropped
    breaks: tuple[int, ...]  # where they were: after this many non-space characters
    lead_mark: str | None  # a raised mark that opens the line: a footnote's or affiliation's
    math_chars: int  # characters set in math fonts
    size: float  # the size most of the line is set in
    font: str
    bold: bool
    italic: bool


def read_line(
    line: dict[str, Any],
    fonts: FontFacts,
    *,
    laid_out: bool = False,
    base: float | None = None,
) -> LineText | None:
    """`laid_out`: the spans come from several PDF lines of one row (a formula's scripts or
    a fraction set apart), so they are read in the order they stand on the row; `base`: the
    row's baseline when the caller knows it (a display formula's)."""
    spans = [s for s in line["spans"] if s["text"]]
    if not spans:
        return None
    first = spans[0]
    size = first["size"]
    plain = not laid_out  # most lines: one type, no marks, no math
    for span in spans:
        if not plain:
            break
        if span["size"] != size or span["flags"] & _SUPERSCRIPT_FLAG or fonts.is_math(span):
            plain = False
    if plain:
        main = first if len(spans) == 1 else max(spans, key=lambda s: len(s["text"]))
        text = " ".join(normalize("".join(s["text"] for s in spans)).split())
        bold = [is_bold(s) for s in spans]
        lead = next((i for i, b in enumerate(bold) if not b), 0)  # the bold spans opening it
        if lead and not any(bold[lead:]):
            text = (
                after_run_in(
                    normalize("".join(s["text"] for s in spans[:lead])),
                    normalize("".join(s["text"] for s in spans[lead:])),
                )
                or text
            )
        if not text:
            return None
        return LineText(
            text=text,
            marks=(),
            breaks=(),
            lead_mark=None,
            math_chars=0,
            size=round(float(size), 1),
            font=font_name(main),
            bold=is_bold(main),
            italic=is_italic(main),
        )
    if not "".join(s["text"] for s in spans).strip():
        return None
    main = main_span(spans)
    if base is None:
        base = baseline(spans, main)
    if laid_out:
        spans = _accents_first(sorted(spans, key=lambda s: float(s["bbox"][0])))
    if laid_out or _overlapping(spans):
        spans = _fold_fractions(spans, float(main["size"]), base, fonts)
    reader = _LineReader(float(main["size"]), base, fonts)
    small_caps = _small_caps_line(spans)
    for index, span in enumerate(spans):
        reader.add(span, spans[index + 1 : index + 6], small_caps)
    reader.close_math()
    return LineText(
        text=fuse_scripts(re.sub(r"\s+", " ", "".join(reader.pieces)).strip()),
        marks=tuple(reader.marks),
        breaks=tuple(reader.breaks),
        lead_mark=reader.lead_mark,
        math_chars=reader.math_chars,
        size=round(small_caps or float(main["size"]), 1),
        font=font_name(main),
        bold=is_bold(main),
        italic=is_italic(main),
    )


class _LineReader:
    """Reads a line's spans left to right into text, marks and $math$ runs."""

    def __init__(self, size: float, baseline: float, fonts: FontFacts) -> None:
        self.size = size
        self.baseline = baseline
        self.fonts = fonts
        self.pieces: list[str] = []
        self.math_run: list[str] = []
        self.marks: list[str] = []
        self.breaks: list[int] = []
        self.lead_mark: str | None = None
        self.math_chars = 0
        self.last = ""  # what the previous span became: "text", "math", "script", "mark"
        self.right = 0.0  # where the previous span ended
        self.ink = -1e9  # where the previous span with a glyph ended

    def add(self, span: Span, following: list[Span], small_caps: float | None) -> None:
        raw = normalize(_cmex(span))
        out = self.math_run if self.math_run else self.pieces
        if not raw.strip():
            out.append(raw)
            self.right = float(span["bbox"][2])
            return
        gap = float(span["bbox"][0]) - self.right
        if self.right and gap > _WORD_GAP * self.size and out and not out[-1][-1:].isspace():
            out.append(" ")  # a space the PDF shows as a gap but holds no character for
        hung = float(span["bbox"][0]) - self.ink < _HUNG_SCRIPT * self.size
        self.right = self.ink = float(span["bbox"][2])
        smaller = span["size"] < self.size * 0.85
        rise = self.baseline - float(span["origin"][1])
        # MuPDF flags a span as superscript whenever its baseline sits a little high; a
        # run of words in the line's own type is no script for that
        flagged = (
            bool(span["flags"] & _SUPERSCRIPT_FLAG)
            and len(raw.strip()) <= _FLAGGED_CHARS
            and bool(_WORDED.search(raw))  # a full-size sign ('−', '=') is never a script
        )
        big = is_extension(span)  # a radical or big operator hangs where it likes
        raised = (
            (smaller or (flagged and rise > _FLAGGED_RISE * self.size))
            and rise > self.size * _RAISED
            and not big
        )
        lowered = smaller and -rise > self.size * _RAISED / 2 and not raised and not big
        before = self._tail() if (raised or smaller) else "x"  # only marks need it
        letter = raw.strip().isalpha() and self.fonts.is_math(span)  # a variable, no mark
        if not lowered and not letter and self._mark(raw, before, raised, smaller):
            return
        if raised and _ORDINAL.match(raw.strip()) and before[-1:].isdigit():
            self.close_math()
            self.pieces.append(raw.strip())  # 32nd
            self.last = "text"
            return
        if raised or lowered:
            self._script("^" if raised else "_", raw.strip(), hung)
            return
        if span.get("script"):  # stacked scripts or limits read whole: on the base before
            if not self.math_run:
                self.math_run.append(_pop_base(self.pieces) if hung else "")
            self.math_run.append(raw.strip())
            self.math_chars += len(raw.strip())
            self.last = "math"
            return
        math = self.fonts.is_math(span) or big
        if math and _NEUTRAL.fullmatch(raw) and not self.math_run:
            math = self._opens_formula(following)
        if math or (
            self.math_run and _NEUTRAL.fullmatch(raw) and _math_follows(following, self.fonts)
        ):
            self.math_run.append(raw)
            self.math_chars += len(raw.strip())
            self.last = "math"
            return
        self.close_math()
        if small_caps and span["size"] < small_caps * _SMALL_CAPS_RATIO[1] and raw.isupper():
            raw = raw.lower()
        self.pieces.append(raw)
        self.last = "text"

    def _tail(self) -> str:
        """The last few characters read so far, without trailing space (for marks)."""
        for part in (self.math_run, self.pieces):  # the math run comes after the pieces
            for piece in reversed(part):
                if piece.strip():
                    return piece.rstrip()[-_TAIL:]
        return ""

    def _opens_formula(self, following: list[Span]) -> bool:
        """Digits or signs in a math font open a formula when, past more such, a span of
        math follows ('2' '.' '625' '×' 'C'), not when prose does ('2020' '.')."""
        for span in following:
            math = self.fonts.is_math(span) or is_extension(span)
            if math and _NEUTRAL.fullmatch(span["text"]):
                continue
            return math
        return False

    def _mark(self, raw: str, before: str, raised: bool, smaller: bool) -> bool:
        """Footnote and affiliation marks leave the text; the one opening a line is kept aside.
        Inside a formula a raised number is a power, but not on a percentage ('81.25%³')."""
        if self.math_run and self.last != "mark" and not before.endswith("%"):
            return False
        if self.last == "mark" and (raised or smaller) and _MARK_GLUE.fullmatch(raw):
            return True  # the comma between two marks: "1,‡"
        if not (raised or smaller) or not _MARK.match(raw):
            return False
        if not before:
            self.lead_mark = raw.strip(" ,.;")
        elif raised and _ends_word(before):
            self.marks.extend(m for m in re.split(r"[\s,;]+", raw.strip(" ,.;")) if m)
            self.breaks.append(sum(not ch.isspace() for p in self.pieces for ch in p))
            if raw.rstrip()[-1] in ".,;" and before[-1] not in ".,;":
                self.pieces.append(raw.rstrip()[-1])
        else:
            return False
        self.last = "mark"
        return True

    def _script(self, sign: str, body: str, hung: bool = True) -> None:
        """`hung`: it stands right after a glyph, its base (a space span may sit between)."""
        if not self.math_run:  # the base it attaches to becomes math too ("x" in x_1)
            self.math_run.append(_pop_base(self.pieces) if hung else "")
        previous = self.math_run[-1] if self.math_run else ""
        if self.last == f"script{sign}" and previous.startswith(sign):
            inner = previous[2:-1] if previous.startswith(f"{sign}{{") else previous[1:]
            self.math_run[-1] = f"{sign}{{{inner}{body}}}"
        else:
            self.math_run.append(f"{sign}{body}" if len(body) == 1 else f"{sign}{{{body}}}")
        self.math_chars += len(body)
        self.last = f"script{sign}"

    def close_math(self) -> None:
        if not self.math_run:
            return
        body = "".join(self.math_run).strip()
        if len(body) == 1 and not body.isascii():  # β, µ, ±: a symbol a reader can say
            self.pieces.append("".join(self.math_run))
            self.math_run.clear()
            return
        lead = " " if self.math_run[0][:1].isspace() else ""
        trail = " " if self.math_run[-1][-1:].isspace() else ""
        self.pieces.append(f"{lead}${body}${trail}" if body else "".join(self.math_run))
        self.math_run.clear()


def _cmex(span: Span) -> str:
    """TeX's math extension font often comes without a Unicode map: its big operators,
    radicals, wide accents and tall delimiters read as 'P', 'p', 'b', '\x00'."""
    text: str = span["text"]
    if _cmex_font(span["font"]) and text.isascii():
        return text.translate(_CMEX_TABLE)
    return text


@cache
def _cmex_font(name: str) -> bool:
    return bool(_CMEX_FONT.match(name.split("+", 1)[-1]))


def _accents_first(spans: list[Span]) -> list[Span]:
    """A wide accent (TeX's hat or tilde) goes before the glyph it stands over."""
    out = list(spans)
    for index in range(1, len(out)):
        span, before = out[index], out[index - 1]
        if _cmex(span).startswith(("\\hat", "\\tilde")) and float(span["bbox"][0]) < float(
            before["bbox"][2]
        ):
            out[index - 1], out[index] = span, before
    return out


def main_span(spans: list[Span]) -> Span:
    """The span that sets the line's size: the largest type (a script never is; a big
    operator does not count), a word or number rather than a sign, the longest."""
    best: Span | None = None
    best_key = (-1, False, -1)
    for span in spans:
        text = span["text"].strip()
        if not text or is_extension(span):
            continue
        key = (round(span["size"] * 2), bool(_WORDED.search(text)), len(text))
        if key > best_key:
            best, best_key = span, key
    return best if best is not None else spans[0]


def baseline(spans: list[Span], main: Span | None = None) -> float:
    """The line's baseline: where most spans in its main type stand (one span's origin
    can be off, as MuPDF sets it for a run after a subscript)."""
    main = main or main_span(spans)
    size = main["size"]
    origin = float(main["origin"][1])
    votes: dict[float, int] = {}
    for span in spans:
        if abs(span["size"] - size) <= 0.5:
            key = round(span["origin"][1] * 2)
            votes[key] = votes.get(key, 0) + 1
    if len(votes) < 2:
        return origin  # one baseline: the usual case
    own = round(origin * 2)
    best = max(votes, key=lambda key: (votes[key], key == own))
    return best / 2 if votes[best] > votes.get(own, 0) else origin


def is_extension(span: Span) -> bool:
    """A glyph from a math extension font (a big sum, integral, radical or delimiter): it
    hangs from the formula's axis, so its origin says nothing about scripts."""
    return _extension_font(span["font"]) or span["text"].lstrip()[:1] in _BIG


@cache
def _extension_font(name: str) -> bool:
    return bool(_EXTENSION_FONT.match(name.split("+", 1)[-1]))


def _is_operator(span: Span) -> bool:
    """A big operator that takes limits over and under it (∑, ∏, ∫, ⋃ ...)."""
    return _cmex(span).strip()[:1] in _BIG - {"√"}


def _overlapping(spans: list[Span]) -> bool:
    """Two spans that share columns of the row: one stands over the other (a fraction)."""
    right = -1e9
    for span in spans:
        if float(span["bbox"][0]) < right - 1.0:
            return True
        right = max(right, float(span["bbox"][2]))
    return False


def _fold_fractions(
    spans: list[Span], size: float, baseline: float, fonts: FontFacts
) -> list[Span]:
    """Groups standing over and under the baseline at one place become one span on it: a
    fraction '\\frac{num}{den}' (not hung on the glyph before it); the limits of a big
    operator or the scripts stacked on a base '_{under}^{over}' (read whole, not piece by
    piece as they alternate along the row); the rows after a big brace, cases."""
    out: list[Span] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        if not _off(span, size, baseline) or not span["text"].strip():
            out.append(span)
            index += 1
            continue
        inked = [s for s in out[-3:] if s["text"].strip()]
        before = inked[-1] if inked else None
        cases = before is not None and is_extension(before) and _cmex(before).strip() == "{"
        group, right = [span], float(span["bbox"][2])
        following = index + 1
        while following < len(spans):
            other = spans[following]
            near = float(other["bbox"][0]) <= right + _STACK_GAP * size
            if not _off(other, size, baseline) or not (near or cases):
                break
            if other["text"].strip():  # a space span would widen the group: gaps say it
                group.append(other)
                right = max(right, float(other["bbox"][2]))
            following += 1
        stacked = _stack(group, before, size, baseline, fonts, cases=cases)
        out.extend([stacked] if stacked else group)
        index = following
    return out


def _height(span: Span) -> float:
    """Where a span stands: its baseline; for a glyph of the extension font, which hangs
    from the formula's axis, the baseline it would have if centred there."""
    if is_extension(span):
        return (float(span["bbox"][1]) + float(span["bbox"][3])) / 2 + _AXIS * float(span["size"])
    return float(span["origin"][1])


def _off(span: Span, size: float, baseline: float) -> bool:
    """Off the baseline: a script, a fraction's part, a limit (a big operator or radical
    sitting across the baseline is on it)."""
    if _is_operator(span) or (is_extension(span) and _cmex(span).strip() in _DELIMITERS):
        return False  # big operators and delimiters stand on the row, across its axis
    if is_extension(span):  # its box is unreliable; where its middle stands tells
        middle = (float(span["bbox"][1]) + float(span["bbox"][3])) / 2
        return middle > baseline + _RAISED * size or middle < baseline - _HIGH_MIDDLE * size
    return abs(baseline - float(span["origin"][1])) > _RAISED * size


def _stack(
    group: list[Span],
    before: Span | None,
    size: float,
    baseline: float,
    fonts: FontFacts,
    *,
    cases: bool = False,
) -> Span | None:
    over = [s for s in group if _height(s) < baseline]
    under = [s for s in group if _height(s) > baseline]
    if not over or not under:
        return None
    over_x = (min(float(s["bbox"][0]) for s in over), max(float(s["bbox"][2]) for s in over))
    under_x = (min(float(s["bbox"][0]) for s in under), max(float(s["bbox"][2]) for s in under))
    if min(over_x[1], under_x[1]) - max(over_x[0], under_x[0]) < _RAISED * size:
        return None  # side by side, not one over the other
    top, bottom = _inner(over, fonts), _inner(under, fonts)
    if not top or not bottom:
        return None
    left = min(over_x[0], under_x[0])
    if cases:
        return _made(f"\\begin{{cases}} {top} \\\\ {bottom} \\end{{cases}}", group, size, baseline)
    if before is not None:
        hung = left - float(before["bbox"][2]) < _HUNG * size
        opening = _cmex(before).rstrip()[-1:] in _OPENING
        if _is_operator(before) or (hung and not opening):
            scripts = f"_{{{bottom}}}^{{{top}}}"  # an operator's limits, or stacked scripts
            return _made(scripts, group, size, baseline, script=True)
    return _made(f"\\frac{{{top}}}{{{bottom}}}", group, size, baseline)


def _made(
    text: str, group: list[Span], size: float, baseline: float, *, script: bool = False
) -> Span:
    """A span read from the layout: math, on the baseline, over the group's place."""
    left = min(float(s["bbox"][0]) for s in group)
    return {
        "text": text,
        "size": size,
        "flags": 0,
        "font": FRACTION_FONT,
        "bbox": (
            left,
            min(float(s["bbox"][1]) for s in group),
            max(float(s["bbox"][2]) for s in group),
            max(float(s["bbox"][3]) for s in group),
        ),
        "origin": (left, baseline),
        "script": script,
    }


def _inner(spans: list[Span], fonts: FontFacts) -> str:
    """A numerator's or denominator's formula, without its dollar signs."""
    read = read_line({"spans": spans}, fonts, laid_out=True)
    return read.text.replace("$", "").strip() if read else ""


def _math_follows(following: list[Span], fonts: FontFacts) -> bool:
    return any(fonts.is_math(s) for s in following)


def _ends_word(text: str) -> bool:
    """A mark follows a word or its punctuation ('SPECTER,²'), never a number (10⁹ is math)."""
    return bool(text) and (text[-1].isalpha() or text[-1] in ".,;:)]’'\"”%")


def _pop_base(pieces: list[str]) -> str:
    """Take the token a sub/superscript attaches to off the end of the text so far (past
    spans that hold only a space)."""
    while pieces and not pieces[-1].strip():
        pieces.pop()
    if not pieces:
        return ""
    last = pieces[-1]
    match = re.search(r"(\S+)$", last)
    if not match:
        return ""
    pieces[-1] = last[: match.start()]
    return match.group(1)


def _small_caps_line(spans: list[Span]) -> float | None:
    """The capital size when the line sets words in small caps (a big capital directly
    followed by smaller capitals: 'K'+'IMI'), else None."""
    for first, second in zip(spans, spans[1:], strict=False):
        a, b = first["text"], second["text"]
        if not a or not b or a[-1].isspace() or b[0].isspace():
            continue
        ratio = second["size"] / first["size"] if first["size"] else 1.0
        if (
            a[-1].isupper()
            and b.strip().isupper()
            and b.strip()[0].isalpha()
            and _SMALL_CAPS_RATIO[0] <= ratio <= _SMALL_CAPS_RATIO[1]
            and abs(first["origin"][1] - second["origin"][1]) < 0.5
        ):
            return float(first["size"])
    return None
