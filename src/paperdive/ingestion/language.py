"""Which language a paper is written in (ISO 639-1), from its running text."""

from __future__ import annotations

import py3langid

_SAMPLE_CHARS = 5000


def detect_language(text: str) -> str:
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < 20:
        return "en"  # too little text to tell; the caller has other checks for empty papers
    language, _score = py3langid.classify(sample)
    return str(language)
