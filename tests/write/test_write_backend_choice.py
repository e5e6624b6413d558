"""Choosing a backend: clear one-line errors, and no key needed for a finished episode."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from write_helpers import FakeLLM

from paperdive.errors import LLMError
from paperdive.llm.base import backend_defaults
from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import write_script


def test_missing_api_key_stops_before_any_stage(
    paper: Paper, episode: EpisodeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(LLMError, match="^ANTHROPIC_API_KEY is not set"):
        write_script([paper], episode, llm="anthropic")
    assert not episode.has("notes")


def test_a_finished_episode_reloads_without_a_key(
    paper: Paper, episode: EpisodeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = write_script([paper], episode, llm="anthropic:x", client=FakeLLM(paper))
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    assert write_script([paper], episode, llm="anthropic:x").script == written.script


@pytest.mark.skipif(
    importlib.util.find_spec("llama_cpp") is not None, reason="llama-cpp-python is installed"
)
def test_local_rephrasing_without_llama_cpp_says_what_to_install(
    paper: Paper, episode: EpisodeDir
) -> None:
    with pytest.raises(LLMError, match=r"pip install 'paperdive\[local-llm\]'"):
        write_script([paper], episode, llm="extractive+local")


def test_naming_the_default_model_reuses_the_stages(paper: Paper, episode: EpisodeDir) -> None:
    fake = FakeLLM(paper)
    write_script([paper], episode, llm="anthropic", client=fake)
    fake.calls.clear()
    default = backend_defaults("anthropic")["model"]
    write_script([paper], episode, llm=f"anthropic:{default}", client=fake)
    assert not fake.calls


def test_a_local_model_is_known_by_its_content(
    paper: Paper, episode: EpisodeDir, tmp_path: Path
) -> None:
    first, moved = tmp_path / "a.gguf", tmp_path / "b.gguf"
    first.write_bytes(b"weights")
    moved.write_bytes(b"weights")
    fake = FakeLLM(paper)
    write_script([paper], episode, llm=f"local:{first}", client=fake)
    fake.calls.clear()
    write_script([paper], episode, llm=f"local:{moved}", client=fake)
    assert not fake.calls
    moved.write_bytes(b"other weights")
    write_script([paper], episode, llm=f"local:{moved}", client=fake)
    assert fake.calls["notes"] == 1
