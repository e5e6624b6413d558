"""Names a listener can hold on to: a digest's themes and its title.

A theme is named by the phrases its papers share and the rest of the collection does not use.
Two backgrounds make a phrase distinctive: the rest of the collection, and general English.
Never the boilerplate every machine-learning paper uses ("neural networks", "test error",
"state of the art"), which a stop list of research and ML vocabulary removes; and never one
common English word alone ("language", "context", "available"): a single word names a theme
only when general English does not hold it whole (the ~30k-unit WordPiece vocabulary of
all-MiniLM-L6-v2, learned from books and Wikipedia, which paperdive ships: "dropout",
"quantization" are not in it), or when the papers write it as an acronym ("KV", "MoE").
Phrases are read from titles and abstracts, where papers name their own subject, and are
written as a member writes them ("KV cache", "Mixture-of-Experts"). A theme of one paper is
named by that paper.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from paperdive.models import Paper
from paperdive.writing.conversation import listing
from paperdive.writing.titles import readable_title

MAX_WORDS = 3  # the longest phrase a theme name is made of
SECOND_TERM = 0.6  # a second phrase joins the name when it scores this share of the first
TITLE_BONUS = 0.1  # a phrase a member's title uses names the subject more surely
LONGER_BONUS = 0.05  # per extra word: "KV cache" says more than "cache"
TITLE_CHARS = 80  # the themes a title names, at most (Apple shows about this much)

# Words every research paper, or every machine-learning paper, uses: never a theme on their own.
_GENERIC_WORDS = """
    paper papers work works study studies approach approaches method methods model models
    modeling propose proposes proposed present presents introduce introduces introduced show
    shows shown demonstrate demonstrates result results performance perform performs task tasks
    data dataset datasets training train trained trains learn learns learned learning
    network networks neural deep machine algorithm algorithms experiment experiments
    experimental evaluation evaluate evaluated evaluations benchmark benchmarks accuracy error
    errors test tests testing loss losses state art new novel large scale small based use uses
    using used simple effective effectively efficient efficiently significant significantly
    improve improves improved improvement improvements achieve achieves achieved achieving
    outperform outperforms outperforming existing previous prior recent recently different
    various several number set sets problem problems framework frameworks system systems
    technique techniques strategy strategies analysis analyses application applications process
    processes time times way ways case cases order high low better best first second third one
    two three general key important wide range variety input inputs output outputs parameter
    parameters function functions layer layers architecture architectures level levels
    setting settings improving including include includes provide provides providing
    enable enables enabling allow allows allowing make makes making compared comparison
    comparable baseline baselines standard sota
"""
GENERIC = frozenset(_GENERIC_WORDS.split())
_INSIDE = frozenset({"of", "for", "and", "to", "in"})  # may stand inside a phrase, never at an end
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_CLAUSE = re.compile(r"[,;:.!?()\[\]{}\u2013\u2014\"]+(?:\s|$)|\s[-\u2013\u2014]\s|[()\[\]]")
_LEAD = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:\w+\s+){0,2}?(?:study|exploration|analysis|investigation|survey|"
    r"evaluation|look|examination)\s+(?:of|on|into)\s+",
    re.IGNORECASE,
)


def _key(words: str) -> str:
    """Words as phrases are compared: lower case, a hyphen as a space, each word singular
    ("Mixture-of-Experts" = "mixture of experts")."""
    parts = re.split(r"[\s\-]+", words.lower().strip())
    return " ".join(
        p[:-1] if len(p) > 3 and p.endswith("s") and not p.endswith("ss") else p for p in parts if p
    )


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (imported on first use: scikit-learn is slow to load)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@cache
def _stop_words() -> frozenset[str]:
    return english_stop_words() | GENERIC


@cache
def common_english() -> frozenset[str]:
    """Whole words of the WordPiece vocabulary (lower case): general English."""
    from paperdive.daily.minilm import TOKENIZER

    vocabulary = json.loads(TOKENIZER.read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(w for w in vocabulary if w.isalpha())


def _telling(word: str) -> bool:
    """A word that can name a theme alone: a compound with a content part, an acronym or a
    mixed-case name, or a word general English does not hold whole."""
    if "-" in word:
        return any(not _is_stop(part) for part in word.split("-"))
    if len(word) >= 2 and (word.isupper() or any(c.isupper() for c in word[1:])):
        return True
    return word.lower() not in common_english()


def _is_stop(word: str) -> bool:
    lower = word.lower()
    stop = _stop_words()
    return lower in stop or _key(word) in stop or lower.isdigit()


def phrases(text: str) -> dict[str, str]:
    """Candidate phrases of a text, 1 to MAX_WORDS words, by key → the text's own spelling.
    A phrase starts and ends on a content word and has at least one word that is not
    boilerplate ("reinforcement learning" is one, "neural networks" is not)."""
    found: dict[str, str] = {}
    for clause in _CLAUSE.split(_URL.sub(" ", text)):  # a phrase never runs across punctuation
        words = _WORD.findall(clause)
        for start in range(len(words)):
            for size in range(1, MAX_WORDS + 1):
                span = words[start : start + size]
                if len(span) < size:
                    break
                if _is_stop(span[0]) or _is_stop(span[-1]):
                    continue
                inner = span[1:-1]
                english = english_stop_words()
                if any(w.lower() in english and w.lower() not in _INSIDE for w in inner):
                    continue
                if all(_is_stop(w) or w.lower() in _INSIDE for w in span):
                    continue
                if size == 1 and not _telling(span[0]):
                    continue
                found.setdefault(_key(" ".join(span)), " ".join(span))
    return found


@dataclass(frozen=True)
class Term:
    key: str
    spelling: str
    score: float


def distinctive_terms(members: list[Paper], others: list[Paper], limit: int = 2) -> list[Term]:
    """The phrases most of `members` use and `others` do not, best first (none shared: [])."""
    own = [phrases(f"{p.title}. {p.abstract}") for p in members]
    titles = [phrases(p.title) for p in members]
    background = [set(phrases(f"{p.title}. {p.abstract}")) for p in others]
    spelled: dict[str, Counter[str]] = {}
    for found in own:
        for key, spelling in found.items():
            spelled.setdefault(key, Counter())[spelling] += 1
    least = max(2, math.ceil(len(members) / 2)) if len(members) > 1 else 1
    # a member's own name ("DeepSeek-V2" of "DeepSeek-V2: A Strong…") is a paper, not what
    # the papers share, unless another member's title carries it too
    names = [
        _key(" ".join(_WORD.findall(p.title.split(":")[0]))) for p in members if ":" in p.title
    ]
    scored = []
    for key, forms in spelled.items():
        inside = sum(key in found for found in own)
        in_titles = sum(key in found for found in titles)
        named = any(f" {key} " in f" {name} " for name in names)
        if inside < least or (named and in_titles < 2):  # two titles with it: a family's name
            continue
        outside = sum(key in found for found in background) / len(others) if others else 0.0
        score = inside / len(members) - outside
        score += TITLE_BONUS * bool(in_titles)
        score += LONGER_BONUS * (len(key.split()) - 1)
        if score > 0:
            scored.append(Term(key, _spelling(forms, members), score))
    scored.sort(key=lambda t: (-t.score, t.key))
    chosen: list[Term] = []
    for term in scored:  # "kv cache" makes "cache" (and "kv") redundant, and vice versa
        words = set(term.key.split())
        if any(words & set(c.key.split()) for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) == limit:
            break
    return chosen


def _spelling(forms: Counter[str], members: list[Paper]) -> str:
    """How the members write a phrase: a title's spelling first, else the commonest."""
    for form, _ in forms.most_common():
        if any(form in p.title for p in members):
            return form
    return forms.most_common(1)[0][0]


