"""ElevenLabs and OpenAI backends against recorded-shape HTTP exchanges (no network)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx2
import numpy as np
import pytest
from tenacity import wait_fixed, wait_none

from paperdive.errors import VoiceError
from paperdive.tts.elevenlabs import ElevenLabsEngine
from paperdive.tts.http import post
from paperdive.tts.openai import OpenAIEngine

SECRET = "sk-test-do-not-leak-1234"
RATE = 24000


def pcm(seconds: float = 0.5) -> bytes:
    t = np.arange(int(seconds * RATE)) / RATE
    return (np.sin(2 * np.pi * 200 * t) * 16000).astype("<i2").tobytes()


def elevenlabs_body(text: str) -> dict:
    """The documented shape of POST /v1/text-to-speech/{voice}/with-timestamps."""
    chars = list(text)
    return {
        "audio_base64": base64.b64encode(pcm()).decode(),
        "alignment": {
            "characters": chars,
            "character_start_times_seconds": [i * 0.05 for i in range(len(chars))],
            "character_end_times_seconds": [(i + 1) * 0.05 for i in range(len(chars))],
        },
        "normalized_alignment": None,
    }


Handler = Callable[[httpx2.Request], httpx2.Response]


def recording(responses: list[httpx2.Response]) -> tuple[Handler, list[httpx2.Request]]:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return responses[min(len(seen), len(responses)) - 1]

    return handler, seen


def elevenlabs(handler: Handler) -> ElevenLabsEngine:
    client = httpx2.Client(transport=httpx2.MockTransport(handler))
    return ElevenLabsEngine(client=client, retry_wait=wait_none())


def openai(handler: Handler) -> OpenAIEngine:
    client = httpx2.Client(transport=httpx2.MockTransport(handler))
    return OpenAIEngine(client=client, retry_wait=wait_none())


@pytest.fixture(autouse=True)
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ELEVENLABS_API_KEY", SECRET)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)


def test_elevenlabs_returns_audio_and_word_times_from_character_times() -> None:
    handler, seen = recording([httpx2.Response(200, json=elevenlabs_body("Hello big world"))])
    result = elevenlabs(handler).synthesize("Hello big world", "voice123")
    request = seen[0]
    assert request.url.path == "/v1/text-to-speech/voice123/with-timestamps"
    assert request.url.params["output_format"] == "pcm_24000"
    assert request.headers["xi-api-key"] == SECRET
    assert json.loads(request.content)["text"] == "Hello big world"
    assert result.sample_rate == RATE and len(result.samples) == RATE // 2
    assert [(w.word, w.start, w.end) for w in result.words] == [
        ("Hello", 0.0, pytest.approx(0.25)),
        ("big", pytest.approx(0.3), pytest.approx(0.45)),
        ("world", pytest.approx(0.5), pytest.approx(0.75)),
    ]


def test_openai_sends_the_voice_and_decodes_pcm() -> None:
    handler, seen = recording([httpx2.Response(200, content=pcm(1.0))])
    result = openai(handler).synthesize("Hello", "onyx")
    body = json.loads(seen[0].content)
    assert seen[0].url == "https://api.openai.com/v1/audio/speech"
    assert seen[0].headers["authorization"] == f"Bearer {SECRET}"
    assert (body["voice"], body["response_format"], body["input"]) == ("onyx", "pcm", "Hello")
    assert len(result.samples) == RATE and result.words is None
    assert np.max(np.abs(result.samples)) == pytest.approx(16000 / 32768, rel=1e-3)


@pytest.mark.parametrize("make", [elevenlabs, openai], ids=["elevenlabs", "openai"])
def test_rate_limits_are_retried(make: Callable[[Handler], object]) -> None:
    ok = (
        httpx2.Response(200, json=elevenlabs_body("Hi"))
        if make is elevenlabs
        else httpx2.Response(200, content=pcm())
    )
    handler, seen = recording([httpx2.Response(429, json={"detail": "slow down"}), ok])
    result = make(handler).synthesize("Hi", "v")
    assert len(seen) == 2 and len(result.samples) > 0


@pytest.mark.parametrize("make", [elevenlabs, openai], ids=["elevenlabs", "openai"])
def test_server_errors_give_up_with_one_line(make: Callable[[Handler], object]) -> None:
    handler, seen = recording([httpx2.Response(500, text="boom")])
    with pytest.raises(VoiceError, match="HTTP 500 after 4 attempts") as error:
        make(handler).synthesize("Hi", "v")
    assert len(seen) == 4
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("make", "variable"),
    [(elevenlabs, "ELEVENLABS_API_KEY"), (openai, "OPENAI_API_KEY")],
    ids=["elevenlabs", "openai"],
)
def test_a_rejected_key_is_named_but_never_shown(
    make: Callable[[Handler], object], variable: str
) -> None:
    echo = {"detail": {"message": f"invalid api key {SECRET}"}}
    handler, seen = recording([httpx2.Response(401, json=echo)])
    with pytest.raises(VoiceError, match=f"rejected the key in {variable}") as error:
        make(handler).synthesize("Hi", "v")
    assert len(seen) == 1  # a bad key is not retried
    assert SECRET not in str(error.value)


def test_a_bad_request_reports_the_service_reason() -> None:
    reply = {"error": {"message": "voice 'zzz' is not supported"}}
    handler, _ = recording([httpx2.Response(400, json=reply)])
    with pytest.raises(VoiceError, match="voice 'zzz' is not supported"):
        openai(handler).synthesize("Hi", "zzz")


@pytest.mark.parametrize(
    ("make", "variable"),
    [(elevenlabs, "ELEVENLABS_API_KEY"), (openai, "OPENAI_API_KEY")],
    ids=["elevenlabs", "openai"],
)
def test_a_missing_key_is_reported_before_any_request(
    make: Callable[[Handler], object], variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(variable)
    handler, seen = recording([httpx2.Response(200)])
    with pytest.raises(VoiceError, match=f"set {variable}"):
        make(handler).synthesize("Hi", "v")
    assert seen == []


def test_elevenlabs_without_audio_is_an_error() -> None:
    handler, _ = recording([httpx2.Response(200, json={"alignment": None})])
    with pytest.raises(VoiceError, match="without audio"):
        elevenlabs(handler).synthesize("Hi", "v")


@pytest.mark.parametrize(
    ("retry_after", "waited"),
    [("7", 7.0), ("3600", 60.0), ("soon", 1.0)],
    ids=["seconds", "capped", "unreadable"],
)
def test_a_rate_limit_waits_as_long_as_the_service_asks(retry_after: str, waited: float) -> None:
    handler, seen = recording(
        [httpx2.Response(429, headers={"Retry-After": retry_after}), httpx2.Response(200)]
    )
    sleeps: list[float] = []
    response = post(
        httpx2.Client(transport=httpx2.MockTransport(handler)),
        "https://tts.example/speak",
        service="Example",
        key_variable="EXAMPLE_API_KEY",
        headers={},
        json={},
        wait=wait_fixed(1),
        sleep=sleeps.append,
    )
    assert response.status_code == 200 and len(seen) == 2
    assert sleeps == [waited]


def test_a_retry_after_date_is_waited_out() -> None:
    later = datetime.now(UTC) + timedelta(seconds=30)
    handler, _ = recording(
        [httpx2.Response(429, headers={"Retry-After": format_datetime(later, usegmt=True)})]
        + [httpx2.Response(200)]
    )
    sleeps: list[float] = []
    post(
        httpx2.Client(transport=httpx2.MockTransport(handler)),
        "https://tts.example/speak",
        service="Example",
        key_variable="EXAMPLE_API_KEY",
        headers={},
        json={},
        sleep=sleeps.append,
    )
    assert sleeps == [pytest.approx(30, abs=2)]
