"""Titles as a listener should hear them: an ALL-CAPS title takes the casing the paper's own
text uses for each word ("MOBA: MIXTURE OF …" → "MoBA: Mixture of …")."""

from __future__ import annotations

import re
from collections import Counter

from paperdive.models import Paper
from paperdive.writing.sentences import without_leading_phrase

SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "via", "with"}
)  # noqa: E501
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-']*")


def readable_title(paper: Paper) -> str:
    if not paper.title.isupper():
        return paper.title
    forms = Counter(_WORD.findall(paper.full_text().replace(paper.title, " ")))
    by_lower: dict[str, list[str]] = {}
    for form, _count in forms.most_common():
        by_lower.setdefault(form.lower(), []).append(form)

    def recase(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if match.start() > 0 and lowered in SMALL_WORDS:
            return lowered
        mixed = [f for f in by_lower.get(lowered, []) if not f.isupper() and not f.islower()]
        if mixed:
            return mixed[0]  # the paper's own spelling: "MoBA", "LLMs", "Long-Context"
        if lowered in by_lower and all(f.isupper() for f in by_lower[lowered]):
            return word  # an acronym the paper always writes in capitals
        return "-".join(part.capitalize() for part in lowered.split("-"))

    return _WORD.sub(recase, paper.title)


# "Through extensive experiments, we demonstrated that X …" → "X …"
_LEAD_IN = re.compile(
    r"^.*?\b(?:show|shows|showed|shown|demonstrate|demonstrates|demonstrated|find|finds|found|"
    r"observe|observes|observed|confirm|confirms|suggest|suggests|indicate|indicates) that\s+",
    re.IGNORECASE,
)
_CLAIM_CLAUSE_END = re.compile(r",|;|:|\s[—–]\s|—|\(|\s(?:while|whereas|which|but|and then)\s")
# A claim worth a title: the paper's own comparison or headline effect.
_CLAIM_CUE = re.compile(
    r"\b(?:faster|slower|fewer|cheaper|better|worse|matches|match|outperforms?|beats?|"
    r"comparable to|same accuracy|on par|exceed\w*|clearest|best|reduces?|speedup|"
    r"state-of-the-art|times|feasible|enough|suffices?)\b",
    re.IGNORECASE,
)
_NOT_A_SUBJECT = frozenset(
    ("it", "this", "these", "that", "those", "they", "their", "our", "we", "its", "such")
    + ("for", "in", "on", "at", "to", "with", "by", "using", "as", "when", "although", "if")
    + ("however", "moreover", "notably", "e.g", "here", "there", "then", "after")
)
TITLE_WORDS = (4, 12)


def claim_title(paper: Paper, sentences: list[str]) -> str | None:
    """A plain-language title from the paper's headline claim (see `headline_claim`): the
    claim's own words, cut to its main clause, in title case."""
    found = headline_claim(paper, sentences)
    return title_case(found[1]) if found else None


def headline_claim(paper: Paper, sentences: list[str]) -> tuple[str, str] | None:
    """The first claim among `sentences` (conclusion, then abstract) that names the method,
    else the first claim at all, as (sentence, its main clause): a comparison or a headline
    effect whose main clause is short enough for a title."""
    lowest, highest = TITLE_WORDS
    name = readable_title(paper).split(":")[0].strip()
    candidates = []
    for order, sentence in enumerate(sentences):
        clause = without_leading_phrase(_LEAD_IN.sub("", sentence, count=1))
        end = _CLAIM_CLAUSE_END.search(clause)
        clause = (clause[: end.start()] if end else clause).strip().rstrip(".!?")
        words = clause.split()
        if not lowest <= len(words) <= highest or not _CLAIM_CUE.search(clause):
            continue
        if words[0].lower().strip(",") in _NOT_A_SUBJECT or not words[0][0].isupper():
            continue
        names_the_method = len(name.split()) <= 3 and name.lower() in clause.lower()
        about_the_authors = clause.startswith("The authors")
        candidates.append((not names_the_method, about_the_authors, order, sentence, clause))
    if not candidates:
        return None
    best = min(candidates)
    return best[3], best[4]


def title_case(text: str) -> str:
    """Capitalise plain lower-case words; names, acronyms and numbers keep their spelling."""
    words = text.split()
    cased = []
    for position, word in enumerate(words):
        plain = word.replace("-", "").isalpha() and word.islower()
        if plain and (position == 0 or word not in SMALL_WORDS):
            parts = word.split("-")
            word = "-".join(
                part if 0 < i < len(parts) - 1 and part in SMALL_WORDS else part.capitalize()
                for i, part in enumerate(parts)
            )
        cased.append(word)
    return " ".join(cased)


def cleaned_title(paper: Paper) -> str:
    """The paper's title without a generic subtitle ("…: A Measurement Study")."""
    title = readable_title(paper)
    name, colon, subtitle = title.partition(":")
    generic = re.match(r"^\s*(?:an?|the)\s", subtitle, re.IGNORECASE)
    if colon and generic and len(name.split()) >= 3:
        return name.strip()
    return title
