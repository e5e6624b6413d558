"""The single-stage commands leave an episode exactly as `paperdive episode` would."""

from __future__ import annotations

import json
import shutil

import pytest
from cli_helpers import paperdive

from paperdive.config import Settings
from paperdive.episode import _slug_seed, open_episode
from paperdive.errors import PaperdiveError
from paperdive.models import Paper
from paperdive.sample import sample_pdf


@pytest.fixture
def paper_pdf(tmp_path):
    target = tmp_path / "paper.pdf"
    shutil.copy(sample_pdf(), target)
    return target


def test_a_signed_url_never_reaches_the_slug():
    seed = _slug_seed(
        ["https://cdn.example.org/p/paper.pdf?X-Amz-Signature=abc123"], "deep-dive", "deep-dive"
    )
    assert seed == "paper"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--voices", "bogus"], "unknown voice preset 'bogus'"),
        (["--llm", "bogus"], "unknown llm 'bogus'"),
    ],
)
def test_bad_settings_stop_before_an_episode_is_created(tmp_path, paper_pdf, args, words):
    result = paperdive("script", str(paper_pdf), *args, cwd=tmp_path)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert words in line
    assert not list((tmp_path / "show" / "episodes").glob("*"))


def test_the_same_file_named_two_ways_is_one_episode(tmp_path, paper_pdf, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings(library=tmp_path / "show")
    first = open_episode(settings, ["paper.pdf"])
    second = open_episode(settings, [f"./{paper_pdf.name}"])
    third = open_episode(settings, [str(paper_pdf)])
    assert first.info.slug == second.info.slug == third.info.slug == "paper"
    brief = open_episode(settings, ["paper.pdf"], "brief")
    assert brief.info.slug == "paper-brief"


@pytest.mark.slow
def test_script_voice_publish_publishes_and_a_rerun_keeps_it_published(tmp_path, paper_pdf):
    fast = ["--voices", "fast"]
    assert (
        paperdive(
            "script", str(paper_pdf), "-f", "brief", "-m", "1", *fast, cwd=tmp_path
        ).returncode
        == 0
    )
    folder = tmp_path / "show" / "episodes" / "paper-brief-1min"
    result = paperdive("voice", str(folder), *fast, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "flagged" in result.stdout
    result = paperdive("publish", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 episodes")
    assert (tmp_path / "show" / "site" / "episodes" / "paper-brief-1min" / "index.html").is_file()

    again = paperdive("script", str(paper_pdf), "-f", "brief", "-m", "1", *fast, cwd=tmp_path)
    assert again.returncode == 0
    assert json.loads((folder / "episode.json").read_text())["status"] == "published"
    assert paperdive("publish", cwd=tmp_path).stdout.startswith("1 episodes")


def test_two_lengths_are_two_episodes_and_the_default_is_the_formats(tmp_path, paper_pdf):
    settings = Settings(library=tmp_path / "show")
    brief = open_episode(settings, [str(paper_pdf)], "brief")
    assert (brief.info.slug, brief.minutes) == ("paper-brief", 5.0)
    assert open_episode(settings, [str(paper_pdf)], "brief", 5).info.slug == "paper-brief"
    longer = open_episode(settings, [str(paper_pdf)], "brief", 10)
    assert (longer.info.slug, longer.minutes) == ("paper-brief-10min", 10.0)
    assert open_episode(settings, [str(paper_pdf)], "brief", 10.0).info == longer.info


def test_an_episode_made_before_lengths_counted_is_found_at_the_old_default(tmp_path, paper_pdf):
    settings = Settings(library=tmp_path / "show")
    made = open_episode(settings, [str(paper_pdf)], "brief", 25)
    legacy = made.info.model_copy(update={"minutes": None})
    made.library.save(legacy)
    assert open_episode(settings, [str(paper_pdf)], "brief", 25).info == legacy
    assert open_episode(settings, [str(paper_pdf)], "brief").info.slug == "paper-brief"


def test_a_replaced_pdf_is_read_again(tmp_path, paper_pdf, shared_papers):
    other = next(iter(shared_papers.values()))["path"]
    settings = Settings(library=tmp_path / "show")
    from paperdive.episode import ingest_stage

    (before,) = ingest_stage(open_episode(settings, [str(paper_pdf)]))
    shutil.copy(other, paper_pdf)
    (after,) = ingest_stage(open_episode(settings, [str(paper_pdf)]))
    assert before.title != after.title


def test_a_source_url_links_a_local_pdf_and_a_new_one_reads_it_again(tmp_path, paper_pdf):
    from paperdive.episode import ingest_stage

    settings = Settings(library=tmp_path / "show")
    (paper,) = ingest_stage(open_episode(settings, [str(paper_pdf)]))
    assert paper.url is None
    link = "https://reader:pw@papers.example.org/sample.pdf?token=abc"
    (paper,) = ingest_stage(open_episode(settings, [str(paper_pdf)]), source_url=link)
    assert paper.url == "https://papers.example.org/sample.pdf"
    again = open_episode(settings, [str(paper_pdf)])
    assert again.episode.load("paper", Paper).url == "https://papers.example.org/sample.pdf"


def test_a_source_url_is_refused_for_a_digest(tmp_path, paper_pdf):
    from paperdive.episode import ingest_stage

    other = tmp_path / "other.pdf"
    shutil.copy(paper_pdf, other)
    settings = Settings(library=tmp_path / "show")
    opened = open_episode(settings, [str(paper_pdf), str(other)])
    with pytest.raises(PaperdiveError, match="one source only"):
        ingest_stage(opened, source_url="https://papers.example.org/a.pdf")
