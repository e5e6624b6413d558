"""A digest as the hosts say it: it opens cold on the collection's most striking measured
finding, each theme is announced by name where its first paper comes up, and the links
between papers are said when the later paper comes up (digest_links.py). The finding is a
paper's own sentence and the theme names are the papers' own phrases, so nothing is added
that the papers do not say."""

from __future__ import annotations

from paperdive.models import Notes, Outline, Paper, Script, SourceRef, Turn
from paperdive.writing.digest import lead_finding
from paperdive.writing.digest_links import NEXT_PAPER, say_digest_ties
from paperdive.writing.digest_names import short_name
from paperdive.writing.digest_notes import striking_finding
from paperdive.writing.titles import readable_title


def frame_digest(
    script: Script, papers: list[Paper], notes: list[Notes], outline: Outline
) -> Script:
    """The extractive digest draft with its cold open, theme announcements and links."""
    framed = announce_themes(say_digest_ties(script, papers, outline), outline)
    return cold_open(framed, papers, notes)


def announce_themes(script: Script, outline: Outline) -> Script:
    """Where each theme's first paper comes up, the theme is named. A theme of one paper is
    that paper: the first of those is announced as standing alone, the others need nothing."""
    turns = list(script.turns)
    alone_said = False
    for chapter, plan in enumerate(outline.chapters):
        first = next(
            (n for n, t in enumerate(turns) if t.chapter == chapter and NEXT_PAPER in t.text),
            None,
        )
        if first is None:
            continue
        if len(plan.sections) > 1:
            line = f"{'First theme' if chapter == 0 else 'Next theme'}: {plan.title}."
        elif not alone_said and len(outline.chapters) > 1:
            line, alone_said = "Now, papers that stand on their own.", True
        else:
            continue
        turn = turns[first]
        text = turn.text.replace(NEXT_PAPER, f"{line} {NEXT_PAPER}", 1)
        turns[first] = turn.model_copy(update={"text": text})
    return script.model_copy(update={"turns": turns})


def cold_open(script: Script, papers: list[Paper], notes: list[Notes]) -> Script:
    """Before the welcome: the most striking measured finding, and whose it is."""
    opening = striking_finding(notes)
    if opening is None or not script.turns:
        return script
    index, finding = opening
    first = _first_paper(script).startswith(f"{readable_title(papers[index])}.")
    lead = lead_finding(notes[index])
    source = SourceRef(section=lead.section, quote=lead.text) if lead is not None else None
    turns = [
        Turn(host="explainer", text=finding, chapter=0, source_refs=[source] if source else []),
        Turn(
            host="skeptic",
            text=f"That's {short_name(papers[index])}, one of the papers in this digest, "
            + ("and it's where we start." if first else "and we'll come to it."),
            chapter=0,
        ),
    ]
    return script.model_copy(update={"turns": turns + list(script.turns)})


def _first_paper(script: Script) -> str:
    """What follows the script's first "Next paper:": the first paper's title, and more."""
    for turn in script.turns:
        if NEXT_PAPER in turn.text:
            return turn.text.split(NEXT_PAPER, 1)[1]
    return ""
