"""The embedded default writer: a complete, grounded, non-repeating episode from the paper."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from write_helpers import build_paper

from paperdive.errors import WriteError
from paperdive.evaluate.talk import host_roles
from paperdive.models import Paper, Script, Section
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.conversation import host_lines
from paperdive.writing.plan import CRITIQUE, chapter_kind
from paperdive.writing.sentences import NUMBER, split_sentences

MINUTES = 3.0


def spoken_sentences(script: Script) -> list[str]:
    return [s for t in script.turns for s in split_sentences(t.text)]


def test_writes_every_stage_and_an_editable_text(paper: Paper, episode: EpisodeDir) -> None:
    written = write_script([paper], episode, minutes=MINUTES)
    for stage in ("notes", "outline", "draft", "review", "script", "shownotes"):
        assert episode.has(stage), stage
    assert episode.file("usage.json").is_file()
    text = episode.file("script.txt").read_text()
    assert text.startswith(f"# {paper.title}")
    assert "## 1. Cold open" in text
    assert re.search(r"^NORA: ", text, re.M) and re.search(r"^THEO: ", text, re.M)
    assert written.script.models == ["paperdive extractive writer"]


def test_script_is_a_conversation_grounded_in_the_paper(paper: Paper, episode: EpisodeDir) -> None:
    script = write_script([paper], episode, minutes=MINUTES).script
    hosts = [t.host for t in script.turns]
    assert hosts.count("skeptic") >= 4 and hosts.count("explainer") >= 4
    for before, after in zip(script.turns, script.turns[1:], strict=False):
        assert before.host != after.host or before.chapter != after.chapter, after.text
    assert not re.search(r"\[\d+(, \d+)*\]", " ".join(t.text for t in script.turns))
    assert any(t.text.endswith("?") for t in script.turns if t.host == "skeptic")
    paper_text = paper.full_text()
    for turn in script.turns:
        for number in NUMBER.findall(turn.text):
            assert number.strip() in paper_text, number
        for ref in turn.source_refs:
            assert ref.quote in paper_text


def test_no_sentence_or_eight_word_run_repeats(paper: Paper, episode: EpisodeDir) -> None:
    script = write_script([paper], episode, minutes=MINUTES).script
    seen: set[tuple[str, ...]] = set()
    sentences = [s for s in spoken_sentences(script) if len(s.split()) > 3]
    assert len(sentences) == len(set(sentences))
    for sentence in sentences:
        words = re.findall(r"[a-z0-9%.]+", sentence.lower())
        runs = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
        assert not runs & seen, sentence
        seen |= runs


def test_length_is_within_ten_percent_of_the_target(paper: Paper, episode: EpisodeDir) -> None:
    # A brief fills the length asked for (the deep dive says only what the paper supports:
    # see the next test).
    written = write_script([paper], episode, format="brief", minutes=2)
    assert written.outline.supported_minutes is None  # the paper has enough for two minutes
    target = 2 * 150
    assert 0.9 * target <= written.script.word_count() <= 1.1 * target


def test_a_paper_with_less_to_say_plans_the_length_it_supports(
    paper: Paper, episode: EpisodeDir
) -> None:
    written = write_script([paper], episode, minutes=25)
    outline = written.outline
    assert outline.target_minutes == 25
    assert outline.supported_minutes is not None and outline.supported_minutes < 10
    planned = outline.planned_minutes * outline.words_per_minute
    assert 0.9 * planned <= written.script.word_count() <= 1.1 * planned


def test_review_lists_each_number_with_its_passage(paper: Paper, episode: EpisodeDir) -> None:
    review = write_script([paper], episode, minutes=MINUTES).review
    numbers = [i for i in review.items if i.kind == "number"]
    assert numbers and all(i.status == "grounded" for i in numbers)
    for item in numbers:
        assert item.evidence and item.text in item.evidence


def test_brief_has_fewer_chapters_and_critique_more_doubts(paper: Paper, tmp_path) -> None:
    def run(format: str, minutes: float | None = 6) -> Script:
        episode = EpisodeDir(tmp_path / format)
        return write_script([paper], episode, format=format, minutes=minutes).script

    # Each format at the length a user gets by default for it, and a critique of six minutes.
    deep, brief, critique = run("deep-dive", None), run("brief", None), run("critique")
    assert len(brief.chapters) < len(deep.chapters)

    def doubt_share(script: Script) -> float:
        """The share of the words spent in the skeptic's corner."""
        corner = [i for i, c in enumerate(script.chapters) if chapter_kind(c.title) is CRITIQUE]
        doubts = sum(len(t.text.split()) for t in script.turns if t.chapter in corner)
        return doubts / script.word_count()

    assert doubt_share(critique) > doubt_share(deep)


def test_same_paper_gives_the_same_script(paper: Paper, tmp_path) -> None:
    first = write_script([paper], EpisodeDir(tmp_path / "a"), minutes=MINUTES).script
    second = write_script([paper], EpisodeDir(tmp_path / "b"), minutes=MINUTES).script
    assert first == second


