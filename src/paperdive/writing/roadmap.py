"""The method's parts, as its section headings name them: the map a listener gets before
the mechanics ("It comes in three parts: training strategy, long context extension and
alignment."), so that each step after it has a place to go.

The parts are the method's top-level sections where there are three or four of them
(TRPO's guarantee, optimisation, estimation and practical algorithm), else the subsections
of its first section that has two to four (DeepSeek-V2's architecture: Multi-Head Latent
Attention and DeepSeekMoE). Headings that name no part ("Implementation", "Overview",
"Example User Scenario") are left out; a method told in one section has no map.
"""

from __future__ import annotations

import re

from paperdive.models import Paper
from paperdive.writing.sections import SectionRole, section_roles

MIN_PARTS, MAX_PARTS = 2, 4
MAX_PART_WORDS = 8
MAX_MAP_WORDS = 24  # all parts together: past this, the map is harder to hold than the method

_NO_PART = re.compile(
    r"^(?:the )?(?:method|methods|approach|model|overview|implementation|details|setup|"
    r"architecture|model architecture|network architecture|framework|training|background|"
    r"preliminaries|statistics|summary|discussion|analysis|approaches|"
    r"problem formulation|preliminaries and notation)$|"
    r"^(?:other|some|more|additional|example|an example|overview|why|how|what)\b|"
    r"\binfrastructure$",  # what it runs on ("RL Infrastructure"), like "Implementation"
    re.IGNORECASE,
)
_SUBTITLE = re.compile(r"\s*:.*$")  # "Multi-Head Latent Attention: Boosting Inference …"
_STEP_LABEL = re.compile(r"^(?:stage|step|phase|part)\s+\w+\s*:\s*", re.I)  # "Stage 1: …"
_OWN = re.compile(r"^(?:our|the proposed|proposed)\s+", re.I)  # "Our Approach" is "approach"
_TAG = re.compile(r"^\s*\[[^\]]*\]\s*|\s*\([^)]*\)")  # "[D1] Discover …", "… (RAPT)"


def method_parts(paper: Paper) -> list[str]:
    """The method's parts as a host would name them, in the paper's order; [] when its
    headings draw no map."""
    return [name for _, name in _part_sections(paper)]


def mapped_sections(paper: Paper) -> set[str]:
    """The titles of the sections the map names: each is promised to the listener."""
    return {paper.sections[i].title for i, _ in _part_sections(paper)}


def method_part_of(paper: Paper) -> dict[str, str]:
    """Each section's title → the title of the method part it tells: where the map names
    parts, each section at their level beside them (named or not: Kimi's "Other Training
    Details") with its subsections; else the top-level section it is in. The method is told
    part by part, so that every part the map names is heard and no part runs into the next."""
    top = top_sections(paper)
    level = {
        top[paper.sections[i].title]: paper.sections[i].level for i, _ in _part_sections(paper)
    }
    part = dict(top)
    head: str | None = None
    seen: set[str] = set()
    for section in paper.sections:
        within = level.get(top[section.title])
        if within is None or section.level < within:
            head = None
        elif section.level == within:
            head = section.title
        if head is not None and section.title not in seen:
            part[section.title] = head
        seen.add(section.title)
    return part


def top_sections(paper: Paper) -> dict[str, str]:
    """Each section's title → the title of the top-level section it is part of (a method
    told across its subsections: "Multi-Head Latent Attention" and its parts)."""
    top: dict[str, str] = {}
    current: str | None = None
    for section in paper.sections:
        if section.level <= 1 or current is None:
            current = section.title
        top.setdefault(section.title, current)
    return top


def _part_sections(paper: Paper) -> list[tuple[int, str]]:
    """The sections the map names, by index, with their names."""
    roles = section_roles(paper)
    method = [i for i, role in enumerate(roles) if role == "method"]
    if not method:
        return []
    top = min(paper.sections[i].level for i in method)
    names = _names(paper)

    def named(sections: list[int]) -> list[tuple[int, str]]:
        return [
            (i, n) for i in sections if (n := part_name(paper.sections[i].title, names)) is not None
        ]

    tops = named(_siblings(paper, roles, method[0], top))
    if MIN_PARTS + 1 <= len(tops) <= MAX_PARTS and _short(tops):
        return tops
    for i in method:
        if paper.sections[i].level == top:
            children = _children(paper, roles, i)
            parts = named(children)
            # A map that skips the first part ("Network Architecture") skips the method's body.
            if parts and parts[0][0] != children[0]:
                continue
            if MIN_PARTS <= len(parts) <= MAX_PARTS and _short(parts):
                return parts
    return tops if len(tops) == MIN_PARTS and _short(tops) else []


def part_name(heading: str, names: set[str]) -> str | None:
    """A heading as a part's name: no subtitle, tag or acronym in brackets; in lower case
    but for the `names` the paper writes with a capital ("Gaussian", "Monte Carlo"); None
    for a heading that names no part."""
    name = _OWN.sub("", _TAG.sub("", _SUBTITLE.sub("", _STEP_LABEL.sub("", heading))).strip())
    if name.isupper() and len(name.split()) > 1:
        name = name.title()  # "SYSTEM DESIGN" is no acronym
    words = name.split()
    if not 1 <= len(words) <= MAX_PART_WORDS or _NO_PART.search(name):
        return None
    return " ".join(w.lower() if w.istitle() and w not in names else w for w in words)


def _names(paper: Paper) -> set[str]:
    """Words the paper's prose capitalises mid-sentence and never writes in lower case."""
    prose = " ".join(s.text for s in paper.sections)
    capitalised = set(re.findall(r"(?<=[a-z,] )[A-Z][\w\-]*", prose))
    lower = set(re.findall(r"\b[a-z][\w\-]*", prose))
    return {w for w in capitalised if w.lower() not in lower}


def _siblings(paper: Paper, roles: list[SectionRole], first: int, level: int) -> list[int]:
    """The method's sections at `level` from `first` on, until a section of another role."""
    found: list[int] = []
    for i in range(first, len(paper.sections)):
        if paper.sections[i].level == level:
            if roles[i] != "method":
                break
            found.append(i)
    return found


def _children(paper: Paper, roles: list[SectionRole], parent: int) -> list[int]:
    level = paper.sections[parent].level
    found: list[int] = []
    for i in range(parent + 1, len(paper.sections)):
        if paper.sections[i].level <= level:
            break
        if paper.sections[i].level == level + 1 and roles[i] == "method":
            found.append(i)
    return found


def _short(parts: list[tuple[int, str]]) -> bool:
    return sum(len(name.split()) for _, name in parts) <= MAX_MAP_WORDS
