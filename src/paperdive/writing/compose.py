"""Stage 3, write (extractive): turn each chapter's beats into a two-host conversation.

The paper's sentences carry every fact; the hosts add the questions those sentences answer,
a word to open each chapter, the welcome and the sign-off, from templated lines
(lines.toml) varied by a seed taken from the paper.
"""

from __future__ import annotations

from collections.abc import Callable

from paperdive.models import ChapterHeading, HostRole, Outline, Paper, Script
from paperdive.store import content_hash
from paperdive.writing.chapters import describe, merge_hollow_chapters
from paperdive.writing.conversation import Conversation, LinePicker
from paperdive.writing.exchanges import Voices, voice
from paperdive.writing.framing import challenge, close, cold_open, corner
from paperdive.writing.plan import (
    COLD_OPEN,
    CRITIQUE,
    HOST_OVERHEAD,
    SHORT_RATIO,
    WRAP,
    chapter_kind,
    method_name,
)
from paperdive.writing.roles import DOUBTS, sentence_kind
from paperdive.writing.sentences import PaperText, Sentence, third_person
from paperdive.writing.titles import readable_title

Rephrase = Callable[[str], str]
EXTRACTIVE_WRITER = "paperdive extractive writer"
# The skeptic's share of the words each format aims for.
SKEPTIC_SHARE = {"critique": 0.5, "debate": 0.5}
DEFAULT_SKEPTIC_SHARE = 0.42
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
    share = SKEPTIC_SHARE.get(outline.format, DEFAULT_SKEPTIC_SHARE)
    v = Voices(talk, picker, spoken, share, method_name(lead) if single else None)
    debate = outline.format == "debate" and single
    last_paper: Paper | None = None
    # A debate meets each claim with a challenge: the case against lends its doubts.
    reserve = [
        lookup[b][0]
        for c in outline.chapters
        if chapter_kind(c.title) is CRITIQUE and debate
        for b in c.beats
        if b in lookup and sentence_kind(lookup[b][0]) in DOUBTS
    ][::2]  # the other half stays for the case against
    for index, chapter in enumerate(outline.chapters):
        beats = [lookup[b] for b in chapter.beats if b in lookup]
        # A chapter planned to say all it has (a paper with less to say than asked) says it.
        whole = HOST_OVERHEAD * sum(len(b.text.split()) for b, _ in beats) <= chapter.word_budget
        kind = chapter_kind(chapter.title)
        if index == 0:
            short = outline.planned_minutes < SHORT_RATIO * outline.target_minutes
            welcome = picker.pick("welcome_short" if short else "welcome") or ""
            if kind is COLD_OPEN:
                cold_open(v, [s for s, _ in beats], welcome)
                continue
            talk.say("explainer", welcome, 0)
        opener = picker.pick(f"open_{kind.key}") if kind else None
        if kind is CRITIQUE and single:
            corner(v, lead, [s for s, _ in beats], index, opener or "")
        elif kind is WRAP:
            close(v, [s for s, _ in beats], index, sign_off(picker, lead.paper))
            continue
        else:
            for number, (beat, text) in enumerate(beats):
                over = talk.words(index) + len(beat.text.split()) > OVERRUN * chapter.word_budget
                if number and over and not whole:
                    break
                if not talk.is_fresh(beat):
                    continue  # papers restate themselves; the episode should not
                if not single and text.paper is not last_paper:
                    talk.say("explainer", f"Next paper: {readable_title(text.paper)}.", index)
                    last_paper = text.paper
                challenged = debate and challenge(v, beat, index, reserve)
                first = number == 0 and single and not challenged
                voice(v, beat, index, (opener or "") if first else None)
        if index == len(outline.chapters) - 1:
            talk.say("explainer", sign_off(picker, lead.paper), index)
    chapters = [
        ChapterHeading(
            # A digest's chapters keep their plan's list of the papers they cover.
            title=c.title,
            description=describe(talk.beats[i], c.description, _about(c.title))
            if single
            else c.description,
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


def _about(title: str) -> tuple[str, ...]:
    kind = chapter_kind(title)
    return kind.kinds if kind else ()


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
