"""Placing the script's own words on a clip, and the caption files made from them."""

from __future__ import annotations

import json

import pytest

from paperdive.audio.align import place_words
from paperdive.models import ChapterMark, WordTiming
from paperdive.publishing.transcripts import json_chapters, srt, webvtt
from paperdive.tts.base import SpokenWord
from paperdive.tts.phonemes import words_from_phoneme_times


def timed(*items: tuple[str, float, float]) -> list[SpokenWord]:
    return [SpokenWord(*item) for item in items]


def test_matching_words_take_their_heard_times() -> None:
    heard = timed(("the", 0.1, 0.2), ("model", 0.3, 0.6), ("works", 0.7, 1.0))
    assert place_words(["The", "model", "works."], heard, 1.2) == [
        (0.1, 0.2),
        (0.3, 0.6),
        (0.7, 1.0),
    ]


def test_a_written_number_shares_the_time_of_its_spoken_words() -> None:
    heard = timed(
        ("a", 0.0, 0.1),
        ("three", 0.2, 0.4),
        ("point", 0.4, 0.6),
        ("three", 0.6, 0.8),
        ("times", 0.8, 1.0),
        ("speedup", 1.1, 1.5),
    )
    spans = place_words(["a", "3.3x", "speedup"], heard, 2.0)
    assert spans == [(0.0, 0.1), (0.2, 1.0), (1.1, 1.5)]


def test_words_the_recogniser_missed_fill_the_gap_between_neighbours() -> None:
    heard = timed(("we", 0.0, 0.2), ("results", 1.0, 1.4))
    spans = place_words(["we", "got", "good", "results"], heard, 1.5)
    assert spans[0] == (0.0, 0.2) and spans[3] == (1.0, 1.4)
    assert spans[1][0] == 0.2 and spans[2][1] == 1.0
    assert spans[1][1] == spans[2][0]


def test_nothing_heard_spreads_words_over_the_clip() -> None:
    spans = place_words(["one", "two"], [], 2.0)
    assert spans == [(0.0, 1.0), (1.0, 2.0)]


def test_times_stay_ordered_and_inside_the_clip_when_the_recogniser_overshoots() -> None:
    heard = timed(("b", 0.5, 0.9), ("a", 0.2, 0.4), ("c", 1.8, 2.5))
    spans = place_words(["b", "a", "c"], heard, 2.0)
    flat = [t for span in spans for t in span]
    assert flat == sorted(flat) and flat[-1] <= 2.0


def words() -> list[WordTiming]:
    return [
        WordTiming(word="Is", start=0.5, end=0.7, host="skeptic", turn=0),
        WordTiming(word="x<y", start=0.7, end=1.0, host="skeptic", turn=0),
        WordTiming(word="&", start=1.0, end=1.1, host="skeptic", turn=0),
        WordTiming(word="true?", start=1.1, end=1.5, host="skeptic", turn=0),
        WordTiming(word="Yes.", start=62.0, end=62.4, host="explainer", turn=1),
    ]


def test_webvtt_escapes_text_and_tags_each_cue_with_its_speaker() -> None:
    vtt = webvtt(words(), {"explainer": "Nora", "skeptic": "Theo <T>"})
    assert vtt.split("\n\n") == [
        "WEBVTT",
        "00:00:00.500 --> 00:00:01.500\n<v Theo &lt;T&gt;>Is x&lt;y &amp; true?",
        "00:01:02.000 --> 00:01:02.400\n<v Nora>Yes.\n",
    ]


def test_srt_numbers_cues_and_uses_comma_milliseconds() -> None:
    text = srt(words(), {"explainer": "Nora", "skeptic": "Theo"})
    assert text.startswith("1\n00:00:00,500 --> 00:00:01,500\nTheo: Is x<y & true?\n")
    assert "2\n00:01:02,000 --> 00:01:02,400\nNora: Yes.\n" in text


def test_long_sentences_are_split_into_short_cues() -> None:
    long_turn = [
        WordTiming(word=f"w{i}", start=i, end=i + 0.5, host="explainer", turn=0) for i in range(40)
    ]
    cues = webvtt(long_turn, {"explainer": "Nora"}).strip().split("\n\n")[1:]
    assert len(cues) == 3
    spoken = [cue.split("\n")[1].removeprefix("<v Nora>").split() for cue in cues]
    assert [len(c) for c in spoken] == [16, 16, 8]


@pytest.mark.parametrize("title", ['Results & "limits" <b>', "Ünïcode — chapters"])
def test_json_chapters_follow_podcasting_2_0(title: str) -> None:
    data = json.loads(json_chapters([ChapterMark(title=title, start=12.3456, end=20)]))
    assert data == {"version": "1.2.0", "chapters": [{"startTime": 12.346, "title": title}]}


def test_phoneme_runs_between_spaces_become_the_words_of_the_text() -> None:
    phonemes = [("h", 0.0, 0.1), ("i", 0.1, 0.2), (",", 0.2, 0.3), (" ", 0.3, 0.4)]
    phonemes += [("j", 0.4, 0.5), ("u", 0.5, 0.7), (".", 0.7, 0.7)]
    words = words_from_phoneme_times("hi, you.", phonemes)
    assert [(w.word, w.start, w.end) for w in words] == [("hi,", 0.0, 0.2), ("you.", 0.4, 0.7)]


def test_phoneme_words_that_do_not_pair_with_the_text_are_not_trusted() -> None:
    assert (
        words_from_phoneme_times("one two three", [("w", 0, 1), (" ", 1, 1), ("t", 1, 2)]) is None
    )
