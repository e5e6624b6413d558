"""Episode evaluation: quality is measured, not assumed.

`evaluate` re-checks a finished (or half-finished) episode folder from its artifacts alone,
independently of the writer's own review: every number and name in the final script against
the paper, repetition, the reading list against the bibliography, the hosts' balance and
length, the show notes, the mastered MP3 (re-measured from the decoded file) and, on request,
how well Whisper understands the voices. Each check states its target and passes or fails.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple, TypeVar

import numpy as np
import pyloudnorm
import soundfile
from pydantic import BaseModel
from rich.table import Table
from rich.text import Text

from paperdive.audio.align import WHISPER_RATE, whisper_model
from paperdive.audio.master import PEAK_CEILING_DBTP, resample, true_peak_dbtp
from paperdive.audio.speech import speech_text
from paperdive.errors import PaperdiveError
from paperdive.ingestion.numbers import numbers_in
from paperdive.ingestion.text import sentences
from paperdive.models import (
    Artifact,
    EpisodeAudio,
    NumberMention,
    Outline,
    Paper,
    Review,
    Script,
    ShowNotes,
    WordTiming,
)
from paperdive.store import EpisodeDir
from paperdive.writing.check import RUN_LENGTH
from paperdive.writing.plan import WORDS_PER_MINUTE
from paperdive.writing.sentences import MAX_REPEATABLE_WORDS

M = TypeVar("M", bound=BaseModel)

REPORT_NAME = "eval"
LENGTH_TOLERANCE = 0.10
HOST_SHARE = (0.30, 0.70)
TAKEAWAYS = (4, 8)
LOUDNESS_TARGET = {1: -19.0, 2: -16.0}  # LUFS integrated, by channel count
LOUDNESS_TOLERANCE_LU = 1.0
TIME_TOLERANCE_S = 0.05  # rounding of stored timings
ASR_TURNS = 5
ASR_MIN_WORDS = 4
ASR_MAX_WER = 0.05
MAX_JOINED_WORDS = 6  # letters of a spelled-out acronym
ASR_PAD_S = 0.15  # under half the pause between turns, so no neighbour leaks in
MAX_LISTED = 8  # problems shown per check in the table; eval.json keeps them all

# Model, benchmark and method names: a letter-and-digit token ("Kokoro-82M", "GPT-4") or a
# word with an inner capital ("PyMuPDF").
_NAME = re.compile(r"(?<![\w\-])[A-Za-z][\w.\-]*[A-Za-z0-9]")
# Units as the hosts say them, written as the number index writes them
_SPOKEN_UNITS = {"percent": "%", "times": "x"}
_SPOKEN_UNIT = re.compile(r"(\d)\s+(percent|times)\b", re.IGNORECASE)
_UNIT_ALIASES = {
    "second": "s",
    "seconds": "s",
    "minute": "min",
    "minutes": "min",
    "hour": "h",
    "hours": "h",
    "token": "tokens",
    "GPU": "GPUs",
}
# Papers in British spelling ("summarises"), Whisper in American ("summarizes")
_BRITISH_SUFFIX = re.compile(r"(?<=\w{2})is(e|es|ed|er|ers|ing|ation|ations)$")


class EvaluationError(PaperdiveError):
    pass


class Check(BaseModel):
    area: str  # "grounding", "audio" …
    name: str
    result: str  # what was measured, for people
    target: str
    passed: bool | None  # None: could not be measured (say, no audio yet)
    problems: list[str] = []


class EpisodeReport(Artifact):
    episode: str
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return all(check.passed is not False for check in self.checks)

    def failed(self) -> list[Check]:
        return [check for check in self.checks if check.passed is False]


class _Words(BaseModel):
    words: list[WordTiming]


def evaluate(episode: EpisodeDir, *, asr: bool = False) -> EpisodeReport:
    """Measure an episode folder against its targets and save the report as eval.json."""
    if not episode.path.is_dir():
        raise EvaluationError(f"no episode folder at {episode.path}")
    papers = _papers(episode)
    script = _required(episode, "script", Script, "run the writing stage first")
    outline = _optional(episode, "outline", Outline)
    review = _optional(episode, "review", Review)
    notes = _optional(episode, "shownotes", ShowNotes)
    audio = _optional(episode, "audio", EpisodeAudio)

    checks = [
        number_grounding(script, papers),
        name_grounding(script, papers),
        review_summary(review),
        *repetition(script),
        reading_list(notes, papers),
        host_balance(script),
        script_length(script, outline),
        shownotes_completeness(notes, voiced=audio is not None),
    ]
    if audio is not None:
        recording = _decode(episode, audio)
        checks += audio_checks(episode, audio, recording, script, outline)
        if asr:
            checks.append(word_error_rate(episode, recording, script))
    report = EpisodeReport(episode=str(episode.path), checks=checks)
    episode.save(REPORT_NAME, report)
    return report


def render_report(report: EpisodeReport) -> Table:
    """The report as a table: one row per check, its problems listed under the result."""
    table = Table(title=f"Evaluation of {report.episode}", title_justify="left")
    for column in ("area", "check", "result", "target", ""):
        table.add_column(column)
    verdicts = {
        True: Text("pass", style="green"),
        False: Text("FAIL", style="bold red"),
        None: Text("n/a", style="dim"),
    }
    for check in report.checks:
        # Built as Text, not markup: results quote the script, which may contain "[...]".
        result = Text(check.result)
        for problem in check.problems[:MAX_LISTED]:
            result.append(f"\n• {problem}", style="dim")
        if len(check.problems) > MAX_LISTED:
            result.append(f"\n… and {len(check.problems) - MAX_LISTED} more", style="dim")
        table.add_row(check.area, check.name, result, check.target, verdicts[check.passed])
    return table


# ---------------------------------------------------------------- loading


def _papers(episode: EpisodeDir) -> list[Paper]:
    try:
        papers = episode.papers()
    except ValueError as exc:
        problem = _first_line(exc)
        raise EvaluationError(f"a paper in {episode.path} is not readable: {problem}") from None
    if not papers:
        raise EvaluationError(f"no paper.json in {episode.path}: ingest the paper first")
    return papers


def _required(episode: EpisodeDir, name: str, model: type[M], hint: str) -> M:
    if not episode.has(name):
        raise EvaluationError(f"no {name}.json in {episode.path}: {hint}")
    return _load(episode, name, model)


def _optional(episode: EpisodeDir, name: str, model: type[M]) -> M | None:
    return _load(episode, name, model) if episode.has(name) else None


def _load(episode: EpisodeDir, name: str, model: type[M]) -> M:
    try:
        return episode.load(name, model)
    except ValueError as exc:
        path = episode.file(name + ".json")
        raise EvaluationError(f"{path} is not readable: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0]


# ---------------------------------------------------------------- the script


def _share(found: int, total: int) -> str:
    return f"{found}/{total} ({found / total:.0%})" if total else "none to check"


class _Quantity(NamedTuple):
    value: str  # "1024" for "1,024" and "1024.0"
    unit: str | None
    written: str


def _quantity(mention: NumberMention) -> _Quantity:
    unit = _UNIT_ALIASES.get(mention.unit or "", mention.unit)
    return _Quantity(f"{abs(mention.value):.10g}", unit, mention.text)


def _quantities(text: str) -> list[_Quantity]:
    """Numbers stated in `text`: "85 percent" is "85%", "3.3 times" is "3.3x"."""
    text = _SPOKEN_UNIT.sub(lambda m: m[1] + _SPOKEN_UNITS[m[2].lower()], text)
    return [_quantity(mention) for mention in numbers_in(text, None)]


def number_grounding(script: Script, papers: list[Paper]) -> Check:
    """Every number the hosts say must be one the paper states, in the same unit when both
    give one (a bare "3.3" in the paper grounds "3.3x"; "3.3 ms" does not)."""
    units: dict[str, set[str | None]] = {}
    for paper in papers:
        for quantity in [_quantity(n) for n in paper.numbers] + _quantities(paper.full_text()):
            units.setdefault(quantity.value, set()).add(quantity.unit)
    said: dict[tuple[str, str | None], tuple[int, str]] = {}
    for position, turn in enumerate(script.turns):
        for quantity in _quantities(turn.text):
            said.setdefault((quantity.value, quantity.unit), (position, quantity.written))

    def grounded(value: str, unit: str | None) -> bool:
        stated = units.get(value, set())
        return bool(stated) and (unit is None or None in stated or unit in stated)

    missing = [
        f"turn {t + 1}: {written}"
        for (value, unit), (t, written) in said.items()
        if not grounded(value, unit)
    ]
    return Check(
        area="grounding",
        name="numbers in the paper",
        result=_share(len(said) - len(missing), len(said)),
        target="100%",
        passed=not missing,
        problems=missing,
    )


def _names(text: str) -> list[str]:
    tokens = (m.group(0).rstrip(".-") for m in _NAME.finditer(text))
    return [
        t
        for t in tokens
        if (any(c.isdigit() for c in t) and any(c.isalpha() for c in t))
        or any(c.isupper() for c in t[1:])
    ]


def _searchable(text: str) -> str:
    """Case, hyphens and line breaks do not change a name: "Long-Context" is "long context"."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().replace("-", " ").split())


