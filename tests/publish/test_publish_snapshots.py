"""Snapshots of the feed and pages for a fixed episode and a fixed `now`.

Review a changed snapshot like code: `pytest tests/publish --snapshot-update` rewrites them.
"""

from __future__ import annotations

import re

import pytest

from paperdive.publishing import PublishResult

# The MP3 encoder's exact output size is tested against the file itself in the feed tests;
# the show's GUID is random per library (tested in test_publish_feed).
ENCLOSURE_LENGTH = re.compile(r'length="\d+"')
SHOW_GUID = re.compile(r"<podcast:guid>[^<]+</podcast:guid>")


def test_feed_snapshot(published: PublishResult, snapshot) -> None:  # noqa: ANN001
    feed = ENCLOSURE_LENGTH.sub('length="…"', published.feed.read_text("utf-8"))
    assert SHOW_GUID.sub("<podcast:guid>…</podcast:guid>", feed) == snapshot


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "episodes/how-deepseek-made-one-user-faster/index.html",
        "episodes/decoding-digest/index.html",
    ],
)
def test_page_snapshot(published: PublishResult, snapshot, page: str) -> None:  # noqa: ANN001
    assert (published.site / page).read_text("utf-8") == snapshot
