"""Quantities as people write and say them, and whether a spoken one is the paper's.

A host says "roughly 80 percent" for the paper's 79.8%, "seven times" for 7.1x, "about a third"
for 33.6%, "a million tokens" for 1M, "minus 0.3" for −0.3, "95 percent" for a ".95" confidence
level, "four in a hundred million" for a p-value of 3.91e-8 ("one in five" for 21%).
Papers print "2.4m" and "120k" for counts, "\\frac{1}{4}" and "1/4" for fractions, and PDF text
sets "1, 000" for 1,000 (`spaced_thousands`, read on the paper's side only). Times and memory
keep their unit: "1.4 ms" is grounded by "1.4 ms", "1400 µs" or a bare 1.4, never by 1.4x,
1.4% or "1.4 s".
`quantities` finds digits with their scale and unit, scientific notation, number words,
fractions, "K in N" odds and multiples, whether a hedge ("about", "∼") says the figure is
rounded, and whether the host offers it as a made-up example ("say fifty papers");
`supports` decides whether a stated quantity grounds a spoken one: the same value, or the
stated value rounded to the precision the host spoke at.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

Unit = Literal[
    "percent", "points", "times", "none", "ns", "us", "ms", "s", "min", "h", "days", "KB", "MB",
    "GB", "TB"
]  # fmt: skip
Kind = Literal["digits", "words", "fraction", "ratio", "derived"]

ROUNDED_TOLERANCE = 0.025  # "32,000" for 32,768: a round figure within 2.5%
HEDGED_TOLERANCE = 0.06  # "about 80 percent" for 76%-84%
FRACTION_TOLERANCE = 0.03  # "a third" for 30.3%-36.3%
HEDGED_FRACTION_TOLERANCE = 0.05
ROUNDING_REACH = 0.10  # a whole number rounds a stated one within 10%: 7.1x is "seven times"
DERIVED_HEDGE = 0.02
SMALL_WORD = 10  # "two camps", "three ideas": conversation, checked only when the paper has it
MAX_DERIVED_OPERANDS = 6  # a sentence with more numbers than this is a table row, not a claim
COUNTED = 20  # "four out of six" (K > 1, N up to this) is a count, said exactly
COUNTED_TOLERANCE = 0.005
TINY = 0.01  # below this a value is said by its leading digits ("four in a hundred million")

# The written forms of time and memory units, longest first, and each one's unit.
_MEASURES: dict[str, Unit] = {
    "nanoseconds": "ns", "nanosecond": "ns", "ns": "ns",
    "microseconds": "us", "microsecond": "us", "μs": "us", "µs": "us",
    "milliseconds": "ms", "millisecond": "ms", "msec": "ms", "ms": "ms",
    "seconds": "s", "second": "s", "secs": "s", "sec": "s", "s": "s",
    "minutes": "min", "minute": "min", "mins": "min", "min": "min",
    "hours": "h", "hour": "h", "hrs": "h", "hr": "h", "h": "h",
    "days": "days", "day": "days",
    "kilobytes": "KB", "KB": "KB", "megabytes": "MB", "MB": "MB", "gigabytes": "GB",
    "GB": "GB", "terabytes": "TB", "TB": "TB",
}  # fmt: skip
_MEASURE_WORDS = sorted((w for w in _MEASURES if w not in ("s", "sec", "secs")), key=len)[::-1]
# Each unit in its dimension's base (seconds, bytes), so "1.4 s" is "1400 ms".
MEASURE_FACTORS: dict[str, tuple[str, float]] = {
    "ns": ("time", 1e-9), "us": ("time", 1e-6), "ms": ("time", 1e-3), "s": ("time", 1.0),
    "min": ("time", 60.0), "h": ("time", 3600.0), "days": ("time", 86400.0),
    "KB": ("memory", 1e3), "MB": ("memory", 1e6), "GB": ("memory", 1e9), "TB": ("memory", 1e12),
}  # fmt: skip
_DASHES = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-"})
_APPROX_MARK = re.compile(r"[∼~≈]\s*|\u2248\s*")
_DIGITS = re.compile(
    # a minus sign after a space ("-0.3"), a plain number, or the end of a range ("3-5"), but
    # never the digits of a name ("GPT-4", "Qwen2.5")
    r"(?:(?<![\w.\-/])(?P<sign>-)|(?<![\w.\-/–])|(?<=\d[–-]))"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\d.])\.\d+)"
    # "2.4m" and "3bn" as tables print parameter counts ("2.4 m" with a space may be metres)
    r"(?:(?:\s?(?P<scale>thousand|million|billion|trillion|[KkMBT])|(?P<glued>m|bn))"
    r"(?![A-Za-z0-9]))?"
    r"(?:\s?(?P<unit>%|×|x(?![A-Za-z0-9])|-?fold\b|\s?percent(?:age points?)?\b|\s?per cent\b"
    r"|\s?points?\b|\s?pp\b|\s?times\b"
    # time and memory: "1.4 ms", "0.5s" (a bare "s" only after a decimal or a space: "1990s" is
    # a decade), "24h", "16GB"
    r"|\s?(?:" + "|".join(_MEASURE_WORDS) + r")(?![A-Za-z0-9])"
    r"|(?:(?<=\.\d)|(?<=\.\d\d)|(?<=\.\d\d\d)|\s)(?:s|secs?)(?![A-Za-z0-9])))?"
    r"(?![A-Za-z0-9])"
)
# "Table 2", "Section 3.1", "[12]": pointers and citations, not quantities.
_NOT_QUANTITIES = re.compile(
    r"\[\d+(?:\s*[,;–-]\s*\d+)*\]"
    r"|\b(?:Table|Tab\.|Figure|Fig\.|Section|Sec\.|§|Eq\.|Equation|Appendix|Algorithm|Alg\.|"
    r"Chapter|Step|Stage|Phase|Version|Line|Page|Theorem|Lemma|Definition)"
    r"\s*\(?[A-Z]?\d+(?:\.\d+)*\)?",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"(?:\b(?:about|around|roughly|approximately|approx\.|nearly|almost|close to|some|"
    r"just (?:under|over|shy of|below|above)|more than|over|under|less than|fewer than|"
    r"at least|at most|up to|upwards of|north of|south of|well over|well under|"
    r"a (?:bit|little) (?:more|less|over|under)(?: than)?|an estimated|on the order of|"
    r"in the region of|somewhere around|the order of)\s+(?:a |an )?|[∼~≈]\s*)$",
    re.IGNORECASE,
)
_ISH = re.compile(r"^-?ish\b", re.IGNORECASE)
# Scientific notation as papers print it: "3.91e-8", "2.2$e−16" (a math span cut at the
# exponent), "3.91 × 10^-8", "10^{-5}", "31 · $10^6$" (a math span opened after the dot),
# "13.6·10^6", "31 \\cdot 10^{6}", and superscripts: "31 × 10⁶", "10⁻³".
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789-+")


def _power(name: str) -> str:
    """An exponent: "^6", "^{-3}", or superscript digits "⁶", "⁻³"."""
    digits = _SUPERSCRIPTS[:10]
    return (
        r"(?:\^\s?\{?\s?(?P<" + name + r">[-+]?\d{1,3})\}?"
        r"|(?P<" + name + r"_sup>[⁻⁺]?[" + digits + r"]{1,3}))"
    )


_SCIENTIFIC = re.compile(
    r"(?<![\w.])(?:(?P<mantissa>\d+(?:\.\d+)?)\s?\$?\s?(?:[eE]\s?(?P<e>[-+]?\s?\d{1,3})"
    r"|\s?\$?\s?(?:×|x|\\times|\\cdot|\*|·|⋅|∙)\s?\$?\s?10\s?(?:"
    + _power("power")
    + r"|(?P<signed>-\d{1,3})))"
    r"|(?P<ten>10)\s?" + _power("bare") + r")(?![\w.])"
)
# "\frac{1}{4}", "1/4": a fraction as a paper prints it (a part of a whole: "24/7" is not)
_WRITTEN_FRACTION = re.compile(
    r"\\[dt]?frac\s?\{\s?(?P<top>\d{1,3})\s?\}\s?\{\s?(?P<bottom>\d{1,4})\s?\}"
    r"|(?<![\w.,/\-])(?P<part>\d{1,3})\s?/\s?(?P<whole>\d{1,4})(?![\w.,/])"
)
# "1, 000": a thousands separator PDF extraction set a space after
_SPACED_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:, \d{3})+(?![\d.]\d|\d)")
# "one in 24 hours" is a time, not odds
_DURATION = re.compile(
    r"\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|epochs?|steps?|iterations?|"
    r"s|ms|h|min)\b",
    re.IGNORECASE,
)
_GLUED_CI = re.compile(r"(?<=[\d%])CIs?\b")  # ".95CI[32%,82%]": a confidence level
# "one in five", "four in a hundred million", "1 out of 20": odds, said as a ratio.
_RATIO = re.compile(
    r"(?:(?<![\w.,])(?P<digits>\d+)|\b(?P<word>one|two|three|four|five|six|seven|eight|nine|ten))"
    r"\s+(?:in|out of)\s+(?:every\s+)?$",
    re.IGNORECASE,
)
# "say fifty papers", "imagine 100 users": a figure the host makes up to illustrate.
_EXAMPLE = re.compile(
    r"(?:(?:^|\b(?:so|let's|let us|now|well|and|but|or|if)\s+|,\s*)say|\bfor example|"
    r"\bfor instance|\be\.g\.|\bimagine|\bsuppose|\bpicture|\bhypothetically)[,:]?\s+"
    r"(?:[\w'’-]+\s+){0,8}?$",
    re.IGNORECASE,
)

_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_LETTERS = {"K": 1e3, "k": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
_MULTIPLES = {
    "twice": 2, "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "triple": 3,
    "tripled": 3, "triples": 3, "tripling": 3, "quadruple": 4, "quadrupled": 4, "twofold": 2,
    "threefold": 3, "fourfold": 4, "fivefold": 5, "tenfold": 10, "hundredfold": 100,
    "halved": 2, "halves": 2, "halving": 2,
}  # fmt: skip
# Everyday words ("double-check", "halves of the batch"): checked only when the paper has them.
_LOOSE_MULTIPLES = frozenset(
    ("double", "doubled", "doubles", "doubling", "halved", "halves", "halving", "triple")
)
_WORD = re.compile(r"[A-Za-z]+")
_UNIT_WORDS: dict[str, Unit] = {
    "percent": "percent", "per": "percent", "percentage": "points", "points": "points",
    "point": "points", "times": "times", "fold": "times", "x": "times",
}  # fmt: skip
_UNIT_WORDS.update({w: u for w, u in _MEASURES.items() if len(w) > 3 and w.islower()})


@dataclass(frozen=True)
class Quantity:
    value: float  # absolute value with its scale applied: "1.5 million" is 1500000
    unit: Unit
    text: str  # as written
    decimals: int = 0  # digits after the point as written: the precision it was given at
    approximate: bool = False  # hedged ("about", "∼", "-ish")
    kind: Kind = "digits"
    illustrative: bool = False  # offered as a made-up example: "say fifty papers"
    raw: float | None = None  # the value before its scale word ("1.5" of "1.5M")
    start: int = 0
    end: int = 0

    @property
    def minor(self) -> bool:
        """A small count in words ("two camps", "half the story"): only checked when found."""
        counted = self.unit == "none" or self.unit in MEASURE_FACTORS  # "two hours"
        small_count = self.kind == "words" and counted and self.value <= SMALL_WORD
        loose_multiple = self.kind == "words" and self.text.lower() in _LOOSE_MULTIPLES
        return small_count or loose_multiple or (self.kind == "fraction" and self.value == 0.5)


def normalise(text: str) -> str:
    """ASCII minus and hyphens, and NFKC where it keeps every character in place, so that
    a quantity's text is the very text of the line it was found in. Superscript digits stay
    as they are: NFKC would read "10⁶" as 106."""
    text = text.translate(_DASHES)
    pieces = re.split(f"([{_SUPERSCRIPTS}]+)", text)
    compatible = "".join(
        piece if odd else unicodedata.normalize("NFKC", piece)
        for piece, odd in zip(pieces, [n % 2 == 1 for n in range(len(pieces))], strict=True)
    )
    return compatible if len(compatible) == len(text) else text


def quantities(text: str) -> list[Quantity]:
    """The quantities in `text`, in order; each one's `text` is as the line writes it."""
    written = text
    text = normalise(text)
    if len(text) != len(written):
        written = text
    masked = _NOT_QUANTITIES.sub(lambda m: " " * len(m.group(0)), text)
    masked = _GLUED_CI.sub(lambda m: " " * len(m.group(0)), masked)
    found = [_from_scientific(m, text) for m in _SCIENTIFIC.finditer(masked)]
    for match in _SCIENTIFIC.finditer(masked):
        masked = masked[: match.start()] + " " * len(match.group(0)) + masked[match.end() :]
    for match in _WRITTEN_FRACTION.finditer(masked):
        top, bottom = int(match["top"] or match["part"]), int(match["bottom"] or match["whole"])
        if 0 < top < bottom:
            found.append(_fraction(top / bottom, text, match.start(), match.end()))
            masked = masked[: match.start()] + " " * len(match.group(0)) + masked[match.end() :]
    found += [_from_digits(m, text) for m in _DIGITS.finditer(masked)]
    taken = [(q.start, q.end) for q in found]
    for quantity in _from_words(masked, text):
        if not any(s < quantity.end and quantity.start < e for s, e in taken):
            found.append(quantity)
    found = _ratios(sorted(found, key=lambda q: q.start), text)
    return [
        replace(
            q,
            text=written[q.start : q.end].strip(),
            illustrative=bool(_EXAMPLE.search(_clause_before(text, q.start))),
        )
        for q in found
    ]


