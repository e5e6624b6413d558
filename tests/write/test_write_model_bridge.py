"""A rehearsal of the live run: the model writer against ../shared/tools/model-bridge (the
local Anthropic-compatible endpoint whose replies are written by hand), with the scripted model
writing each reply from the queued request alone. Skipped when the bridge is absent."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from model_fake import ScriptedModel, kind_of

from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import write_script

BRIDGE = Path(__file__).resolve().parents[3] / "shared" / "tools" / "model-bridge"
PROMPT_START = re.compile(
    r"^(?:CLOSE READING\.|PLAN a|WRITE chapter|FACT-CHECK this|A fact-check of|SHOW NOTES for)",
    re.MULTILINE,
)

pytestmark = pytest.mark.skipif(not BRIDGE.is_file(), reason="../shared/tools/model-bridge absent")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answer_queue(queue: Path, model: ScriptedModel, stop: threading.Event) -> None:
    """Write a reply for each request the bridge queues, as a person would."""
    while not stop.is_set():
        for request in sorted(queue.glob("*.user.txt")):
            reply = request.with_name(request.name.replace(".user.txt", ".reply.txt"))
            if reply.exists():
                continue
            user = request.read_text()
            starts = [m.start() for m in PROMPT_START.finditer(user)]
            time.sleep(0.05)
            if not starts or request.read_text() != user:
                continue  # the bridge is still writing it: a person waits for the whole
            document, prompt = user[: starts[-1]], user[starts[-1] :]
            text = json.dumps(model.answer(kind_of(prompt), prompt, document))
            temporary = reply.with_suffix(".tmp")
            temporary.write_text(text)
            temporary.rename(reply)
        time.sleep(0.1)


@pytest.fixture
def bridge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    queue, port = tmp_path / "queue", free_port()
    server = subprocess.Popen(
        [sys.executable, str(BRIDGE), str(queue), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert "listening" in server.stdout.readline()
        monkeypatch.setenv("ANTHROPIC_BASE_URL", f"http://127.0.0.1:{port}")
        monkeypatch.setenv("ANTHROPIC_API_KEY", "bridge")
        monkeypatch.setenv("PAPERDIVE_LLM_TIMEOUT_S", "600")
        yield queue
    finally:
        server.terminate()
        server.wait(10)


def test_a_brief_episode_through_the_bridge(
    bridge: Path, paper: Paper, episode: EpisodeDir
) -> None:
    stop = threading.Event()
    answerer = threading.Thread(
        target=answer_queue, args=(bridge, ScriptedModel(paper), stop), daemon=True
    )
    answerer.start()
    try:
        written = write_script(
            [paper], episode, format="brief", minutes=3, llm="anthropic:claude-sonnet-5-5"
        )
    finally:
        stop.set()
    assert written.script.models == ["anthropic:claude-sonnet-5-5"]
    assert written.script.turns and written.shownotes.takeaways
    kinds = []
    for request in sorted(bridge.glob("*.user.txt")):
        meta = json.loads(
            request.with_name(request.name.replace("user.txt", "meta.json")).read_text()
        )
        assert meta["model"] == "claude-sonnet-5-5" and meta["endpoint"] == "/v1/messages"
        user = request.read_text()
        kinds.append(kind_of(user[[m.start() for m in PROMPT_START.finditer(user)][-1] :]))
    assert kinds[:2] == ["notes", "plan"] and kinds[-2:] == ["critic", "shownotes"]
    assert set(kinds[2:-2]) == {"chapter"}
    # The paper reached the bridge as the system-adjacent document of the close reading.
    notes_request = sorted(bridge.glob("*.user.txt"))[0].read_text()
    assert notes_request.startswith(f"# {paper.title}")
    usage = json.loads(episode.file("usage.json").read_text())
    assert usage["draft"]["calls"] == kinds.count("chapter") and usage["draft"]["cost_usd"] > 0
