"""Named pairs of host voices ("engine:voice"), chosen with Settings.tts."""

from __future__ import annotations

import os

from paperdive.models import HostRole


def _hosted(engine: str, role: HostRole, default: str) -> str:
    """A hosted voice id, replaceable with PAPERDIVE_<ENGINE>_<ROLE> (or the hosts' config)."""
    return f"{engine}:" + os.environ.get(f"PAPERDIVE_{engine.upper()}_{role.upper()}", default)


VOICE_PRESETS: dict[str, dict[HostRole, str]] = {
    # Embedded, offline: Kokoro-82M, about real time on 2 CPU cores
    "default": {"explainer": "kokoro:jf_gongitsune", "skeptic": "kokoro:jm_kumo"},
    # Embedded, offline, ~10x faster than real time: Festival's SLT (female), Piper's Joe (male)
    "fast": {"explainer": "festival:slt", "skeptic": "piper:joe"},
    "elevenlabs": {
        "explainer": _hosted("elevenlabs", "explainer", "21m00Tcm4TlvDq8ikWAM"),  # Rachel
        "skeptic": _hosted("elevenlabs", "skeptic", "pNInz6obpgDQGcFmaJgB"),  # Adam
    },
    "openai": {
        "explainer": _hosted("openai", "explainer", "coral"),
        "skeptic": _hosted("openai", "skeptic", "onyx"),
    },
}


# Words a minute each engine speaks, pauses between turns included (measured on the
# sample paper: Kokoro 453 words in 223.5 s and 522 in 265.5 s; Festival + Piper 270 words
# in 115.6 s).
SPEAKING_RATE: dict[str, float] = {
    "kokoro": 120.0,
    "festival": 140.0,
    "piper": 140.0,
    "elevenlabs": 150.0,
    "openai": 150.0,
}


def words_per_minute(voices: dict[HostRole, str]) -> float:
    """The pace to plan a script at for these host voices: their average speaking rate."""
    rates = [SPEAKING_RATE.get(spec.partition(":")[0], 150.0) for spec in voices.values()]
    return sum(rates) / len(rates)