def name_grounding(script: Script, papers: list[Paper]) -> Check:
    """Model, method and benchmark names the hosts say must appear in the paper."""
    paper_text = "\n".join(_searchable(p.full_text()) for p in papers)
    hosts = set(script.hosts.values())
    said: dict[str, int] = {}
    for position, turn in enumerate(script.turns):
        for name in _names(unicodedata.normalize("NFKC", turn.text)):
            if name not in hosts:
                said.setdefault(name, position)
    missing = [
        f"turn {t + 1}: {name}"
        for name, t in said.items()
        if not re.search(rf"(?<!\w){re.escape(_searchable(name))}(?!\w)", paper_text)
    ]
    return Check(
        area="grounding",
        name="named results in the paper",
        result=_share(len(said) - len(missing), len(said)),
        target="100%",
        passed=not missing,
        problems=missing,
    )


def review_summary(review: Review | None) -> Check:
    if review is None:
        return Check(
            area="review", name="writer's review", result="no review.json", target="", passed=None
        )
    counts = {s: review.count(status=s) for s in ("grounded", "revised", "cut", "flagged")}
    flagged = [
        f"turn {i.turn + 1} {i.kind}: {i.text}" for i in review.items if i.status == "flagged"
    ]
    return Check(
        area="review",
        name="writer's review",
        result=f"{len(review.items)} checked: " + ", ".join(f"{n} {s}" for s, n in counts.items()),
        target="0 flagged",
        passed=not flagged,
        problems=flagged,
    )


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’.][a-z0-9]+)*", text.lower())


