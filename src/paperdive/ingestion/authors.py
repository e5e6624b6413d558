"""Author names from the byline: clean names, no affiliation marks, emails or team lines.

A byline is read piece by piece (grid cells, comma- or 'and'-separated names); a piece is a
personal name when it looks like one (two to five capitalised words, initials, particles)
and names no institution or place. Names set in capitals (ACM) are given their usual case.
A team line ('DeepSeek-AI', 'Kimi Team') is the byline only when no person is named.
"""

from __future__ import annotations

import re

from paperdive.ingestion.layout import TextLine
from paperdive.ingestion.rows import Segment

_EMAIL = re.compile(r"\{[^}]*\}\s*@\S+|\S+@\S+|https?://\S+|www\.\S+")
_SEPARATORS = re.compile(r"\s*(?:,|;|·|•|\s&\s|\band\b|\s{3,})\s*")
_MARKS = "∗*†‡§¶#⋆♯♮✉♠♣♦♥⋄◇□△▽∥‖"
_TRAILING_MARKS = re.compile(rf"(?<=[^\s\d])(?:[\d{_MARKS}]+(?:,(?=[\d{_MARKS}]))?)+(?=\s|$)")
_LEADING_MARKS = re.compile(rf"^[\d{_MARKS}\s]+(?=[A-Z])")
_BRACKETED = re.compile(r"\[[^\]]{0,40}\]|\([^()]{0,60}\)")  # ORCID ids, "(MIT)"
_PARTICLES = {
    "van", "von", "de", "del", "della", "der", "den", "da", "di", "dos", "das", "du", "la",
    "le", "bin", "ibn", "al", "el", "ten", "ter", "y", "zu",
}  # fmt: skip
# Words that name an institution, a place or a role, never a person.
_NOT_NAME_WORDS = {
    "university", "universität", "université", "universidad", "univ", "institute", "institut",
    "instituto", "lab", "labs", "laboratory", "laboratories", "inc", "ltd", "llc", "corp",
    "corporation", "company", "school", "college", "department", "dept", "research",
    "center", "centre", "academy", "faculty", "foundation", "hospital", "sciences", "science",
    "engineering", "technology", "technologies", "computer", "computing", "google", "microsoft",
    "meta", "deepmind", "openai", "nvidia", "amazon", "facebook", "apple", "ibm", "intel",
    "alibaba", "tencent", "baidu", "huawei", "bytedance", "anthropic", "ai", "usa",
    "china", "uk", "germany", "france", "canada", "japan", "korea", "india", "singapore",
    "israel", "switzerland", "netherlands", "australia", "italy", "spain", "belgium", 
    "abstract", "introduction", "keywords", "preprint", "report", "technical", "draft",
    "equal", "contribution", "contributions", "corresponding", "author", "authors", "work",
    "correspondence", "email", "conference", "proceedings", "journal", "arxiv", "submitted",
    "under", "review", "published", "paper", "github", "code", "model", "models",
    "address", "affiliation", "anonymous", "name", "names",  # a review copy's placeholders
    "information", "systems", "informatics", "electrical", "electronics", "mathematics",
    "statistics", "physics", "linguistics", "intelligence", "artificial", "medicine",
}  # fmt: skip
_INSTITUTION = re.compile(
    r"\b(?:School|Department|Faculty|College|Institute|Laboratory|Centre|Center|Academy) "
    r"(?:of|for)\b|\bUniversit(?:y|ät|é|ad)\b"
)
_STATE_CODE = re.compile(r"[A-Z]{2}(?:\s+\d{5})?")  # 'CA', 'WA 98103'
_COUNTRIES = {
    "usa", "u.s.a", "united states", "us", "uk", "united kingdom", "china", "p.r. china",
    "canada", "germany", "france", "japan", "korea", "south korea", "india", "singapore",
    "israel", "switzerland", "netherlands", "the netherlands", "australia", "italy", "spain",
    "belgium", "sweden", "denmark", "norway", "finland", "austria", "brazil", "hong kong",
    "taiwan", "portugal", "poland", "ireland", "greece", "turkey", "russia", "mexico",
}  # fmt: skip
_TEAM_WORDS = {"team", "ai", "lab", "labs", "group", "collaboration", "consortium", "project"}
_WORD = re.compile(r"^(?:[A-Z][\w'’\-]*[\w]|[A-Z]\.(?:-?[A-Z]\.)*|[A-Z])$")
_MAX_NAME_WORDS = 5