def spaced_thousands(text: str) -> list[Quantity]:
    """ "1, 000" read as 1,000: PDF text sets a space after a thousands separator. A paper's
    text may also mean a list ("sizes 1, 200"), so this reading is offered beside the usual
    one, for the paper's side only: a host never says a stray space."""
    found: list[Quantity] = []
    for match in _SPACED_THOUSANDS.finditer(normalise(text)):
        joined = match.group(0).replace(", ", ",")
        value = float(joined.replace(",", ""))
        found.append(
            Quantity(value=value, unit="none", text=match.group(0), raw=value,
                     start=match.start(), end=match.end())
        )  # fmt: skip
    return found


def _clause_before(text: str, start: int) -> str:
    """The words before `start` back to the last sentence or clause break."""
    before = text[max(0, start - 80) : start]
    return re.split(r"[.;:!?]\s|[—–]|\s-\s", before)[-1]


def _from_scientific(match: re.Match[str], text: str) -> Quantity:
    mantissa = match["mantissa"] or "1"
    superscript = match["power_sup"] or match["bare_sup"] or ""
    exponent = (
        match["e"]
        or match["power"]
        or match["signed"]
        or match["bare"]
        or superscript.translate(_FROM_SUPERSCRIPT)
        or "0"
    )
    exponent = exponent.replace(" ", "")
    value = float(mantissa) * 10.0 ** int(exponent)
    return Quantity(
        value=abs(value),
        unit="none",
        text=text[match.start() : match.end()].strip(),
        decimals=len(mantissa.partition(".")[2]),
        approximate=_hedged(text, match.start(), match.end()),
        kind="digits",
        raw=abs(value),
        start=match.start(),
        end=match.end(),
    )


