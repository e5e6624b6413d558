"""Show notes of a digest: what the collection adds up to, every paper with its link and its
main finding, one chapter per theme. Offline, every sentence about a paper is its own."""

from __future__ import annotations

from paperdive.models import ChapterNote, Notes, Paper, PaperLink, Script, ShowNotes
from paperdive.writing.digest import Theme, plan_themes
from paperdive.writing.digest_links import PaperTie, find_ties
from paperdive.writing.sentences import numbers_in, third_person
from paperdive.writing.titles import readable_title

_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def count(n: int, noun: str) -> str:
    word = _NUMBERS[n] if n < len(_NUMBERS) else str(n)
    return f"{word} {noun}{'' if n == 1 else 's'}"


def paper_link(paper: Paper) -> str | None:
    """A working public link: the arXiv abstract page when the id is known, else its URL."""
    if paper.arxiv_id:
        return f"https://arxiv.org/abs/{paper.arxiv_id}"
    return paper.url


def main_finding(notes: Notes) -> str | None:
    """The paper's first result that carries a number, else its first result, else what it
    does."""
    measured = [p for p in notes.results if numbers_in(p.text)]
    for field in (measured, notes.results, notes.method, notes.problem):
        if field:
            return third_person(field[0].text)
    return None


def summary(
    papers: list[Paper], notes: list[Notes], themes: list[Theme], ties: list[PaperTie]
) -> str:
    """A paragraph: the themes, what each paper of each theme finds, how the papers connect."""
    named = ", ".join(f"{t.name.lower()} ({len(t.members)})" for t in themes)
    parts = [
        f"{count(len(papers), 'paper').capitalize()} in {count(len(themes), 'theme')}: {named}."
    ]
    for theme in themes:
        findings = []
        for index in theme.members:
            finding = main_finding(notes[index])
            if finding:
                findings.append(f"{readable_title(papers[index])}: {finding.rstrip('.')}")
        if findings:
            parts.append(f"On {theme.name.lower()}, " + "; ".join(findings) + ".")
    for tie in ties:
        first, second = readable_title(papers[tie.first]), readable_title(papers[tie.second])
        if tie.kind == "authors":
            parts.append(f"{second} and {first} share authors ({tie.detail}).")
        elif tie.kind == "cites":
            parts.append(f"{second} cites {first}.")
        else:
            parts.append(f"{first} cites {second}.")
    return " ".join(parts)


def digest_shownotes(
    script: Script, papers: list[Paper], notes: list[Notes], disclosure: str
) -> ShowNotes:
    themes = plan_themes(papers, notes)
    order = [i for theme in themes for i in theme.members]
    ties = find_ties(papers, order)
    takeaways = [
        f"{readable_title(papers[i])}: {finding}"
        for i in order
        if (finding := main_finding(notes[i]))
    ]
    return ShowNotes(
        title=f"{count(len(papers), 'paper').capitalize()}: " + "; ".join(t.name for t in themes),
        hook=(
            f"{count(len(papers), 'new paper').capitalize()}, grouped into "
            f"{count(len(themes), 'theme')}, each named with what it found"
            + (f", and {count(len(ties), 'link')} between them." if ties else ".")
        ),
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
