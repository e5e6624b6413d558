"""Stage 3, write (extractive): turn each chapter's beats into a two-host conversation.

The paper's sentences carry every fact; the hosts add questions, transitions and the
skeptic's challenges from templated lines (lines.toml), varied by a seed taken from the paper.
"""

from __future__ import annotations

from collections.abc import Callable

from paperdive.models import ChapterHeading, ChapterPlan, HostRole, Outline, Paper, Script
from paperdive.store import content_hash
from paperdive.writing.chapters import describe, merge_hollow_chapters
from paperdive.writing.conversation import Conversation, LinePicker
from paperdive.writing.exchanges import challenge, explain, skeptic_reads, skeptic_tells
from paperdive.writing.framing import Ending, close, cold_open, ending
from paperdive.writing.plan import CRITIQUE, WRAP
from paperdive.writing.roles import sentence_role
from paperdive.writing.sentences import PaperText, Sentence, third_person
from paperdive.writing.titles import readable_title

Rephrase = Callable[[str], str]
# How often the skeptic meets a result with doubt instead of a plain question, by format.
PUSHBACK = {"critique": 0.7, "debate": 0.8}
DEFAULT_PUSHBACK = 0.3
# How often the skeptic adds a fact-free aside after a result, by format; never elsewhere.
ASIDE_CHANCE = {"critique": 0.7, "debate": 0.8}
SKEPTIC_SHARE = {"critique": 0.5, "debate": 0.5}
DEFAULT_SKEPTIC_SHARE = 0.45
SHORT_EPISODE_RATIO = 0.9
EXTRACTIVE_WRITER = "paperdive extractive writer"
NO_LIMITATIONS = "The paper has no section on its own limitations; the open questions are ours."


def extractive_script(
    texts: list[PaperText],
    outline: Outline,
    hosts: dict[HostRole, str],
    *,
    rephrase: Rephrase | None = None,
    models: list[str] | None = None,
) -> Script:
    papers = [t.paper for t in texts]
    lookup = {s.text: s for text in texts for s in text.sentences}
    paper_of = {s.text: text.paper for text in texts for s in text.sentences}
    lead = papers[0]
    single = len(papers) == 1
    picker = LinePicker(
        content_hash(lead.title, outline.format),
        {
            "explainer": hosts["explainer"],
            "skeptic": hosts["skeptic"],
            "title": readable_title(lead) if single else "a handful of new papers",
            "authors": _authors(lead) if single else "several teams",
        },
    )
    talk = Conversation()
    pushback = PUSHBACK.get(outline.format, DEFAULT_PUSHBACK)
    skeptic_share = SKEPTIC_SHARE.get(outline.format, DEFAULT_SKEPTIC_SHARE)
    asides = ASIDE_CHANCE.get(outline.format, 0.0)
    planned_minutes = sum(c.word_budget for c in outline.chapters) / outline.words_per_minute
    kept_back = ending(texts[0]) if single else Ending([], None)
    last_paper: Paper | None = None

    def spoken(sentence: Sentence) -> str:
        text = third_person(sentence.text)
        return rephrase(text) if rephrase else text

    for index, chapter in enumerate(outline.chapters):
        beats = [lookup[b] for b in chapter.beats if b in lookup and not kept_back.holds(lookup[b])]
        if index == 0:
            cold_open(talk, picker, beats[:1], spoken)
            beats = beats[1:]
            talk.say("explainer", picker.pick("welcome"), 0)
            if planned_minutes < SHORT_EPISODE_RATIO * outline.target_minutes:
                talk.say("explainer", picker.pick("short_paper"), 0)
        else:
            topic = chapter.title.split(":")[0].lower()
            talk.say("explainer", picker.pick("chapter_open", topic=topic), index)
        if chapter.title == WRAP.title:
            talk.say("skeptic", picker.pick("wrap_question"), index)
        if chapter.title == CRITIQUE.title and not any(map(_states_limitations, papers)):
            talk.say("skeptic", picker.pick("no_limitations_section"), index)
            talk.say("explainer", picker.pick("no_limitations_reply"), index)
            talk.say("skeptic", picker.pick("open_doubt"), index)
            talk.say("explainer", picker.pick("open_doubt_reply"), index)
        for beat in beats:
            if talk.words(index) >= chapter.word_budget:
                break
            if not talk.is_fresh(third_person(beat.text)):
                continue  # papers restate themselves; the episode should not
            paper = paper_of[beat.text]
            if not single and paper is not last_paper:
                talk.say("explainer", f"Next paper: {readable_title(paper)}.", index)
            last_paper = paper
            role = sentence_role(beat)
            doubt = 1.0 if chapter.title == CRITIQUE.title else pushback
            if role == "caveat":
                challenge(talk, picker, beat, index, spoken)
            elif skeptic_reads(talk, role, skeptic_share):
                skeptic_tells(talk, picker, beat, index, role, asides, spoken)
            else:
                explain(talk, picker, beat, index, role, doubt, asides, spoken)
        if index == len(outline.chapters) - 1:
            close(talk, picker, kept_back, index, spoken)
    admits_nothing = not any(map(_states_limitations, papers))
    chapters = [
        # A digest's chapters keep their plan's list of the papers they cover.
        ChapterHeading(
            title=c.title,
            description=_description(c, talk.beats[i], admits_nothing) if single else c.description,
        )
        for i, c in enumerate(outline.chapters)
    ]
    script = Script(
        title=readable_title(lead) if single else "Paper digest",
        format=outline.format,
        hosts=hosts,
        chapters=chapters,
        turns=talk.turns,
        models=models or [EXTRACTIVE_WRITER],
    )
    return merge_hollow_chapters(script)


def _description(chapter: ChapterPlan, beats: list[Sentence], admits_nothing: bool) -> str:
    """What the chapter says, for the show notes."""
    if beats:
        return describe(beats)
    if chapter.title == CRITIQUE.title and admits_nothing:
        return NO_LIMITATIONS
    return chapter.description


def _states_limitations(paper: Paper) -> bool:
    return any("limitation" in s.title.lower() for s in paper.sections)


def _authors(paper: Paper) -> str:
    if not paper.authors:
        return "its authors"
    if len(paper.authors) <= 2:
        return " and ".join(paper.authors)
    return f"{paper.authors[0]} and colleagues"
