"""The editor: with a model configured, re-rank the ranker's top ten and say why, one line each.

The model sees the show's topics and the ten candidates (title and abstract), and answers
with an order over the candidates' numbers plus one line per candidate. Candidates it leaves
out keep their place after the ones it ordered; numbers it invents are ignored. A model that
fails leaves the ranker's order as it was, with the failure reported, never a stopped run.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from paperdive.daily.rank import Ranked
from paperdive.errors import PaperdiveError
from paperdive.llm import LLM, Usage, ask_structured

TOP = 10
_ABSTRACT_CHARS = 1500

SYSTEM = (
    "You are the editor of a podcast that discusses one new AI research paper per episode. "
    "Pick the papers the show's listeners would most want to hear about today, judging only "
    "from the titles and abstracts given. Prefer substantial, novel, well-evidenced work on "
    "the show's topics over surveys, position papers and narrow applications."
)


class Verdict(BaseModel):
    number: int = Field(description="the candidate's number as given")
    reason: str = Field(description="one line: why it belongs at this place for this show")


class EditorReply(BaseModel):
    order: list[Verdict] = Field(description="every candidate, best first")


def editor_prompt(topics: str, candidates: Sequence[Ranked]) -> str:
    lines = [f"The show's topics: {topics}", "", "Candidates:"]
    for number, item in enumerate(candidates, 1):
        abstract = item.paper.abstract[:_ABSTRACT_CHARS]
        lines.append(f"[{number}] {item.paper.title}\n{abstract}\n")
    lines.append("Order all candidates best first, with one short line of reason each.")
    return "\n".join(lines)


def rerank(
    llm: LLM, ranked: list[Ranked], topics: str, *, usage: Usage | None = None
) -> list[Ranked]:
    """The list with its top ten reordered by the model, each with the model's line."""
    top, rest = ranked[:TOP], ranked[TOP:]
    if len(top) < 2:
        return ranked
    reply = ask_structured(
        llm,
        SYSTEM,
        editor_prompt(topics, top),
        EditorReply,
        usage=usage or Usage(),
        max_tokens=2000,
    )
    ordered: list[Ranked] = []
    taken: set[int] = set()
    for verdict in reply.order:
        index = verdict.number - 1
        if 0 <= index < len(top) and index not in taken:
            taken.add(index)
            item = top[index]
            item.note = " ".join(verdict.reason.split())[:200] or None
            ordered.append(item)
    ordered += [item for index, item in enumerate(top) if index not in taken]
    return ordered + rest


def rerank_or_keep(
    llm: LLM | None, ranked: list[Ranked], topics: str
) -> tuple[list[Ranked], str | None]:
    """(list, problem): the editor's order, or the ranker's with why the editor could not."""
    if llm is None:
        return ranked, None
    try:
        return rerank(llm, ranked, topics), None
    except PaperdiveError as exc:
        return ranked, f"the editor ({llm.name}) failed, keeping the ranker's order: {exc}"