def _ratios(found: list[Quantity], text: str) -> list[Quantity]:
    """Odds said as "K in N" or "K out of N", read as K/N ("one in five" is 0.2): the ratio
    replaces the N and the K (which may be "one", no quantity on its own)."""
    out: list[Quantity] = []
    for quantity in found:
        reach = max(0, quantity.start - 40)
        join = _RATIO.search(text[reach : quantity.start])
        whole = quantity.unit == "none" and quantity.kind in ("digits", "words")
        year = quantity.kind == "digits" and quantity.decimals == 0 and _is_year(quantity)
        duration = bool(_DURATION.match(text[quantity.end : quantity.end + 20]))
        if join is None or not whole or year or duration or quantity.value < 2:
            out.append(quantity)
            continue
        word = (join["digits"] or join["word"]).lower()
        numerator = float(_ONES[word]) if word in _ONES else float(word)
        if not 0 < numerator < quantity.value:
            out.append(quantity)
            continue
        first = reach + join.start()
        if out and out[-1].start >= first:
            out.pop()  # the K, found on its own ("four")
        out.append(
            Quantity(
                value=numerator / quantity.value,
                unit="none",
                text=text[first : quantity.end],
                approximate=_hedged(text, first, quantity.end),
                kind="ratio",
                raw=quantity.value,
                start=first,
                end=quantity.end,
            )
        )
    return out


