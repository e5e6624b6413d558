"""The extractive episode as a conversation: questions that fit their answers, a skeptic who
pushes back only with real caveats, a hook and a take-away, and no hollow chapters."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from write_helpers import build_paper

from paperdive.models import Paper, Script, Turn
from paperdive.store import EpisodeDir
from paperdive.writing import compose, write_script
from paperdive.writing.chapters import MIN_CHAPTER_WORDS, merge_hollow_chapters, substance
from paperdive.writing.conversation import host_lines
from paperdive.writing.exchanges import EXPLAINER_ROLES
from paperdive.writing.plan import CHAPTERS
from paperdive.writing.roles import defined_term, is_caveat, sentence_role
from paperdive.writing.sentences import Sentence, paper_sentences, split_sentences, third_person

FORMATS = ("deep-dive", "brief", "critique", "debate")


def sentence(text: str, section: str = "Method") -> Sentence:
    return Sentence(text=text, original=text, section=section, position=0.5, order=0)


def written(paper: Paper, tmp_path: Path, format: str = "deep-dive", minutes: float = 6) -> Script:
    return write_script(
        [paper], EpisodeDir(tmp_path / format), format=format, minutes=minutes
    ).script


def quoted(paper: Paper, turn: Turn) -> list[Sentence]:
    by_original = {s.original: s for s in paper_sentences(paper)}
    return [by_original[r.quote] for r in turn.source_refs if r.quote in by_original]


ROLE_EXAMPLES = [
    ("Results", "comparison", "The method reaches 94.1% compared to 94.8% for full attention."),
    ("Method", "method", "Our method splits the context into blocks by averaging their keys."),
    ("Limitations", "caveat", "A limitation of our study is that we test one model family."),
    ("Experiments", "setup", "We evaluate on a suite of long-context tasks of many lengths."),
    ("Background", "definition", "Kokoro-82M is an 82-million-parameter model for speech."),
    ("Introduction", "problem", "Serving long contexts remains costly for most teams today."),
    ("Results", "result", "Profiling shows that 70% of the time is spent in the decoder."),
]


@pytest.mark.parametrize(("section", "role", "text"), ROLE_EXAMPLES)
def test_a_sentence_is_given_the_role_it_plays(section: str, role: str, text: str) -> None:
    assert sentence_role(sentence(text, section)) == role


def test_a_design_rule_is_not_mistaken_for_a_caveat() -> None:
    assert not is_caveat(
        sentence("MoBA ensures that a query token cannot be routed to future blocks.")
    )
    assert is_caveat(sentence("The speedup cannot be reproduced on short inputs.", "Limitations"))
    assert defined_term(sentence("Kokoro-82M is an 82-million-parameter model.")) == "Kokoro-82M"
    assert defined_term(sentence("This is a hard problem for every model.")) is None


@pytest.mark.parametrize("format", FORMATS)
def test_the_skeptic_challenges_only_with_the_papers_caveats(tmp_path: Path, format: str) -> None:
    paper = build_paper()
    script = written(paper, tmp_path, format)
    caveats = [third_person(s.text) for s in paper_sentences(paper) if is_caveat(s)]
    openers = host_lines()["challenge"] + host_lines()["doubt_lead"]
    skeptic_turns = [t for t in script.turns if t.host == "skeptic"]
    challenges = 0
    for turn in skeptic_turns:
        for opener in (o for o in openers if o in turn.text):
            challenged = turn.text.split(opener, 1)[1].strip()
            assert any(challenged.startswith(c) for c in caveats), challenged
            challenges += 1
    assert challenges, "the skeptic should voice at least one of the paper's own limitations"
    own_words = [t.text for t in skeptic_turns if not t.source_refs]
    assert not [line for line in own_words if re.search(r"\d", line)]  # no facts of his own


@pytest.mark.parametrize("format", FORMATS)
def test_both_hosts_carry_the_paper(tmp_path: Path, format: str) -> None:
    paper = build_paper()
    script = written(paper, tmp_path, format)
    words = Counter({"explainer": 0, "skeptic": 0})
    for turn in script.turns:
        words[turn.host] += len(turn.text.split())
    share = words["skeptic"] / words.total()
    assert 0.3 <= share <= 0.7, words
    skeptic_quotes = [s for t in script.turns if t.host == "skeptic" for s in quoted(paper, t)]
    roles = {sentence_role(s) for s in skeptic_quotes}
    assert roles - {"caveat"}, "the skeptic should read more than the paper's caveats"
    assert not roles & EXPLAINER_ROLES, roles  # the idea and how it works are hers to explain


def test_each_question_fits_the_answer_that_follows(tmp_path: Path) -> None:
    lines = host_lines()
    roles = (
        "method",
        "result",
        "comparison",
        "setup",
        "problem",
        "prior",
        "conclusion",
        "proposal",
    )
    hosts = {"explainer": "Nora", "skeptic": "Theo"}
    asked_for = {
        line.format(**hosts): role
        for role in roles
        for kind in (f"question_{role}", f"doubt_{role}", f"ask_{role}")
        for line in lines.get(kind, [])
    }
    paper = build_paper()
    checked = Counter()
    for format in FORMATS:
        turns = written(paper, tmp_path, format).turns
        for question, answer in zip(turns, turns[1:], strict=False):
            if question.host == answer.host or not answer.source_refs:
                continue
            asked = split_sentences(question.text)[-1]
            if asked in asked_for:
                checked[question.host] += 1
                answered = sentence_role(quoted(paper, answer)[0])
                assert asked_for[asked] == answered, (asked, answer.text)
    assert checked["skeptic"] >= 8 and checked["explainer"] >= 2, checked


def test_lines_name_their_source_only_now_and_then(tmp_path: Path) -> None:
    leads = host_lines()["answer_lead"]
    for format in FORMATS:
        text = " ".join(t.text for t in written(build_paper(), tmp_path, format).turns)
        uses = {lead: text.count(lead) for lead in leads}
        assert sum(uses.values()) <= 3 and max(uses.values()) <= 1, uses
        assert "Quoting the paper" not in text and "Straight from the paper" not in text


def test_the_episode_opens_on_a_result_and_closes_on_a_take_away(tmp_path: Path) -> None:
    paper = build_paper()
    script = written(paper, tmp_path)
    opening = [t for t in script.turns if t.chapter == 0]
    hook = quoted(paper, opening[0])
    assert opening[0].host == "explainer" and hook and re.search(r"\d", hook[0].text)
    assert opening[1].host == "skeptic" and opening[1].text.endswith("?")
    welcome = next(i for i, t in enumerate(opening) if "Welcome to the show" in t.text)
    assert welcome >= 2

    last = [t for t in script.turns if t.chapter == len(script.chapters) - 1]
    sign_off, doubt, take_away = last[-1], last[-2], last[-3]
    assert "Thanks for listening" in sign_off.text
    assert doubt.host == "skeptic" and all(is_caveat(s) for s in quoted(paper, doubt))
    assert "single model family" in doubt.text  # the paper's own strongest admitted weakness
    assert take_away.host == "explainer"
    assert [s.section for s in quoted(paper, take_away)][-1] == "Conclusion"


def test_a_paper_that_admits_nothing_ends_on_a_doubt_that_states_no_fact(tmp_path: Path) -> None:
    paper = build_paper(
        title="No caveats",
        sections=[s for s in build_paper().sections if s.title != "Limitations"],
    )
    script = written(paper, tmp_path)
    doubt = [t for t in script.turns if t.host == "skeptic"][-1]
    assert doubt.text in host_lines()["open_doubt"] or all(
        is_caveat(s) for s in quoted(paper, doubt)
    )


@pytest.mark.parametrize("format", FORMATS)
def test_no_chapter_is_a_bare_transition(tmp_path: Path, format: str) -> None:
    script = written(build_paper(), tmp_path, format, minutes=3)
    for index in range(1, len(script.chapters)):
        turns = [t for t in script.turns if t.chapter == index]
        assert substance(turns) >= MIN_CHAPTER_WORDS, script.chapters[index].title


def test_a_hollow_chapter_is_folded_into_the_one_before() -> None:
    quote = [{"quote": "The method is fast on long inputs, as the paper measures it."}]
    script = Script(
        title="t",
        format="deep-dive",
        hosts={"explainer": "Nora", "skeptic": "Theo"},
        chapters=[{"title": "Open"}, {"title": "Idea"}, {"title": "Empty"}, {"title": "Close"}],
        turns=[
            Turn(host="explainer", text="Start with a hook.", chapter=0, source_refs=quote),
            Turn(host="explainer", text="Now, the idea.", chapter=1),
            Turn(host="skeptic", text="How does that part work?", chapter=1),
            Turn(
                host="explainer",
                text=" ".join(["The blocks are chosen by a small router per query."] * 3),
                chapter=1,
                source_refs=quote,
            ),
            Turn(host="explainer", text="Okay, the empty part.", chapter=2),
            Turn(host="skeptic", text="So what changes?", chapter=2),
            Turn(host="explainer", text="Now, the close.", chapter=3),
            Turn(host="explainer", text="Thanks for listening.", chapter=3),
        ],
    )
    merged = merge_hollow_chapters(script)
    assert [c.title for c in merged.chapters] == ["Open", "Idea"]
    text = " ".join(t.text for t in merged.turns)
    assert "empty part" not in text and "So what changes?" not in text
    assert "the close" not in text and merged.turns[-1].text.endswith("Thanks for listening.")
    assert {t.chapter for t in merged.turns} == {0, 1}


def test_chapter_descriptions_come_from_each_chapters_own_lines(tmp_path: Path) -> None:
    fixed = {kind.description for kinds in CHAPTERS.values() for kind in kinds}
    script = written(build_paper(), tmp_path)
    descriptions = [c.description for c in script.chapters]
    assert len(set(descriptions)) == len(descriptions)
    for index, description in enumerate(descriptions):
        assert description not in fixed
        assert len(description.split()) <= 19
        spoken = " ".join(t.text for t in script.turns if t.chapter == index).lower()
        assert description.rstrip(".…").lower() in spoken, description


def test_skeptic_asides_have_their_own_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asides = set(host_lines()["skeptic_aside"])

    def aside_count(script: Script) -> int:
        return sum(aside in t.text for aside in asides for t in script.turns)

    assert aside_count(written(build_paper(), tmp_path / "on", "critique")) > 0
    monkeypatch.setattr(compose, "ASIDE_CHANCE", {})
    off = written(build_paper(), tmp_path / "off", "critique")
    assert aside_count(off) == 0
