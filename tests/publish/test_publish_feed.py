"""feed.xml as real podcast clients read it: gPodder's podcastparser, feedparser, partytime."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import uuid
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import podcastparser
import pytest
from lxml import etree
from publish_episodes import HOSTILE_TITLE, HOSTS, NOW, EpisodeFactory

from paperdive.config import ShowConfig
from paperdive.library import Library
from paperdive.publishing import PublishResult, publish
from paperdive.publishing.feed import podcast_guid

JS_DIR = Path(__file__).resolve().parents[1] / "js"
DEEP_DIVE = "how-deepseek-made-one-user-faster"


def site_file(result: PublishResult, url: str) -> Path:
    """The file in the built site that a feed URL points at."""
    path = urlsplit(url).path.removeprefix("/show/")
    return result.site / path


@pytest.fixture(scope="session")
def partytime() -> Path:
    """tests/js with podcast-partytime installed (npm ci on first use); skip without Node."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js is not installed")
    if not (JS_DIR / "node_modules" / "podcast-partytime").is_dir():
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"], cwd=JS_DIR, capture_output=True, text=True
        )
        if done.returncode != 0:
            pytest.skip(f"npm ci failed in tests/js: {done.stderr.strip()[-200:]}")
    return JS_DIR


def parse_with_partytime(js_dir: Path, feed: Path) -> dict:
    done = subprocess.run(
        ["node", "parse_feed.mjs", str(feed)],
        cwd=js_dir,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_podcastparser_sees_enclosure_duration_chapters_and_transcript(
    published: PublishResult,
) -> None:
    with published.feed.open("rb") as fh:
        feed = podcastparser.parse("https://podcast.example.org/show/feed.xml", fh)
    episode = feed["episodes"][0]
    assert episode["title"] == "How DeepSeek Made One User Faster"
    (enclosure,) = episode["enclosures"]
    assert enclosure["mime_type"] == "audio/mpeg"
    assert enclosure["file_size"] == site_file(published, enclosure["url"]).stat().st_size
    assert episode["total_time"] == 14
    assert [c["title"] for c in episode["chapters"]] == [
        "Why decoding is slow",
        "What the numbers show",
    ]
    assert episode["chapters"][1]["start"] == 7
    assert episode["transcript_url"].endswith("/transcript.vtt")
    assert site_file(published, episode["transcript_url"]).is_file()
    assert site_file(published, episode["chapters_json_url"]).is_file()


def test_feedparser_sees_the_same(published: PublishResult) -> None:
    feed = feedparser.parse(published.feed.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Paperdive: AI Papers, Read Closely"
    entry = feed.entries[0]
    assert entry.title == "How DeepSeek Made One User Faster"
    assert entry.enclosures[0].type == "audio/mpeg"
    assert (
        int(entry.enclosures[0].length)
        == (published.site / "episodes" / DEEP_DIVE / "episode.mp3").stat().st_size
    )
    assert entry.itunes_duration == "00:00:14"
    assert entry.podcast_transcript["type"] == "text/vtt"
    assert entry.podcast_chapters["type"] == "application/json+chapters"
    assert [c["title"] for c in entry.psc_chapters["chapters"]][0] == "Why decoding is slow"
    assert any("Position-one accuracy" in c.value for c in entry.content)


def test_partytime_sees_every_transcript_chapters_and_hosts(
    partytime: Path, library: Library, published: PublishResult
) -> None:
    feed = parse_with_partytime(partytime, published.feed)
    assert feed["title"] == "Paperdive: AI Papers, Read Closely"
    assert feed["guid"] == podcast_guid(library.show_id)
    assert feed["locked"] is True
    assert [p["name"] for p in feed["podcastPeople"]] == ["Nora", "Theo"]
    item = feed["items"][0]
    assert item["title"] == "How DeepSeek Made One User Faster"
    assert item["duration"] == 14
    assert (
        item["enclosure"]["length"] == site_file(published, item["enclosure"]["url"]).stat().st_size
    )
    assert sorted(t["type"] for t in item["podcastTranscripts"]) == [
        "application/json",
        "application/srt",
        "text/vtt",
    ]
    for transcript in item["podcastTranscripts"]:
        assert site_file(published, transcript["url"]).is_file()
    assert item["podcastChapters"]["type"] == "application/json+chapters"


PODCAST_NS = "{https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md}"


def channel_guid(feed: Path) -> str:
    guid = etree.parse(str(feed)).getroot().findtext(f"channel/{PODCAST_NS}guid")
    assert guid is not None
    return guid


def test_the_show_guid_survives_a_move_and_is_never_shared(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory, tmp_path: Path
) -> None:
    make_episode()
    here = channel_guid(publish(library, show, HOSTS, now=NOW).feed)
    moved = publish(library, show, HOSTS, base_url="https://elsewhere.example/", now=NOW)
    assert channel_guid(moved.feed) == here
    assert uuid.UUID(here).version == 5
    # another install keeping the default base URL gets a show of its own
    other = publish(Library(tmp_path / "other"), ShowConfig(), HOSTS, now=NOW)
    assert channel_guid(other.feed) != channel_guid(publish(library, ShowConfig(), HOSTS).feed)


def test_the_owner_is_named_by_default(library: Library, make_episode: EpisodeFactory) -> None:
    make_episode()
    root = etree.parse(str(publish(library, ShowConfig(author="Ada"), HOSTS, now=NOW).feed))
    itunes = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
    assert root.getroot().findtext(f"channel/{itunes}owner/{itunes}name") == "Ada"


def test_dates_are_rfc822_and_newest_first(published: PublishResult) -> None:
    root = etree.parse(str(published.feed)).getroot()
    dates = [parsedate_to_datetime(d.text) for d in root.iterfind("channel/item/pubDate")]
    assert dates == [
        datetime(2026, 6, 27, 9, 0, tzinfo=UTC),
        datetime(2026, 6, 25, 17, 0, tzinfo=UTC),
    ]
    assert parsedate_to_datetime(root.findtext("channel/lastBuildDate")) == NOW


def test_guids_survive_a_move_to_another_host(
    library: Library, show: ShowConfig, published: PublishResult
) -> None:
    before = [e["guid"] for e in feedparser.parse(published.feed.read_bytes()).entries]
    publish(library, show, HOSTS, base_url="https://elsewhere.example/", now=NOW)
    after = feedparser.parse(published.feed.read_bytes())
    assert [e["guid"] for e in after.entries] == before
    assert after.entries[0].enclosures[0].href.startswith("https://elsewhere.example/episodes/")


def test_hostile_text_is_escaped_and_read_back_exactly(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    make_episode(HOSTILE_TITLE, hook="Bell \x07 and <b>bold</b> & ]]> end")
    result = publish(library, show, HOSTS, now=NOW)
    etree.parse(str(result.feed))  # well-formed XML despite the title
    with result.feed.open("rb") as fh:
        gpodder = podcastparser.parse("https://podcast.example.org/show/feed.xml", fh)
    entry = feedparser.parse(result.feed.read_bytes()).entries[0]
    assert gpodder["episodes"][0]["title"] == HOSTILE_TITLE
    assert entry.title == HOSTILE_TITLE
    item = etree.parse(str(result.feed)).getroot().find("channel/item")
    assert item.findtext("description") == "Bell  and &lt;b&gt;bold&lt;/b&gt; &amp; ]]&gt; end"
    assert item.findtext("{http://www.itunes.com/dtds/podcast-1.0.dtd}summary") == (
        "Bell  and <b>bold</b> & ]]> end"
    )
    notes_html = "<p>Bell  and &lt;b&gt;bold&lt;/b&gt; &amp; ]]&gt; end</p>"
    assert any(notes_html in c.value for c in entry.content)
    assert "<script>" not in result.feed.read_text()


MARKUP_LIKE_HOOK = "BERT hides a word behind a <mask> token; GPT stops at <|endoftext|>."


def test_text_that_looks_like_markup_reaches_every_client(
    partytime: Path, library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    make_episode(hook=MARKUP_LIKE_HOOK)
    result = publish(library, show, HOSTS, now=NOW)
    # feedparser: the description is HTML; shown, it reads as written
    (entry,) = feedparser.parse(result.feed.read_bytes()).entries
    assert entry.summary_detail.type == "text/html"
    assert html.unescape(entry.summary) == MARKUP_LIKE_HOOK
    # gPodder: its plain-text description keeps both tokens
    with result.feed.open("rb") as fh:
        (episode,) = podcastparser.parse("https://podcast.example.org/show/feed.xml", fh)[
            "episodes"
        ]
    assert "<mask> token" in episode["description"]
    assert "<|endoftext|>" in episode["description"]
    # podcast-partytime: the Podcast Index's reading
    (item,) = parse_with_partytime(partytime, result.feed)["items"]
    assert item["description"] == MARKUP_LIKE_HOOK


def test_javascript_links_never_reach_the_show_notes(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    make_episode(reading_url="javascript:alert(1)")
    result = publish(library, show, HOSTS, now=NOW)
    html = " ".join(c.value for c in feedparser.parse(result.feed.read_bytes()).entries[0].content)
    assert "Fast Inference from Transformers" in html
    assert "javascript:" not in html


def test_broken_episodes_are_skipped_never_published_with_a_dead_enclosure(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    good = make_episode("Good")
    no_audio = make_episode("No audio")
    (library.dir(no_audio).path / "episode.mp3").unlink()
    bad_notes = make_episode("Bad notes")
    (library.dir(bad_notes).path / "shownotes.json").write_text("{not json")
    failed = make_episode("Failed", status="failed")
    unvoiced = make_episode("Not voiced", status="scripted")

    result = publish(library, show, HOSTS, now=NOW)

    assert result.published == [good]
    reasons = dict(result.skipped)
    assert set(reasons) == {no_audio, bad_notes, failed, unvoiced}
    assert "episode.mp3 is missing" in reasons[no_audio]
    assert "shownotes.json is unreadable" in reasons[bad_notes]
    assert "failed" in reasons[failed]
    assert "not voiced yet" in reasons[unvoiced]
    entries = feedparser.parse(result.feed.read_bytes()).entries
    assert [e.title for e in entries] == ["Good"]
    for entry in entries:
        assert site_file(result, entry.enclosures[0].href).is_file()
    assert not (result.site / "episodes" / no_audio).exists()


def test_publishing_marks_episodes_published(library: Library, published: PublishResult) -> None:
    assert {library.get(slug).status for slug in published.published} == {"published"}


def test_an_empty_show_still_has_a_valid_feed_and_page(library: Library, show: ShowConfig) -> None:
    result = publish(library, show, HOSTS, now=NOW)
    feed = feedparser.parse(result.feed.read_bytes())
    assert not feed.bozo and feed.entries == []
    assert "No episodes yet." in (result.site / "index.html").read_text()
