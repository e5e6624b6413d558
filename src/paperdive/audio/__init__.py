"""Voices and audio: speech-ready text, synthesis, mixing/mastering, timings, transcripts."""

from paperdive.audio.master import measure_mp3
from paperdive.audio.presets import VOICE_PRESETS, words_per_minute
from paperdive.audio.speech import load_lexicon, speech_text
from paperdive.audio.tags import EpisodeTags
from paperdive.audio.voice import voice_episode

__all__ = [
    "VOICE_PRESETS",
    "EpisodeTags",
    "load_lexicon",
    "measure_mp3",
    "speech_text",
    "voice_episode",
    "words_per_minute",
]
