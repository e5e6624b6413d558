"""The static site: show page, episode pages, their files, escaping and the atomic rebuild."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import html
from PIL import Image
from publish_episodes import HOSTILE_TITLE, HOSTS, NOW, EpisodeFactory

from paperdive.config import ShowConfig
from paperdive.errors import ConfigError, PublishError
from paperdive.library import Library
from paperdive.models import Paper, ShowNotes
from paperdive.publishing import PublishResult, publish

DEEP_DIVE = "how-deepseek-made-one-user-faster"
DIGEST = "decoding-digest"


def page(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def builds(site: Path) -> list[str]:
    """The site builds beside `site` (only the one it points to should be there)."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}-"))


def texts(root: html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(el.text_content().split()) for el in root.xpath(xpath)]


def test_show_page_lists_episodes_newest_first_with_age_and_length(
    published: PublishResult,
) -> None:
    index = page(published.site / "index.html")
    assert texts(index, "//h1") == ["Paperdive: AI Papers, Read Closely"]
    assert texts(index, "//li[@class='episode-card']//h3") == [
        "How DeepSeek Made One User Faster",
        "Decoding digest",
    ]
    assert index.xpath("//li[@class='episode-card']//h3/a/@href") == [
        f"episodes/{DEEP_DIVE}/index.html",
        f"episodes/{DIGEST}/index.html",
    ]
    ages = index.xpath("//li[@class='episode-card']//time")
    assert [t.text for t in ages] == ["9 hr ago", "2 days ago"]
    assert ages[0].get("datetime") == "2026-06-27T09:00:00Z"
    assert "1 min" in texts(index, "//li[@class='episode-card']//p[@class='meta']")[0]
    assert "Nora" in texts(index, "//section[@id='about']")[0]


def test_a_generated_cover_is_a_square_png(published: PublishResult) -> None:
    with Image.open(published.site / "cover.png") as cover:
        assert (cover.format, cover.size) == ("PNG", (1400, 1400))


def test_a_configured_cover_is_used(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory, tmp_path: Path
) -> None:
    make_episode()
    art = tmp_path / "art.jpg"
    Image.new("RGB", (1500, 1500), "teal").save(art)
    result = publish(library, show.model_copy(update={"cover": art}), HOSTS, now=NOW)
    assert (result.site / "cover.jpg").read_bytes() == art.read_bytes()
    assert page(result.site / "index.html").xpath("//img[@class='cover']/@src") == ["cover.jpg"]


@pytest.mark.parametrize("content", [None, b"not an image"])
def test_a_missing_or_broken_cover_is_a_clear_error(
    library: Library, show: ShowConfig, tmp_path: Path, content: bytes | None
) -> None:
    art = tmp_path / "art.png"
    if content is not None:
        art.write_bytes(content)
    with pytest.raises(ConfigError, match="show cover"):
        publish(library, show.model_copy(update={"cover": art}), HOSTS, now=NOW)


@pytest.mark.parametrize(
    ("size", "kind", "problem"),
    [
        ((300, 200), "JPEG", "300×200 px"),
        ((1400, 1500), "PNG", "square"),
        ((3200, 3200), "PNG", "3000"),
    ],
)
def test_a_cover_apple_would_reject_is_refused(
    library: Library,
    show: ShowConfig,
    tmp_path: Path,
    size: tuple[int, int],
    kind: str,
    problem: str,
) -> None:
    art = tmp_path / f"art.{kind.lower()}"
    Image.new("RGB", size, "teal").save(art, format=kind)
    with pytest.raises(ConfigError, match=problem):
        publish(library, show.model_copy(update={"cover": art}), HOSTS, now=NOW)
    assert not library.site.exists()


@pytest.mark.parametrize(("mode", "kind"), [("CMYK", "JPEG"), ("RGBA", "PNG"), ("P", "PNG")])
def test_a_cover_in_another_colour_mode_is_published_in_rgb(
    library: Library, show: ShowConfig, tmp_path: Path, mode: str, kind: str
) -> None:
    art = tmp_path / f"art.{kind.lower()}"
    Image.new(mode, (1400, 1400)).save(art, format=kind)
    result = publish(library, show.model_copy(update={"cover": art}), HOSTS, now=NOW)
    with Image.open(result.site / f"cover.{'png' if kind == 'PNG' else 'jpg'}") as cover:
        assert (cover.format, cover.mode, cover.size) == (kind, "RGB", (1400, 1400))