def clean_name(name: str) -> str:
    """'JOSEPH CHEE CHANG' -> 'Joseph Chee Chang'; marks, ORCID ids and stray punctuation go."""
    name = _BRACKETED.sub(" ", name)
    name = _TRAILING_MARKS.sub("", _LEADING_MARKS.sub("", name.strip()))
    name = name.strip(" ,.;:" + _MARKS)
    if name.isupper():
        name = " ".join(_capitalise(word) for word in name.split())
    return re.sub(r"\s+", " ", name)


def _capitalise(word: str) -> str:
    if re.fullmatch(r"[A-Z]\.(?:-?[A-Z]\.)*", word) or word.lower() in _PARTICLES:
        return word if "." in word else word.lower()
    return re.sub(r"[A-Za-zÀ-ÿ]+", lambda m: m.group(0).capitalize(), word.lower())


def is_person(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= _MAX_NAME_WORDS:
        return False
    if any(w.lower().strip(".,") in _NOT_NAME_WORDS for w in words):
        return False
    if words[0] in _PARTICLES or words[-1] in _PARTICLES:
        return False
    capitals = name.isupper()
    return all(_word(w, capitals) for w in words) and any(len(w.strip(".")) > 1 for w in words)


def _word(word: str, capitals: bool) -> bool:
    """A given name, surname, initial or lower-case particle ('van'); an acronym ('UC') is
    not a name word unless the whole name is set in capitals."""
    if word in _PARTICLES:
        return True
    if not _WORD.match(word):
        return False
    return capitals or "." in word or len(word) == 1 or any(ch.islower() for ch in word)


def team_name(text: str) -> str | None:
    """'DeepSeek-AI', 'Kimi Team': a byline naming a team, not people."""
    text = clean_name(_EMAIL.sub(" ", text))
    words = text.split()
    if not 1 <= len(words) <= 4 or not words[0][:1].isupper():
        return None
    parts = {p.lower() for w in words for p in re.split(r"[-\s]", w)}
    return text if parts & _TEAM_WORDS else None


def names_in(text: str) -> tuple[list[str], int]:
    """The personal names in one byline piece, and how many other pieces it held."""
    names: list[str] = []
    others = 0
    pieces = _SEPARATORS.split(_EMAIL.sub(" ", text))
    if any(_is_place(piece) for piece in pieces[1:]):
        return [], len(pieces)  # an address: 'Mountain View, CA, USA'
    if _INSTITUTION.search(pieces[0]):
        # a line that opens on an affiliation ('School of Electronic Information and
        # Electrical Engineering, Shanghai Jiao Tong', broken before 'University') names no one
        return [], len(pieces)
    for piece in pieces:
        name = clean_name(piece)
        if not any(ch.isalpha() for ch in name):
            continue  # a mark or a separator on its own
        if is_person(name):
            names.append(name)
        else:
            others += 1
    return names, others


def _is_place(piece: str) -> bool:
    """A state code ('CA') or a country ends an address, not a list of names."""
    piece = piece.strip(" .")
    return bool(_STATE_CODE.fullmatch(piece)) or piece.lower() in _COUNTRIES


def _split_at_marks(segment: Segment) -> list[str]:
    """A byline's names are often set apart by their marks alone ('Garcia¹ Wei Chen²')."""
    text = segment.text.replace("$", "")
    parts: list[str] = []
    start = seen = 0
    cuts = iter(sorted(set(segment.breaks)))
    cut = next(cuts, None)
    for index, ch in enumerate(text):
        while cut is not None and seen >= cut:
            parts.append(text[start:index])
            start = index
            cut = next(cuts, None)
        if not ch.isspace():
            seen += 1
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def byline_authors(zone: list[TextLine]) -> list[str]:
    """Names from the lines between the title and the abstract, in the first names' type."""
    people: list[str] = []
    teams: list[str] = []
    style: tuple[float, bool] | None = None
    for line in zone:
        if line.lead_mark is not None:
            continue  # an affiliation or footnote line ('1 Moonshot AI', '* Equal contribution')
        for piece in line.segments:
            names = [n for part in _split_at_marks(piece) for n in names_in(part)[0]]
            if not names:
                team = team_name(piece.text.replace("$", ""))
                if team:
                    teams.append(team)
                continue
            piece_style = (round(piece.size * 2) / 2, piece.bold)
            if style is None:
                style = piece_style
            if piece_style == style:
                people.extend(n for n in names if n not in people)
    return people or teams[:1]
