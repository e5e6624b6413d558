"""Episode evaluation: quality is measured, not assumed.

`evaluate` re-checks a finished (or half-finished) episode folder from its artifacts alone,
independently of the writer's own review: every number and name in the final script against
the paper (the writer's own spoken-form matching, writing.check), repetition and facts
restated, filler, whether each question is answered by the other host's next turn,
decorative reactions, the hosts' roles, lines no one can follow by ear, text read aloud
(parentheses, citations, "e.g.", marketing phrases, lists of names), monologues, chapters
drawn from the wrong sections, the headline numbers, boilerplate shared with the library's
other episodes, the format's own shape, the reading list against the bibliography, the
hosts' balance and length, the show notes, the mastered MP3 (re-measured from the decoded
file) and, on request, how well Whisper understands the voices. Each check states its
target and passes or fails. Every script-level check reads the text itself, so a script by
either writer is judged the same way.

One module per concern: script.py (grounding, repetition, facts restated, balance,
monologues, length), talk.py (filler, question fit, decorative reactions, host roles),
speech.py (speakable lines, read-text artifacts, lists read out), content.py (provenance,
headline numbers, boilerplate, format), shownotes.py, audio.py, asr.py; terms.py reads what
a line says (figures, the paper's names and terms); lines.py finds a script's sentences in
the paper; report.py holds the report and the loading of artifacts.
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
    grounding,
    host_balance,
    monologues,
    repeated_facts,
    repetition,
    review_summary,
    script_length,
)
from paperdive.evaluate.shownotes import reading_list, shownotes_completeness, whole_sentences
from paperdive.evaluate.speech import lists_read_out, read_text_artifacts, unspeakable_lines
from paperdive.evaluate.talk import (
    decorative_reactions,
    filler_share,
    host_roles,
    question_fit,
)
from paperdive.evaluate.terms import PaperTerms
from paperdive.models import EpisodeAudio, Outline, Review, Script, ShowNotes
from paperdive.store import EpisodeDir
from paperdive.writing.check import PaperIndex

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
    index = PaperIndex(papers)
    terms = PaperTerms(index)
    checks = [
        *grounding(script, index),
        review_summary(review),
        *repetition(script),
        repeated_facts(script, terms),
        filler_share(script, terms),
        question_fit(script, terms),
        decorative_reactions(script, terms),
        host_roles(script),
        unspeakable_lines(script, lines),
        read_text_artifacts(script),
        lists_read_out(script),
        provenance(script, lines),
        headline_numbers(script, papers),
        boilerplate(episode, script, papers),
        reading_list(notes, papers),
        host_balance(script),
        monologues(script),
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