def test_episode_page_has_notes_player_and_chapters(published: PublishResult) -> None:
    folder = published.site / "episodes" / DEEP_DIVE
    doc = page(folder / "index.html")
    assert texts(doc, "//h1") == ["How DeepSeek Made One User Faster"]
    assert doc.xpath("//dd/a/@href") == ["https://arxiv.org/abs/2606.01234"] * 2
    facts = dict(zip(texts(doc, "//dl/dt"), texts(doc, "//dl/dd"), strict=True))
    assert facts["Paper"] == "How DeepSeek Made One User Faster"
    assert "2026-06-26" in texts(doc, "//dl[@class='facts']")[0]
    assert "AI-generated" in texts(doc, "//p[@class='disclosure']")[0]
    assert texts(doc, "//p[@class='hook']") == [
        "A drafter that guesses blind beats the careful one."
    ]
    assert texts(doc, "//section[@aria-labelledby='takeaways-title']//li")[0] == (
        "Position-one accuracy carries the most leverage."
    )
    assert texts(doc, "//ol[@class='chapters']/li/button") == ["00:00", "00:07"]
    assert doc.xpath("//ol[@class='chapters']/li/button/@data-seek") == ["0.0", "7.6"]
    assert doc.xpath("//ul[@class='readings']//a/@href") == ["https://arxiv.org/abs/2211.17192"]
    (audio,) = doc.xpath("//audio")
    assert audio.get("src") == "episode.mp3"
    assert audio.xpath("track/@kind") == ["captions"]
    for name in ["episode.mp3", "transcript.vtt", "transcript.srt", "transcript.json"]:
        assert (folder / name).is_file(), name
    chapters = json.loads((folder / "chapters.json").read_text())
    assert [c["startTime"] for c in chapters["chapters"]] == [0.0, 7.6]