def repetition(script: Script) -> list[Check]:
    """Sentences said twice, and runs of eight words that occur more than once."""
    sentence_turns: dict[tuple[str, ...], list[int]] = {}
    runs: Counter[tuple[str, ...]] = Counter()
    for position, turn in enumerate(script.turns):
        for sentence in sentences(turn.text):
            words = tuple(_words(sentence))
            if len(words) > MAX_REPEATABLE_WORDS:
                sentence_turns.setdefault(words, []).append(position)
            runs.update(words[i : i + RUN_LENGTH] for i in range(len(words) - RUN_LENGTH + 1))
    repeated = [
        f"turns {', '.join(str(t + 1) for t in turns)}: {' '.join(words)}"
        for words, turns in sentence_turns.items()
        if len(turns) > 1
    ]
    repeated_runs = [f"×{n}: {' '.join(run)}" for run, n in runs.items() if n > 1]
    return [
        Check(
            area="repetition",
            name="repeated sentences",
            result=str(len(repeated)),
            target="0",
            passed=not repeated,
            problems=repeated,
        ),
        Check(
            area="repetition",
            name=f"repeated {RUN_LENGTH}-word runs",
            result=str(len(repeated_runs)),
            target="0",
            passed=not repeated_runs,
            problems=repeated_runs,
        ),
    ]