def theme_name(members: list[Paper], others: list[Paper]) -> tuple[str, list[str]]:
    """(name, the phrases it is made of): the members' distinctive shared phrases, or, for
    one paper or papers that share none, their short names."""
    if len(members) == 1:
        return short_name(members[0]), []
    terms = distinctive_terms(members, others)
    if not terms:
        return listing([short_name(p) for p in members]), []
    kept = [terms[0]] + [t for t in terms[1:] if t.score >= SECOND_TERM * terms[0].score]
    return capitalised(" and ".join(t.spelling for t in kept)), [t.spelling for t in kept]


def short_name(paper: Paper) -> str:
    """A paper as a listener hears it named twice: "MoBA" for "MoBA: Mixture of Block
    Attention…", "Recurrent Network Architectures" for "An Empirical Exploration of
    Recurrent Network Architectures"; else its title."""
    title = readable_title(paper)
    head = title.split(":")[0].strip() or title
    bare = _LEAD.sub("", head)
    return bare[:1].upper() + bare[1:] if bare != head and len(bare.split()) >= 2 else head


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def digest_title(count: int, heads: list[str]) -> str:
    """What the collection is about, for the feed: its themes, biggest first, each by its
    leading phrase, as many as fit a title ("…and more" for the rest)."""
    return f"{capitalised(listed(heads, TITLE_CHARS))}: {spelled_count(count)} papers"


def listed(heads: list[str], limit: int) -> str:
    """The themes in a sentence, as many as fit in `limit` characters, then "more"."""
    names = [heads[0], *[_lowered(h) for h in heads[1:]]]
    rounded_up = len(names) > 1 and names[-1] == "more"  # the round-up theme comes last
    names = names[:-1] if rounded_up else names
    for shown in range(len(names), 0, -1):
        parts = names[:shown] + (["more"] if shown < len(names) or rounded_up else [])
        text = listing(parts)
        if len(text) <= limit or shown == 1:
            return text
    return names[0]


def _lowered(name: str) -> str:
    """A name inside a sentence: a sentence-case phrase ("Dropout and regularization") loses
    its capital; a title ("Trust Region Policy Optimization"), an acronym or a name such as
    "DeepSeek" keeps its spelling."""
    first, _, rest = name.partition(" ")
    capital = first[:1].isupper() and first[1:].islower()
    titled = any(w[:1].isupper() for w in rest.split() if w.lower() not in _INSIDE)
    return f"{first.lower()} {rest}".strip() if capital and not titled else name


_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_SMALL_NUMBERS = _NUMBER_WORDS.split()


def spelled_count(n: int) -> str:
    return _SMALL_NUMBERS[n] if n < len(_SMALL_NUMBERS) else str(n)
