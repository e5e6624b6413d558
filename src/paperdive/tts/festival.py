"""Festival's HTS voices from Debian (festival + festvox-us-slt-hts): a fast second host."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import soundfile

from paperdive.errors import VoiceError
from paperdive.tts.base import SpokenWord, Synthesis

VOICES = {"slt": "cmu_us_slt_arctic_hts"}
VOICE_APT_PACKAGES = {"slt": "festvox-us-slt-hts"}
TIMEOUT_S = 300


class FestivalEngine:
    name = "festival"
    version = "festival-2.5"

    def __init__(self) -> None:
        festival = shutil.which("festival")
        if festival is None:
            raise VoiceError(
                "Festival is not installed: apt-get install festival festvox-us-slt-hts"
            )
        self._festival = festival

    def voices(self) -> list[str]:
        return list(VOICES)

    def synthesize(self, text: str, voice: str) -> Synthesis:
        if voice not in VOICES:
            choices = ", ".join(VOICES)
            raise VoiceError(f"Festival has no voice {voice!r}; choose one of {choices}")
        with tempfile.TemporaryDirectory(prefix="paperdive-festival-") as tmp:
            wav, program = Path(tmp, "out.wav"), Path(tmp, "say.scm")
            program.write_text(_program(text, VOICES[voice], wav), encoding="utf-8")
            result = subprocess.run(
                [self._festival, "-b", str(program)],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
            )
            if not wav.is_file():
                if f"voice_{VOICES[voice]}" in result.stderr:
                    package = VOICE_APT_PACKAGES[voice]
                    raise VoiceError(
                        f"Festival voice {voice!r} is not installed: apt-get install {package}"
                    )
                last_line = (result.stderr.strip().splitlines() or ["no output"])[-1]
                raise VoiceError(f"Festival failed: {last_line}")
            samples, rate = soundfile.read(wav, dtype="float32", always_2d=False)
        return Synthesis(samples, rate, _word_times(result.stdout))


def _scheme_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _program(text: str, voice: str, wav: Path) -> str:
    """Synthesize one utterance, save it, and print each word with its start and end."""
    return f"""
(voice_{voice})
(set! utt (SynthText {_scheme_string(text)}))
(utt.save.wave utt {_scheme_string(str(wav))} 'riff)
(mapcar
  (lambda (w)
    (format t "%s\\t%f\\t%f\\n" (item.name w) (item.feat w "word_start") (item.feat w "word_end")))
  (utt.relation.items utt 'Word))
"""


def _word_times(listing: str) -> list[SpokenWord] | None:
    words = []
    for line in listing.splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            words.append(SpokenWord(parts[0], float(parts[1]), float(parts[2])))
    return words or None
