"""Text-to-speech backends behind one protocol, chosen by an "engine:voice" string."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from paperdive.errors import VoiceError
from paperdive.tts.base import SpokenWord, Synthesis, TTSEngine

__all__ = ["ENGINES", "SpokenWord", "Synthesis", "TTSEngine", "get_engine", "parse_voice"]


def _kokoro() -> TTSEngine:
    from paperdive.tts.kokoro import KokoroEngine

    return KokoroEngine()


def _piper() -> TTSEngine:
    from paperdive.tts.piper import PiperEngine

    return PiperEngine()


def _festival() -> TTSEngine:
    from paperdive.tts.festival import FestivalEngine

    return FestivalEngine()


def _elevenlabs() -> TTSEngine:
    from paperdive.tts.elevenlabs import ElevenLabsEngine

    return ElevenLabsEngine()


def _openai() -> TTSEngine:
    from paperdive.tts.openai import OpenAIEngine

    return OpenAIEngine()


ENGINES: dict[str, Callable[[], TTSEngine]] = {
    "kokoro": _kokoro,
    "piper": _piper,
    "festival": _festival,
    "elevenlabs": _elevenlabs,
    "openai": _openai,
}


def parse_voice(spec: str) -> tuple[str, str]:
    """'kokoro:jm_kumo' -> ('kokoro', 'jm_kumo')."""
    engine, sep, voice = spec.partition(":")
    if not sep or not engine or not voice:
        raise VoiceError(f"voice {spec!r} must look like ENGINE:VOICE, e.g. kokoro:jm_kumo")
    if engine not in ENGINES:
        raise VoiceError(f"unknown TTS engine {engine!r}; choose one of {', '.join(ENGINES)}")
    return engine, voice


@cache
def get_engine(name: str) -> TTSEngine:
    """The engine, loaded once per process (models are large)."""
    if name not in ENGINES:
        raise VoiceError(f"unknown TTS engine {name!r}; choose one of {', '.join(ENGINES)}")
    return ENGINES[name]()
