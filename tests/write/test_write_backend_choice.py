"""Choosing a backend: clear one-line errors, and no key needed for a finished episode."""

from __future__ import annotations

import importlib.util

import pytest
from write_helpers import FakeLLM

from paperdive.errors import LLMError
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