def reading_list(notes: ShowNotes | None, papers: list[Paper]) -> Check:
    """Each reading is a bibliography entry of the paper, linked where that entry points."""
    name = "readings from the bibliography"
    if notes is None:
        return Check(
            area="reading list", name=name, result="no shownotes.json", target="", passed=None
        )
    links = {(ref.index, ref.link()) for paper in papers for ref in paper.references if ref.link()}
    indexes = {ref.index for paper in papers for ref in paper.references}
    wrong = []
    for reading in notes.readings:
        if reading.reference_index not in indexes:
            wrong.append(f"[{reading.reference_index}] {reading.title}: not in the bibliography")
        elif (reading.reference_index, reading.url) not in links:
            wrong.append(
                f"[{reading.reference_index}] {reading.title}: {reading.url} is not its link"
            )
    total = len(notes.readings)
    return Check(
        area="reading list",
        name=name,
        result=_share(total - len(wrong), total),
        target="100%",
        passed=not wrong,
        problems=wrong,
    )


def host_balance(script: Script) -> Check:
    words = Counter({role: 0 for role in script.hosts})
    turns: Counter[str] = Counter()
    for turn in script.turns:
        words[turn.host] += len(turn.text.split())
        turns[turn.host] += 1
    total = sum(words.values())
    low, high = HOST_SHARE
    shares = {role: n / total if total else 0.0 for role, n in words.items()}
    described = ", ".join(
        f"{script.hosts.get(role, role)} {shares[role]:.0%} ({turns[role]} turns)" for role in words
    )
    return Check(
        area="balance",
        name="words per host",
        result=f"{described} of {total} words",
        target=f"each {low:.0%}–{high:.0%}",
        passed=all(low <= share <= high for share in shares.values()),
    )


def _length_check(area: str, name: str, minutes: float, outline: Outline | None) -> Check:
    if outline is None:
        return Check(area=area, name=name, result=f"{minutes:.1f} min", target="", passed=None)
    target = outline.target_minutes
    off = minutes / target - 1
    return Check(
        area=area,
        name=name,
        result=f"{minutes:.1f} min ({off:+.0%})",
        target=f"{target:.3g} min ±{LENGTH_TOLERANCE:.0%}",
        passed=abs(off) <= LENGTH_TOLERANCE,
    )


def script_length(script: Script, outline: Outline | None) -> Check:
    rate = outline.words_per_minute if outline else WORDS_PER_MINUTE
    return _length_check(
        "balance", f"estimated length ({rate:g} wpm)", script.word_count() / rate, outline
    )


def shownotes_completeness(notes: ShowNotes | None, *, voiced: bool) -> Check:
    name = "show notes complete"
    if notes is None:
        return Check(
            area="show notes", name=name, result="no shownotes.json", target="", passed=False
        )
    low, high = TAKEAWAYS
    missing = [
        problem
        for problem, absent in (
            ("no title", not notes.title.strip()),
            ("no hook", not notes.hook.strip()),
            (f"{len(notes.takeaways)} takeaways", not low <= len(notes.takeaways) <= high),
            ("no chapters", not notes.chapters),
            ("no AI disclosure", not notes.disclosure.strip()),
        )
        if absent
    ]
    if voiced:
        missing += [
            f"chapter {c.title!r} has no start time" for c in notes.chapters if c.start is None
        ]
    return Check(
        area="show notes",
        name=name,
        result=f"{len(notes.takeaways)} takeaways, {len(notes.chapters)} chapters, "
        f"{len(notes.readings)} readings",
        target=f"title, hook, {low}–{high} takeaways, chapters"
        + (" with start times" if voiced else "")
        + ", disclosure",
        passed=not missing,
        problems=missing,
    )


# ---------------------------------------------------------------- the audio


class Recording(NamedTuple):
    samples: np.ndarray  # (frames, channels), float32
    rate: int


