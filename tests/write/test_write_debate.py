"""A debate: each claim met by its challenge where it is made, not saved for the end."""

from __future__ import annotations

import re
from pathlib import Path

from paperdive.models import Paper, Script
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.briefing_challenges import debate_targets
from paperdive.writing.plan import CRITIQUE, chapter_kind
from paperdive.writing.sentences import Sentence


def line(text: str, order: int, section: str, role: str = "method") -> Sentence:
    return Sentence(text, text, section, 0.5, order, role)  # type: ignore[arg-type]


def written(paper: Paper, tmp_path: Path, format: str) -> Script:
    return write_script([paper], EpisodeDir(tmp_path / format), format=format).script


def challenge_of_figure(script: Script) -> tuple[int, bool]:
    """Where the skeptic says the headline figure has no spread: the turn's index, and
    whether it answers her turn with that figure."""
    turns = script.turns
    at = next(i for i, t in enumerate(turns) if re.search(r"error bars|No spread", t.text))
    before = turns[at - 1]
    return at, before.host == "explainer" and "94.1%" in before.text


def test_a_debate_challenges_a_figure_right_after_it_is_claimed(
    paper: Paper, tmp_path: Path
) -> None:
    debate = written(paper, tmp_path, "debate")
    at, answers_claim = challenge_of_figure(debate)
    assert answers_claim, debate.turns[at - 1 : at + 1]
    assert chapter_kind(debate.chapters[debate.turns[at].chapter].title) is not CRITIQUE
    # The deep dive of the same paper keeps the doubt for its corner.
    deep = written(paper, tmp_path, "deep-dive")
    at, _ = challenge_of_figure(deep)
    assert chapter_kind(deep.chapters[deep.turns[at].chapter].title) is CRITIQUE


def test_each_doubt_goes_to_the_claim_it_bears_on() -> None:
    router = line("A gating router scores every block summary and keeps the top blocks.", 1, "3")
    result = line("The method reaches 94.1% retrieval accuracy.", 2, "5", "results")
    other = line("The method is 6.5x faster at one million tokens.", 3, "5", "results")
    on_router = line("The gating router scores may collapse onto a few blocks.", 9, "6")
    bound = line("Their evaluation uses their internal evaluation framework.", 10, "6", "setup")
    unrelated = line("The authors leave multilingual corpora to future work.", 11, "6")
    targets = debate_targets([on_router, bound, unrelated], [router, result, other], [result])
    assert targets[router.order] is on_router  # the words they share
    assert targets[result.order] is bound  # a bound of their set-up: the first result
    assert unrelated not in targets.values()  # it stays for the case against


def test_a_short_debate_says_it_is_one(paper: Paper, tmp_path: Path) -> None:
    said = " ".join(t.text for t in written(paper, tmp_path, "debate").turns[:3])
    assert "a short debate on" in said and "briefing" not in said