def number_words(n: int) -> list[str]:
    """How a whole number below a hundred is written in words: "six", "twenty-one"."""
    ones = {v: k for k, v in _ONES.items()}
    tens = {v: k for k, v in _TENS.items()}
    if n in ones:
        return [ones[n]]
    if 20 <= n < 100:
        if n % 10 == 0:
            return [tens[n]]
        return [f"{tens[n - n % 10]}-{ones[n % 10]}", f"{tens[n - n % 10]} {ones[n % 10]}"]
    return []


def _is_year(quantity: Quantity) -> bool:
    return 1900 <= quantity.value < 2100 and "," not in quantity.text


def _hedged(text: str, start: int, end: int) -> bool:
    return bool(_HEDGE.search(text[max(0, start - 40) : start])) or bool(
        _ISH.match(text[end : end + 4])
    )


def _unit_of(word: str | None) -> Unit:
    if not word:
        return "none"
    word = word.strip()
    if word in _MEASURES:
        return _MEASURES[word]
    word = word.lower().lstrip("-")
    if word in _MEASURES:
        return _MEASURES[word]
    if word in ("%",) or word.startswith("percent") and "point" not in word:
        return "percent"
    if word.startswith("per cent"):
        return "percent"
    if word in ("×", "x", "times") or word.endswith("fold"):
        return "times"
    return "points"


