"""The paper's sentences as the hosts say them."""

from __future__ import annotations

import pytest

from paperdive.writing.sentences import (
    clean_for_speech,
    is_speakable,
    split_sentences,
    third_person,
)


def test_split_keeps_abbreviations_and_initials_inside_sentences() -> None:
    text = (
        "Prior work (e.g. sliding windows) by D. Guo et al. is fast. It is also lossy, "
        "cf. Fig. 2 and Sec. 3. • Bullet points start new sentences here."
    )
    assert split_sentences(text) == [
        "Prior work (e.g. sliding windows) by D. Guo et al. is fast.",
        "It is also lossy, cf. Fig. 2 and Sec. 3.",
        "Bullet points start new sentences here.",
    ]


@pytest.mark.parametrize(
    ("raw", "spoken"),
    [
        (
            "Attention is costly [12], as shown before [3, 4].",
            "Attention is costly, as shown before.",
        ),
        ("It uses ReLU (Nair & Hinton, 2010; Saxe et al., 2013) units.", "It uses ReLU units."),
        ("Moreover, the gate is cheap.", "The gate is cheap."),
        ("The model is ef\ufb01cient and well- known.", "The model is efficient and wellknown."),
    ],
)
def test_clean_for_speech(raw: str, spoken: str) -> None:
    assert clean_for_speech(raw) == spoken


def test_third_person() -> None:
    assert third_person("In this paper, we propose our method; we train it ourselves.") == (
        "Here the authors propose their method; the authors train it themselves."
    )


@pytest.mark.parametrize(
    ("sentence", "speakable"),
    [
        ("The router keeps the top scoring blocks for every query token.", True),
        ("Too short to say.", False),
        ("The score is si = ⟨q, mean(K[Ii])⟩ for every block i in the context.", False),
        ("In this section, we describe the training setup for all our models.", False),
        ("Results for all models are shown in Table 3 below.", False),
        ("Code is available at https://github.com/example/repo for everyone.", False),
        ("ABSTRACT SCALING THE EFFECTIVE CONTEXT LENGTH IS ESSENTIAL FOR MODELS.", False),
    ],
)
def test_speakable(sentence: str, speakable: bool) -> None:
    assert is_speakable(sentence) is speakable
