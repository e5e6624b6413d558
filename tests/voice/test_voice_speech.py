"""The speech-ready normaliser: what each kind of paper notation sounds like."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperdive.audio import load_lexicon, speech_text
from paperdive.errors import ConfigError

CASES = [
    # numbers, percentages, ranges, multipliers
    ("It scored 85.5% on the test.", "It scored eighty-five point five percent on the test."),
    ("Use 3–5 layers.", "Use three to five layers."),
    ("A 1.23x gain.", "A one point two three times gain."),
    ("A 3.3x speedup.", "A three point three times speedup."),
    ("We trained 1,024 heads.", "We trained one thousand twenty-four heads."),
    ("Loss fell to 0.92.", "Loss fell to zero point nine two."),
    ("The 1st and 3rd runs.", "The first and third runs."),
    ("It was -0.5 lower.", "It was minus zero point five lower."),
    # years versus counts
    ("In 2023 they tried it.", "In twenty twenty-three they tried it."),
    ("From 2019 to 2021.", "From twenty nineteen to twenty twenty-one."),
    ("A context of 2048 tokens.", "A context of two thousand forty-eight tokens."),
    # versions and model names
    ("EAGLE-3 beats EAGLE-2.", "eagle three beats eagle two."),
    ("GPT-4o and GPT-4 disagree.", "G P T four oh and G P T four disagree."),
    ("Version v2 and v1.5.", "Version version two and version one point five."),
    # units
    ("It takes 120 ms per step.", "It takes one hundred twenty milliseconds per step."),
    ("We need 80GB of memory.", "We need eighty gigabytes of memory."),
    ("A 7B model on 15T tokens.", "A seven billion model on fifteen trillion tokens."),
    # acronyms: spelled unless the lexicon says they are words
    ("The GPU runs the LLM with RL.", "The G P U runs the L L M with R L."),
    ("Eight GPUs.", "Eight G P U's."),
    ("NASA and BERT are words.", "nasa and bert are words."),
    # symbols and Greek letters
    ("We set α ≤ 0.5.", "We set alpha less than or equal to zero point five."),
    ("Cost is 2 × n.", "Cost is two times n."),
    ("Take ∑ x over the β terms.", "Take the sum of x over the beta terms."),
    ("x^2 grows.", "x squared grows."),
    ("lr=1e-4 works.", "lr equals one times ten to the minus four works."),
    ("About ~4 points.", "About about four points."),
    ("A budget of 1e9 FLOPs.", "A budget of one times ten to the nine flops."),
    ("It cost $5 or $2.5M.", "It cost five dollars or two point five million dollars."),
    # citations go, links and arXiv ids are said briefly
    ("As shown [12], it works.", "As shown, it works."),
    ("See [3, 7–9].", "See."),
    ("It works (Smith et al., 2023).", "It works."),
    ("It fails (Lee and Park, 2021; Wu, 2020).", "It fails."),
    ("Smith et al. (2022) disagree.", "Smith and colleagues disagree."),
    ("Code at https://github.com/org/repo today.", "Code at github dot com today."),
    ("arXiv:2303.08774v2", "archive two three zero three dot zero eight seven seven four version two"),  # noqa: E501
    # things no engine can phonemise are cleaned, not passed on
    ("Speed {fast} / slow * 2 #1", "Speed fast slow two one"),
    ("Dashes — like this.", "Dashes, like this."),
]  # fmt: skip


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_speech_text_reads_paper_notation_aloud(written: str, spoken: str) -> None:
    assert speech_text(written) == spoken


def test_user_lexicon_overrides_and_extends_the_shipped_one(tmp_path: Path) -> None:
    user = tmp_path / "lexicon.toml"
    user.write_text('NASA = "N A S A"\nMedusa = "meh-doo-sa"\n"GPT-4o" = "gee pee tee four oh"\n')
    lexicon = load_lexicon(user)
    text = "NASA used Medusa and GPT-4o."
    assert speech_text(text, lexicon) == "N A S A used meh-doo-sa and gee pee tee four oh."
    assert load_lexicon()["NASA"] == "nasa"  # the shipped defaults are untouched


def test_lexicon_matches_whole_words_only() -> None:
    assert speech_text("BERTology and subBERT", {"BERT": "bert"}) == "BERTology and subBERT"


def test_empty_lexicon_spells_every_acronym() -> None:
    assert speech_text("NASA", {}) == "N A S A"


@pytest.mark.parametrize(
    ("content", "problem"),
    [("NASA = [", "not valid TOML"), ("NASA = 3", 'entry "NASA" must be a string')],
)
def test_bad_lexicon_file_is_a_one_line_config_error(
    tmp_path: Path, content: str, problem: str
) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(content)
    with pytest.raises(ConfigError, match=problem) as error:
        load_lexicon(user)
    assert "\n" not in str(error.value)


def test_missing_lexicon_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read lexicon"):
        load_lexicon(tmp_path / "absent.toml")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_becomes_something_every_engine_can_read(text: str) -> None:
    spoken = speech_text(text)
    assert re.fullmatch(r"[\w\s.,;:!?'\"()-]*", spoken)
    assert not re.search(r"\d", spoken)  # every number is said in words
