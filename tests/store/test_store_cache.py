"""The episode folder's stage cache: reuse exactly when the inputs are the same."""

from __future__ import annotations

import json
import stat

import pytest

from paperdive.models import SCHEMA_VERSION, ChapterHeading, Script, Turn
from paperdive.store import EpisodeDir, atomic_write_bytes, content_hash


def make_script(text: str) -> Script:
    return Script(
        title="t",
        format="brief",
        hosts={"explainer": "Nora", "skeptic": "Theo"},
        chapters=[ChapterHeading(title="c")],
        turns=[Turn(host="explainer", text=text, chapter=0)],
    )


@pytest.fixture
def episode(tmp_path):
    return EpisodeDir(tmp_path / "ep")


def test_same_inputs_reuse_the_artifact_and_new_inputs_rebuild_it(episode):
    builds = []

    def build(text):
        builds.append(text)
        return make_script(text)

    first = episode.cached("script", Script, content_hash("a"), lambda: build("one"))
    again = episode.cached("script", Script, content_hash("a"), lambda: build("two"))
    changed = episode.cached("script", Script, content_hash("b"), lambda: build("three"))
    assert builds == ["one", "three"]
    assert again == first and changed.turns[0].text == "three"


def test_an_artifact_from_an_older_schema_is_rebuilt(episode):
    episode.cached("script", Script, "k", lambda: make_script("old"))
    path = episode.file("script.json")
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "schema_version": SCHEMA_VERSION - 1}))
    rebuilt = episode.cached("script", Script, "k", lambda: make_script("new"))
    assert rebuilt.turns[0].text == "new"


def test_a_corrupt_artifact_is_rebuilt(episode):
    episode.cached("script", Script, "k", lambda: make_script("old"))
    episode.file("script.json").write_text("{not json")
    assert episode.cached("script", Script, "k", lambda: make_script("new")).turns[0].text == "new"


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path):
    target = tmp_path / "feed.xml"
    atomic_write_bytes(target, b"old")

    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_file_inputs_are_hashed_by_content(tmp_path):
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"one")
    before = content_hash(pdf)
    pdf.write_bytes(b"two")
    assert content_hash(pdf) != before
