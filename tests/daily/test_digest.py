"""A digest that is a digest: themes from the papers' words, links said aloud, show notes
that name every paper with its finding and link."""

from __future__ import annotations

from pathlib import Path

from digest_helpers import AGENT_ABSTRACT, AGENT_SECTIONS, CACHE_ABSTRACT, CACHE_SECTIONS

from paperdive.models import (
    ChapterHeading,
    NotePoint,
    Notes,
    Paper,
    Reference,
    Script,
    Section,
    Turn,
)
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.digest import Theme, plan_themes
from paperdive.writing.digest_links import find_ties, say_ties
from paperdive.writing.digest_names import common_english, digest_title, short_name, theme_name
from paperdive.writing.digest_notes import (
    digest_shownotes,
    hook,
    striking_finding,
    strikingness,
)
from paperdive.writing.sentences import numbers_in

AGENT_TEXTS = [
    "Language model agents browse web pages and use tools to answer questions.",
    "We teach language model agents when to call tools and how to recover from errors.",
    "Web agents plan several steps ahead before they click, with tool use at each step.",
    "A benchmark of tasks where language model agents must use tools to succeed.",
]
KV_TEXTS = [
    "We quantize the KV cache of served models to four bits.",
    "A paged KV cache removes memory fragmentation during decoding.",
    "Draft tokens reuse the KV cache of the target model during speculative decoding.",
    "We measure how much memory the KV cache takes at inference time.",
]


def paper(n: int, title: str, abstract: str, authors: list[str], **extra: object) -> Paper:
    return Paper(
        source=f"2501.{n:05d}",
        source_kind="arxiv",
        title=title,
        abstract=f"{abstract} Our results improve by {n} points on neural networks.",
        authors=authors,
        arxiv_id=f"2501.{n:05d}",
        **extra,
    )


def notes_for(p: Paper) -> Notes:
    finding = f"It improves accuracy by {p.arxiv_id[-1]} points."
    return Notes(paper_title=p.title, results=[NotePoint(text=finding)])


PAPERS = [
    paper(1, "Agents that browse the web", AGENT_TEXTS[0], ["Ada Lovelace", "Alan Turing"]),
    paper(2, "KV cache quantization for serving", KV_TEXTS[0], ["Grace Hopper"]),
    paper(3, "Tool use for language model agents", AGENT_TEXTS[1], ["Alan Turing", "Y. Wu"]),
    paper(
        4,
        "Paged KV cache for faster decoding",
        KV_TEXTS[1],
        ["Yuxin Wu"],
        references=[Reference(index=1, raw="G. Hopper. KV cache quantization for serving. 2025.")],
    ),
]

