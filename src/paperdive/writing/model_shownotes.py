"""Show notes a model writes, kept to what can be checked.

The model proposes the title, hook, takeaways, chapter lines and a reading list chosen from
the paper's bibliography (each linkable entry shown with the paper's own sentences citing
it, so a reason can say what the work is to the paper); every reading is verified against
the bibliography by its number and linked from its arXiv id or DOI (an entry with neither is
dropped, never linked through a cut-off URL), and the list is never padded to a count with
works the model did not choose; a takeaway whose figure the paper does not support is
dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from paperdive.models import ChapterNote, Paper, Reading, Reference, Script, ShowNotes
from paperdive.writing.check import PaperIndex, check_text, content_words
from paperdive.writing.model_citations import citing_sentences

MAX_READINGS = 4  # and no minimum: only works the episode leans on
MAX_TITLE_CHARS = 90
NEW_ARXIV_ID = re.compile(r"(\d{2})(\d{2})\.(\d{4,5})(?:v\d+)?")
OLD_ARXIV_ID = re.compile(r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")
DOI = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
TITLE_OVERLAP = 0.6  # share of a proposed title's words the bibliography entry must hold
CITED_PER_ENTRY = 2  # the paper's sentences citing a linkable entry, given with it
CITED_CHARS = 400  # a longer citing sentence is cut
CITED_TOTAL_CHARS = 16_000  # beyond this, one citing sentence per entry


class ProposedReading(BaseModel):
    reference: int  # the entry's number in the bibliography
    title: str
    reason: str


class Pitch(BaseModel):
    title: str
    hook: str
    takeaways: list[str]
    chapters: list[str] = Field(default_factory=list)
    readings: list[ProposedReading] = Field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    index: int
    text: str
    linkable: bool
    cited: tuple[str, ...] = ()  # the paper's own sentences citing it (linkable entries)


def verified_link(ref: Reference) -> str | None:
    """The entry's arXiv abstract page or DOI resolver link, when its id is well formed;
    None otherwise (a bare URL from a bibliography may be cut short or point anywhere)."""
    link = ref.link()
    if ref.arxiv_id and well_formed_arxiv_id(ref.arxiv_id.strip()):
        return link
    if not ref.arxiv_id and ref.doi and DOI.fullmatch(ref.doi.strip()):
        return link
    return None


def well_formed_arxiv_id(identifier: str) -> bool:
    """An arXiv id such as 2211.17192 or hep-th/9901001: a month that exists, and five digits
    after the dot from January 2015 on (four before), so an id cut short is not linked."""
    if OLD_ARXIV_ID.fullmatch(identifier):
        return True
    match = NEW_ARXIV_ID.fullmatch(identifier)
    if not match or not 1 <= int(match[2]) <= 12:
        return False
    digits = 5 if int(match[1] + match[2]) >= 1501 else 4
    return len(match[3]) == digits


def bibliography(paper: Paper) -> list[Entry]:
    """The bibliography as the show-notes request lists it: each linkable entry with the
    paper's own sentences that cite it (a reading's reason may say what the work is to the
    paper), at most two each, shortest first, one each when all would be too long."""
    linkable = {ref.index for ref in paper.references if verified_link(ref) is not None}
    citing = {n: found for n, found in citing_sentences(paper).items() if n in linkable}
    chosen = {n: _cited(found, CITED_PER_ENTRY) for n, found in citing.items()}
    if sum(len(c) for cited in chosen.values() for c in cited) > CITED_TOTAL_CHARS:
        chosen = {n: _cited(found, 1) for n, found in citing.items()}
    return [
        Entry(ref.index, _describe(ref), ref.index in linkable, chosen.get(ref.index, ()))
        for ref in paper.references
    ]


def _cited(sentences: list[str], count: int) -> tuple[str, ...]:
    """The shortest few citing sentences, in the paper's order, each cut to a length a
    request can carry."""
    shortest = sorted(range(len(sentences)), key=lambda n: (len(sentences[n]), n))[:count]
    return tuple(_clip(sentences[n]) for n in sorted(shortest))


def _clip(sentence: str) -> str:
    if len(sentence) <= CITED_CHARS:
        return sentence
    return sentence[:CITED_CHARS].rsplit(" ", 1)[0] + " …"


def _describe(ref: Reference) -> str:
    if ref.title:
        by = f" ({ref.authors}{', ' if ref.authors and ref.year else ''}{ref.year or ''})"
        return f"{ref.title}{by if ref.authors or ref.year else ''}"
    return " ".join(ref.raw.split())[:300]


def verified_readings(paper: Paper, proposed: list[ProposedReading]) -> list[Reading]:
    """The proposed readings that are entries of the bibliography with a verifiable link,
    each once, at most four, titled as the bibliography has them."""
    by_index = {ref.index: ref for ref in paper.references}
    chosen: dict[int, Reading] = {}
    for pick in proposed:
        ref = by_index.get(pick.reference)
        link = verified_link(ref) if ref else None
        if ref is None or link is None or ref.index in chosen or not pick.reason.strip():
            continue
        if not _same_work(pick.title, ref):
            continue  # the number and the title name different entries: trust neither
        chosen[ref.index] = Reading(
            title=_title(ref, pick.title),
            url=link,
            reason=pick.reason.strip(),
            reference_index=ref.index,
        )
    return list(chosen.values())[:MAX_READINGS]


def _same_work(title: str, ref: Reference) -> bool:
    wanted = set(content_words(title))
    if not wanted:
        return True
    held = set(content_words(f"{ref.title or ''} {ref.raw}"))
    return len(wanted & held) >= TITLE_OVERLAP * len(wanted)


def _title(ref: Reference, proposed: str) -> str:
    """The bibliography's title when it parsed as one, else the model's (checked above)."""
    title = (ref.title or "").strip()
    if title and re.search(r"[A-Za-z]{4,}", title) and not title.startswith(("[", "In ")):
        return title
    return proposed.strip()


def apply_pitch(base: ShowNotes, pitch: Pitch, script: Script, papers: list[Paper]) -> ShowNotes:
    """The extractive notes with what the model wrote that passes the checks."""
    index = PaperIndex(papers)
    hosts = set(script.hosts.values())
    takeaways = [
        t.strip()
        for t in pitch.takeaways
        if t.strip() and not any(i.status == "flagged" for i in check_text(t, 0, index, hosts))
    ]
    if len(takeaways) < 4:
        takeaways += [t for t in base.takeaways if t not in takeaways][: 6 - len(takeaways)]
    chapters = base.chapters
    lines = [line.strip() for line in pitch.chapters]
    if len(lines) == len(script.chapters) and all(lines):
        chapters = [
            ChapterNote(title=c.title, description=line)
            for c, line in zip(script.chapters, lines, strict=True)
        ]
    readings = base.readings
    if len(papers) == 1:
        # The model's verified picks only: fewer than two when fewer fit the episode, never
        # topped up with works it did not choose (an honest short list beats padding).
        readings = verified_readings(papers[0], pitch.readings)[:MAX_READINGS]
    title = " ".join(pitch.title.split())
    hook = " ".join(pitch.hook.split())
    return base.model_copy(
        update={
            "title": title if 0 < len(title) <= MAX_TITLE_CHARS else base.title,
            "hook": hook or base.hook,
            "takeaways": takeaways[:6],
            "chapters": chapters,
            "readings": readings,
        }
    )
