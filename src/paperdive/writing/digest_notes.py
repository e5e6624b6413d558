"""Show notes of a digest: a title that says what the collection is about, a hook that opens
on its most striking measured finding, a summary of the themes with each paper's finding and
the links between papers, every paper with its link, one chapter per theme. Offline, every
sentence about a paper is its own."""

from __future__ import annotations

import re

from paperdive.models import ChapterNote, Notes, Paper, PaperLink, Script, ShowNotes
from paperdive.writing.digest import HEDGE, LEANS, Theme, lead_finding, plan_themes
from paperdive.writing.digest_links import PaperTie, find_ties
from paperdive.writing.digest_names import (
    TITLE_CHARS,
    capitalised,
    digest_title,
    listed,
    short_name,
    spelled_count,
)
from paperdive.writing.sentences import numbers_in, third_person
from paperdive.writing.titles import readable_title

# What makes a finding striking: a multiple, a share, a comparison; what spoils a hook: a
# hedge, a sentence that leans on the one before it, a sentence too long to hear at once.
_FACTOR = re.compile(r"\b\d+(?:\.\d+)?\s*(?:times\b|x\b|×|-fold\b|fold\b)", re.IGNORECASE)
_SHARE = re.compile(r"\d(?:\.\d+)?\s*(?:%|percent\b)", re.IGNORECASE)
_COMPARES = re.compile(
    r"\b(?:fewer|faster|cheaper|smaller|less|more|better|outperform\w*|beat\w*|surpass\w*|"
    r"match\w*|state-of-the-art|reduc\w*|saves?|doubl\w*|halv\w*|exceed\w*|same)\b",
    re.IGNORECASE,
)
HOOK_WORDS = 30  # longer findings lose a little of their pull per extra word


def count(n: int, noun: str) -> str:
    return f"{spelled_count(n)} {noun}{'' if n == 1 else 's'}"


def paper_link(paper: Paper) -> str | None:
    """A working public link: the arXiv abstract page when the id is known, else its URL."""
    if paper.arxiv_id:
        return f"https://arxiv.org/abs/{paper.arxiv_id}"
    return paper.url


def main_finding(notes: Notes) -> str | None:
    """The paper's lead finding (digest.lead_finding), as the hosts say it."""
    lead = lead_finding(notes)
    return third_person(lead.text) if lead is not None else None


def strikingness(finding: str) -> float:
    """How much a finding grabs a listener, from its form alone: a measured multiple or
    share, a comparison; less for hedges, for leaning on an earlier sentence, for length."""
    score = 3.0 * bool(_FACTOR.search(finding)) + 1.5 * bool(_SHARE.search(finding))
    score += min(2, len({m.lower() for m in _COMPARES.findall(finding)}))
    score -= bool(HEDGE.search(finding)) + bool(LEANS.match(finding))
    return score - 0.1 * max(0, len(finding.split()) - HOOK_WORDS)


def striking_finding(notes: list[Notes]) -> tuple[int, str] | None:
    """(paper, finding): the collection's most striking measured finding, if any has one."""
    found = [
        (strikingness(finding), -index, index, finding)
        for index, n in enumerate(notes)
        if (finding := main_finding(n)) and numbers_in(finding)
    ]
    if not found:
        return None
    best = max(found)
    return best[2], best[3]


def hook(papers: list[Paper], notes: list[Notes], themes: list[Theme]) -> str:
    about = listed([t.head for t in themes], TITLE_CHARS)
    opening = striking_finding(notes)
    if opening is None:
        return f"{count(len(papers), 'new paper').capitalize()} on {about}."
    index, finding = opening
    return (
        f"{finding.rstrip('.')}. That's from {short_name(papers[index])}, one of "
        f"{count(len(papers), 'paper')} in this digest on {about}."
    )


def summary(
    papers: list[Paper], notes: list[Notes], themes: list[Theme], ties: list[PaperTie]
) -> str:
    """A paragraph: the themes, what each paper of each theme finds, how the papers connect."""
    parts = [f"{count(len(papers), 'paper').capitalize()} in {count(len(themes), 'theme')}."]
    for theme in themes:
        findings = []
        for index in theme.members:
            finding = main_finding(notes[index])
            name = short_name(papers[index])
            findings.append(f"{name}: {finding.rstrip('.')}" if finding else name)
        said = "; ".join(findings) + "."
        if len(theme.members) > 1:  # a theme of one is its paper: named once is enough
            said = f"{theme.name} ({count(len(theme.members), 'paper')}): {said}"
        parts.append(said)
    links = []
    for tie in ties:
        first, second = short_name(papers[tie.first]), short_name(papers[tie.second])
        if tie.kind == "authors":
            links.append(f"{second} and {first} share authors ({tie.detail})")
        elif tie.kind == "cites":
            links.append(f"{second} cites {first}")
        else:
            links.append(f"{first} cites {second}")
    if links:
        parts.append(capitalised("; ".join(links)) + ".")
    return " ".join(parts)


def digest_shownotes(
    script: Script, papers: list[Paper], notes: list[Notes], disclosure: str
) -> ShowNotes:
    themes = plan_themes(papers, notes)
    order = [i for theme in themes for i in theme.members]
    ties = find_ties(papers, order)
    takeaways = [
        f"{short_name(papers[i])}: {finding}" for i in order if (finding := main_finding(notes[i]))
    ]
    return ShowNotes(
        title=digest_title(len(papers), [t.head for t in themes]),
        hook=hook(papers, notes, themes),
        takeaways=takeaways,
        chapters=[ChapterNote(title=c.title, description=c.description) for c in script.chapters],
        disclosure=disclosure,
        summary=summary(papers, notes, themes, ties),
        papers=[
            PaperLink(
                title=readable_title(papers[i]),
                url=paper_link(papers[i]),
                published=papers[i].published,
            )
            for i in order
        ],
    )
