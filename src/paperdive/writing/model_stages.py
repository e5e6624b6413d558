"""The stages as a text model runs them: free writing in pydantic-validated JSON, still checked.

The model reads the whole paper as Markdown once, with its numbered bibliography, for the
close reading (and again from the provider's prompt cache for the fact-check). The plan names
sections from every heading of the paper and writes its beats from them. Each chapter request
carries the passages of the sections its plan names (whole, or fitted around the beats'
figures), the end of the conversation so far (and whether it already asked this chapter's
question, to be answered, not asked again), the points already made and the terms already
defined or left undefined, so quotes are real and nothing is explained twice; chapters are
stitched so the hosts alternate.
Prompts are the Jinja templates in prompts/, written as a producer's brief.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, Field

from paperdive.errors import WriteError
from paperdive.llm import LLM, Usage, ask_structured
from paperdive.models import (
    ChapterHeading,
    ChapterPlan,
    CheckItem,
    HostRole,
    NotePoint,
    Notes,
    Outline,
    Paper,
    Review,
    Script,
    ScriptFormat,
    ShowNotes,
    SourceRef,
    Turn,
)
from paperdive.writing.check import PaperIndex, keyed
from paperdive.writing.digest_model import digest_guide
from paperdive.writing.digest_notes import digest_shownotes
from paperdive.writing.model_balance import (
    balance_item,
    default_share,
    planned_share,
    share_band,
    share_limits,
    skeptic_heavy,
)
from paperdive.writing.model_passages import (
    PASSAGE_CHARS,
    chapter_passages,
    chunk_markdown,
    paper_markdown,
    paper_parts,
    section_labels,
    sections_for_chapters,
)
from paperdive.writing.model_scope import PaperScope, scoped_lines
from paperdive.writing.model_shownotes import Pitch, apply_pitch, bibliography
from paperdive.writing.model_terms import Glossary
from paperdive.writing.plan import CHAPTERS
from paperdive.writing.revise import Window, merge_flags, revise_script
from paperdive.writing.sentences import PaperText, split_sentences
from paperdive.writing.shownotes import disclosure, extractive_shownotes
from paperdive.writing.titles import readable_title

SHORT_CHAPTER = 0.6  # a drafted chapter below this share of its budget is asked for again
WORD_TOLERANCE = 0.1  # a chapter request asks for its budget within this share
PREVIOUS_TURNS = 4  # turns of the conversation so far that a chapter request shows
SECTION_LIST_CHARS = 8000  # a digest's section list beyond this keeps two heading levels
TAKEAWAYS = 6
OTHER: dict[HostRole, HostRole] = {"explainer": "skeptic", "skeptic": "explainer"}
NOTE_FIELDS = ("problem", "method", "math", "results", "limitations", "threats", "related_work")
# Output allowances (tokens); a reply cut off at one is asked again with twice as much.
NOTES_TOKENS = 8000
PLAN_TOKENS = 4000
CRITIC_TOKENS = 4000
REVISE_TOKENS = 6000
SHOWNOTES_TOKENS = 4000
TOKENS_PER_WORD = 3  # a chapter's words, as JSON with quotes and points
TURN_MARGIN = 10  # words below the eval's longest turn that a prompt asks for (counts drift)
LONG_SHARE_MARGIN = 10  # percent below the eval's share of words in long turns, likewise
LONG_TURN_QUOTE = 8  # words of a long turn's opening named in its flag (a shorter one: more)
LONG_TURN_QUOTE_MAX = 16


class PlannedChapters(BaseModel):
    chapters: list[ChapterPlan]


class DraftedTurn(BaseModel):
    host: HostRole
    text: str
    quotes: list[str] = Field(default_factory=list)


class DraftedChapter(BaseModel):
    turns: list[DraftedTurn]
    points: list[str] = Field(default_factory=list)
    defined: list[str] = Field(default_factory=list)  # "term: its few-word meaning"
    undefined: list[str] = Field(default_factory=list)  # terms used without a definition


class Flag(BaseModel):
    turn: int
    claim: str
    reason: str


class Critique(BaseModel):
    flags: list[Flag] = Field(default_factory=list)


class RewrittenTurn(BaseModel):
    turn: int
    text: str


class Rewritten(BaseModel):
    turns: list[RewrittenTurn]


@cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("paperdive.writing", "prompts"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # plain-text prompts, never rendered as HTML
    )


@cache
def eval_limits() -> dict[str, int]:
    """The limits `paperdive eval` holds a script and its show notes to, as every prompt states
    them: taken from the eval's own constants, so the prompts cannot drift from what is judged
    (imported here, not at the top: the eval package imports the writer)."""
    from paperdive.evaluate.script import (
        LONG_TURN_WORDS,
        MAX_LONG_TURN_SHARE,
        MAX_TURN_WORDS,
        RESTATED,
    )
    from paperdive.evaluate.shownotes import MIN_SENTENCE_WORDS
    from paperdive.evaluate.speech import MAX_LIST_ITEMS

    return {
        "max_turn_words": MAX_TURN_WORDS - TURN_MARGIN,
        "long_turn_words": LONG_TURN_WORDS,
        "long_turn_percent": round(MAX_LONG_TURN_SHARE * 100) - LONG_SHARE_MARGIN,
        "max_list_items": MAX_LIST_ITEMS,
        "max_restated": RESTATED - 1,
        "min_sentence_words": MIN_SENTENCE_WORDS,
    }


def render(name: str, **values: object) -> str:
    """A prompt, with the eval's limits (`eval_limits`) there for any template to state."""
    return _templates().get_template(f"{name}.j2").render(**{**eval_limits(), **values})


