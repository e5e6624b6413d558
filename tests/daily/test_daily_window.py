"""Which submissions each announcement day lists, and which day a run means."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from paperdive.daily.window import announced, has_listing, latest_listing_day, window_for


def test_a_midweek_listing_holds_the_previous_days_submissions() -> None:
    window = window_for(date(2025, 1, 9))  # Thursday
    assert window.start == datetime(2025, 1, 7, 19, 0, tzinfo=UTC)  # Tue 14:00 EST
    assert window.end == datetime(2025, 1, 8, 19, 0, tzinfo=UTC)  # Wed 14:00 EST
    assert window.query() == "submittedDate:[202501071900 TO 202501081859]"


def test_monday_lists_thursday_to_friday_and_tuesday_the_weekend() -> None:
    monday, tuesday = window_for(date(2025, 1, 13)), window_for(date(2025, 1, 14))
    assert (monday.start.date(), monday.end.date()) == (date(2025, 1, 9), date(2025, 1, 10))
    assert (tuesday.start.date(), tuesday.end.date()) == (date(2025, 1, 10), date(2025, 1, 13))
    assert tuesday.start == monday.end  # consecutive windows never overlap nor leave a gap


def test_summer_time_moves_the_cutoff_in_utc() -> None:
    assert window_for(date(2025, 7, 10)).end == datetime(2025, 7, 9, 18, 0, tzinfo=UTC)


def test_weekends_have_no_listing() -> None:
    assert not has_listing(date(2025, 1, 11)) and not has_listing(date(2025, 1, 12))
    with pytest.raises(ValueError):
        window_for(date(2025, 1, 11))


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (datetime(2025, 1, 9, 12, 0, tzinfo=UTC), date(2025, 1, 9)),  # Thu morning
        (datetime(2025, 1, 9, 1, 30, tzinfo=UTC), date(2025, 1, 9)),  # Wed 20:30 ET
        (datetime(2025, 1, 9, 0, 30, tzinfo=UTC), date(2025, 1, 8)),  # Wed 19:30 ET
        (datetime(2025, 1, 11, 12, 0, tzinfo=UTC), date(2025, 1, 10)),  # Saturday → Friday
        (datetime(2025, 1, 13, 2, 0, tzinfo=UTC), date(2025, 1, 13)),  # Sun 21:00 ET
    ],
)
def test_the_newest_announced_listing(now: datetime, day: date) -> None:
    assert latest_listing_day(now) == day
    assert announced(day, now)


def test_tomorrows_listing_is_not_announced_yet() -> None:
    assert not announced(date(2025, 1, 10), datetime(2025, 1, 9, 12, 0, tzinfo=UTC))