def test_a_local_pdf_episode_names_its_paper_without_a_link(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    slug = make_episode("Reading a local PDF")
    folder = library.dir(slug)
    notes = folder.load("shownotes", ShowNotes)
    folder.save("shownotes", notes.model_copy(update={"source_url": None}))
    paper = Paper(
        source="/home/me/papers/draft.pdf",
        source_kind="local_pdf",
        title="Draft: Sparse Attention at Scale",
        authors=["Ada Lovelace"],
    )
    folder.save("paper", paper)
    result = publish(library, show, HOSTS, now=NOW)
    doc = page(result.site / "episodes" / slug / "index.html")
    facts = dict(zip(texts(doc, "//dl/dt"), texts(doc, "//dl/dd"), strict=True))
    assert facts["Paper"] == "Draft: Sparse Attention at Scale"
    assert "Source" not in facts and doc.xpath("//dl//a") == []
    assert "/home/me" not in (result.site / "episodes" / slug / "index.html").read_text()
    (entry,) = feedparser.parse(result.feed.read_bytes()).entries
    notes_html = " ".join(c.value for c in entry.content)
    assert "Paper: Draft: Sparse Attention at Scale, by Ada Lovelace" in notes_html
    assert "Source:" not in notes_html


def test_transcript_groups_timed_words_by_turn_with_the_host(published: PublishResult) -> None:
    doc = page(published.site / "episodes" / DEEP_DIVE / "index.html")
    assert texts(doc, "//div[@data-transcript]/div/p[@class='speaker']") == [
        "Nora",
        "Theo",
        "Nora",
        "Theo",
    ]
    assert texts(doc, "//div[@data-transcript]/h3") == [
        "Why decoding is slow",
        "What the numbers show",
    ]
    assert (
        doc.xpath("//div[@data-transcript]/h3[2]/following-sibling::div[1]//span/@data-start")[0]
        == "7.6"
    )
    words = doc.xpath("//span[@class='w']")
    assert words[0].text == "Speculative" and words[0].get("data-start") == "0.2"
    assert texts(doc, "//div[@data-transcript]/div[2]/p[@class='words']") == [
        "So what does the paper claim it buys us?"
    ]


def test_without_word_timings_the_script_is_the_transcript(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    slug = make_episode(with_words=False)
    doc = page(publish(library, show, HOSTS, now=NOW).site / "episodes" / slug / "index.html")
    assert doc.xpath("//span[@class='w']") == []
    assert texts(doc, "//div[@class='transcript']/div[2]/p[@class='words']") == [
        "So what does the paper claim it buys us?"
    ]


def test_digest_page_names_the_authors_of_every_paper(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    slug = make_episode("Decoding digest", kind="digest")
    folder = library.dir(slug)
    folder.file("paper.json").unlink()
    for name, source, authors in [
        ("paper-01", "2606.00001", ["Grace Hopper"]),
        ("paper-02", "2606.00002", ["Edsger Dijkstra", "Barbara Liskov"]),
    ]:
        paper = Paper(source=source, source_kind="arxiv", title=source, authors=authors)
        folder.save(name, paper)
    doc = page(publish(library, show, HOSTS, now=NOW).site / "episodes" / slug / "index.html")
    facts = dict(
        zip(
            texts(doc, "//dl[@class='facts']/dt"),
            texts(doc, "//dl[@class='facts']/dd"),
            strict=True,
        )
    )
    assert facts["Authors"] == "Grace Hopper, Edsger Dijkstra, Barbara Liskov"


def test_digest_page_lists_every_paper(published: PublishResult) -> None:
    doc = page(published.site / "episodes" / DIGEST / "index.html")
    papers = doc.xpath("//ol[@class='papers']//a")
    assert [(a.text, a.get("href")) for a in papers] == [
        ("Paper One", "https://arxiv.org/abs/2606.00001"),
        ("Paper Two", "https://arxiv.org/abs/2606.00002"),
    ]
    assert "Two papers on faster decoding." in texts(doc, "//section")[1]


def test_pages_load_nothing_from_other_hosts(published: PublishResult) -> None:
    for path in published.site.rglob("*.html"):
        doc = page(path)
        for url in doc.xpath(
            "//script/@src | //link/@href | //img/@src | //audio/@src | //track/@src"
        ):
            assert "//" not in url and not url.startswith("/"), (path, url)
            assert (path.parent / url.split("#")[0]).is_file(), (path, url)
        for url in doc.xpath("//a/@href"):
            if not url.startswith(("http://", "https://", "#")):
                assert (path.parent / url.split("#")[0]).is_file(), (path, url)


def test_hostile_text_is_escaped_and_the_player_json_stays_intact(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    slug = make_episode(HOSTILE_TITLE, reading_url="javascript:alert(1)")
    folder = library.dir(slug)
    notes = folder.load("shownotes", ShowNotes)
    notes.chapters[0].title = "Intro </script><script>alert(1)</script>"
    folder.save("shownotes", notes)

    result = publish(library, show, HOSTS, now=NOW)

    for path in [result.site / "index.html", result.site / "episodes" / slug / "index.html"]:
        doc = page(path)
        assert doc.xpath("//script[not(@src)][not(@type='application/json')]") == []
        assert len(doc.xpath("//script[@src]")) == len(doc.xpath("//script")) - len(
            doc.xpath("//script[@type='application/json']")
        )
    doc = page(result.site / "episodes" / slug / "index.html")
    assert texts(doc, "//h1") == [" ".join(HOSTILE_TITLE.split())]
    (data,) = doc.xpath("//script[@id='player-data']")
    assert json.loads(data.text)["chapters"][0]["title"] == notes.chapters[0].title
    assert doc.xpath("//ul[@class='readings']//a") == []
    assert "Fast Inference from Transformers" in texts(doc, "//ul[@class='readings']")[0]


def test_a_failed_build_leaves_the_previous_site_in_place(
    library: Library,
    show: ShowConfig,
    published: PublishResult,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = published.feed.read_bytes()

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr("paperdive.publishing.build.render_feed", broken)
    with pytest.raises(RuntimeError):
        publish(library, show, HOSTS, now=datetime(2026, 7, 1, tzinfo=UTC))
    assert published.feed.read_bytes() == before
    assert builds(published.site) == [published.site.resolve().name]


def test_a_rebuild_replaces_the_site_and_drops_removed_episodes(
    library: Library, show: ShowConfig, published: PublishResult
) -> None:
    (library.dir(DIGEST).path / "episode.mp3").unlink()
    result = publish(library, show, HOSTS, now=NOW)
    assert result.published == [DEEP_DIVE]
    assert not (result.site / "episodes" / DIGEST).exists()
    assert builds(result.site) == [result.site.resolve().name]


def test_the_site_goes_where_asked(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory, tmp_path: Path
) -> None:
    make_episode()
    result = publish(library, show, HOSTS, site_dir=tmp_path / "public", now=NOW)
    assert result.site == tmp_path / "public"
    assert result.feed == tmp_path / "public" / "feed.xml"
    assert (result.site / "index.html").is_file()


def test_a_base_url_must_be_http(library: Library, show: ShowConfig) -> None:
    with pytest.raises(PublishError, match="base URL"):
        publish(library, show, HOSTS, base_url="ftp://example.org", now=NOW)


def test_chapters_json_is_rebuilt_from_the_audio_chapters_when_missing(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    slug = make_episode()
    (library.dir(slug).path / "chapters.json").unlink()
    result = publish(library, show, HOSTS, now=NOW)
    chapters = json.loads((result.site / "episodes" / slug / "chapters.json").read_text())
    assert chapters == {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 0.0, "title": "Why decoding is slow"},
            {"startTime": 7.6, "title": "What the numbers show"},
        ],
    }


def test_every_published_file_is_readable_by_a_web_server(
    library: Library, show: ShowConfig, make_episode: EpisodeFactory
) -> None:
    slug = make_episode()
    for path in library.dir(slug).path.iterdir():
        path.chmod(0o600)  # as the stages' atomic writes leave them
    result = publish(library, show, HOSTS, now=NOW)
    for path in [result.site, *result.site.rglob("*")]:
        assert path.stat().st_mode & 0o004, path


def test_pages_have_landmarks_labels_and_alt_text(published: PublishResult) -> None:
    for path in published.site.rglob("*.html"):
        doc = page(path)
        assert doc.get("lang") == "en", path
        for landmark in ["//header", "//nav[@aria-label]", "//main[@id='content']", "//footer"]:
            assert doc.xpath(landmark), (path, landmark)
        assert doc.xpath("//a[@class='skip']/@href") == ["#content"]
        assert all(img.get("alt") is not None for img in doc.xpath("//img")), path
        for control in doc.xpath("//button | //audio"):
            assert control.get("aria-label") or control.text_content().strip(), path
        for section in doc.xpath("//section[@aria-labelledby]"):
            assert doc.xpath(f"//*[@id='{section.get('aria-labelledby')}']"), path
