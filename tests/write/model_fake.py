"""A scripted text model that answers each request of the model writer plausibly, from the
request alone (as a hosted model sees it): notes from the paper it is sent, a plan over the
sections it is offered, chapters built from the passages it is given, and so on.

It is what the writing tests run the model writer on, and what a dry run of a live
model-bridge session answers with, so the live run does not crash halfway.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from paperdive.llm import Completion, Usage

KINDS = {
    "CLOSE READING": "notes",
    "PLAN": "plan",
    "WRITE chapter": "chapter",
    "FACT-CHECK": "critic",
    "A fact-check": "revise",
    "SHOW NOTES": "shownotes",
}
QUESTIONS = ["Wait, why?", "Compared with what?", "And the catch?", "Meaning what?", "How so?"]
# How the skeptic brings in a passage of its own: short, so no eight-word run repeats.
LEADS = ["Then again,", "Still,", "Mind you,", "But", "Yet"]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_HEADING = re.compile(r"^#{1,4} (.+)$", re.MULTILINE)
_DIGIT = re.compile(r"\d")


def kind_of(prompt: str) -> str:
    for start, kind in KINDS.items():
        if prompt.startswith(start):
            return kind
    raise AssertionError(f"unexpected prompt: {prompt[:60]!r}")


@dataclass
class Request:
    kind: str
    system: str
    prompt: str
    document: str | None
    max_tokens: int


@dataclass
class ScriptedModel:
    """`replies` are raw texts returned first (malformed JSON …); `plan` overrides the
    planned chapters (title, beats, sections …); `chapters` overrides the turns of a chapter
    by its number (1-based) as (host, text) pairs, and `terms` what it reports as defined and
    undefined; `flags` are what the fact-check reports, as (turn number, words, reason), and
    `conversation_flags` what a digest's check of the conversation as a whole reports;
    `readings` what the show notes pick, as (number, title)."""

    paper: object = None
    replies: list[str] = field(default_factory=list)
    plan: list[dict[str, object]] | None = None
    chapters: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    terms: dict[int, tuple[list[str], list[str]]] = field(default_factory=dict)
    flags: list[tuple[int, str, str]] = field(default_factory=list)
    conversation_flags: list[tuple[int, str, str]] = field(default_factory=list)
    readings: list[tuple[int, str]] | None = None
    name: str = "fake:model"
    context_chars: int = 400_000
    calls: Counter[str] = field(default_factory=Counter)
    questions: int = 0
    requests: list[Request] = field(default_factory=list)

    def complete(
        self, system: str, prompt: str, *, max_tokens: int, document: str | None = None
    ) -> Completion:
        kind = kind_of(prompt)
        self.calls[kind] += 1
        self.requests.append(Request(kind, system, prompt, document, max_tokens))
        text = (
            self.replies.pop(0) if self.replies else json.dumps(self.answer(kind, prompt, document))
        )
        size = len(system) + len(prompt) + len(document or "")
        return Completion(text=text, usage=Usage(1, size // 4, len(text) // 4, 0.001))

    def answer(self, kind: str, prompt: str, document: str | None) -> dict[str, object]:
        return getattr(self, f"_{kind}")(prompt, document or "")

    # ---------------------------------------------------------------- each request

    def _notes(self, prompt: str, document: str) -> dict[str, object]:
        sentences = _document_sentences(document)
        with_numbers = [(s, sec) for s, sec in sentences if _DIGIT.search(s)]
        title = re.search(r'"(.+?)"', prompt)

        def points(chosen: list[tuple[str, str]]) -> list[dict[str, object]]:
            return [
                {"text": s, "section": sec, "numbers": re.findall(r"\d[\d.,]*%?x?", s)[:3]}
                for s, sec in chosen
            ]

        return {
            "paper_title": title.group(1) if title else "paper",
            "problem": points(sentences[:2]),
            "method": points(sentences[2:5]),
            "math": [],
            "results": points(with_numbers[:3]),
            "limitations": points(sentences[-2:]),
            "threats": [{"text": "The comparison uses one model family only.", "section": None}],
            "related_work": [],
        }

    def _plan(self, prompt: str, document: str) -> dict[str, object]:
        if self.plan is not None:
            return {"chapters": self.plan}
        count = int(re.search(r"Use (\d+) chapters", prompt).group(1))
        words = int(re.search(r"\((\d+) spoken words\)", prompt).group(1))
        listed = re.search(r"SECTIONS OF THE PAPER:\n((?:  \S.*\n)+)", prompt)
        sections = [s.strip() for s in listed.group(1).splitlines() if s.strip()] if listed else []
        chapters = []
        for n in range(count):
            chosen = sections[n % len(sections) : n % len(sections) + 1] if sections else []
            chapters.append(
                {
                    "title": f"Part {n + 1}: {chosen[0] if chosen else 'the paper'}",
                    "description": f"Walks through {chosen[0] if chosen else 'the paper'}.",
                    "beats": [f"What happens in {chosen[0] if chosen else 'the paper'}?"],
                    "word_budget": words // count,
                    "sections": chosen,
                }
            )
        return {"chapters": chapters}

    def _chapter(self, prompt: str, document: str) -> dict[str, object]:
        number = int(re.search(r"WRITE chapter (\d+)", prompt).group(1))
        opener = "skeptic" if "(skeptic) speaks first" in prompt else "explainer"
        defined, undefined = self.terms.get(number, ([], []))
        if number in self.chapters:
            lines = self.chapters[number]
            return {
                "turns": [{"host": h, "text": t, "quotes": []} for h, t in lines],
                "points": [f"chapter {number}"],
                "defined": defined,
                "undefined": undefined,
            }
        budget = int(re.search(r"^(\d+) words of conversation", prompt, re.M).group(1))
        passages = prompt.split("PAPER PASSAGES", 1)[-1].split("\n", 1)[-1]
        passages = passages.split("Reply with one JSON object", 1)[0]
        sentences = [s for s, _ in _document_sentences(passages) if 6 <= len(s.split()) <= 45]
        turns: list[dict[str, object]] = []
        host = opener
        used = 0
        for sentence in sentences or ["The passages for this part were short."]:
            if host == "skeptic":
                self.questions += 1
                if self.questions % 2 == 0:  # the skeptic carries content too, as asked
                    turns.append(
                        {
                            "host": host,
                            "text": f"{LEADS[self.questions // 2 % len(LEADS)]} "
                            f"{sentence[0].lower()}{sentence[1:]}",
                            "quotes": [sentence],
                        }
                    )
                    used += len(sentence.split()) + 6
                    host = "explainer"
                    if used >= budget:
                        break
                    continue
                question = QUESTIONS[self.questions % len(QUESTIONS)]
                turns.append({"host": host, "text": question})
                used += 6
                host = "explainer"
            turns.append(
                {
                    "host": host,
                    "text": f"The authors write that {sentence[0].lower()}{sentence[1:]}",
                    "quotes": [sentence],
                }
            )
            used += len(sentence.split()) + 4
            host = "skeptic"
            if used >= budget:
                break
        return {
            "turns": turns,
            "points": [f"chapter {number} covered its sections"],
            "defined": defined,
            "undefined": undefined,
        }

    def _critic(self, prompt: str, document: str) -> dict[str, object]:
        """`flags` on the turns the request asks to judge (a digest's paper is checked on
        the turns about it; turns marked "(context)" or left out are not judged);
        `conversation_flags` when the request checks the conversation as a whole."""
        if "conversation as a whole" in prompt.split("\n", 1)[0]:
            chosen = self.conversation_flags
        else:
            script = prompt.split("SCRIPT (turn number, speaker: text):", 1)[-1]
            judged = {int(n) for n in re.findall(r"^(\d+)\. (?!\(context\))", script, re.M)}
            chosen = [f for f in self.flags if f[0] in judged]
        return {"flags": [{"turn": t, "claim": c, "reason": r} for t, c, r in chosen]}

    def _revise(self, prompt: str, document: str) -> dict[str, object]:
        """Each turn that may change loses the sentences with the words at fault; the
        flagged turns also say what the first passage offered says instead."""
        problems = re.findall(r'^- turn (\d+): "(.+?)"', prompt, re.MULTILINE)
        wrong = [words for _, words in problems]
        flagged = {int(n) for n, _ in problems}
        listed = prompt.split("Paper passages that bear on it:")[-1]
        passages = re.findall(r"^- (?:\([^)]*\) )?(.+)$", listed, re.MULTILINE)
        turns = []
        for number, text in re.findall(r"^\[turn (\d+), may change\] [^:]+: (.*)$", prompt, re.M):
            kept = [s for s in _SENTENCE.split(text) if not any(w in s for w in wrong)]
            if int(number) in flagged and passages:
                kept.append(f"The paper puts it this way: {passages[0]}")
            if " ".join(kept) != text:
                turns.append({"turn": int(number), "text": " ".join(kept)})
        return {"turns": turns}

    def _shownotes(self, prompt: str, document: str) -> dict[str, object]:
        chapter_count = int(re.search(r"\((\d+) of them\)", prompt).group(1))
        linkable = [int(n) for n in re.findall(r"^\[(\d+)\] \(linkable\)", prompt, re.MULTILINE)]
        titles = dict(re.findall(r"^\[(\d+)\] \(linkable\) (.+)$", prompt, re.MULTILINE))
        script = prompt.split("SCRIPT:", 1)[-1].split("BIBLIOGRAPHY:", 1)[0]
        numbered = [s for s in _SENTENCE.split(script) if _DIGIT.search(s) and len(s) < 200]
        return {
            "title": "How a new method changes the trade-off for its users",
            "hook": "A surprising result opens this episode. By the end you will understand why.",
            "takeaways": [s.split(": ", 1)[-1].strip() for s in numbered[:6]]
            or ["The method is explained step by step."],
            "chapters": [f"Explains part {n + 1}." for n in range(chapter_count)],
            "readings": [
                {"reference": n, "title": title, "reason": "The episode builds on it."}
                for n, title in (
                    self.readings
                    if self.readings is not None
                    else [(n, titles[str(n)].split(" (")[0]) for n in linkable[:3]]
                )
            ],
        }


def _document_sentences(text: str) -> list[tuple[str, str]]:
    """Prose sentences of a Markdown text, each with the heading above it."""
    found: list[tuple[str, str]] = []
    heading = ""
    for block in text.split("\n\n"):
        block = block.strip()
        match = _HEADING.match(block)
        if match:
            heading = match.group(1).strip()
            continue
        if not block or block.startswith(("|", "$$", "```", "**Table", "**Figure")):
            continue
        for sentence in _SENTENCE.split(" ".join(block.split())):
            if len(sentence.split()) >= 5 and sentence[-1] in ".!?":
                found.append((sentence, heading))
    return found
