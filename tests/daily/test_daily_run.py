"""`paperdive daily` against a localhost arXiv API with a frozen clock and a fake show:
the right papers are picked, a second run does nothing, a killed run resumes, faults are
one clear line and leave nothing half-published. The ranking is the real one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from arxiv_fixture import FakeArxiv
from daily_helpers import DAY, EXAMPLE, ON_TOPIC, FakeShow, make_daily

from paperdive.daily.listing import ArxivUnavailable
from paperdive.daily.run import DailyBusy

pytestmark = pytest.mark.network_server


def test_picks_the_on_topic_papers_and_publishes_once(tmp_path: Path, fake_arxiv: FakeArxiv):
    show = FakeShow(tmp_path / "fake")
    outcome = make_daily(tmp_path, fake_arxiv.url, show, count=2).run()
    assert outcome.day == DAY and outcome.status == "done"
    assert set(show.makes) <= set(ON_TOPIC) and len(show.makes) == 2
    assert [p.arxiv_id for p in outcome.made] == show.makes
    assert show.publishes == 1 and outcome.published
    assert all(p.reasons for p in outcome.made)  # each pick says which terms matched
    assert "2501.09999" not in {p.arxiv_id for p in outcome.made}  # outside the window
    assert all(agent.startswith("paperdive/") for agent in fake_arxiv.agents)  # says who asks


def test_a_second_run_does_nothing(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    show = FakeShow(tmp_path / "fake")
    make_daily(tmp_path, fake_arxiv.url, show).run()
    calls, makes = len(fake_arxiv.requests), list(show.makes)
    again = make_daily(tmp_path, fake_arxiv.url, show).run()
    assert show.makes == makes and show.publishes == 1
    assert len(fake_arxiv.requests) == calls  # the listing and the picks are on disk
    assert again.message.startswith("nothing to do")


def test_a_killed_run_resumes_without_redoing_finished_episodes(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    show = FakeShow(tmp_path / "fake", kill_at=2)
    with pytest.raises(KeyboardInterrupt):
        make_daily(tmp_path, fake_arxiv.url, show, count=3).run()
    assert show.publishes == 0  # nothing half-published
    first, killed = show.makes
    show.kill_at = None
    outcome = make_daily(tmp_path, fake_arxiv.url, show, count=3).run()
    assert show.makes[2:] == [killed, *[i for i in ON_TOPIC if i not in (first, killed)]]
    assert first not in show.makes[2:]  # finished before the kill: not made again
    assert show.publishes == 1 and len(outcome.made) == 3


def test_a_paper_that_fails_is_reported_and_the_run_goes_on(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    daily = make_daily(tmp_path, fake_arxiv.url, FakeShow(tmp_path / "fake"), count=1)
    best = daily.preview(None).ranked[0].paper.arxiv_id
    show = FakeShow(tmp_path / "fake", fail={best: "the PDF is not a PDF"})
    outcome = make_daily(tmp_path, fake_arxiv.url, show, count=1).run()
    assert [p.arxiv_id for p in outcome.failed] == [best]
    assert outcome.failed[0].error == "the PDF is not a PDF"
    assert len(outcome.made) == 1 and outcome.made[0].arxiv_id != best
    assert show.publishes == 1


def test_a_weekend_day_is_nothing_new(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    show = FakeShow(tmp_path / "fake")
    outcome = make_daily(tmp_path, fake_arxiv.url, show).run(date(2025, 1, 11))
    assert outcome.status == "nothing-new" and "Saturday" in outcome.message
    assert fake_arxiv.requests == [] and show.makes == []


def test_an_empty_listing_is_nothing_new(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    show = FakeShow(tmp_path / "fake")
    outcome = make_daily(tmp_path, fake_arxiv.url, show).run(date(2024, 12, 25))
    assert outcome.status == "nothing-new" and show.publishes == 0


def test_a_missed_day_is_caught_up_with_its_date(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    from daily_helpers import NOW

    later = NOW.replace(day=16)  # a week later, the Thursday listing is still the one asked
    show = FakeShow(tmp_path / "fake")
    outcome = make_daily(tmp_path, fake_arxiv.url, show, now=later).run(DAY)
    assert outcome.day == DAY and set(show.makes) <= set(ON_TOPIC)


def test_arxiv_unavailable_retries_then_one_line_and_nothing_made(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    fake_arxiv.fail_always = 503
    show = FakeShow(tmp_path / "fake")
    with pytest.raises(ArxivUnavailable) as caught:
        make_daily(tmp_path, fake_arxiv.url, show).run()
    assert len(fake_arxiv.requests) > 1  # retried
    assert "\n" not in str(caught.value) and "arXiv API unavailable" in str(caught.value)
    assert show.makes == [] and show.publishes == 0
    assert not (tmp_path / "show" / "daily" / DAY.isoformat() / "state.json").exists()


def test_a_429_is_retried_and_the_run_goes_on(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    fake_arxiv.fail_first = [429, 503]
    show = FakeShow(tmp_path / "fake")
    outcome = make_daily(tmp_path, fake_arxiv.url, show).run()
    assert len(outcome.made) == 2


def test_two_runs_at_once_the_second_stops(tmp_path: Path, fake_arxiv: FakeArxiv) -> None:
    show = FakeShow(tmp_path / "fake")
    first = make_daily(tmp_path, fake_arxiv.url, show)
    with first.lock(), pytest.raises(DailyBusy, match="another paperdive daily"):
        make_daily(tmp_path, fake_arxiv.url, show).run()
    assert show.makes == []


def test_examples_are_fetched_once_and_ranked_against(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    daily = make_daily(tmp_path, fake_arxiv.url, FakeShow(tmp_path / "fake"), examples=[EXAMPLE[0]])
    daily.run()
    assert sum("id_list" in r for r in fake_arxiv.requests) == 1
    positives = daily.positives(save=False)
    assert [p.kind for p in positives] == ["topics", "example"]
    assert sum("id_list" in r for r in fake_arxiv.requests) == 1  # cached in examples.json


def test_dry_run_ranks_with_reasons_and_writes_nothing(
    tmp_path: Path, fake_arxiv: FakeArxiv
) -> None:
    show = FakeShow(tmp_path / "fake")
    outcome = make_daily(tmp_path, fake_arxiv.url, show).preview(None)
    top = [r.paper.arxiv_id for r in outcome.ranked[:3]]
    assert set(top) == set(ON_TOPIC)
    assert all(r.reasons for r in outcome.ranked[:3])
    assert show.makes == [] and not (tmp_path / "show").exists()
