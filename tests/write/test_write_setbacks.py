"""Where a paper's own results go against its method, the skeptic holds it up in his corner
(issue 9): listeners heard "our method only outperformed the prior methods on some of the
games" read by the explainer among the wins, then that the paper admits few limits. A
rival's shortfall ("Mixtral lags far behind …") is a win and no doubt, nor is a small size
("despite having only 2.4B parameters")."""

from __future__ import annotations

import re

from test_write_coherence import chapter_text, write
from write_helpers import prose_paper

from paperdive.evaluate.script import MAX_TURN_WORDS
from paperdive.models import Paper
from paperdive.writing.briefing import falls_short, result_figures
from paperdive.writing.briefing_talk import _BASELINE_NAME
from paperdive.writing.conversation import host_lines
from paperdive.writing.exchanges import _BASELINE
from paperdive.writing.plan import COLD_OPEN, CRITIQUE, chapter_kind
from paperdive.writing.sentences import Sentence

ABSTRACT = (
    "We present a method for training control policies from replayed experience with a "
    "learned gate, called Gated Replay. Gated Replay learns swimming, hopping and walking gaits "
    "in a physics simulator and plays Atari games from raw pixels."
)
SECTIONS = {
    "Introduction": (
        "Policy gradient methods waste most of their experience because each sample is used "
        "once. Replay reuses samples, but stale samples bias the gradient. A gate that weighs "
        "each replayed sample by its staleness can keep the reuse and remove the bias."
    ),
    "Method": (
        "Gated Replay stores every trajectory in a buffer of fixed size. The gate scores each "
        "stored sample by the divergence between the policy that produced it and the current "
        "policy. The gradient is then a weighted sum in which stale samples count for less."
    ),
    "Results": (
        "Gated Replay solved all of the locomotion tasks and reached the best returns on "
        "swimming, hopping and walking. "
        "On the hopping task Gated Replay reaches a return of 3,200, against 2,100 for plain "
        "replay. "
        "However, Gated Replay falls behind on the games with sparse rewards, where the gate "
        "discards most of the buffer. "
        "While our method only outperformed the prior methods on some of the games, it "
        "consistently achieved reasonable scores."
    ),
}


def replay_paper() -> Paper:
    return prose_paper("Gated Replay for Control", ABSTRACT, SECTIONS)


def line(text: str) -> Sentence:
    return Sentence(
        text=text, original=text, section="Results", position=0.5, order=0, role="results"
    )


def test_a_shortfall_of_the_method_is_a_setback_and_a_rivals_is_not() -> None:
    method = "Gated Replay"
    assert falls_short(
        line("Despite the long training, the Gated Replay network underfit."), method
    )
    assert falls_short(line("However, Gated Replay falls behind on the sparse games."), method)
    assert falls_short(line("Our method only outperformed the others on some of the games."), None)
    assert not falls_short(line("The plain baseline lags far behind Gated Replay."), method)
    assert not falls_short(line("The max KL variant learned slower than our final method."), None)
    assert falls_short(line("Despite the long training, the network underfit the data."), None)
    assert not falls_short(line("The baseline network underfit the data."), None)
    # Said in the passive: "the HMM is outperformed by LSTM-based models".
    assert falls_short(line("However, the model is still outperformed by the LSTM."), None)
    assert not falls_short(line("The LSTM is outperformed by Gated Replay."), method)
    small = "Gated Replay, despite having only 2.4 billion parameters, matches the 33B model."
    assert not falls_short(line(small), method)


def test_the_skeptic_holds_up_where_the_methods_own_results_go_against_it() -> None:
    script = write(replay_paper())
    corner = chapter_text(script, CRITIQUE)
    assert "falls behind on the games with sparse rewards" in corner
    assert "only outperformed the prior methods on some of the games" in corner
    said_by = {t.text: t.host for t in script.turns}
    for text, host in said_by.items():
        if "falls behind on the games" in text or "only outperformed the prior" in text:
            assert host == "skeptic", text
    # The paper's own results admit a limit.
    assert not any(said in corner for said in host_lines()["few_doubts"])
    assert "solved all" not in corner  # the win a "However" turns from is not a doubt


def test_the_cold_open_claims_a_win_of_the_method_itself() -> None:
    """TRPO's abstract states its finding as "Our experiments demonstrate its robust
    performance" (whose?); of its results, the cold open is the method's win, not the
    ablation of a variant nor where it loses."""
    abstract = (
        "We present a method for training control policies from replayed experience with a "
        "learned gate, called Gated Replay. Our experiments demonstrate its robust "
        "performance on a wide variety of locomotion tasks."
    )
    results = (
        "The max staleness variant learned somewhat slower than our final method, but overall "
        "the result suggests that the average gate has a similar effect. "
        "While our method only outperformed the prior methods on some of the games, it "
        "consistently achieved reasonable scores. "
        "Gated Replay solved all of the locomotion tasks, yielding the best solutions."
    )
    paper = prose_paper("Gated Replay for Control", abstract, {**SECTIONS, "Results": results})
    opening = chapter_text(write(paper), COLD_OPEN)
    assert "Gated Replay solved all of the locomotion tasks" in opening
    # "All of the problems" says nothing before the episode has said which problems.
    bare = results.replace("all of the locomotion tasks", "all of the problems")
    paper = prose_paper("Gated Replay for Control", abstract, {**SECTIONS, "Results": bare})
    assert "solved all of the problems" not in chapter_text(write(paper), COLD_OPEN)


