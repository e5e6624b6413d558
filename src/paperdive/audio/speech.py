"""Speech-ready text: what a paper's notation becomes when a voice reads it aloud.

Engines read "3.3x", "[12]", "GPU" or "α ≤ 0.5" badly or not at all, so every turn is
rewritten into plain words first. Rules run in a fixed order: pronunciations from the
lexicon, then things that are dropped (citations), then things that are spoken as
words (links, symbols, versions, units, numbers), then acronyms.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path

from num2words import num2words

from paperdive.errors import ConfigError

DEFAULT_LEXICON = Path(str(files("paperdive.audio").joinpath("lexicon.toml")))

_DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

SYMBOLS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
    "μ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau",
    "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "gamma",
    "Δ": "delta", "Θ": "theta", "Λ": "lambda", "Π": "pi", "Σ": "sigma", "Φ": "phi",
    "Ψ": "psi", "Ω": "omega",
    "≤": "less than or equal to", "≥": "greater than or equal to", "≠": "not equal to",
    "≈": "approximately", "≃": "approximately", "∼": "about", "±": "plus or minus",
    "×": "times", "·": "times", "÷": "divided by", "∑": "the sum of", "∏": "the product of",
    "√": "the square root of", "∞": "infinity", "∈": "in", "∉": "not in", "∇": "the gradient of",
    "∂": "partial", "∫": "the integral of", "→": "to", "⇒": "implies", "←": "from",
    "≪": "much less than", "≫": "much greater than", "∝": "proportional to",
    "<": "less than", ">": "greater than", "=": "equals", "+": "plus",
    "&": "and", "@": "at", "°": "degrees",
}  # fmt: skip

UNITS = {
    "ms": "milliseconds", "s": "seconds", "sec": "seconds", "min": "minutes", "h": "hours",
    "ns": "nanoseconds", "us": "microseconds", "µs": "microseconds", "μs": "microseconds",
    "KB": "kilobytes", "MB": "megabytes", "GB": "gigabytes", "TB": "terabytes",
    "Hz": "hertz", "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz",
    "W": "watts", "kW": "kilowatts", "dB": "decibels",
    "K": "thousand", "k": "thousand", "M": "million", "B": "billion", "T": "trillion",
}  # fmt: skip

_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"


def cardinal(number: str) -> str:
    """'1,024' -> 'one thousand twenty-four'; '0.92' -> 'zero point nine two'."""
    whole, _, fraction = number.replace(",", "").partition(".")
    words = str(num2words(int(whole or "0"))).replace(" and ", " ").replace(",", "")
    if fraction:
        words += " point " + " ".join(_DIGIT_WORDS[int(d)] for d in fraction)
    return words


def _year(number: int) -> str:
    return str(num2words(number, to="year")).replace(" and ", " ")


def digits(text: str) -> str:
    """Read an identifier digit by digit: '2303.08774' -> 'two three zero three dot …'."""
    return " ".join("dot" if c == "." else _DIGIT_WORDS[int(c)] for c in text if c in "0123456789.")


def _spell(match: re.Match[str]) -> str:
    letters, plural = match.group(1), match.group(2)
    spoken = " ".join(letters)
    return spoken + "'s" if plural else spoken


def _say_url(match: re.Match[str]) -> str:
    host = re.sub(r"^www\.", "", match.group("host"))
    return " " + host.replace(".", " dot ") + " "


def _number_with_unit(match: re.Match[str]) -> str:
    return f"{cardinal(match.group(1))} {UNITS[match.group(2)]}"


def _number(match: re.Match[str]) -> str:
    text = match.group(0)
    plain = text.replace(",", "")
    if "," not in text and "." not in text and 1950 <= int(plain) <= 2039:
        return _year(int(plain))
    return cardinal(text)


def _dollars(match: re.Match[str]) -> str:
    scale = f" {UNITS[match.group(2)]}" if match.group(2) else ""
    return f"{cardinal(match.group(1))}{scale} dollars"


def _ordinal(match: re.Match[str]) -> str:
    return str(num2words(int(match.group(1)), to="ordinal"))


_units_pattern = "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
_symbols_pattern = "|".join(map(re.escape, SYMBOLS))

Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]

# Run before the lexicon, so its entries ("arXiv", "et al.") cannot break these patterns.
CITATION_AND_LINK_RULES: list[Rule] = [
    # Citations are for readers: "[12]", "[3, 7–9]", "(Smith et al., 2023; Lee, 2021)"
    (re.compile(r"\s?\[\d+(?:\s*[,–-]\s*\d+)*\]"), ""),
    (
        re.compile(
            r"\s?\((?:see\s)?[A-Z][\w'-]+(?:\s(?:et al\.|and|&)(?:\s[A-Z][\w'-]+)?)?,?\s\d{4}[a-z]?"
            r"(?:;\s?[A-Z][\w'-]+(?:\s(?:et al\.|and|&)(?:\s[A-Z][\w'-]+)?)?,?\s\d{4}[a-z]?)*\)"
        ),
        "",
    ),
    (re.compile(r"\s?\(\d{4}[a-z]?\)"), ""),  # "Smith et al. (2023) showed"
    (re.compile(r"\bet al\.?"), "and colleagues"),
    (re.compile(r"\b(?:https?://|www\.)(?P<host>[\w.-]+\.[a-z]{2,})(?:/[^\s)]*)?"), _say_url),
    (
        re.compile(r"\b(?:arXiv:\s?)?(\d{4}\.\d{4,5})(?:v(\d+))?\b"),
        lambda m: (
            f"archive {digits(m.group(1))}"
            + (f" version {cardinal(m.group(2))}" if m.group(2) else "")
        ),
    ),
]

WORD_RULES: list[Rule] = [
    (re.compile(r"(?<![\w.])~\s?(?=\d)"), "about "),
    (re.compile(r"(?<=\w)\^2\b"), " squared"),
    (re.compile(r"(?<=\w)\^(\w+)"), r" to the power of \1"),
    (
        re.compile(r"(?<=\d)\s?[eE]([+-]?)(\d+)\b"),
        lambda m: " times ten to the " + ("minus " if m.group(1) == "-" else "") + m.group(2),
    ),
    (re.compile(rf"\$\s?({_NUMBER})(?:\s?({_units_pattern}))?\b"), _dollars),
    (re.compile(rf"\s?({_symbols_pattern})\s?"), lambda m: f" {SYMBOLS[m.group(1)]} "),
    (re.compile(r"(?<![\w-])-(?=\d)"), "minus "),
    (re.compile(r"\bv(\d+(?:\.\d+)*)\b"), r"version \1"),
    (re.compile(r"(?<=[A-Za-z])-(?=\d)"), " "),  # EAGLE-3, Llama-2
    (re.compile(rf"({_NUMBER})\s?%"), lambda m: f"{cardinal(m.group(1))} percent"),
    (re.compile(rf"({_NUMBER})\s?[x×](?![\w])"), lambda m: f"{cardinal(m.group(1))} times"),
    (re.compile(r"(\d+)\s?[–—-]\s?(?=\d)"), r"\1 to "),
    (re.compile(rf"({_NUMBER})\s?({_units_pattern})(?![\w])"), _number_with_unit),
    (re.compile(r"\b(\d+)(?:st|nd|rd|th)\b"), _ordinal),
    (re.compile(_NUMBER), _number),
    (re.compile(r"\b([A-Z]{2,6})(s?)\b"), _spell),
    (re.compile(r"[–—]"), ", "),
    (re.compile(r"[^\w\s.,;:!?'\"()-]|_"), " "),  # what no engine can phonemise
    (re.compile(r"\(\s*\)"), ""),
    (re.compile(r"\s+([.,;:!?])"), r"\1"),
    (re.compile(r"\s{2,}"), " "),
]


@cache
def _read_lexicon(path: Path) -> dict[str, str]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"lexicon {path} is not valid TOML: {exc}") from None
    bad = [key for key, value in data.items() if not isinstance(value, str)]
    if bad:
        raise ConfigError(f'lexicon {path}: entry "{bad[0]}" must be a string')
    return data


def load_lexicon(user_file: Path | None = None) -> dict[str, str]:
    """The shipped pronunciations, with the user's file (if any) layered over them."""
    lexicon = dict(_read_lexicon(DEFAULT_LEXICON))
    if user_file is not None:
        lexicon.update(_read_lexicon(Path(user_file).resolve()))
    return lexicon


def _apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    if not lexicon:
        return text
    keys = sorted(lexicon, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, keys)) + r")(?!\w)")
    return pattern.sub(lambda m: lexicon[m.group(1)], text)


def speech_text(text: str, lexicon: Mapping[str, str] | None = None) -> str:
    """Rewrite a script turn into words a TTS engine reads correctly.

    `lexicon` maps a word as written to how it is said; None uses the shipped defaults.
    """
    spoken = text
    for pattern, replacement in CITATION_AND_LINK_RULES:
        spoken = pattern.sub(replacement, spoken)
    spoken = _apply_lexicon(spoken, load_lexicon() if lexicon is None else lexicon)
    for pattern, replacement in WORD_RULES:
        spoken = pattern.sub(replacement, spoken)
    return spoken.strip()