def _from_digits(match: re.Match[str], text: str) -> Quantity:
    number = match["num"].replace(",", "")
    raw = float(number)
    scale = match["scale"] or {"m": "M", "bn": "B"}.get(match["glued"] or "")
    factor = _SCALES.get(scale or "", _SCALE_LETTERS.get(scale or "", 1.0))
    start, end = match.start(), match.end()
    return Quantity(
        value=abs(raw * factor),
        unit=_unit_of(match["unit"]),
        text=text[match.start() : end].strip(),
        decimals=len(number.partition(".")[2]),
        approximate=_hedged(text, match.start(), end),
        kind="digits",
        raw=abs(raw),
        start=start,
        end=end,
    )


def _from_words(masked: str, text: str) -> list[Quantity]:
    """Number words: "seven", "twenty-three", "a third", "two thirds", "twice", "a million",
    "one point five", "six and a half", each with the unit word that follows."""
    words = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(masked)]
    found: list[Quantity] = []
    i = 0
    while i < len(words):
        parsed = _parse_words(words, i, text)
        if parsed is None:
            i += 1
            continue
        quantity, i = parsed
        found.append(quantity)
    return found


def _is_count(word: str) -> bool:
    return word in _ONES or word in _TENS


def _gap(text: str, end: int, start: int) -> bool:
    """Whether only a space or a hyphen separates two words."""
    return text[end:start] in (" ", "-")


