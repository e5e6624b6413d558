"""A digest that is a digest: themes from the papers' words, links said aloud, show notes
that name every paper with its finding and link."""

from __future__ import annotations

from paperdive.models import (
    ChapterHeading,
    NotePoint,
    Notes,
    Paper,
    Reference,
    Script,
    Turn,
)
from paperdive.writing.digest import plan_themes
from paperdive.writing.digest_links import find_ties, say_ties
from paperdive.writing.digest_notes import digest_shownotes

AGENTS = "language model agents tool use web browsing agent benchmark tasks"
KV = "kv cache quantization serving throughput inference memory decoding"


def paper(n: int, title: str, words: str, authors: list[str], **extra: object) -> Paper:
    return Paper(
        source=f"2501.{n:05d}",
        source_kind="arxiv",
        title=title,
        abstract=f"{title}. We study {words}. Our results on {words} improve by {n} points.",
        authors=authors,
        arxiv_id=f"2501.{n:05d}",
        **extra,
    )


def notes_for(p: Paper) -> Notes:
    finding = f"It improves accuracy by {p.arxiv_id[-1]} points."
    return Notes(paper_title=p.title, results=[NotePoint(text=finding)])


PAPERS = [
    paper(1, "Agents that browse the web", AGENTS, ["Ada Lovelace", "Alan Turing"]),
    paper(2, "KV cache quantization for serving", KV, ["Grace Hopper"]),
    paper(3, "Tool use for language model agents", AGENTS, ["Alan Turing", "Y. Wu"]),
    paper(
        4,
        "Paged KV cache for faster decoding",
        KV,
        ["Yuxin Wu"],
        references=[Reference(index=1, raw="G. Hopper. KV cache quantization for serving. 2025.")],
    ),
]

PAPERS += [  # four papers make one theme; eight make two
    paper(5, "Web agents that plan", AGENTS, ["Ada Byron"]),
    paper(6, "Agents benchmark for tool use", AGENTS, ["Edsger Dijkstra"]),
    paper(7, "Speculative decoding with a KV cache", KV, ["Barbara Liskov"]),
    paper(8, "KV cache memory for inference", KV, ["Donald Knuth"]),
]


def test_papers_group_into_themes_named_by_their_shared_words() -> None:
    themes = plan_themes(PAPERS)
    assert sorted(sorted(t.members) for t in themes) == [[0, 2, 4, 5], [1, 3, 6, 7]]
    names = " ".join(t.name.lower() for t in themes)
    assert "kv cache" in names and ("agents" in names or "language model" in names)


def test_links_are_shared_authors_and_citations_never_initials() -> None:
    ties = find_ties(PAPERS, [0, 2, 1, 3])
    kinds = {(t.kind, t.first, t.second) for t in ties}
    assert ("authors", 0, 2) in kinds  # Alan Turing wrote both
    assert ("cites", 1, 3) in kinds  # paper 4 cites paper 2 by its title
    assert not any(t.kind == "authors" and {t.first, t.second} == {2, 3} for t in ties)  # Y. Wu


def test_links_are_said_when_the_later_paper_comes_up() -> None:
    turns = [
        Turn(host="explainer", text="Next paper: KV cache quantization for serving.", chapter=0),
        Turn(host="explainer", text="Next paper: Paged KV cache for faster decoding.", chapter=0),
    ]
    script = Script(
        title="digest",
        format="digest",
        hosts={},
        chapters=[ChapterHeading(title="KV")],
        turns=turns,
    )
    said = say_ties(script, PAPERS, find_ties(PAPERS, [1, 3]))
    assert [t.text for t in said.turns][-1].endswith("it cites KV cache quantization for serving.")
    assert said.turns[-1].source_refs[0].quote.startswith("G. Hopper")


def test_show_notes_name_every_paper_with_its_finding_and_link() -> None:
    themes = plan_themes(PAPERS)
    script = Script(
        title="digest",
        format="digest",
        hosts={},
        chapters=[ChapterHeading(title=t.name) for t in themes],
        turns=[],
    )
    notes = digest_shownotes(script, PAPERS, [notes_for(p) for p in PAPERS], "AI-generated.")
    assert notes.summary and all(p.title in notes.summary for p in PAPERS)
    assert "cites" in notes.summary and "share authors" in notes.summary
    assert {link.url for link in notes.papers} == {
        f"https://arxiv.org/abs/{p.arxiv_id}" for p in PAPERS
    }
    assert len(notes.chapters) == len(themes) == 2
    assert all("improves accuracy" in t for t in notes.takeaways)