def test_the_cold_open_takes_a_figure_the_authors_give_their_method_in_the_first_person() -> None:
    """RELAX opened on "The authors demonstrate their framework for training …" while its
    results said "our estimator achieved greater than a 2-times speedup": a win with its
    figure, of the method, in the authors' words for it."""
    abstract = (
        "We present a method for training control policies from replayed experience with a "
        "learned gate, called Gated Replay. We demonstrate the method on locomotion tasks."
    )
    results = (
        "In both walking tasks our estimator reached a 2-times speedup over plain replay. "
        "In both walking tasks our baseline model reached a 3-times speedup over no replay."
    )
    paper = prose_paper("Gated Replay for Control", abstract, {**SECTIONS, "Results": results})
    opening = chapter_text(write(paper), COLD_OPEN)
    assert "2-times speedup" in opening
    assert "3-times" not in opening


def test_a_paper_that_names_no_method_falls_short_by_the_subject_of_its_title() -> None:
    """ "Scaling Hidden Markov Language Models" names no method; its "However, we do find
    that the HMM is outperformed by LSTM-based models" never reached the skeptic, who said
    the paper admits barely a word."""
    abstract = (
        "Hidden Markov models (HMMs) cleanly separate the hidden state from the emissions. "
        "We scale hidden Markov models to large state spaces with a neural parameterization."
    )
    results = (
        "The large HMM reaches a perplexity of 125 against 284 for the previous HMMs. "
        "However, we do find that the HMM is outperformed by LSTM-based models on both sets."
    )
    paper = prose_paper(
        "Scaling Hidden Markov Language Models", abstract, {**SECTIONS, "Results": results}
    )
    assert "outperformed by LSTM-based models" in chapter_text(write(paper), CRITIQUE)


def test_a_rival_is_asked_about_by_its_name_without_the_full_stop() -> None:
    """ "How does it compare with DeepSeek-V2 Chat SFT.?" was heard in round 8."""

    def named(pattern: re.Pattern[str], text: str) -> str:
        found = pattern.search(text)
        assert found is not None
        return found.group("name")

    text = "RL improves maths compared with DeepSeek-V2 Chat SFT. It also beats Qwen1.5 72B Chat."
    assert named(_BASELINE_NAME, text) == "DeepSeek-V2 Chat SFT"
    assert named(_BASELINE, text) == "DeepSeek-V2"
    assert named(_BASELINE_NAME, "better than Qwen1.5 72B Chat.") == "Qwen1.5 72B Chat"


def test_a_models_size_is_no_result() -> None:
    """ "It comprises 236B total parameters, of which 21B are activated" was said among the
    results of DeepSeek-V2 (with the line introducing the model that it leans on)."""
    sizes = "It comprises 236B total parameters, of which 21B are activated, and a 128K context."
    assert result_figures(sizes) == []
    assert result_figures("It reduces the KV cache by 93.3% against DeepSeek 67B.") == ["93.3%"]
    # a name's version: "Pre-trained representations like wav2vec 2.0 are a powerful tool"
    # was read in a held-out paper's results as if "2.0" were one
    assert result_figures("Models like wav2vec 2.0 gain 56% over bottleneck features.") == ["56%"]


def test_the_paper_admitting_much_is_no_monologue_of_the_skeptic() -> None:
    """CiteSee's critique read four admitted limits in one 142-word turn of the skeptic; past
    a full turn he asks, and the explainer reads the rest."""
    limits = (
        "Although participants saw the four strategies, we did not reveal how the gates were "
        "chosen for each of the replayed samples in the study. "
        "After the study, we revealed that participants were rating gates chosen by different "
        "strategies, and they were not aware of it and assumed a single selection method. "
        "Our study is limited to short sessions, so we cannot say how the gate behaves over "
        "weeks of continued use by the same people in the wild. "
        "Our deployment did not measure how often users ignored the gate, which limits what "
        "can be concluded about its usefulness beyond the lab setting."
    )
    paper = prose_paper("Gated Replay for Control", ABSTRACT, {**SECTIONS, "Limitations": limits})
    script = write(paper)
    corner = [t for t in script.turns if chapter_kind(script.chapters[t.chapter].title) is CRITIQUE]
    assert sum("gate" in t.text for t in corner) >= 2  # the limits are said
    assert max(len(t.text.split()) for t in corner) <= MAX_TURN_WORDS