def _parse_words(
    words: list[tuple[str, int, int]], i: int, text: str
) -> tuple[Quantity, int] | None:
    word, start, end = words[i]
    if word in _MULTIPLES:
        quantity = Quantity(
            value=float(_MULTIPLES[word]),
            unit="times",
            text=text[start:end],
            kind="words",
            approximate=_hedged(text, start, end),
            raw=float(_MULTIPLES[word]),
            start=start,
            end=end,
        )
        return quantity, i + 1
    total, current, j, seen_number, last_end = 0.0, 0.0, i, False, end
    article = word in ("a", "an")
    if article:
        j += 1
    decimals = ""
    while j < len(words):
        w, s, e = words[j]
        if j > i and not _gap(text, last_end, s) and not (w == "and" and seen_number):
            break
        if w in _ONES:
            if seen_number and current % 10 != 0 and current < 100 and not decimals:
                break  # "two three" is two numbers
            current += _ONES[w]
        elif w in _TENS:
            if seen_number and current % 100 != 0:
                break
            current += _TENS[w]
        elif w == "hundred" and (seen_number or article):
            current = max(current, 1.0) * 100
        elif w in _SCALES and (seen_number or article):
            total += max(current, 1.0) * _SCALES[w]
            current = 0.0
        elif w == "dozen" and (seen_number or article):
            current = max(current, 1.0) * 12
        elif w == "point" and seen_number and j + 1 < len(words) and words[j + 1][0] in _ONES:
            j += 1
            while (
                j < len(words)
                and words[j][0] in _ONES
                and _ONES[words[j][0]] < 10
                and _gap(text, last_end if decimals else words[j - 1][2], words[j][1])
            ):
                decimals += str(_ONES[words[j][0]])
                last_end = words[j][2]
                j += 1
            break
        elif w == "and" and seen_number and j + 1 < len(words) and _is_count(words[j + 1][0]):
            pass  # "one hundred and twenty"
        else:
            break
        seen_number = seen_number or w != "and"
        last_end = e
        j += 1
    if not seen_number and not article:
        return None
    value = total + current
    # A fraction: "a third", "two thirds", "one half", "half".
    if j < len(words) and words[j][0] in _DENOMINATORS and _gap(text, last_end, words[j][1]):
        numerator = value if seen_number else 1.0
        if numerator <= 0 or numerator >= _DENOMINATORS[words[j][0]]:
            return None
        end = words[j][2]
        return _fraction(numerator / _DENOMINATORS[words[j][0]], text, start, end), j + 1
    if not seen_number:
        return None
    if decimals:
        value += float(f"0.{decimals}")
    # "six and a half"
    if (
        j + 2 < len(words)
        and words[j][0] == "and"
        and words[j + 1][0] == "a"
        and words[j + 2][0] == "half"
    ):
        value += 0.5
        last_end = words[j + 2][2]
        j += 3
        decimals = decimals or "5"
    if word == "one" and value == 1 and not article:
        # "one" alone is the pronoun or the article far more often than a quantity.
        following = words[j][0] if j < len(words) else ""
        if following not in _UNIT_WORDS:
            return None
    unit: Unit = "none"
    if j < len(words) and _gap(text, last_end, words[j][1]) and words[j][0] in _UNIT_WORDS:
        unit_word = words[j][0]
        if unit_word == "per" and j + 1 < len(words) and words[j + 1][0] == "cent":
            j += 1
        elif unit_word == "per":
            unit_word = ""
        elif unit_word == "percentage" and j + 1 < len(words) and words[j + 1][0] == "points":
            j += 1
        elif unit_word == "percentage":
            unit_word = ""
        if unit_word:
            unit = _UNIT_WORDS[unit_word]
            last_end = words[j][2]
            j += 1
    return (
        Quantity(
            value=value,
            unit=unit,
            text=text[start:last_end],
            decimals=len(decimals),
            approximate=_hedged(text, start, last_end),
            kind="words",
            raw=value,
            start=start,
            end=last_end,
        ),
        j,
    )


def _fraction(value: float, text: str, start: int, end: int) -> Quantity:
    return Quantity(
        value=value,
        unit="none",
        text=text[start:end],
        approximate=_hedged(text, start, end),
        kind="fraction",
        raw=value,
        start=start,
        end=end,
    )


# ---------------------------------------------------------------- matching


def _candidates(said: Quantity, stated: Quantity) -> list[float]:
    """The stated quantity's values expressed in the spoken quantity's unit."""
    values = {stated.value, stated.raw if stated.raw is not None else stated.value}
    out: list[float] = []
    if said.unit in MEASURE_FACTORS:
        # "1.4 ms" is not the paper's 1.4x or 1.4%; it is its "1400 µs", or a bare 1.4 (a
        # table cell under a "Latency (ms)" header)
        dimension, factor = MEASURE_FACTORS[said.unit]
        if stated.unit == "none":
            return [stated.value]
        if stated.unit in MEASURE_FACTORS and MEASURE_FACTORS[stated.unit][0] == dimension:
            return [stated.value * MEASURE_FACTORS[stated.unit][1] / factor]
        return []
    if said.kind in ("fraction", "ratio"):
        for v in values:
            if stated.unit in ("percent", "points"):
                out.append(v / 100)
            elif stated.unit == "none" and v <= 1:
                out.append(v)
        return out
    if said.unit in ("percent", "points"):
        for v in values:
            if stated.unit in ("percent", "points", "none"):
                out.append(v)
            if stated.unit == "none" and v <= 1:
                out.append(v * 100)
            if stated.unit == "times" and v > 1:
                out.append((v - 1) * 100)  # "85% faster" for 1.85x
        return out
    if said.unit == "times":
        for v in values:
            if stated.unit in ("times", "none"):
                out.append(v)
            if stated.unit == "percent":
                out.append(1 + v / 100)
        return out
    return list(values)


