"""Voices and audio: speech-ready text, synthesis, mixing/mastering, timings, transcripts.

Names are imported on first use: the publisher needs only the transcript writers, and
should not pay for loading the TTS engines' libraries (about 1.6 s).
"""

from importlib import import_module
from typing import Any

_API = {
    "VOICE_PRESETS": "paperdive.audio.presets",
    "words_per_minute": "paperdive.audio.presets",
    "EpisodeTags": "paperdive.audio.tags",
    "load_lexicon": "paperdive.audio.speech",
    "speech_text": "paperdive.audio.speech",
    "measure_mp3": "paperdive.audio.master",
    "voice_episode": "paperdive.audio.voice",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'paperdive.audio' has no attribute {name!r}")
