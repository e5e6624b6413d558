"""Stage 3, write (extractive) for a digest: turn each chapter's beats into a two-host
conversation (a single paper is told as a briefing, briefing_talk.py).

The papers' sentences carry every fact; the hosts add the questions those sentences answer,
the welcome and the sign-off, from templated lines (lines.toml) varied by a seed taken from
the lead paper.
"""

from __future__ import annotations

from collections.abc import Callable

from paperdive.models import ChapterHeading, HostRole, Outline, Paper, Script
from paperdive.store import content_hash
from paperdive.writing.chapters import describe, merge_hollow_chapters
from paperdive.writing.conversation import Conversation, LinePicker
from paperdive.writing.exchanges import Voices, voice
from paperdive.writing.plan import HOST_OVERHEAD, SHORT_RATIO, method_name
from paperdive.writing.sentences import PaperText, Sentence, third_person
from paperdive.writing.titles import readable_title

Rephrase = Callable[[str], str]
EXTRACTIVE_WRITER = "paperdive extractive writer"
SKEPTIC_SHARE = 0.42  # the skeptic's share of the words a digest aims for
OVERRUN = 1.05  # a chapter may run this far past its budget to finish a line


def extractive_script(
    texts: list[PaperText],
    outline: Outline,
    hosts: dict[HostRole, str],
    *,
    rephrase: Rephrase | None = None,
    models: list[str] | None = None,
) -> Script:
    papers = [t.paper for t in texts]
    lookup = {s.text: (s, text) for text in texts for s in text.sentences}
    lead = texts[0]
    single = len(papers) == 1
    fields = {
        "explainer": hosts["explainer"],
        "skeptic": hosts["skeptic"],
        "title": readable_title(lead.paper) if single else "a handful of new papers",
        "authors": authors(lead.paper) if single else "several teams",
        "short": short_name(lead) if single else "this digest",
    }
    picker = LinePicker(content_hash(lead.paper.title, outline.format), fields)

    def spoken(sentence: Sentence) -> str:
        text = third_person(sentence.text)
        return rephrase(text) if rephrase else text

    talk = Conversation()
    v = Voices(talk, picker, spoken, SKEPTIC_SHARE, method_name(lead) if single else None)
    last_paper: Paper | None = None
    for index, chapter in enumerate(outline.chapters):
        beats = [lookup[b] for b in chapter.beats if b in lookup]
        # A chapter planned to say all it has (a paper with less to say than asked) says it.
        whole = HOST_OVERHEAD * sum(len(b.text.split()) for b, _ in beats) <= chapter.word_budget
        if index == 0:
            short = outline.planned_minutes < SHORT_RATIO * outline.target_minutes
            talk.say("explainer", picker.pick("welcome_short" if short else "welcome") or "", 0)
        for number, (beat, text) in enumerate(beats):
            over = talk.words(index) + len(beat.text.split()) > OVERRUN * chapter.word_budget
            if number and over and not whole:
                break
            if not talk.is_fresh(beat):
                continue  # papers restate themselves; the episode should not
            if not single and text.paper is not last_paper:
                talk.say("explainer", f"Next paper: {readable_title(text.paper)}.", index)
                last_paper = text.paper
            # A one-paper digest's chapter opens with its first line (an empty opener).
            voice(v, beat, index, "" if number == 0 and single else None)
        if index == len(outline.chapters) - 1:
            talk.say("explainer", sign_off(picker, lead.paper), index)
    chapters = [
        ChapterHeading(
            # A digest's chapters keep their plan's list of the papers they cover.
            title=c.title,
            description=describe(talk.beats[i], c.description) if single else c.description,
        )
        for i, c in enumerate(outline.chapters)
    ]
    script = Script(
        title=readable_title(lead.paper) if single else "Paper digest",
        format=outline.format,
        hosts=hosts,
        chapters=chapters,
        turns=talk.turns,
        models=models or [EXTRACTIVE_WRITER],
    )
    return merge_hollow_chapters(script)


def sign_off(picker: LinePicker, paper: Paper) -> str:
    """The last words: which paper it was, where to find it when there is a link."""
    lines = [picker.pick("sign_off"), picker.pick("linked") if paper.url else None]
    return " ".join(line for line in [*lines, picker.pick("thanks")] if line)


def short_name(text: PaperText) -> str:
    """The paper as the sign-off names it: its method's name, else its first author's."""
    method = method_name(text)
    if method:
        return method
    return f"the paper by {authors(text.paper)}" if text.paper.authors else "the paper"


def authors(paper: Paper) -> str:
    if not paper.authors:
        return "its authors"
    if len(paper.authors) <= 2:
        return " and ".join(paper.authors)
    return f"{paper.authors[0]} and colleagues"
