"""The show library: slugs that stay inside the folder, the index, and newest-first listing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paperdive.errors import LibraryError
from paperdive.library import SLUG_PATTERN, Library
from paperdive.models import EpisodeInfo, Paper


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "show")


def info(slug: str, created: datetime, **extra: object) -> EpisodeInfo:
    return EpisodeInfo(
        slug=slug, kind="deep-dive", format="deep-dive", sources=["x"], created=created, **extra
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Attention Is All You Need", "attention-is-all-you-need"),
        ("Über naïve café", "uber-naive-cafe"),
        ("注意力机制", "zhu-yi-li-ji-zhi"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c\x00d", "a-b-c-d"),
        ("🚀🚀", "episode"),
        ("", "episode"),
    ],
)
def test_slug_for_makes_readable_folder_names(library: Library, title: str, slug: str) -> None:
    assert library.slug_for(title) == slug


# slug_for only reads the library, so one library can serve every example.
@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text())
def test_slug_for_never_leaves_the_episodes_folder(library: Library, title: str) -> None:
    slug = library.slug_for(title)
    assert SLUG_PATTERN.fullmatch(slug)
    assert library.dir(slug).path.parent == library.episodes_root


def test_slug_for_skips_slugs_in_use(library: Library) -> None:
    first = library.slug_for("Same Title")
    library.create(info(first, datetime(2026, 1, 1, tzinfo=UTC)))
    second = library.slug_for("Same Title")
    library.create(info(second, datetime(2026, 1, 2, tzinfo=UTC)))
    assert (first, second, library.slug_for("Same Title")) == (
        "same-title",
        "same-title-2",
        "same-title-3",
    )


def test_create_then_get_round_trips_and_writes_episode_json(library: Library) -> None:
    created = info("a-paper", datetime(2026, 5, 1, 12, tzinfo=UTC), title="A paper")
    folder = library.create(created)
    assert (folder.path / "episode.json").is_file()
    assert library.get("a-paper") == created


def test_create_refuses_an_existing_slug(library: Library) -> None:
    library.create(info("taken", datetime(2026, 5, 1, tzinfo=UTC)))
    with pytest.raises(LibraryError, match="already exists"):
        library.create(info("taken", datetime(2026, 5, 2, tzinfo=UTC)))


@pytest.mark.parametrize("slug", ["../escape", "a/b", "", "UPPER", "x\x00", ".hidden", "-lead"])
def test_unsafe_slugs_are_refused(library: Library, slug: str) -> None:
    with pytest.raises(LibraryError, match="invalid episode slug"):
        library.dir(slug)
    with pytest.raises(LibraryError):
        library.get(slug)


def test_get_rejects_an_episode_json_naming_another_slug(library: Library) -> None:
    folder = library.create(info("honest", datetime(2026, 5, 1, tzinfo=UTC)))
    (folder.path / "episode.json").write_text(
        info("honest", datetime(2026, 5, 1, tzinfo=UTC))
        .model_copy(update={"slug": "../x"})
        .model_dump_json()
    )
    with pytest.raises(LibraryError, match="holds an episode.json for"):
        library.get("honest")
    assert library.episodes() == []


def test_episodes_are_listed_newest_first(library: Library) -> None:
    for slug, day in [("middle", 2), ("oldest", 1), ("newest", 3)]:
        library.create(info(slug, datetime(2026, 5, day, tzinfo=UTC)))
    assert [e.slug for e in library.episodes()] == ["newest", "middle", "oldest"]


def test_save_updates_the_json_and_the_index(library: Library) -> None:
    library.create(info("ep", datetime(2026, 5, 1, tzinfo=UTC)))
    library.save(info("ep", datetime(2026, 5, 1, tzinfo=UTC), status="failed", error="no audio"))
    assert library.get("ep").status == "failed"
    with sqlite3.connect(library.index_path) as db:
        row = db.execute("SELECT status, error FROM episodes WHERE slug = 'ep'").fetchone()
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert row == ("failed", "no audio")
    assert mode == "wal"


def test_save_of_an_unknown_episode_is_an_error(library: Library) -> None:
    with pytest.raises(LibraryError, match="does not exist"):
        library.save(info("ghost", datetime(2026, 5, 1, tzinfo=UTC)))


def test_add_papers_indexes_each_source_once(library: Library) -> None:
    library.create(info("digest", datetime(2026, 5, 1, tzinfo=UTC)))
    paper = Paper(
        source="2401.00001",
        source_kind="arxiv",
        title="First",
        arxiv_id="2401.00001",
        url="https://arxiv.org/abs/2401.00001",
        published=date(2024, 1, 1),
    )
    library.add_papers(
        "digest", [paper, paper.model_copy(update={"source": "b.pdf", "title": "B"})]
    )
    library.add_papers("digest", [paper.model_copy(update={"title": "First, revised"})])
    assert library.papers("digest") == [
        ("b.pdf", "B", "https://arxiv.org/abs/2401.00001"),
        ("2401.00001", "First, revised", "https://arxiv.org/abs/2401.00001"),
    ]
    with pytest.raises(LibraryError, match="no episode"):
        library.add_papers("missing", [paper])


def test_a_library_reopens_with_its_index(tmp_path: Path) -> None:
    Library(tmp_path).create(info("kept", datetime(2026, 5, 1, tzinfo=UTC)))
    assert [e.slug for e in Library(tmp_path).episodes()] == ["kept"]


def test_a_lost_index_is_rebuilt_from_the_episode_folders(library: Library) -> None:
    created = datetime(2026, 5, 1, tzinfo=UTC)
    folder = library.create(info("kept", created, title="Kept"))
    folder.save("paper", Paper(source="2401.00001", source_kind="arxiv", title="A paper"))
    library.add_papers("kept", [folder.load("paper", Paper)])
    library.index_path.unlink()
    again = Library(library.root)
    assert again.get("kept") == info("kept", created, title="Kept")
    assert again.papers("kept") == [("2401.00001", "A paper", None)]


def test_an_unreadable_episode_json_is_read_from_the_index_and_restored(
    library: Library,
) -> None:
    created = datetime(2026, 5, 1, tzinfo=UTC)
    folder = library.create(info("kept", created).model_copy(update={"sources": ["a.pdf"]}))
    (folder.path / "episode.json").write_text("{not json")
    assert library.get("kept").sources == ["a.pdf"]
    assert folder.load("episode", EpisodeInfo) == library.get("kept")  # whole again
    (folder.path / "episode.json").write_text("{not json")
    assert library.find(["a.pdf"], "deep-dive", 25.0) == library.get("kept")
    (folder.path / "episode.json").unlink()
    assert [e.slug for e in library.episodes()] == ["kept"]


def test_a_damaged_index_is_one_line_naming_it(library: Library) -> None:
    library.create(info("kept", datetime(2026, 5, 1, tzinfo=UTC)))
    library.index_path.write_bytes(b"\x00garbage" * 512)
    with pytest.raises(LibraryError, match="library.sqlite is damaged .* move it aside"):
        Library(library.root).slugs()


def test_the_site_is_swapped_whole_and_old_builds_go(library: Library) -> None:
    for version in ("one", "two"):
        with library.new_site() as staging:
            (staging / "feed.xml").write_text(version)
    assert library.site.is_symlink() and (library.site / "feed.xml").read_text() == "two"
    builds = [p for p in library.root.iterdir() if p.name.startswith(".site-")]
    assert builds == [library.site.resolve()]
    with pytest.raises(RuntimeError), library.new_site() as staging:
        (staging / "feed.xml").write_text("three")
        raise RuntimeError("the build failed")
    assert (library.site / "feed.xml").read_text() == "two"
    assert [p for p in library.root.iterdir() if p.name.startswith(".site-")] == builds
