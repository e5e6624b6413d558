"""How the papers of a digest connect: shared authors, and one citing another.

Found only in what ingest read (author lists, bibliographies), so every link said aloud is
grounded: "cites" quotes the citing paper's reference entry. Conflicting results are left
to a model writer: the offline writer cannot tell a contradiction from a different setup.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from paperdive.models import Outline, Paper, Script, SourceRef, Turn
from paperdive.writing.titles import readable_title

NEXT_PAPER = "Next paper: "


@dataclass(frozen=True)
class PaperTie:
    """A link said when `second` is introduced, back to `first`, heard earlier."""

    kind: Literal["authors", "cites", "cited_by"]  # second cites first / first cites second
    first: int
    second: int
    detail: str  # the shared names, or the reference entry that cites


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _person(name: str) -> str:
    """A name as compared: accents, case and punctuation folded ("Zhihong Shao" = "zhihong shao").
    Initials never match a full name: "Y. Wu" is too many people."""
    return _fold(name)


def _cites(citing: Paper, cited: Paper) -> str | None:
    """The reference entry of `citing` that names `cited` (by arXiv id or title), if any."""
    title = _fold(cited.title)
    short = _fold(cited.title.split(":")[0])
    for ref in citing.references:
        if cited.arxiv_id and ref.arxiv_id == cited.arxiv_id:
            return ref.raw
        raw = _fold(f"{ref.title or ''} {ref.raw}")
        if len(title.split()) >= 3 and title in raw:
            return ref.raw
        # a distinctive short name ("deepseek v2") counts when it is a whole reference title
        if ref.title and len(short) >= 6 and _fold(ref.title).startswith(short + " "):
            return ref.raw
    return None


def find_ties(papers: list[Paper], order: list[int]) -> list[PaperTie]:
    """Ties between each paper and the ones said before it (`order` is the episode's)."""
    ties: list[PaperTie] = []
    people = {i: {_person(a) for a in papers[i].authors if a.strip()} for i in order}
    for position, second in enumerate(order):
        for first in order[:position]:
            shared = people[second] & people[first]
            if shared:
                names = [a for a in papers[second].authors if _person(a) in shared]
                ties.append(PaperTie("authors", first, second, ", ".join(names[:3])))
            entry = _cites(papers[second], papers[first])
            if entry:
                ties.append(PaperTie("cites", first, second, entry))
            elif entry := _cites(papers[first], papers[second]):
                ties.append(PaperTie("cited_by", first, second, entry))
    return ties


def tie_line(tie: PaperTie, papers: list[Paper]) -> str:
    """What a host says about a tie when `tie.second` is introduced (the earlier paper by its
    short name: its full title was said already, and a repeated run of words is cut)."""
    name = short_title(papers[tie.first])
    if tie.kind == "authors":
        return f"A link worth noting: this paper shares authors with {name}: {tie.detail}."
    if tie.kind == "cites":
        return f"And this one builds on something we already heard: it cites {name}."
    return f"This is work that {name}, which we heard earlier, cites."


def short_title(paper: Paper) -> str:
    """ "MoBA" for "MoBA: Mixture of Block Attention…"; a title without a colon stays whole."""
    title = readable_title(paper)
    head = title.split(":")[0].strip()
    return head if head and head != title else title


def say_ties(script: Script, papers: list[Paper], ties: list[PaperTie]) -> Script:
    """After each "Next paper: …" line, that paper's links to the ones before it."""
    intros = {f"{NEXT_PAPER}{readable_title(p)}.": i for i, p in enumerate(papers)}
    turns: list[Turn] = []
    for turn in script.turns:
        turns.append(turn)
        index = next((i for line, i in intros.items() if line in turn.text), None)
        for tie in (t for t in ties if t.second == index):
            turns.append(
                Turn(
                    host="skeptic",
                    text=tie_line(tie, papers),
                    chapter=turn.chapter,
                    source_refs=[SourceRef(section="References", quote=tie.detail[:300])],
                )
            )
    return script.model_copy(update={"turns": turns})


def say_digest_ties(script: Script, papers: list[Paper], outline: Outline) -> Script:
    """The digest's links said aloud, in the episode's order (its chapters' papers)."""
    by_title = {p.title: i for i, p in enumerate(papers)}
    order = [by_title[t] for c in outline.chapters for t in c.sections if t in by_title]
    order += [i for i in range(len(papers)) if i not in order]
    return say_ties(script, papers, find_ties(papers, list(dict.fromkeys(order))))
