"""Episode evaluation: quality is measured, not assumed.

`evaluate` re-checks a finished (or half-finished) episode folder from its artifacts alone,
independently of the writer's own review: every number and name in the final script against
the paper, repetition, filler and whether each question is answered by the line after it,
lines no one can follow by ear, chapters drawn from the wrong sections, the headline numbers,
boilerplate shared with the library's other episodes, the format's own shape, the reading
list against the bibliography, the hosts' balance and length, the show notes, the mastered
MP3 (re-measured from the decoded file) and, on request, how well Whisper understands the
voices. Each check states its target and passes or fails.

One module per concern: script.py (grounding, repetition, balance, length), talk.py (filler,
question fit), speech.py (speakable lines), content.py (provenance, headline numbers,
boilerplate, format), shownotes.py, audio.py, asr.py; lines.py finds a script's sentences
in the paper; report.py holds the report and the loading of artifacts.
"""

from __future__ import annotations

from paperdive.evaluate.asr import edit_distance, word_error_rate, word_errors
from paperdive.evaluate.audio import audio_checks, decode
from paperdive.evaluate.content import boilerplate, format_shape, headline_numbers, provenance
from paperdive.evaluate.lines import PaperLines
from paperdive.evaluate.report import (
    REPORT_NAME,
    Check,
    EpisodeReport,
    EvaluationError,
    load_papers,
    optional,
    render_report,
    required,
)
from paperdive.evaluate.script import (
    host_balance,
    name_grounding,
    number_grounding,
    repetition,
    review_summary,
    script_length,
)
from paperdive.evaluate.shownotes import reading_list, shownotes_completeness, whole_sentences
from paperdive.evaluate.speech import unspeakable_lines
from paperdive.evaluate.talk import filler_share, question_fit
from paperdive.models import EpisodeAudio, Outline, Review, Script, ShowNotes
from paperdive.store import EpisodeDir

__all__ = [
    "Check",
    "EpisodeReport",
    "EvaluationError",
    "edit_distance",
    "evaluate",
    "render_report",
    "word_errors",
]


def evaluate(episode: EpisodeDir, *, asr: bool = False) -> EpisodeReport:
    """Measure an episode folder against its targets and save the report as eval.json."""
    if not episode.path.is_dir():
        raise EvaluationError(f"no episode folder at {episode.path}")
    papers = load_papers(episode)
    script = required(episode, "script", Script, "run the writing stage first")
    outline = optional(episode, "outline", Outline)
    review = optional(episode, "review", Review)
    notes = optional(episode, "shownotes", ShowNotes)
    audio = optional(episode, "audio", EpisodeAudio)

    lines = PaperLines(papers)
    checks = [
        number_grounding(script, papers),
        name_grounding(script, papers),
        review_summary(review),
        *repetition(script),
        filler_share(script, lines),
        question_fit(script, lines),
        unspeakable_lines(script, lines),
        provenance(script, lines),
        headline_numbers(script, papers),
        boilerplate(episode, script),
        reading_list(notes, papers),
        host_balance(script),
        script_length(script, outline),
        shownotes_completeness(notes, voiced=audio is not None),
        whole_sentences(notes),
    ]
    shape = format_shape(script, lines)
    if shape is not None:
        checks.append(shape)
    if audio is not None:
        recording = decode(episode, audio)
        checks += audio_checks(episode, audio, recording, script, outline)
        if asr:
            checks.append(word_error_rate(episode, recording, script))
    report = EpisodeReport(episode=str(episode.path), checks=checks)
    episode.save(REPORT_NAME, report)
    return report