class ModelWriter:
    """Runs each stage on one model, adding its token usage to the stage's tally."""

    def __init__(self, llm: LLM, hosts: dict[HostRole, str]):
        self.llm = llm
        self.hosts = hosts
        self.system = render("system", explainer=hosts["explainer"], skeptic=hosts["skeptic"])
        self._scope: tuple[tuple[int, ...], PaperScope] | None = None

    # ---------------------------------------------------------------- notes

    def notes(self, paper: Paper, usage: Usage) -> Notes:
        """The close reading: the whole paper in one request when it fits the model's
        context (it is then cached for the fact-check), else one request per part."""
        text = paper_markdown(paper)
        parts = chunk_markdown(text, self.llm.context_chars)
        read = [
            ask_structured(
                self.llm,
                self.system,
                render(
                    "read",
                    title=paper.title,
                    part=i + 1,
                    part_count=len(parts),
                    numbered=bool(paper.references),
                ),
                Notes,
                usage=usage,
                max_tokens=NOTES_TOKENS,
                document=part,
            )
            for i, part in enumerate(parts)
        ]
        merged = Notes(paper_title=paper.title)
        for field in NOTE_FIELDS:
            points: list[NotePoint] = [p for part in read for p in getattr(part, field)]
            setattr(merged, field, points)
        return merged

    # ---------------------------------------------------------------- plan

    def plan(
        self,
        papers: list[Paper],
        notes: list[Notes],
        format: ScriptFormat,
        minutes: float,
        words_per_minute: float,
        usage: Usage,
    ) -> Outline:
        words = int(minutes * words_per_minute)
        chapter_count = len(CHAPTERS.get(format, CHAPTERS["deep-dive"]))
        themes: list[str] = []
        links: list[str] = []
        if format == "digest" or len(papers) > 1:
            themes, links = digest_guide(papers, notes)
            chapter_count = max(2, min(len(themes), 8))
        planned = ask_structured(
            self.llm,
            self.system,
            render(
                "plan",
                format=format,
                minutes=round(minutes),
                words=words,
                title="; ".join(p.title for p in papers),
                chapter_count=chapter_count,
                skeptic_heavy=skeptic_heavy(format),
                explainer=self.hosts["explainer"],
                skeptic=self.hosts["skeptic"],
                share=default_share(format),
                share_low=share_limits(format)[0],
                share_high=share_limits(format)[1],
                sections=_section_names(papers),
                notes=_notes_json(notes, self.llm.context_chars // 2),
                themes=themes,
                links=links,
            ),
            PlannedChapters,
            usage=usage,
            max_tokens=PLAN_TOKENS,
        )
        chapters = [
            c.model_copy(update={"skeptic_share": planned_share(c.skeptic_share, format)})
            for c in planned.chapters
            if c.title.strip()
        ]
        if not chapters:
            raise WriteError(f"{self.llm.name} planned no chapters")
        if len(papers) == 1:  # a digest's chapters get the sentences that state their figures
            chapters = _with_beat_sections(papers[0], chapters)
        return Outline(
            format=format,
            target_minutes=minutes,
            words_per_minute=words_per_minute,
            chapters=_fit_budgets(chapters, words),
        )

    # ---------------------------------------------------------------- draft

    def script(
        self,
        papers: list[Paper],
        notes: list[Notes],
        outline: Outline,
        hosts: dict[HostRole, str],
        usage: Usage,
    ) -> Script:
        index = PaperIndex(papers)
        printed = _Printed.of(index)
        scope = self.scope(papers) if len(papers) > 1 else PaperScope(papers, [index])
        turns: list[Turn] = []
        points: list[str] = []
        terms = Glossary()
        chapters = outline.chapters
        budget = min(PASSAGE_CHARS, self.llm.context_chars // 4)
        presented: set[int] = set()
        for number, chapter in enumerate(chapters):
            recalled = _recalled(chapter, presented, len(papers))
            presented |= _presents(chapter, len(papers))
            following = chapters[number + 1] if number + 1 < len(chapters) else None
            asked = bool(turns) and turns[-1].text.rstrip().endswith("?")
            opener = _opener(turns, asked)
            # The question the last line asked is not listed again as a point to make.
            opening = chapter.beats[0].strip() if asked and chapter.beats else ""
            share_low, share_high = share_band(chapter, outline.format)
            budget_words = chapter.word_budget
            values = {
                "number": number + 1,
                "chapter_count": len(chapters),
                "chapter": chapter,
                "previous": _conversation(turns[-PREVIOUS_TURNS:], hosts),
                # the previous chapter ended on a question: this one answers it, never re-asks
                "asked": asked,
                "opening": opening,
                "beats": chapter.beats[1:] if opening else chapter.beats,
                "explainer": hosts["explainer"],
                "skeptic": hosts["skeptic"],
                "words_low": round(budget_words * (1 - WORD_TOLERANCE)),
                "words_high": round(budget_words * (1 + WORD_TOLERANCE)),
                "share_low": share_low,
                "share_high": share_high,
                "skeptic_low": round(budget_words * share_low / 100),
                "skeptic_high": round(budget_words * share_high / 100),
                "opener": f"{hosts[opener]} ({opener})",
                "opener_role": opener,
                "points": points,
                "defined": terms.defined(),
                "undefined": terms.undefined(),
                "last": following is None,
                "next_question": following.beats[0] if following and following.beats else "",
                "recalled": [papers[p].title for p in sorted(recalled)],
                "passages": chapter_passages(
                    papers,
                    chapter.sections,
                    chapter.beats,
                    index,
                    budget=budget,
                    scope=scope,
                    recalled=recalled,
                ),
            }
            drafted = self._draft_chapter(values, chapter.word_budget, usage)
            points += [p.strip() for p in drafted.points if p.strip()]
            terms.add(drafted.defined, drafted.undefined)
            written = [
                Turn(
                    host=t.host,
                    text=t.text.strip(),
                    chapter=number,
                    source_refs=_sources(t.quotes, index, printed),
                )
                for t in drafted.turns
                if t.text.strip()
            ]
            turns = stitch(turns, written)
        return Script(
            title=readable_title(papers[0]) if len(papers) == 1 else "Paper digest",
            format=outline.format,
            hosts=hosts,
            chapters=[
                ChapterHeading(title=c.title, description=c.description) for c in outline.chapters
            ],
            turns=turns,
            models=[self.llm.name],
        )

    def _draft_chapter(
        self, values: dict[str, object], budget: int, usage: Usage
    ) -> DraftedChapter:
        """The chapter, asked for once more (and the longer draft kept) when far too short."""
        tokens = max(3000, TOKENS_PER_WORD * budget)
        drafted = ask_structured(
            self.llm,
            self.system,
            render("write", **values, longer=""),
            DraftedChapter,
            usage=usage,
            max_tokens=tokens,
        )
        written = _words(drafted)
        if written >= SHORT_CHAPTER * budget:
            return drafted
        longer = (
            f"A first draft of this chapter had {written} words; it needs {budget}, between "
            f"{round(budget * (1 - WORD_TOLERANCE))} and {round(budget * (1 + WORD_TOLERANCE))}. "
            "Make each point with its reasoning and evidence rather than adding points."
        )
        again = ask_structured(
            self.llm,
            self.system,
            render("write", **values, longer=longer),
            DraftedChapter,
            usage=usage,
            max_tokens=tokens,
        )
        return again if _words(again) > written else drafted

    # ---------------------------------------------------------------- check and revise

    def critique(self, draft: Script, papers: list[Paper], usage: Usage) -> list[CheckItem]:
        """Claims the papers do not support, as flagged check items, the same flag raised by
        several requests merged into one. The paper goes as the cached document the close
        reading sent; a paper too long for one request is checked part by part.

        A digest's paper is checked on the turns about it (with their neighbours for context,
        the others left out and said to be out of scope), and one more request, without a
        paper, checks the conversation as a whole: names never introduced, references back to
        nothing, turns that contradict each other."""
        numbered = [(f"{draft.hosts[t.host]} ({t.host})", t.text) for t in draft.turns]
        every = set(range(len(numbered)))
        if len(papers) > 1:
            about = self.scope(papers).turn_papers(draft.turns)
            checked = [
                {t for t, found in enumerate(about) if p in found} for p in range(len(papers))
            ]
        else:
            checked = [every]
        flags: list[CheckItem] = []
        for paper, turns in zip(papers, checked, strict=True):
            if not turns:
                continue  # no line is about this paper: nothing to check against it
            scope = (
                {"paper_count": len(papers), "title": readable_title(paper)}
                if len(papers) > 1
                else None
            )
            prompt = render("critic", lines=scoped_lines(numbered, turns), scope=scope)
            for part in chunk_markdown(paper_markdown(paper), self.llm.context_chars):
                found = ask_structured(
                    self.llm,
                    self.system,
                    prompt,
                    Critique,
                    usage=usage,
                    max_tokens=CRITIC_TOKENS,
                    document=part,
                )
                flags += _flagged(found, turns)
        if len(papers) > 1:
            turns_listed = [
                {"number": n + 1, "speaker": speaker, "text": text}
                for n, (speaker, text) in enumerate(numbered)
            ]
            found = ask_structured(
                self.llm,
                self.system,
                render("continuity", turns=turns_listed, paper_count=len(papers)),
                Critique,
                usage=usage,
                max_tokens=CRITIC_TOKENS,
            )
            flags += _flagged(found, every)
        return merge_flags(flags) + long_turns(draft)

    def scope(self, papers: list[Paper]) -> PaperScope:
        """The papers with an index each, built once per set of papers."""
        key = tuple(id(p) for p in papers)
        if self._scope is None or self._scope[0] != key:
            self._scope = (key, PaperScope(papers))
        return self._scope[1]

    def revise(
        self, draft: Script, review: Review, papers: list[Paper], target_words: int, usage: Usage
    ) -> tuple[Script, Review]:
        script, revised = revise_script(
            draft,
            review,
            target_words=target_words,
            index=PaperIndex(papers),
            rewrite=lambda script, windows: self.rewrite(script, windows, usage),
            continuous=True,
        )
        # How the hosts share the words, measured on what will air: said, not rewritten.
        balance = balance_item(script)
        if balance is not None:
            revised = revised.model_copy(update={"items": [*revised.items, balance]})
        return script, revised

    def rewrite(self, script: Script, windows: list[Window], usage: Usage) -> dict[int, str]:
        """New texts for the turns the windows allow to change, in one request."""
        places = [
            {
                "problems": [
                    {"turn": p.turn + 1, "text": p.text, "reason": p.reason}
                    for p in window.problems
                ],
                "turns": [
                    {
                        "index": t + 1,
                        "editable": t in window.editable,
                        "speaker": f"{script.hosts[script.turns[t].host]} ({script.turns[t].host})",
                        "text": script.turns[t].text,
                    }
                    for t in window.shown
                    if script.turns[t].text.strip()
                ],
                "passages": window.passages,
            }
            for window in windows
        ]
        reply = ask_structured(
            self.llm,
            self.system,
            render(
                "revise",
                places=places,
                explainer=script.hosts["explainer"],
                skeptic=script.hosts["skeptic"],
            ),
            Rewritten,
            usage=usage,
            max_tokens=REVISE_TOKENS,
        )
        return {turn.turn - 1: turn.text for turn in reply.turns}

    # ---------------------------------------------------------------- show notes

    def shownotes(
        self, script: Script, papers: list[Paper], notes: list[Notes], usage: Usage
    ) -> ShowNotes:
        texts = [PaperText.of(p) for p in papers]
        if len(papers) > 1:  # the collection's summary and every paper's link stay
            base = digest_shownotes(script, papers, notes, disclosure(script.models))
        else:
            base = extractive_shownotes(script, texts, notes)
        text = _conversation(script.turns, script.hosts)
        if len(text) > self.llm.context_chars:
            return base  # the extractive notes stand; the script is too long to resend
        entries = bibliography(papers[0]) if len(papers) == 1 else []
        pitch = ask_structured(
            self.llm,
            self.system,
            render(
                "shownotes",
                takeaways=TAKEAWAYS,
                chapters=script.chapters,
                script=text,
                bibliography=entries,
                linkable=sum(1 for e in entries if e.linkable),
            ),
            Pitch,
            usage=usage,
            max_tokens=SHOWNOTES_TOKENS,
        )
        return apply_pitch(base, pitch, script, papers)


def long_turns(script: Script) -> list[CheckItem]:
    """Turns longer than the eval allows (`paperdive eval`'s "monologues"), flagged for the
    revise stage like a line the paper does not support: no listener follows a turn that long,
    and the chapter prompt's limit is not always kept."""
    limit = eval_limits()["max_turn_words"] + TURN_MARGIN  # the eval's own limit
    items: list[CheckItem] = []
    for position, turn in enumerate(script.turns):
        words = len(turn.text.split())
        if words <= limit:
            continue
        first = split_sentences(turn.text)[0] if turn.text.strip() else ""
        # the turn's opening, long enough that no later line is cut for holding it
        opening = first if len(first.split()) >= LONG_TURN_QUOTE else turn.text
        other = script.hosts[OTHER[turn.host]]
        items.append(
            CheckItem(
                kind="claim",
                turn=position,
                text=" ".join(opening.split()[:LONG_TURN_QUOTE_MAX]),
                status="flagged",
                note=(
                    f"this turn runs to {words} words, over the show's limit of "
                    f"{eval_limits()['max_turn_words']}: no listener follows a monologue. "
                    f"Say it in fewer words, keeping its figures, or give part of it to "
                    f"{other} (a question, or a reading of the result) in a turn that may change"
                ),
            )
        )
    return items


def stitch(turns: list[Turn], chapter: list[Turn]) -> list[Turn]:
    """The conversation with a chapter added so the hosts alternate: turns of one host in a
    row become one turn, and where a chapter would open with the host who closed the one
    before, that closing turn moves into the new chapter and opens it."""
    joined = list(turns)
    for turn in chapter:
        previous = joined[-1] if joined else None
        if previous is None or previous.host != turn.host:
            joined.append(turn)
            continue
        if previous.chapter != turn.chapter:
            alone = sum(t.chapter == previous.chapter for t in joined) == 1
            if alone:  # the closing turn is its chapter's only one: the opener joins it
                joined[-1] = _merged(previous, turn, previous.chapter)
                continue
        joined[-1] = _merged(previous, turn, turn.chapter)
    return joined


def _with_beat_sections(paper: Paper, chapters: list[ChapterPlan]) -> list[ChapterPlan]:
    """The chapters, each with the sections that state its beats' figures added to those it
    lists: the plan writes beats from notes of the whole paper, the chapter's writer sees
    only its sections (checked in code: a prompt's rule alone was not kept)."""
    added = sections_for_chapters(paper, [(c.sections, c.beats) for c in chapters])
    return [
        c.model_copy(update={"sections": [*c.sections, *more]}) if more else c
        for c, more in zip(chapters, added, strict=True)
    ]


def _opener(turns: list[Turn], asked: bool) -> HostRole:
    """Who speaks first in a chapter: the explainer when the conversation so far ended on a
    question (the skeptic asks, the explainer answers; an explainer's own closing question is
    answered by the explainer, and stitching makes it one turn), else the host who did not
    speak last, so the hosts alternate; the explainer opens the episode."""
    if not turns or asked:
        return "explainer"
    return OTHER[turns[-1].host]


def _merged(first: Turn, second: Turn, chapter: int) -> Turn:
    return Turn(
        host=first.host,
        text=f"{first.text} {second.text}",
        chapter=chapter,
        source_refs=first.source_refs + second.source_refs,
    )


MIN_QUOTE_KEY = 20  # letters and digits a quote found inside a longer passage must have
_MARKDOWN_LABEL = re.compile(r"^\s*(?:[-•>]\s*|\*\s+)*(?:\*\*[^*]{1,40}\*\*\s*)?")


def _sources(
    quotes: list[str], index: PaperIndex, printed: _Printed | None = None
) -> list[SourceRef]:
    """The quotes a turn names that are the paper's own sentences, as the paper has them;
    a quote the paper does not contain is dropped. The passages a chapter reads are the
    paper's Markdown, so a quote is read as they print it: a caption's "**Table 5.**" label,
    a list bullet, "$" around math and other punctuation aside; a sentence of a longer
    caption, or one whose words are mostly symbols and figures ("We used $δ = 0.01$ for all
    experiments."), is found inside the passage that holds it. `printed` is the index's
    `_Printed.of`, made once for a script's turns."""
    printed = printed or _Printed.of(index)
    found: dict[str, SourceRef] = {}
    for quote in quotes:
        plain = _MARKDOWN_LABEL.sub("", quote).strip()
        key = keyed(plain)[0]
        section = printed.section_of(key) if len(key) >= MIN_QUOTE_KEY else None
        if section is not None:  # the paper's words, as printed
            found.setdefault(plain, SourceRef(quote=plain, section=section or None))
            continue
        passage = index.locate(plain)  # cleaned-up wording
        if passage is not None:
            found.setdefault(passage.text, SourceRef(quote=passage.text, section=passage.section))
    return list(found.values())


@dataclass(frozen=True)
class _Printed:
    """The paper's text, squashed as `keyed` squashes it, with where each passage starts
    (a quote may run over a sentence break the index made at a garbled "!")."""

    text: str
    starts: list[int]
    sections: list[str]

    @classmethod
    def of(cls, index: PaperIndex) -> _Printed:
        passages = [p for p in index.passages if not p.spoken and not p.bibliography]
        starts = list(accumulate((len(p.key) for p in passages), initial=0))
        return cls("".join(p.key for p in passages), starts, [p.section or "" for p in passages])

    def section_of(self, key: str) -> str | None:
        """The section of the passage where the text holds `key`: "" for a passage without a
        section, None when the text does not hold it."""
        at = self.text.find(key)
        if at < 0:
            return None
        return self.sections[bisect_right(self.starts, at) - 1]


def _presents(chapter: ChapterPlan, paper_count: int) -> set[int]:
    """The papers (0-based) a digest chapter draws sections from ("P3 · 2.1 Method")."""
    found = {
        int(match[1]) - 1
        for name in chapter.sections
        if (match := re.match(r"\s*P(\d+)\s*·", name))
    }
    return {p for p in found if 0 <= p < paper_count} if paper_count > 1 else set()


def _recalled(chapter: ChapterPlan, presented: set[int], paper_count: int) -> set[int]:
    """The papers a digest chapter only refers back to: those an earlier chapter presented,
    when the chapter presents papers of its own (a chapter of nothing but earlier papers,
    a recap, reads them again)."""
    own = _presents(chapter, paper_count)
    return own & presented if own - presented else set()


def _flagged(found: Critique, turns: set[int]) -> list[CheckItem]:
    """A critic's flags as check items: on turns it was asked to judge, with words to fix."""
    return [
        CheckItem(kind="claim", turn=f.turn - 1, text=f.claim, status="flagged", note=f.reason)
        for f in found.flags
        if f.turn - 1 in turns and f.claim.strip()
    ]


def _conversation(turns: list[Turn], hosts: dict[HostRole, str]) -> str:
    return "\n".join(f"{hosts[t.host]} ({t.host}): {t.text}" for t in turns)


def _words(chapter: DraftedChapter) -> int:
    return sum(len(t.text.split()) for t in chapter.turns)


def _section_names(papers: list[Paper]) -> list[str]:
    """Every heading at every level; for many papers, two levels when all would be long."""
    if len(papers) == 1:
        return section_labels(papers[0])
    names = [
        f"P{number} · {label}"
        for number, paper in enumerate(papers, start=1)
        for label in section_labels(paper)
    ]
    if sum(len(n) + 3 for n in names) <= SECTION_LIST_CHARS:
        return names
    return [
        f"P{number} · {label}"
        for number, paper in enumerate(papers, start=1)
        for label in (["Abstract"] if paper.abstract else [])
        + [part.label for part in paper_parts(paper) if part.level <= 2]
    ]


def _fit_budgets(chapters: list[ChapterPlan], words: int) -> list[ChapterPlan]:
    """Scale the model's word budgets so they add up to the target exactly (models miscount)."""
    planned = sum(max(c.word_budget, 1) for c in chapters)
    shares = [max(c.word_budget, 1) * words / planned for c in chapters]
    budgets = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: budgets[i] - shares[i])
    for i in by_remainder[: words - sum(budgets)]:
        budgets[i] += 1
    return [c.model_copy(update={"word_budget": b}) for c, b in zip(chapters, budgets, strict=True)]


def _notes_json(notes: list[Notes], limit: int) -> str:
    """The notes as JSON within `limit` characters: thirty papers' notes are cut to their first
    few points per field (the plan needs each paper's gist, the chapters get the passages)."""
    for keep in (None, 6, 4, 2, 1):
        text = json.dumps(
            [_first_points(n, keep).model_dump(exclude={"schema_version"}) for n in notes],
            indent=1,
        )
        if len(text) <= limit:
            break
    return text


def _first_points(notes: Notes, keep: int | None) -> Notes:
    if keep is None:
        return notes
    return notes.model_copy(update={f: getattr(notes, f)[:keep] for f in NOTE_FIELDS})
