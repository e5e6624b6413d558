"""The paper's own sentences: split, cleaned for speech, and scored as candidate beats."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from paperdive.models import Paper

ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "etc.", "Fig.", "Figs.", "Eq.", "Sec.", "vs.", "cf.")
_PLACEHOLDER = "\u2063"  # invisible separator: hides abbreviation dots from the splitter
_INITIAL = re.compile(r"(?<![\w.])([A-Z])\.(?=\s)")  # "D. Guo": an initial ends no sentence
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(“\"])")
_CITATION = re.compile(
    r"\s*\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\]"  # [12], [3, 4], [5-7]
    r"|\s*\((?:see |e\.g\.,? )?[A-Z][^()]*?\d{4}[a-z]?\)"  # (Ioffe & Szegedy, 2015; …)
    r"(?:\d{1,2}(?=[\s,.;:]))?"  # "(Huang et al., 2015)18": a footnote mark glued on
)
# "compu- tation", "Chain-of- Thought": a hyphen left where a PDF line broke.
_HYPHEN_BREAK = re.compile(r"(?<![\w\-])(\w[\w\-]*?)- (\w[\w\-]*)")
_TOKEN = re.compile(r"\w[\w\-]*\w")
# Short words that link a hyphenated compound ("state-of-the-art"), never half of a word.
_COMPOUND_LINKS = frozenset(
    ("of", "the", "and", "or", "to", "in", "on", "for", "a", "an", "by", "with", "at")
)
_URL = re.compile(r"https?://\S+|\S+@\S+")
_LINKING_ADVERB = re.compile(
    r"^(?:Moreover|Furthermore|Additionally|In addition|Thus|Hence|Therefore|Consequently|"
    r"Besides|Also|Specifically|Finally|Second|Third|First|Then|Overall|In particular|Notably|"
    r"Importantly|Interestingly|In summary|In short|To this end|Concretely),\s+"
)
# Signposts about the document itself mean nothing to a listener.
_SIGNPOST = re.compile(
    r"^(?:In )?(?:this|the (?:following|next)) section\b"
    r"|^The (?:rest|remainder) of (?:this|the) paper|\bAppendix\b|\bSection \d",
    re.IGNORECASE,
)
_FIGURE_POINTER = re.compile(r"\b(?:Fig\.|Figures?|Tables?|Alg\.|Algorithm) ?\d")
MIN_WORDS_WITH_FIGURE = 14
_MATH_SYMBOLS = set("[]⟨⟩•|=^_{}\\$∑∏∫≤≥∈×→∼≈∀∃⊂·∂")
NUMBER = re.compile(
    r"(?<![\w.\-])[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s?%|×|x\b)?"
    r"|(?<![\w.\-])[-+]?\d+(?:\.\d+)?(?:\s?%|×|x\b)?"
)

# Cue phrases that mark what a sentence is doing, by the notes field they feed.
CUES: dict[str, tuple[str, ...]] = {
    "problem": (
        "challenge",
        "problem",
        "bottleneck",
        "costly",
        "expensive",
        "difficult",
        "remains",
        "lack",
        "however",
        "limited",
        "essential",
    ),
    "method": (
        "we propose",
        "we introduce",
        "we present",
        "our method",
        "our approach",
        "our model",
        "we design",
        "we use",
        "consists of",
        "key idea",
        "we train",
    ),
    "math": (
        "loss",
        "objective",
        "defined as",
        "we define",
        "equation",
        "complexity",
        "gradient",
        "probability",
        "denote",
    ),
    "results": (
        "outperform",
        "achieve",
        "improve",
        "state-of-the-art",
        "speedup",
        "faster",
        "accuracy",
        "compared to",
        "baseline",
        "results show",
        "reduces",
    ),
    "limitations": (
        "limitation",
        "future work",
        "does not",
        "cannot",
        "fail",
        "only",
        "remains unclear",
        "not yet",
        "leave",
        "restricted",
    ),
    "threats": (
        "may not",
        "might",
        "bias",
        "caveat",
        "assume",
        "sensitive to",
        "depends on",
        "generaliz",
    ),
    "related_work": ("prior work", "previous work", "existing", "recent work", "approaches"),
}

MIN_WORDS, MAX_WORDS = 8, 48
# A sentence this short may recur ("Right.", "Go on."): that is conversation, not repetition.
MAX_REPEATABLE_WORDS = 3
MIN_CLAUSE_WORDS = 4


@dataclass(frozen=True)
class Sentence:
    text: str  # cleaned, ready to be spoken
    original: str  # as the paper wrote it, for source references
    section: str | None
    position: float  # 0 at the start of its section, 1 at the end
    order: int  # index in the paper's reading order


def split_sentences(text: str) -> list[str]:
    protected = _INITIAL.sub(rf"\1{_PLACEHOLDER}", text)
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", _PLACEHOLDER))
    parts = [
        part
        for item in protected.split("•")  # a bullet starts a new sentence
        for part in _SPLIT.split(" ".join(item.split()))
    ]
    return [p.replace(_PLACEHOLDER, ".").strip() for p in parts if p.strip()]


def vocabulary(paper: Paper) -> frozenset[str]:
    """The words the paper spells whole somewhere, hyphenated ones included."""
    return frozenset(_TOKEN.findall(unicodedata.normalize("NFKC", paper.full_text())))


def rejoin_line_breaks(text: str, known: frozenset[str] = frozenset()) -> str:
    """Undo line-break hyphens: "compu- tation" → "computation", but a compound, a name or a
    number keeps its hyphen ("Chain-of- Thought", "Llama-8B- 1M-MoBA", "F1- score"). Where the
    paper spells the word whole elsewhere (`known`), that spelling wins."""

    def rejoin(match: re.Match[str]) -> str:
        head, tail = match.groups()
        hyphenated, joined = f"{head}-{tail}", f"{head}{tail}"
        if hyphenated in known:
            return hyphenated
        if joined in known:
            return joined
        piece = head.rsplit("-", 1)[-1]
        split_word = piece.isalpha() and tail[0].islower() and piece not in _COMPOUND_LINKS
        return joined if split_word and "-" not in tail else hyphenated

    return _HYPHEN_BREAK.sub(rejoin, text)


def clean_for_speech(sentence: str, known: frozenset[str] = frozenset()) -> str:
    """Strip citations, line-break hyphens and a leading linking adverb that points at a
    sentence the listener did not hear; the text is otherwise the paper's own. `known` is
    the paper's vocabulary, which settles whether a broken word keeps its hyphen."""
    text = rejoin_line_breaks(unicodedata.normalize("NFKC", sentence), known)
    text = _CITATION.sub("", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = " ".join(text.split())
    linked = _LINKING_ADVERB.match(text)
    if linked and len(text) > linked.end():
        rest = text[linked.end() :]
        text = rest[0].upper() + rest[1:]
    return text


_THIRD_PERSON = [
    (re.compile(r"\bIn this (paper|work)\b,?\s*we\b"), "Here the authors"),
    (re.compile(r"\bWe\b"), "The authors"),
    (re.compile(r"\bwe\b"), "the authors"),
    (re.compile(r"\bOur\b"), "Their"),
    (re.compile(r"\bour\b"), "their"),
    (re.compile(r"\bourselves\b"), "themselves"),
    (re.compile(r"\bus\b"), "them"),
    (re.compile(r"\bthis paper\b"), "the paper"),
    (re.compile(r"\bThis paper\b"), "The paper"),
]


def third_person(sentence: str) -> str:
    """'We propose' → 'The authors propose': a host reports what the paper says."""
    for pattern, replacement in _THIRD_PERSON:
        sentence = pattern.sub(replacement, sentence)
    return sentence


def is_speakable(sentence: str) -> bool:
    words = sentence.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or _URL.search(sentence):
        return False
    if _SIGNPOST.search(sentence):
        return False
    if _FIGURE_POINTER.search(sentence) and len(words) < MIN_WORDS_WITH_FIGURE:
        return False  # "Results are shown in Figure 2." says nothing without the figure
    letters = sum(c.isalpha() for c in sentence)
    symbols = sum(c in _MATH_SYMBOLS or "\u0370" <= c <= "\u03ff" for c in sentence)
    bare = [w.strip(",.;:()") for w in words]
    variables = sum(len(w) == 1 and w.isalpha() and w not in ("a", "A", "I") for w in bare)
    balanced = sentence.count("(") == sentence.count(")")
    return (
        letters / max(len(sentence), 1) > 0.7
        and symbols <= 1
        and variables <= 1
        and balanced
        and sentence[-1] in ".!?"
        and (sentence[0].isascii() and (sentence[0].isupper() or sentence[0].isdigit()))
        and not sentence.isupper()
    )


@dataclass(frozen=True)
class PaperText:
    """A paper as the extractive writer reads it, split and cleaned once: its speakable
    sentences in reading order, and the words it spells whole."""

    paper: Paper
    sentences: list[Sentence]
    vocabulary: frozenset[str]

    @classmethod
    def of(cls, paper: Paper) -> PaperText:
        known = vocabulary(paper)
        return cls(paper, paper_sentences(paper, known), known)

    def find(self, text: str) -> Sentence | None:
        """The sentence with this cleaned text, if the paper has it."""
        return self._by_text.get(text)

    @cached_property
    def _by_text(self) -> dict[str, Sentence]:
        return {s.text: s for s in self.sentences}


def paper_sentences(paper: Paper, known: frozenset[str] | None = None) -> list[Sentence]:
    """Every speakable sentence of the abstract and sections, in reading order; `known` is
    the paper's vocabulary when the caller has it already."""
    blocks = [("Abstract", paper.abstract)] + [(s.title, s.text) for s in paper.sections]
    known = vocabulary(paper) if known is None else known
    found: list[Sentence] = []
    for section, text in blocks:
        raw = split_sentences(text)
        for i, original in enumerate(raw):
            cleaned = clean_for_speech(original, known)
            if is_speakable(cleaned):
                position = i / max(len(raw) - 1, 1)
                found.append(Sentence(cleaned, original, section, position, len(found)))
    return found


_DANGLING_START = re.compile(r"^(?:It|This|These|That|Those|They|Such|Its|Their|He|She)\b")


def self_contained(sentence: Sentence) -> bool:
    """Whether the sentence can open a topic: it does not lean on one the listener missed."""
    return not _DANGLING_START.match(sentence.text) and "Figure" not in sentence.text


# "Applied to a state-of-the-art model, X achieves …": the phrase before X's own clause.
_LEADING_PHRASE = re.compile(
    r"^(?:[A-Z][a-z]+(?:ed|ing) (?:to|the|a|an|by|with|on|in|from|for|over)|In|On|At|For|With|"
    r"By|Using|Through|Across|Unlike|Notably|"
    r"Overall|Finally|Moreover|Together|To|As|After|Before|During)\b[^,]{0,80},\s+"
    r"(?=[A-Z]|(?:the|a|an|this|these|their|its|it|each|all|both|there|we|our)\b)"
)


def starts_with_a_leading_phrase(text: str) -> bool:
    return bool(_LEADING_PHRASE.match(text))


def without_leading_phrase(text: str) -> str:
    stripped = _LEADING_PHRASE.sub("", text, count=1)
    return stripped[:1].upper() + stripped[1:]


_TRAILING_FILLER = frozenset(
    ("a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "but")
    + ("that", "which", "from", "as", "into", "its", "their")
)
_CLAUSE_END = re.compile(r",\s|;\s|:\s|\s[—–]\s|—|\s(?:while|whereas|which|because|but|so that)\s")


def shorten(text: str, max_words: int) -> str:
    """The sentence cut back to its first clauses that fit in `max_words` words (a prefix of
    the paper's own wording, so it stays grounded); a sentence with no such clause is cut
    at the word limit with an ellipsis."""
    text = text.rstrip(".!? ")
    if len(text.split()) <= max_words:
        return f"{text}."
    cuts = [m.start() for m in _CLAUSE_END.finditer(text)]
    fitting = [c for c in cuts if MIN_CLAUSE_WORDS <= len(text[:c].split()) <= max_words]
    # Items after a colon belong together: cut before the colon, not inside its list.
    colons = [c for c in fitting if text[c] == ":"]
    cut = colons[0] if colons else fitting[-1] if fitting else None
    if cut is not None:
        return f"{text[:cut].rstrip()}."
    words = text.split()[:max_words]
    while len(words) > MIN_CLAUSE_WORDS and words[-1].lower() in _TRAILING_FILLER:
        words.pop()  # "… on the same data for the…" reads as a stumble
    return " ".join(words).rstrip(",;:") + "…"


def numbers_in(text: str) -> list[str]:
    return [m.group(0).strip() for m in NUMBER.finditer(text)]


def cue_score(sentence: Sentence, field: str) -> float:
    lowered = sentence.text.lower()
    score = float(sum(cue in lowered for cue in CUES[field]))
    if field == "results" and numbers_in(sentence.text):
        score += 1.5
    if field in ("problem", "method") and (sentence.section or "").lower() == "abstract":
        score += 0.5
    return score


def words_of(text: str) -> list[str]:
    """Lower-cased words as the repetition checks count them ("what's" is two)."""
    return re.findall(r"[a-z0-9%.]+", text.lower())


def word_runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = words_of(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
