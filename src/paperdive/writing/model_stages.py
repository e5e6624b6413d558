"""The stages as a text model runs them: free writing in pydantic-validated JSON, still checked.

Prompts are the Jinja templates in prompts/. The paper is sent in chunks that fit the model's
context, never cut short.
"""

from __future__ import annotations

import json
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, Field

from paperdive.errors import WriteError
from paperdive.llm import LLM, Usage, ask_structured
from paperdive.models import (
    ChapterHeading,
    ChapterPlan,
    CheckItem,
    HostRole,
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
from paperdive.writing.check import PaperIndex
from paperdive.writing.plan import CHAPTERS
from paperdive.writing.revise import Window, revise_script
from paperdive.writing.sentences import PaperText, split_sentences
from paperdive.writing.shownotes import extractive_shownotes
from paperdive.writing.titles import readable_title

SHORT_CHAPTER = 0.7  # a drafted chapter below this share of its budget is asked for again


class PlannedChapters(BaseModel):
    chapters: list[ChapterPlan]


class DraftedTurn(BaseModel):
    host: HostRole
    text: str
    quotes: list[str] = Field(default_factory=list)


class DraftedChapter(BaseModel):
    turns: list[DraftedTurn]


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


class Pitch(BaseModel):
    title: str
    hook: str
    takeaways: list[str]


@cache
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("paperdive.writing", "prompts"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # plain-text prompts, never rendered as HTML
    )


def render(name: str, **values: object) -> str:
    return _templates().get_template(f"{name}.j2").render(**values)


class ModelWriter:
    """Runs each stage on one model, adding its token usage to the stage's tally."""

    def __init__(self, llm: LLM, hosts: dict[HostRole, str]):
        self.llm = llm
        self.system = render("system", explainer=hosts["explainer"], skeptic=hosts["skeptic"])

    def notes(self, paper: Paper, usage: Usage) -> Notes:
        chunks = chunk_text(paper, self.llm.context_chars)
        parts = [
            ask_structured(
                self.llm,
                self.system,
                render("read", title=paper.title, text=chunk, part=i + 1, part_count=len(chunks)),
                Notes,
                usage=usage,
            )
            for i, chunk in enumerate(chunks)
        ]
        merged = Notes(paper_title=paper.title)
        for field in ("problem", "method", "math", "results", "limitations", "threats"):
            setattr(merged, field, [p for part in parts for p in getattr(part, field)])
        merged.related_work = [p for part in parts for p in part.related_work]
        return merged

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
        if format == "digest":
            chapter_count = max(2, min(len(papers), 8))
        planned = ask_structured(
            self.llm,
            self.system,
            render(
                "plan",
                format=format,
                minutes=minutes,
                words=words,
                title="; ".join(p.title for p in papers),
                chapter_count=chapter_count,
                skeptic_heavy=format in ("critique", "debate"),
                notes=_notes_json(notes),
            ),
            PlannedChapters,
            usage=usage,
        )
        if not planned.chapters:
            raise WriteError(f"{self.llm.name} planned no chapters")
        return Outline(
            format=format,
            target_minutes=minutes,
            words_per_minute=words_per_minute,
            chapters=_fit_budgets(planned.chapters, words),
        )

    def script(
        self,
        papers: list[Paper],
        notes: list[Notes],
        outline: Outline,
        hosts: dict[HostRole, str],
        usage: Usage,
    ) -> Script:
        turns: list[Turn] = []
        for index, chapter in enumerate(outline.chapters):
            previous = " / ".join(t.text for t in turns[-3:]) or "(this is the first chapter)"
            prompt = render(
                "write",
                number=index + 1,
                chapter_count=len(outline.chapters),
                chapter=chapter,
                previous=previous,
                notes=_notes_json(notes),
            )
            drafted = ask_structured(self.llm, self.system, prompt, DraftedChapter, usage=usage)
            written = sum(len(t.text.split()) for t in drafted.turns)
            if written < SHORT_CHAPTER * chapter.word_budget:
                longer = ask_structured(
                    self.llm,
                    self.system,
                    f"{prompt}\nYour last draft had {written} words; this chapter needs about "
                    f"{chapter.word_budget}. Cover the beats in more depth.",
                    DraftedChapter,
                    usage=usage,
                )
                if sum(len(t.text.split()) for t in longer.turns) > written:
                    drafted = longer
            turns += [
                Turn(
                    host=t.host,
                    text=t.text.strip(),
                    chapter=index,
                    source_refs=[SourceRef(quote=q) for q in t.quotes],
                )
                for t in drafted.turns
                if t.text.strip()
            ]
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

    def critique(self, script: Script, papers: list[Paper], usage: Usage) -> list[CheckItem]:
        """Claims the paper does not support, as flagged check items (one request per chunk)."""
        flags: list[CheckItem] = []
        turns = [t.text for t in script.turns]
        for paper in papers:
            for chunk in chunk_text(paper, self.llm.context_chars):
                found = ask_structured(
                    self.llm,
                    self.system,
                    render("critic", paper=chunk, turns=turns),
                    Critique,
                    usage=usage,
                )
                flags += [
                    CheckItem(
                        kind="claim", turn=f.turn, text=f.claim, status="flagged", note=f.reason
                    )
                    for f in found.flags
                    if 0 <= f.turn < len(turns)
                ]
        return flags

    def revise(
        self, draft: Script, review: Review, papers: list[Paper], target_words: int, usage: Usage
    ) -> tuple[Script, Review]:
        return revise_script(
            draft,
            review,
            target_words=target_words,
            index=PaperIndex(papers),
            rewrite=lambda script, windows: self.rewrite(script, windows, usage),
        )

    def shownotes(
        self, script: Script, papers: list[Paper], notes: list[Notes], usage: Usage
    ) -> ShowNotes:
        texts = [PaperText.of(p) for p in papers]
        return self.pitch(script, extractive_shownotes(script, texts, notes), usage)

    def rewrite(self, script: Script, windows: list[Window], usage: Usage) -> dict[int, str]:
        """New texts for the turns the windows allow to change, in one request."""
        places = [
            {
                "problems": window.problems,
                "turns": [
                    {
                        "index": t,
                        "editable": t in window.editable,
                        "speaker": f"{script.hosts[script.turns[t].host]} ({script.turns[t].host})",
                        "text": script.turns[t].text,
                    }
                    for t in window.shown
                ],
                "passages": window.passages,
            }
            for window in windows
        ]
        reply = ask_structured(
            self.llm, self.system, render("revise", places=places), Rewritten, usage=usage
        )
        return {turn.turn: turn.text for turn in reply.turns}

    def pitch(self, script: Script, shownotes: ShowNotes, usage: Usage) -> ShowNotes:
        text = "\n".join(f"{t.host}: {t.text}" for t in script.turns)
        if len(text) > self.llm.context_chars:
            return shownotes  # the extractive notes stand; the script is too long to resend
        pitch = ask_structured(
            self.llm,
            self.system,
            render("shownotes", title=script.title, takeaways=6, script=text),
            Pitch,
            usage=usage,
        )
        return shownotes.model_copy(
            update={"title": pitch.title, "hook": pitch.hook, "takeaways": pitch.takeaways}
        )


def _fit_budgets(chapters: list[ChapterPlan], words: int) -> list[ChapterPlan]:
    """Scale the model's word budgets so they add up to the target (models miscount)."""
    planned = sum(max(c.word_budget, 1) for c in chapters)
    return [
        c.model_copy(update={"word_budget": round(max(c.word_budget, 1) * words / planned)})
        for c in chapters
    ]


def chunk_text(paper: Paper, budget: int) -> list[str]:
    """The paper's text in pieces of at most `budget` characters, split between sentences."""
    chunks: list[str] = []
    current = ""
    for sentence in split_sentences(paper.full_text().replace("\n", " ")):
        if len(sentence) > budget:
            raise WriteError(f"a sentence of '{paper.title}' is longer than the model's context")
        if len(current) + len(sentence) + 1 > budget:
            chunks.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
    return [*chunks, current] if current else chunks


def _notes_json(notes: list[Notes]) -> str:
    return json.dumps([n.model_dump(exclude={"schema_version"}) for n in notes], indent=1)