def _round_half_up(value: float, decimals: int) -> float:
    factor = 10.0**decimals
    return math.floor(value * factor + 0.5) / factor


def close(said: Quantity, value: float, *, derived: bool = False) -> bool:
    """Whether `value` (in the spoken unit) is what the host meant by `said`: the same, or
    rounded to the precision the host spoke at ("94" for 94.1, "seven" for 7.1, not "two"
    for 1.5), or within a hedge's reach ("about 80" for 77.5)."""
    target = said.value
    if math.isclose(target, value, rel_tol=1e-9, abs_tol=1e-15):
        return True
    if 0 < abs(target) < TINY:
        return 0 < abs(value) < TINY and _tiny_close(said, value)
    counted = said.kind == "ratio" and bool(said.raw) and (said.raw or 0) <= COUNTED
    if counted and not said.approximate and not math.isclose(target * (said.raw or 0), 1):
        return abs(target - value) <= COUNTED_TOLERANCE  # "four out of six" counts people
    if said.kind in ("fraction", "ratio"):
        tolerance = HEDGED_FRACTION_TOLERANCE if said.approximate else FRACTION_TOLERANCE
        return abs(target - value) <= tolerance
    relative = abs(target - value) / max(abs(value), 1e-12)
    rounded = _round_half_up(value, said.decimals)
    if math.isclose(rounded, target, abs_tol=1e-9) and (
        said.decimals > 0 or relative <= ROUNDING_REACH
    ):
        return True
    if derived:
        return said.approximate and relative <= DERIVED_HEDGE
    if said.approximate:
        return relative <= HEDGED_TOLERANCE
    round_figure = said.decimals == 0 and target >= 10 and target % 10 == 0
    return round_figure and relative <= ROUNDED_TOLERANCE


def _tiny_close(said: Quantity, value: float) -> bool:
    """A tiny value ("four in a hundred million", "0.004") is said by its leading digits:
    the stated one rounded to as many significant digits, or within a hedge's reach."""
    digits = len(f"{said.value:.6e}".split("e")[0].replace(".", "").rstrip("0"))
    rounded = float(f"{value:.{max(digits, 1) - 1}e}")
    if math.isclose(rounded, said.value, rel_tol=1e-9):
        return True
    return said.approximate and abs(said.value - value) / value <= HEDGED_TOLERANCE


def supports(stated: Quantity, said: Quantity) -> bool:
    """Whether the paper's `stated` quantity grounds the host's `said` one."""
    if said.unit == "times" and stated.unit in ("percent", "points") and said.kind == "words":
        return False  # "twice" is not 2%
    return any(close(said, v, derived=stated.kind == "derived") for v in _candidates(said, stated))


def derived(stated: list[Quantity]) -> list[Quantity]:
    """Differences, ratios and relative changes between the quantities of one sentence, which
    a host may say instead ("a 0.7-point gap" for 94.1% against 94.8%)."""
    if not 2 <= len(stated) <= MAX_DERIVED_OPERANDS:
        return []
    found: list[Quantity] = []
    for i, a in enumerate(stated):
        for b in stated[i + 1 :]:
            if a.kind == "fraction" or b.kind == "fraction":
                continue
            high, low = max(a.value, b.value), min(a.value, b.value)
            text = f"{a.text} and {b.text}"
            if a.unit == b.unit and high != low:
                unit: Unit = "points" if a.unit == "percent" else a.unit
                found.append(_derived(high - low, unit, text))
            if low > 0 and a.unit == b.unit and a.unit != "times":
                found.append(_derived(high / low, "times", text))
                found.append(_derived((high - low) / low * 100, "percent", text))
                found.append(_derived((high - low) / high * 100, "percent", text))
    return found


def _derived(value: float, unit: Unit, text: str) -> Quantity:
    return Quantity(value=value, unit=unit, text=text, kind="derived", decimals=6, raw=value)


def is_year(quantity: Quantity) -> bool:
    """A plain four-digit number from 1900 to 2099 ("2019"), not "1,950" or "2019.5"."""
    return quantity.unit == "none" and quantity.decimals == 0 and _is_year(quantity)


def figures(text: str) -> list[Quantity]:
    """The figures a line states: not "two camps" or "half the story", not a year."""
    return [q for q in quantities(text) if not q.minor and not is_year(q)]