def _decode(episode: EpisodeDir, audio: EpisodeAudio) -> Recording:
    path = episode.file(audio.mp3)
    if not path.is_file():
        raise EvaluationError(f"audio.json names {audio.mp3}, which is not in {episode.path}")
    try:
        samples, rate = soundfile.read(path, dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError) as exc:
        raise EvaluationError(f"cannot decode {path}: {exc}") from None
    return Recording(samples, rate)


def audio_checks(
    episode: EpisodeDir,
    audio: EpisodeAudio,
    recording: Recording,
    script: Script,
    outline: Outline | None,
) -> list[Check]:
    samples, rate = recording
    duration = len(samples) / rate
    channels = samples.shape[1]
    signal = samples[:, 0] if channels == 1 else samples
    loudness = float(pyloudnorm.Meter(rate).integrated_loudness(signal))
    target = LOUDNESS_TARGET.get(channels, LOUDNESS_TARGET[2])
    peak = max(true_peak_dbtp(samples[:, channel]) for channel in range(channels))
    layout = "mono" if channels == 1 else f"{channels} channels"
    stated = abs(duration - audio.duration) <= max(0.5, 0.01 * duration)
    return [
        Check(
            area="audio",
            name="duration",
            result=f"{duration:.1f} s decoded, {audio.duration:.1f} s in audio.json",
            target="audio.json agrees",
            passed=stated,
        ),
        _length_check("audio", "spoken length", duration / 60, outline),
        Check(
            area="audio",
            name=f"loudness ({layout})",
            result=f"{loudness:.2f} LUFS",
            target=f"{target:g} ±{LOUDNESS_TOLERANCE_LU:g} LU",
            passed=abs(loudness - target) <= LOUDNESS_TOLERANCE_LU,
        ),
        Check(
            area="audio",
            name="true peak (4x oversampled)",
            result=f"{peak:.2f} dBTP",
            target=f"≤ {PEAK_CEILING_DBTP:g} dBTP",
            passed=peak <= PEAK_CEILING_DBTP,
        ),
        _word_timing_check(episode, duration, script),
        _chapter_check(audio, duration),
    ]


def _word_timing_check(episode: EpisodeDir, duration: float, script: Script) -> Check:
    name = "word timings"
    if not episode.has("words"):
        return Check(area="audio", name=name, result="no words.json", target="", passed=False)
    words = _load(episode, "words", _Words).words
    expected = script.word_count()
    problems = (
        [] if len(words) == expected else [f"{len(words)} timed words for {expected} script words"]
    )
    previous = 0.0
    for n, word in enumerate(words, 1):
        if word.start < previous - TIME_TOLERANCE_S or word.end < word.start:
            problems.append(f"word {n} {word.word!r} at {word.start:.2f} s goes back in time")
        if word.end > duration + TIME_TOLERANCE_S:
            problems.append(f"word {n} {word.word!r} ends at {word.end:.2f} s, after the audio")
        previous = word.start
    return Check(
        area="audio",
        name=name,
        result=f"{len(words)} words",
        target="one per script word, in order, inside the audio",
        passed=not problems,
        problems=problems,
    )


def _chapter_check(audio: EpisodeAudio, duration: float) -> Check:
    starts = [c.start for c in audio.chapters]
    problems = [
        f"{later.title!r} starts at {later.start:.2f} s, not after {earlier.title!r}"
        for earlier, later in zip(audio.chapters, audio.chapters[1:], strict=False)
        if later.start <= earlier.start
    ]
    problems += [
        f"{c.title!r} starts at {c.start:.2f} s, outside the audio"
        for c in audio.chapters
        if not 0 <= c.start < duration
    ]
    if not audio.chapters:
        problems.append("no chapters")
    return Check(
        area="audio",
        name="chapters",
        result=", ".join(f"{s:.0f}" for s in starts) + " s",
        target="strictly increasing, inside the audio",
        passed=not problems,
        problems=problems,
    )


# ---------------------------------------------------------------- listening (Whisper)


def comparable_words(text: str) -> list[str]:
    """Words as said aloud, lower-cased, without punctuation: "3.3x" and "three point three
    times" compare equal, so do "GPUs" and "G P U's"."""
    spoken = speech_text(text, {}).lower().replace("'", "").replace("-", " ")
    return [_BRITISH_SUFFIX.sub(r"iz\1", word) for word in re.findall(r"[a-z0-9]+", spoken)]


