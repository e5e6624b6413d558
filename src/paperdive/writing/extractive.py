"""The extractive writer: every fact in the episode is a sentence of the paper, said aloud.

With `rephraser` (the extractive+local backend) a small local model may reword a line, but
never add to it (rephrase.py).
"""

from __future__ import annotations

import math

from paperdive.llm import LLM, Usage
from paperdive.models import (
    CheckItem,
    HostRole,
    Notes,
    Outline,
    Paper,
    Review,
    Script,
    ScriptFormat,
    ShowNotes,
)
from paperdive.writing.aloud import script_said_aloud
from paperdive.writing.briefing_talk import briefing_plan, briefing_script
from paperdive.writing.chapters import merge_hollow_chapters
from paperdive.writing.check import PaperIndex, minutes_after_review
from paperdive.writing.compose import EXTRACTIVE_WRITER, extractive_script
from paperdive.writing.digest import digest_outline
from paperdive.writing.digest_notes import digest_shownotes
from paperdive.writing.digest_script import frame_digest
from paperdive.writing.read import extractive_notes
from paperdive.writing.rephrase import LocalRephraser
from paperdive.writing.revise import reindex, revise_script
from paperdive.writing.sentences import PaperText, third_person
from paperdive.writing.shownotes import disclosure, extractive_shownotes
from paperdive.writing.titles import readable_title


class ExtractiveWriter:
    """The Writer that needs no model; each paper is split and cleaned once per writer."""

    def __init__(self, rephraser: LLM | None = None):
        self.rephraser = rephraser
        self._texts: dict[int, PaperText] = {}

    def text(self, paper: Paper) -> PaperText:
        if id(paper) not in self._texts:
            self._texts[id(paper)] = PaperText.of(paper)
        return self._texts[id(paper)]

    def notes(self, paper: Paper, usage: Usage) -> Notes:
        return extractive_notes(self.text(paper))

    def plan(
        self,
        papers: list[Paper],
        notes: list[Notes],
        format: ScriptFormat,
        minutes: float,
        words_per_minute: float,
        usage: Usage,
    ) -> Outline:
        texts = [self.text(p) for p in papers]
        if format == "digest" or len(papers) > 1:
            outline = digest_outline(texts, notes, minutes, words_per_minute)
            # Like the briefing, a digest is as long as its papers' lines make it, and says so.
            hosts: dict[HostRole, str] = {"explainer": "Nora", "skeptic": "Theo"}
            script = frame_digest(extractive_script(texts, outline, hosts), papers, notes, outline)
            said = minutes_after_review(script, words_per_minute)
            outline.supported_minutes = math.ceil(said * 10) / 10 if said < minutes else None
            return outline
        # One paper is told as a briefing, whatever its format (a critique: with twice the
        # doubts and half the method; a debate: each doubt after the claim it challenges).
        return briefing_plan(texts[0], minutes, words_per_minute, format)

    def script(
        self,
        papers: list[Paper],
        notes: list[Notes],
        outline: Outline,
        hosts: dict[HostRole, str],
        usage: Usage,
    ) -> Script:
        texts = [self.text(p) for p in papers]
        if len(papers) == 1 and outline.format != "digest":
            briefing = self._briefing(texts[0], outline, hosts, usage)
            return script_said_aloud(briefing, _titles(papers))
        if self.rephraser is None:
            script = extractive_script(texts, outline, hosts)
        else:
            script = extractive_script(
                texts,
                outline,
                hosts,
                rephrase=LocalRephraser(self.rephraser, usage),
                models=[EXTRACTIVE_WRITER, f"{self.rephraser.name} (rephrasing)"],
            )
        framed = frame_digest(script, papers, notes, outline) if len(papers) > 1 else script
        return script_said_aloud(framed, _titles(papers))

    def _briefing(
        self, text: PaperText, outline: Outline, hosts: dict[HostRole, str], usage: Usage
    ) -> Script:
        if self.rephraser is None:
            return briefing_script(text, outline, hosts)
        rephrase = LocalRephraser(self.rephraser, usage)
        return briefing_script(
            text,
            outline,
            hosts,
            speak=lambda s: rephrase(third_person(s.text)),
            models=[EXTRACTIVE_WRITER, f"{self.rephraser.name} (rephrasing)"],
        )

    def critique(self, draft: Script, papers: list[Paper], usage: Usage) -> list[CheckItem]:
        return []  # every line is the paper's own: the grounding check is the whole review

    def revise(
        self, draft: Script, review: Review, papers: list[Paper], target_words: int, usage: Usage
    ) -> tuple[Script, Review]:
        script, final = revise_script(
            draft, review, target_words=target_words, index=PaperIndex(papers)
        )
        # Cuts can leave a chapter with nothing from the paper in it.
        merged = merge_hollow_chapters(script)
        return merged, reindex(final, [t.text for t in script.turns], merged.turns)

    def shownotes(
        self, script: Script, papers: list[Paper], notes: list[Notes], usage: Usage
    ) -> ShowNotes:
        if len(papers) > 1:
            return digest_shownotes(script, papers, notes, disclosure(script.models))
        return extractive_shownotes(script, [self.text(p) for p in papers], notes)


def _titles(papers: list[Paper]) -> list[str]:
    """The papers' titles, as printed and as said: said as they are, never contracted."""
    return list(dict.fromkeys(t for p in papers for t in (p.title, readable_title(p))))
