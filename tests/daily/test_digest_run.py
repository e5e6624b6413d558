"""`paperdive digest --date D --limit N`: the day's pick (the daily listing and ranking) made
into one digest episode, against a localhost arXiv API with a frozen clock and a fake show."""

from __future__ import annotations

from pathlib import Path

import pytest
from arxiv_fixture import FakeArxiv
from daily_helpers import DAY, ON_TOPIC, FakeShow, make_daily

from paperdive.errors import PaperdiveError

pytestmark = pytest.mark.network_server


def test_the_days_best_papers_become_one_digest_published_once(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    show = FakeShow(tmp_path / "fake")
    outcome = make_daily(tmp_path, fake_arxiv.url, show).digest(DAY, 3, 20.0)
    assert show.digests == [show.digests[0]] and set(show.digests[0]) == set(ON_TOPIC)
    assert show.publishes == 1 and outcome.published
    assert outcome.digest is not None and outcome.digest.slug == "digest-3"
    assert outcome.message == f"a digest of 3 papers for {DAY}, published"


def test_a_second_run_makes_nothing_and_asks_arxiv_nothing(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    show = FakeShow(tmp_path / "fake")
    make_daily(tmp_path, fake_arxiv.url, show).digest(DAY, 3, 20.0)
    calls = len(fake_arxiv.requests)
    again = make_daily(tmp_path, fake_arxiv.url, show).digest(DAY, 3, 20.0)
    assert len(show.digests) == 1 and show.publishes == 1
    assert len(fake_arxiv.requests) == calls
    assert again.message.startswith("nothing to do")


def test_a_killed_digest_resumes_with_the_same_papers(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    show = FakeShow(tmp_path / "fake", kill_at=1)
    with pytest.raises(KeyboardInterrupt):
        make_daily(tmp_path, fake_arxiv.url, show).digest(DAY, 4, 20.0)
    assert show.publishes == 0
    show.kill_at = None
    make_daily(tmp_path, fake_arxiv.url, show).digest(DAY, 4, 20.0)
    assert show.digests[0] == show.digests[1] and show.publishes == 1


def test_the_digest_and_the_daily_rank_the_day_once(tmp_path: Path, fake_arxiv: FakeArxiv):
    show = FakeShow(tmp_path / "fake")
    make_daily(tmp_path, fake_arxiv.url, show, count=1).run(DAY)
    calls = len(fake_arxiv.requests)
    daily = make_daily(tmp_path, fake_arxiv.url, show)
    daily.digest(DAY, 2, 20.0)
    assert len(fake_arxiv.requests) == calls  # the day's listing and ranking are reused
    state = daily.load_state(DAY)
    assert state is not None and show.digests[0] == [p.arxiv_id for p in state.ranked[:2]]
    assert show.makes[0] in show.digests[0]  # the day's best, with its own episode or not


def test_a_paper_left_out_is_named(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    show = FakeShow(tmp_path / "fake", fail={i: "could not download PDF" for i in ON_TOPIC})
    outcome = make_daily(tmp_path, fake_arxiv.url, show).digest(DAY, 4, 20.0)
    assert outcome.digest is not None and len(outcome.digest.left_out) == 3
    assert all("could not download PDF" in why for why in outcome.digest.left_out)
    assert outcome.message == f"a digest of 1 papers for {DAY}, published"


def test_a_weekend_is_nothing_new(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    from datetime import date

    show = FakeShow(tmp_path / "fake")
    outcome = make_daily(tmp_path, fake_arxiv.url, show).digest(date(2025, 1, 11), 30, 20.0)
    assert outcome.status == "nothing-new" and not show.digests


def test_a_limit_out_of_range_is_a_clear_error(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    with pytest.raises(PaperdiveError, match="--limit"):
        make_daily(tmp_path, fake_arxiv.url, FakeShow(tmp_path / "f")).digest(DAY, 0, 20.0)