def _rejoin(words: list[str], vocabulary: set[str]) -> list[str]:
    """Join neighbours that the other side writes as one word: "speed up" / "speedup",
    "e a g l e" / "eagle"; longest join first."""
    joined: list[str] = []
    i = 0
    while i < len(words):
        for span in range(min(MAX_JOINED_WORDS, len(words) - i), 1, -1):
            candidate = "".join(words[i : i + span])
            if candidate in vocabulary:
                joined.append(candidate)
                i += span
                break
        else:
            joined.append(words[i])
            i += 1
    return joined


def word_errors(reference_text: str, heard_text: str) -> tuple[int, int]:
    """(word errors, reference words) between what the script says and what was heard."""
    reference, heard = comparable_words(reference_text), comparable_words(heard_text)
    reference, heard = _rejoin(reference, set(heard)), _rejoin(heard, set(reference))
    return edit_distance(reference, heard), len(reference)


def edit_distance(reference: list[str], heard: list[str]) -> int:
    """Word-level Levenshtein distance: substitutions + deletions + insertions."""
    row = list(range(len(heard) + 1))
    for i, ref_word in enumerate(reference, 1):
        diagonal, row[0] = row[0], i
        for j, heard_word in enumerate(heard, 1):
            diagonal, row[j] = (
                row[j],
                min(row[j] + 1, row[j - 1] + 1, diagonal + (ref_word != heard_word)),
            )
    return row[-1]


def _sampled_turns(script: Script, words: list[WordTiming]) -> list[int]:
    timed = {w.turn for w in words if w.end > w.start}
    candidates = [
        i
        for i, turn in enumerate(script.turns)
        if i in timed and len(comparable_words(turn.text)) >= ASR_MIN_WORDS
    ]
    if len(candidates) <= ASR_TURNS:
        return candidates
    step = len(candidates) / ASR_TURNS
    return [candidates[int(k * step + step / 2)] for k in range(ASR_TURNS)]


def _turn_audio(samples: np.ndarray, rate: int, words: Iterable[WordTiming]) -> np.ndarray:
    spans = [(w.start, w.end) for w in words]
    start = max(0.0, min(s for s, _ in spans) - ASR_PAD_S)
    end = max(e for _, e in spans) + ASR_PAD_S
    return resample(samples[int(start * rate) : int(end * rate)].mean(axis=1), rate, WHISPER_RATE)


def word_error_rate(episode: EpisodeDir, recording: Recording, script: Script) -> Check:
    """What Whisper tiny.en hears in up to five turns of the MP3, against the script."""
    name = f"Whisper word error ({ASR_TURNS} turns at most)"
    if not episode.has("words"):
        return Check(area="listening", name=name, result="no words.json", target="", passed=None)
    words = _load(episode, "words", _Words).words
    chosen = _sampled_turns(script, words)
    if not chosen:
        return Check(
            area="listening", name=name, result="no turns to sample", target="", passed=None
        )
    model = whisper_model()
    samples, rate = recording
    errors = reference_total = 0
    problems = []
    for index in chosen:
        clip = _turn_audio(samples, rate, (w for w in words if w.turn == index))
        segments, _ = model.transcribe(
            clip, language="en", beam_size=5, condition_on_previous_text=False
        )
        heard = " ".join(segment.text for segment in segments)
        distance, words_said = word_errors(script.turns[index].text, heard)
        errors += distance
        reference_total += words_said
        if distance:
            problems.append(
                f"turn {index + 1} ({distance / words_said:.0%}): heard {heard.strip()!r}"
            )
    wer = errors / reference_total
    return Check(
        area="listening",
        name=name,
        result=f"{wer:.1%} over {len(chosen)} turns, {reference_total} words",
        target=f"≤ {ASR_MAX_WER:.0%}",
        passed=wer <= ASR_MAX_WER,
        problems=problems,
    )
