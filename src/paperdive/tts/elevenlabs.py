"""ElevenLabs: the `with-timestamps` endpoint returns PCM plus a start/end time per character."""

from __future__ import annotations

import base64
from typing import Any

import httpx2
from tenacity.wait import WaitBaseT

from paperdive.errors import VoiceError
from paperdive.tts.base import SpokenWord, Synthesis
from paperdive.tts.http import DEFAULT_WAIT, api_key, pcm16_to_float, post

API = "https://api.elevenlabs.io/v1"
KEY_VARIABLE = "ELEVENLABS_API_KEY"
SAMPLE_RATE = 24000
MODEL = "eleven_multilingual_v2"


class ElevenLabsEngine:
    name = "elevenlabs"

    def __init__(
        self,
        *,
        model: str = MODEL,
        client: httpx2.Client | None = None,
        retry_wait: WaitBaseT = DEFAULT_WAIT,
    ) -> None:
        self.model = model
        self.version = f"elevenlabs/{model}"
        self._client = client or httpx2.Client()
        self._wait = retry_wait

    def voices(self) -> list[str]:
        return []  # any voice id of the account

    def synthesize(self, text: str, voice: str) -> Synthesis:
        key = api_key(KEY_VARIABLE, "ElevenLabs")
        response = post(
            self._client,
            f"{API}/text-to-speech/{voice}/with-timestamps?output_format=pcm_{SAMPLE_RATE}",
            service="ElevenLabs",
            key_variable=KEY_VARIABLE,
            headers={"xi-api-key": key, "accept": "application/json"},
            json={"text": text, "model_id": self.model},
            wait=self._wait,
        )
        try:
            body = response.json()
            samples = pcm16_to_float(base64.b64decode(body["audio_base64"]))
            alignment = body.get("alignment") or {}
        except (ValueError, KeyError, TypeError):
            raise VoiceError("ElevenLabs returned a response without audio") from None
        return Synthesis(samples, SAMPLE_RATE, words_from_characters(alignment))


def words_from_characters(alignment: dict[str, Any]) -> list[SpokenWord] | None:
    """Join character timings into word timings (a word is a run of non-space characters)."""
    chars = alignment.get("characters")
    starts = alignment.get("character_start_times_seconds")
    ends = alignment.get("character_end_times_seconds")
    if not chars or not starts or not ends or not len(chars) == len(starts) == len(ends):
        return None
    words: list[SpokenWord] = []
    current, start, end = "", 0.0, 0.0
    for char, char_start, char_end in zip(chars, starts, ends, strict=True):
        if char.isspace():
            if current:
                words.append(SpokenWord(current, start, end))
            current = ""
            continue
        if not current:
            start = float(char_start)
        current += char
        end = float(char_end)
    if current:
        words.append(SpokenWord(current, start, end))
    return words
