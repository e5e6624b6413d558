"""How times and dates read on the pages and in the feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from paperdive.publishing.render import clock, hms, length, npt, relative_date
from paperdive.urls import public_link

NOW = datetime(2026, 6, 27, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ago", "label"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=5), "5 min ago"),
        (timedelta(hours=9, minutes=59), "9 hr ago"),
        (timedelta(days=1, hours=3), "1 day ago"),
        (timedelta(days=2), "2 days ago"),
        (timedelta(days=6, hours=23), "6 days ago"),
        (timedelta(days=7), "Jun 20, 2026"),
        (timedelta(days=-1), "just now"),  # a clock that runs behind the episode's
    ],
)
def test_relative_dates_read_like_a_podcast_app(ago: timedelta, label: str) -> None:
    assert relative_date(NOW - ago, NOW) == label


@pytest.mark.parametrize(
    ("seconds", "stamp", "duration", "podlove", "spoken"),
    [
        (0.0, "00:00", "00:00:00", "00:00:00.000", "1 min"),
        (90.4, "01:30", "00:01:30", "00:01:30.400", "2 min"),
        (3723.25, "1:02:03", "01:02:03", "01:02:03.250", "1 hr 2 min"),
    ],
)
def test_times(seconds: float, stamp: str, duration: str, podlove: str, spoken: str) -> None:
    assert (clock(seconds), hms(seconds), npt(seconds), length(seconds)) == (
        stamp,
        duration,
        podlove,
        spoken,
    )


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://arxiv.org/abs/1706.03762", True),
        ("http://example.org/paper.pdf", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ("https:///no-host", False),
        (None, False),
    ],
)
def test_only_web_links_become_hrefs(url: str | None, kept: bool) -> None:
    assert (public_link(url) is not None) == kept