PAPERS += [  # four papers make one theme; eight make two
    paper(5, "Web agents that plan", AGENT_TEXTS[2], ["Ada Byron"]),
    paper(6, "Agents benchmark for tool use", AGENT_TEXTS[3], ["Edsger Dijkstra"]),
    paper(7, "Speculative decoding with a KV cache", KV_TEXTS[2], ["Barbara Liskov"]),
    paper(8, "KV cache memory for inference", KV_TEXTS[3], ["Donald Knuth"]),
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


def test_theme_names_are_the_phrases_a_theme_shares_and_the_rest_does_not() -> None:
    names = sorted(t.name for t in plan_themes(PAPERS))
    assert names[0] == "KV cache" or names[0].startswith("KV cache and ")
    assert "agents" in names[1].lower()
    # every abstract says "neural networks" and "results": boilerplate never names a theme
    assert not any("neural" in n.lower() or "result" in n.lower() for n in names)


def test_a_common_english_word_alone_never_names_a_theme() -> None:
    members = [
        paper(1, "Context matters", "The context of a language model is long; dropout helps.", []),
        paper(2, "More context", "Language use depends on context and on dropout.", []),
    ]
    other = paper(3, "Crop yields", "Drones photograph wheat fields.", [])
    name, terms = theme_name(members, [other])
    assert name == "Dropout" and terms == ["dropout"]  # not "Context" nor "Language"
    assert common_english() >= {"context", "language"} and "dropout" not in common_english()


def test_a_theme_of_one_paper_is_named_by_its_paper() -> None:
    lone = paper(9, "An Empirical Exploration of Recurrent Network Architectures", "LSTM.", [])
    assert short_name(lone) == "Recurrent Network Architectures"
    assert short_name(PAPERS[0]) == "Agents that browse the web"
    named = Paper(source="x", source_kind="local_pdf", title="MoBA: Mixture of Block Attention")
    assert short_name(named) == "MoBA"


def test_the_title_says_what_the_collection_is_about() -> None:
    assert digest_title(8, ["KV cache", "Tool use"]) == "KV cache and tool use: eight papers"
    many = ["Mixture-of-Experts", "Trust Region Policy Optimization", "Batch Normalization"]
    long = digest_title(30, many + ["Recurrent Network Architectures", "dropout"])
    assert long.startswith("Mixture-of-Experts, Trust Region Policy Optimization")
    assert long.endswith("and more: 30 papers") and len(long) <= 100
    rounded_up = digest_title(29, ["Mixture-of-Experts", "Semantic Scholar", "more"])
    assert rounded_up == "Mixture-of-Experts, Semantic Scholar and more: 29 papers"


def test_the_hook_opens_on_the_most_striking_measured_finding() -> None:
    notes = [
        Notes(paper_title="a", results=[NotePoint(text="This may help on 3 tasks.")]),
        Notes(
            paper_title="b",
            results=[
                NotePoint(text="It is fast."),
                NotePoint(text="Training needs 14 times fewer steps for the same accuracy."),
            ],
        ),
        Notes(paper_title="c", results=[NotePoint(text="Accuracy rises to 71.2%.")]),
    ]
    assert striking_finding(notes) == (1, notes[1].results[1].text)
    themes = [Theme("KV cache", [0, 1, 2], ["KV cache"])]
    said = hook(PAPERS[:3], notes, themes)
    assert said.startswith("Training needs 14 times fewer steps for the same accuracy.")
    assert "three papers in this digest on KV cache" in said
    assert strikingness("This suggests gains of 3%.") < strikingness("Gains reach 3%.")


def test_the_spoken_digest_opens_on_the_finding_and_names_each_theme(tmp_path: Path) -> None:
    papers = [
        built(1, "Four-bit KV cache", CACHE_ABSTRACT, CACHE_SECTIONS),
        built(2, "Paged KV cache for serving", CACHE_ABSTRACT, CACHE_SECTIONS),
        built(3, "Agents trained on tests", AGENT_ABSTRACT, AGENT_SECTIONS),
    ]
    written = write_script(papers, EpisodeDir(tmp_path / "d"), format="digest", minutes=4)
    turns = [t.text for t in written.script.turns]
    assert (
        numbers_in(turns[0])
        and turns[0]
        in " ".join(  # the cold open is a paper's sentence
            s.text for p in papers for s in p.sections
        )
        or turns[0].startswith("The trained agent")
    )
    assert turns[1].startswith("That's ")
    spoken = " ".join(turns)
    assert f"First theme: {written.script.chapters[0].title}." in spoken
    assert "Now, papers that stand on their own." in spoken or len(written.script.chapters) == 1
    assert written.review.count(status="flagged") == 0
    notes = written.shownotes
    assert notes.title.endswith(": three papers") and notes.hook.split(".")[0] in spoken


def built(n: int, title: str, abstract: str, sections: dict[str, list[str]]) -> Paper:
    return Paper(
        source=f"/papers/{n}.pdf",
        source_kind="local_pdf",
        title=title,
        abstract=abstract,
        authors=[f"Author {n}"],
        sections=[Section(title=h, text=" ".join(ps)) for h, ps in sections.items()],
    )


def test_thirty_unrelated_papers_make_at_most_eight_chapters() -> None:
    topics = [
        "wheat yield drones",
        "retinal vessel segmentation",
        "traffic speed forecasting",
        "solar panel thermal faults",
        "bird song spectrograms",
        "concrete compressive strength",
        "protein folding contacts",
        "galaxy morphology images",
        "earthquake aftershock catalogs",
        "sign language gloss translation",
    ]
    papers = PAPERS + [
        paper(20 + n, f"{topic.capitalize()} study {n}", f"We study {topic}.", [])
        for n, topic in enumerate(topics * 2)
    ]
    themes = plan_themes(papers)
    assert len(themes) <= 8 and sorted(i for t in themes for i in t.members) == list(
        range(len(papers))
    )
    assert themes[-1].name == "More new papers" or len(themes) < 8


def test_a_digest_longer_than_its_papers_support_says_its_length_in_whole_sentences(
    tmp_path: Path,
) -> None:
    papers = [
        built(1, "Four-bit KV cache", CACHE_ABSTRACT, CACHE_SECTIONS),
        built(2, "Paged KV cache for serving", CACHE_ABSTRACT, CACHE_SECTIONS),
        built(3, "Agents trained on tests", AGENT_ABSTRACT, AGENT_SECTIONS),
    ]
    written = write_script(papers, EpisodeDir(tmp_path / "d"), format="digest", minutes=60)
    supported = written.outline.supported_minutes
    assert supported is not None and supported < 60  # three short papers never fill an hour
    said = written.script.word_count() / written.outline.words_per_minute
    assert abs(said - supported) <= 0.1 * supported  # the length it says is the length it is
    for chapter in written.shownotes.chapters:  # "Two papers: A and B." not "A; B"
        assert chapter.description[:1].isupper() and chapter.description.endswith("."), chapter
        assert ";" not in chapter.description