def test_a_short_paper_makes_a_short_episode_and_says_so(
    episode: EpisodeDir, caplog: pytest.LogCaptureFixture
) -> None:
    abstract_only = build_paper(sections=[], numbers=[])
    written = write_script([abstract_only], episode, minutes=20)
    made = written.outline.supported_minutes
    assert made is not None and written.script.word_count() < 20 * 150 * 0.5
    # The episode says it is short, and the user is told the length made and how to get more.
    assert "a short briefing on" in episode.file("script.txt").read_text()
    note = [r.getMessage() for r in caplog.records if "--llm" in r.getMessage()]
    assert note and f"{made:g}-minute deep-dive (20 asked)" in note[0]
    assert "full-length" in note[0]


def test_a_paper_with_nothing_to_say_is_refused(episode: EpisodeDir) -> None:
    empty = build_paper(abstract="Too short.", sections=[Section(title="A", text="Tiny.")])
    with pytest.raises(WriteError, match="too little readable text"):
        write_script([empty], episode)
    assert not episode.has("notes")


def test_a_non_english_paper_is_refused(episode: EpisodeDir) -> None:
    with pytest.raises(WriteError, match="English"):
        write_script([build_paper(language="de")], episode)


# A paper of its own (not build_paper()'s body under another title): a digest groups papers
# by what they say, so an "unrelated" paper must say something else.
RETRIEVAL_SECTIONS = [
    Section(
        title="Introduction",
        text=(
            "Search engines spend most of their memory on inverted indexes. Each posting list "
            "stores the documents that contain one term, and lists for common terms are long."
        ),
    ),
    Section(
        title="Results",
        text=(
            "The learned index answers lookups in 40 nanoseconds and needs 3.1 times less "
            "memory than compressed posting lists. On the web crawl, recall stays at 99.2% "
            "while the index shrinks from 12 to 4 gigabytes."
        ),
    ),
]


def test_digest_covers_every_paper(tmp_path) -> None:
    other = build_paper(
        title="Cheaper Retrieval with Learned Indexes",
        abstract=(
            "Search engines spend most of their memory on inverted indexes. We replace the "
            "posting lists with a learned index that predicts where each term is stored."
        ),
        sections=RETRIEVAL_SECTIONS,
        references=[],
    )
    written = write_script(
        [build_paper(), other], EpisodeDir(tmp_path / "d"), format="digest", minutes=4
    )
    assert [p.title for p in written.shownotes.papers] == [build_paper().title, other.title]
    assert len(written.script.chapters) == 2
    assert other.title in written.shownotes.summary
    assert f"Next paper: {other.title}." in " ".join(t.text for t in written.script.turns)
    assert written.review.count(status="flagged") == 0


def test_in_a_digest_the_skeptic_asks_the_questions(tmp_path) -> None:
    """A six-paper digest failed "host roles": the explainer asked the skeptic for the
    results and problems he read to even the talk ("What did they find?")."""
    other = build_paper(
        title="Cheaper Retrieval with Learned Indexes",
        abstract=(
            "Search engines spend most of their memory on inverted indexes. We replace the "
            "posting lists with a learned index that predicts where each term is stored."
        ),
        sections=RETRIEVAL_SECTIONS,
        references=[],
    )
    script = write_script(
        [build_paper(), other], EpisodeDir(tmp_path / "d"), format="digest", minutes=4
    ).script
    asked = [t.host for t in script.turns if t.text.rstrip().endswith("?")]
    assert asked and asked.count("skeptic") >= 0.7 * len(asked), host_roles(script).result


def test_host_names_label_the_editable_script(paper: Paper, episode: EpisodeDir) -> None:
    hosts = {"explainer": "Ada", "skeptic": "Brook"}
    written = write_script([paper], episode, minutes=MINUTES, hosts=hosts)
    assert written.script.hosts == hosts
    text = episode.file("script.txt").read_text()
    assert "\nADA: " in text and "\nBROOK: " in text and "NORA" not in text


def test_host_lines_hold_no_numbers_of_their_own() -> None:
    lines = [line for kind in host_lines().values() for line in kind]
    assert len(lines) > 80
    assert not [line for line in lines if re.search(r"\d", line)]


def test_digest_discusses_related_papers_together(tmp_path) -> None:
    sequel = build_paper(title="Routed Block Attention at Scale")
    unrelated = build_paper(
        title="Cheaper Retrieval with Learned Indexes",
        abstract="Search engines spend most of their memory on inverted indexes.",
        sections=RETRIEVAL_SECTIONS,
        references=[],
    )
    written = write_script(
        [build_paper(), unrelated, sequel], EpisodeDir(tmp_path / "d"), format="digest", minutes=4
    )
    together, alone = written.script.chapters
    assert set(written.outline.chapters[0].sections) == {build_paper().title, sequel.title}
    assert together.description.startswith("Two papers: ")
    assert "Block Attention" in together.title  # named by what the two share
    assert alone.title == unrelated.title  # a theme of one paper is named by its paper


def test_the_script_does_not_depend_on_the_interpreters_hash_seed(tmp_path) -> None:
    program = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from write_helpers import build_paper;"
        "from paperdive.store import EpisodeDir;"
        "from paperdive.writing import write_script;"
        "other = build_paper(title='Routed Block Attention at Scale');"
        "w = write_script([build_paper(), other], EpisodeDir(sys.argv[2]), minutes=4);"
        "print(w.script.model_dump_json())"
    )
    here = str(Path(__file__).parent)
    outputs = {
        subprocess.run(
            [sys.executable, "-c", program, here, str(tmp_path / seed)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
