"""OpenAI text-to-speech (`/v1/audio/speech`, raw 24 kHz PCM). It gives no word timings."""

from __future__ import annotations

import os

import httpx2
from tenacity.wait import WaitBaseT

from paperdive.errors import VoiceError
from paperdive.tts.base import Synthesis
from paperdive.tts.http import DEFAULT_WAIT, api_key, pcm16_to_float, post

KEY_VARIABLE = "OPENAI_API_KEY"
SAMPLE_RATE = 24000
MODEL = "gpt-4o-mini-tts"


class OpenAIEngine:
    name = "openai"

    def __init__(
        self,
        *,
        model: str = MODEL,
        base_url: str | None = None,
        client: httpx2.Client | None = None,
        retry_wait: WaitBaseT = DEFAULT_WAIT,
    ) -> None:
        self.model = model
        self.version = f"openai/{model}"
        self._base_url = (
            base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        ).rstrip("/")
        self._client = client or httpx2.Client()
        self._wait = retry_wait

    def voices(self) -> list[str]:
        return [
            "alloy",
            "ash",
            "ballad",
            "coral",
            "echo",
            "fable",
            "nova",
            "onyx",
            "sage",
            "shimmer",
        ]

    def synthesize(self, text: str, voice: str) -> Synthesis:
        key = api_key(KEY_VARIABLE, "OpenAI")
        response = post(
            self._client,
            f"{self._base_url}/audio/speech",
            service="OpenAI",
            key_variable=KEY_VARIABLE,
            headers={"Authorization": f"Bearer {key}"},
            json={"model": self.model, "input": text, "voice": voice, "response_format": "pcm"},
            wait=self._wait,
        )
        if not response.content:
            raise VoiceError("OpenAI returned an empty audio response")
        return Synthesis(pcm16_to_float(response.content), SAMPLE_RATE)
