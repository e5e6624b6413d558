"""What the live digest run (eight papers, each request answered by a capable model that saw
only the prompt) exposed, as recorded exchanges with the scripted model:

1. each paper's fact-check got the whole script and could only judge the turns about its
   paper, without being told so (and eight copies of the script cost);
2. the same flag reached the revision four times, once per critic;
3. "31 million" was flagged against a paper that writes "31 · $10^6$" (see
   test_write_powers_grounding.py);
4. chapter passages lost what the beats needed: a paper's introduction cut to "[…]" although
   a beat rested on it, a table no sentence cites left out, a beat figure "found" in another
   paper's table;
5. the plan's "every paper in exactly one chapter" against a closing chapter that sums up.

The papers here are made up; the mechanisms are the ones the live run exercised.
"""

from __future__ import annotations

import re
from functools import partial

import model_helpers
from model_fake import ScriptedModel
from model_helpers import chapter_prompts

from paperdive.models import (
    CheckItem,
    Paper,
    Paragraph,
    Section,
    Sentence,
    Table,
)
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.check import PaperIndex
from paperdive.writing.model_passages import OMITTED, chapter_passages
from paperdive.writing.model_scope import PaperScope
from paperdive.writing.revise import merge_flags

FILLER = (
    "The authors describe the setting at length, with the usual care about data, tuning and "
    "the reporting of their runs, which the reader may skim on a first pass. "
)
# The digest's papers print each section on a page (tables go to a section on theirs), and
# plan short chapters.
section = partial(model_helpers.section, page=1)
chapter = partial(model_helpers.chapter, budget=120)


def made(n: int, title: str, abstract: str, *sections: Section, **extra: object) -> Paper:
    return Paper(
        source=f"2501.{n:05d}",
        source_kind="arxiv",
        arxiv_id=f"2501.{n:05d}",
        title=title,
        abstract=abstract,
        authors=[f"Author {n}"],
        sections=list(sections),
        **extra,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------- the papers


def trust_paper() -> Paper:
    return made(
        1,
        "Trust Region Updates: Safe Steps for Policy Learning",
        "Trust Region Updates bound each policy update by a limit on the average KL "
        "divergence, set to 0.01 in every experiment.",
        section(
            "1",
            "Method",
            "Trust Region Updates replace the penalty of the theory with a hard limit on the "
            "average KL divergence between the old and the new policy.",
            "The limit is 0.01 in every experiment, and the swimmer learns to move in 120 "
            "iterations.",
        ),
    )


def reasoner_paper() -> Paper:
    return made(
        2,
        "Reasoner R1: Scaling Reinforcement Learning with Long Chains",
        "Reasoner R1 maximises reward minus a KL penalty and scores 77.5 on AIME.",
        section(
            "1",
            "Policy Optimization",
            "Reasoner R1 maximises the reward minus a KL penalty weighted by tau, with the "
            "current model as the reference.",
            "The long-reasoning model scores 77.5 on AIME and 96.2 on MATH-500.",
        ),
        section(
            "2",
            "Training",
            "Inception-style schedules are not used. The model reached its accuracy after "
            "31 · $10^6$ training steps, and the network holds 13.6·$10^6$ parameters.",
        ),
    )


def router_paper() -> Paper:
    """A paper whose introduction mentions Reasoner R1 once, amid long paragraphs."""
    intro = [FILLER * 6 for _ in range(5)]
    intro.insert(
        3,
        "Long reasoning outputs such as those of Reasoner R1 make full attention too costly, "
        "which is why a router that picks a few blocks matters now.",
    )
    return made(
        3,
        "Block Router: Mixture of Block Attention for Long Contexts",
        "Block Router attends to the top few blocks of the context, chosen by a gate.",
        section("1", "Introduction", *intro),
        section("2", "Architecture", *[FILLER * 6 for _ in range(4)]),
        section("3", "Efficiency", "Block Router prefills a million tokens 6.5 times faster."),
    )


def search_paper() -> Paper:
    """Its results text cites its tables in lower case ("table 3"), as the live paper did."""
    return made(
        4,
        "Gated Search: Mutating Recurrent Cells",
        "An evolutionary search over 10,000 recurrent cells finds a bias that helps the LSTM.",
        section(
            "4",
            "Results",
            "Results from the music data are shown in table 2. We report perplexities on PTB in "
            "table 3. The forget gate turns out to be of the greatest importance.",
            page=6,
        ),
        section("5", "Discussion", "The search rarely strayed far from its parents.", page=8),
        tables=[
            Table(
                label="Table 3",
                caption="Perplexities on the PTB.",
                rows=[
                    ["Arch.", "5M-tst", "20M-tst"],
                    ["LSTM-b", "4.698", "4.380 (79.83)"],
                    ["GRU", "4.684", "4.519 (91.7)"],
                    ["MUT1", "4.699", "4.550 (94.6)"],
                ],
                page=7,
            )
        ],
    )


def coder_paper() -> Paper:
    """Its general-knowledge table is cited by no sentence, and another table of it holds
    91.7 too (the live run's plan got an unrelated ARC row for that figure)."""
    return made(
        5,
        "Sparse Coder: Continued Pre-training of Experts for Code",
        "Sparse Coder continues a sparse model on code and reaches 90.2% on HumanEval.",
        section(
            "4.5", "Mathematical Reasoning", "Sparse Coder solves 75.7% of MATH.", level=2, page=13
        ),
        section(
            "4.6",
            "General Natural Language",
            "We compare with the chat model on NaturalQuestions, TriviaQA and MMLU. The coder "
            "falls behind on knowledge-intensive benchmarks like TriviaQA.",
            level=2,
            page=14,
        ),
        section("5", "Conclusion", FILLER, page=15),
        tables=[
            Table(
                label="Table 9",
                caption="Mathematical reasoning.",
                rows=[["Model", "GSM8K", "MATH"], ["Sparse Coder", "94.9", "75.7"]],
                page=13,
            ),
            Table(
                label="Table 10",
                caption="Sparse Coder against the chat model on general benchmarks.",
                rows=[
                    ["Benchmark", "Chat", "Coder"],
                    ["MMLU", "78.1", "79.2"],
                    ["ARC-Challenge", "91.7", "92.3"],
                    ["TriviaQA", "86.7", "82.3"],
                    ["NaturalQuestions", "53.4", "47.5"],
                ],
                page=14,
            ),
        ],
    )


# ---------------------------------------------------------------- 2. merged flags


def flag(turn: int, text: str, note: str, kind: str = "claim") -> CheckItem:
    return CheckItem(kind=kind, turn=turn, text=text, status="flagged", note=note)  # type: ignore[arg-type]


SINGLE_PATH = "'Single-path' is never introduced or explained to the listener."
VARIANTS = (
    "The paper describes two variants, single path, usable model-free, and vine, which needs "
    "the simulator restored to particular states, but the script never introduces either, so "
    "'single-path' is unexplained to the listener."
)
PENALTY = (
    "Turn 33 describes Kimi's update as maximizing reward minus a KL penalty, not a hard "
    "limit. Only TRPO's practical version, per turn 27, uses a hard KL limit."
)
PENALTY_AGAIN = (
    "Kimi k1.5 does not limit KL. It maximizes reward minus a KL penalty weighted by tau, with "
    "the current model as reference, as turn 33 itself says; only TRPO's practical version "
    "uses a hard KL limit."
)


def test_the_same_flag_from_several_critics_is_one() -> None:
    """The live run's critics, one per paper, flagged turn 30 and turn 77 four times each."""
    merged = merge_flags(
        [
            flag(29, "single-path TRPO", SINGLE_PATH),
            flag(76, "a KL limit on each update in TRPO and Kimi", PENALTY),
            flag(29, "single path TRPO.", SINGLE_PATH),
            flag(76, "A KL limit on each update in TRPO and Kimi", PENALTY_AGAIN),
            flag(29, "Single-path TRPO", VARIANTS),
            flag(76, "a KL limit", PENALTY),
            flag(28, "single-path TRPO", "Another turn: another flag."),
            flag(29, "vine TRPO", "A different claim of the same turn."),
            flag(29, "single-path TRPO", "not found in the paper", kind="named_result"),
        ]
    )
    assert [(m.turn, m.kind, m.text) for m in merged] == [
        (29, "claim", "single-path TRPO"),
        (76, "claim", "a KL limit on each update in TRPO and Kimi"),
        (28, "claim", "single-path TRPO"),
        (29, "claim", "vine TRPO"),
        (29, "named_result", "single-path TRPO"),
    ]
    # A reason that says what an earlier one said, in other words, is kept once; a reason
    # that adds something is kept too.
    assert merged[0].note == f"{SINGLE_PATH} {VARIANTS}"
    assert merged[1].note == PENALTY


# ---------------------------------------------------------------- 1. scoped fact-checks


def digest_papers() -> list[Paper]:
    return [trust_paper(), reasoner_paper(), router_paper()]


DIGEST_PLAN = [
    chapter(
        "Steps on a leash",
        ["How do you keep an update safe?", "Trust Region Updates limit KL to 0.01."],
        ["P1 · 1 Method"],
    ),
    chapter(
        "A decade later",
        ["What does Reasoner R1 do?", "It scores 77.5 on AIME."],
        ["P2 · 1 Policy Optimization"],
    ),
    chapter(
        "What it adds up to",
        ["What holds up?", "Block Router prefills a million tokens 6.5 times faster."],
        ["P3 · 3 Efficiency", "P1 · 1 Method"],
    ),
]
DIGEST_CHAPTERS = {
    1: [
        ("explainer", "Trust Region Updates put a hard limit on how far the policy moves."),
        ("skeptic", "How far?"),
        ("explainer", "A KL divergence of 0.01 on average, in every experiment."),
        ("skeptic", "And does it learn?"),
        ("explainer", "The swimmer learns to move in 120 iterations."),
    ],
    2: [
        ("skeptic", "Then Reasoner R1 a decade later. What does it optimise?"),
        ("explainer", "Reward minus a KL penalty weighted by tau."),
        ("skeptic", "And the score?"),
        ("explainer", "77.5 on AIME, and 96.2 on MATH-500."),
    ],
    3: [
        ("skeptic", "So what holds up across both?"),
        ("explainer", "A hard limit on each update in Trust Region Updates and Reasoner R1."),
        ("skeptic", "Small steps, then."),
    ],
}
CLAIM = "A hard limit on each update in Trust Region Updates and Reasoner R1"


def run_digest(episode: EpisodeDir, **fake: object) -> tuple[ScriptedModel, object]:
    model = ScriptedModel(plan=DIGEST_PLAN, chapters=DIGEST_CHAPTERS, **fake)  # type: ignore[arg-type]
    written = write_script(
        digest_papers(), episode, format="digest", llm="anthropic:fake", client=model, minutes=3
    )
    return model, written


def test_each_papers_fact_check_judges_the_turns_about_it(episode: EpisodeDir) -> None:
    model, written = run_digest(episode)
    script = written.script  # type: ignore[attr-defined]
    turns = {n + 1: t.text for n, t in enumerate(script.turns)}
    critics = [r for r in model.requests if r.kind == "critic"]
    by_paper = [r for r in critics if r.document is not None]
    (whole,) = [r for r in critics if r.document is None]
    # Block Router is named in no turn (its chapter's lines are scripted without it):
    # nothing of the script is checked against it.
    assert [r.document.split("\n", 1)[0] for r in by_paper if r.document] == [
        "# Trust Region Updates: Safe Steps for Policy Learning",
        "# Reasoner R1: Scaling Reinforcement Learning with Long Chains",
    ]
    trust, reasoner = (r.prompt for r in by_paper)
    assert 'this check covers only the paper\nabove, "Trust Region Updates' in trust
    assert 'Judge only the turns not marked "(context)"' in trust
    assert "in them only what they say about this\npaper" in trust
    judged = {int(n) for n in re.findall(r"^(\d+)\. (?!\(context\))", trust, re.M)}
    about_reasoner = [n for n, t in turns.items() if "77.5" in t or "tau" in t]
    assert about_reasoner and not judged & set(about_reasoner)
    assert "[… 1 turn about other papers …]" in trust
    closing = next(n for n, t in turns.items() if CLAIM in t)
    assert closing in judged and f"{closing}. (context)" not in reasoner
    # Names and contradictions across papers are the whole-script check's job.
    assert "not heard introduced" not in trust
    assert "FACT-CHECK this episode's conversation as a whole" in whole.prompt
    assert all(f"{n}. " in whole.prompt for n in turns)
    assert "not heard introduced in an earlier turn" in whole.prompt
    # Each paper's request carries only its share of the script.
    script_part = [r.prompt.split("SCRIPT (turn number", 1)[1] for r in by_paper]
    assert all(
        len(part) < len(whole.prompt.split("SCRIPT (turn number", 1)[1]) for part in script_part
    )


def test_flags_from_several_critics_reach_the_revision_once(episode: EpisodeDir) -> None:
    """The live run listed turn 77's flag four times in the revise request, once per critic."""
    closing = 11  # the draft's turn saying CLAIM: chapters of 5, 4 and 3 turns
    model, written = run_digest(
        episode,
        flags=[(closing, CLAIM, "Reasoner R1 uses a KL penalty, not a hard limit.")],
        conversation_flags=[
            (
                closing,
                CLAIM.lower() + ".",
                "An earlier turn said Reasoner R1 maximises reward minus a penalty.",
            )
        ],
    )
    critics = [r for r in model.requests if r.kind == "critic"]
    assert CLAIM in critics[0].prompt.split(f"\n{closing}. ", 1)[1].split("\n", 1)[0]
    assert len(critics) == 3  # two papers' checks and the whole-script check all flag it
    claims = [i for i in written.review.items if i.kind == "claim"]  # type: ignore[attr-defined]
    assert len(claims) == 1 and claims[0].status in ("revised", "cut")
    (revise,) = [r.prompt for r in model.requests if r.kind == "revise"]
    assert len(re.findall(rf'^- turn {closing}: "', revise, re.M)) == 1
    assert "not a hard limit." in revise and "minus a penalty." in revise


# ---------------------------------------------------------------- 4. chapter passages


def test_a_table_no_sentence_names_is_its_sections_content() -> None:
    """ "table 3" in lower case, and a table cited nowhere, printed on the section's page."""
    search, coder = search_paper(), coder_paper()
    papers = [search, coder]
    index = PaperIndex(papers)
    beats = [
        "Gated Search: the LSTM with forget bias reaches 79.83, against 91.7 for the GRU and "
        "94.6 for MUT1.",
        "Sparse Coder pays in general knowledge: NaturalQuestions falls from 53.4 to 47.5.",
    ]
    names = ["P1 · 4 Results", "P2 · 4.6 General Natural Language"]
    text = chapter_passages(papers, names, beats, index)
    assert "From other sections" not in text
    assert "| GRU | 4.684 | 4.519 (91.7) |" in text
    assert "| NaturalQuestions | 53.4 | 47.5 |" in text
    body = text.split("# P2 · ", 1)[1]
    assert body.index("### 4.6 General Natural Language") < body.index("**Table 10.**")
    assert "**Table 9.**" not in text  # printed on 4.5's page, with 4.5's content
    # Each paper of a digest chapter is headed, so its sections are told apart.
    assert "# P1 · Gated Search: Mutating Recurrent Cells" in text


def test_a_beat_figure_comes_with_the_row_of_its_own_paper() -> None:
    """The live plan's 91.7 and 94.6 came with an unrelated ARC row of another paper. The
    source is the row that holds the beat's other figures, of the paper the beat is about."""
    search, coder = search_paper(), coder_paper()
    papers = [search, coder]
    index = PaperIndex(papers)
    beats = [
        "Gated Search: the LSTM with forget bias reaches 79.83, against 91.7 for the GRU and "
        "94.6 for MUT1.",
        "Sparse Coder pays in general knowledge: NaturalQuestions falls from 53.4 to 47.5.",
    ]
    names = ["P1 · 5 Discussion", "P2 · 4.5 Mathematical Reasoning"]
    text = chapter_passages(papers, names, beats, index)
    extra = text.split("From other sections", 1)[1]
    assert "| GRU | 4.684 | 4.519 (91.7) |" in extra and "| MUT1 |" in extra
    assert "ARC-Challenge" not in text
    assert "| NaturalQuestions | 53.4 | 47.5 |" in extra
    assert "Perplexities on the PTB." in extra  # a row comes with its table's caption
    # Under its paper's heading, each line as a deep dive has it (no paper label to repeat).
    assert extra.index("### P1 · Gated Search") < extra.index("| GRU |")
    assert extra.index("### P2 · Sparse Coder") < extra.index("| NaturalQuestions |")
    assert "\nP1 · " not in extra and "\nP2 · " not in extra


def test_a_digest_chapter_shares_its_budget_and_keeps_what_a_beat_names() -> None:
    """MoBA's introduction reached the chapter only as "[…]" although a beat said MoBA
    cites Kimi k1.5 there; the other papers' sections had taken the budget."""
    papers = [trust_paper(), reasoner_paper(), router_paper(), coder_paper()]
    long_coder = coder_paper()
    long_coder.sections[1].paragraphs += [
        Paragraph(sentences=[Sentence(text=FILLER * 8)]) for _ in range(6)
    ]
    papers[3] = long_coder
    index = PaperIndex(papers)
    scope = PaperScope(papers)
    beats = [
        "Sparse Coder trades knowledge for code, NaturalQuestions falls from 53.4 to 47.5.",
        "Block Router cites Reasoner R1: long reasoning outputs make full attention too costly.",
        "It prefills a million tokens 6.5 times faster.",
    ]
    names = [
        "P4 · 4.6 General Natural Language",
        "P3 · 1 Introduction",
        "P3 · 2 Architecture",
        "P3 · 3 Efficiency",
    ]
    budget = 6000
    text = chapter_passages(papers, names, beats, index, budget=budget, scope=scope)
    assert "Long reasoning outputs such as those of Reasoner R1" in text
    assert "6.5 times faster" in text and "| NaturalQuestions | 53.4 | 47.5 |" in text
    assert OMITTED in text
    router = text.split("# P3 · ", 1)[1].split("# P4 · ", 1)[0]
    coder = text.split("# P4 · ", 1)[1]
    assert len(router) > budget / 4 and len(coder) > budget / 4  # each its share
    assert len(text) <= budget + 500


# ---------------------------------------------------------------- 5. the closing chapter


def test_the_closing_chapter_refers_back_without_a_second_appearance(
    episode: EpisodeDir,
) -> None:
    model, _ = run_digest(episode)
    (plan,) = [r.prompt for r in model.requests if r.kind == "plan"]
    assert "every paper is presented in\nexactly one chapter" in plan
    assert "may refer back to findings of papers presented in earlier chapters" in plan
    assert "which is not a second appearance" in plan
    first, second, last = chapter_prompts(model)
    passages = last.split("PAPER PASSAGES", 1)[1]
    # The last chapter presents Block Router; Trust Region Updates, presented in chapter 1,
    # is only referred back to: its section is not sent again.
    assert "## 3 Efficiency" in passages and "## 1 Method" not in passages
    assert "Papers presented in earlier chapters come up here only as a reference back" in last
    assert "Trust Region Updates: Safe Steps for Policy Learning" in last.split("PAPER PASSAGES")[0]
    assert "reference back" not in first and "reference back" not in second
    assert "## 1 Method" in first.split("PAPER PASSAGES", 1)[1]


def test_a_recap_chapter_of_earlier_papers_reads_them_again(episode: EpisodeDir) -> None:
    plan = [
        *DIGEST_PLAN[:2],
        chapter("Recap", ["What holds up?"], ["P1 · 1 Method", "P2 · 2 Training"]),
    ]
    model = ScriptedModel(plan=plan, chapters=DIGEST_CHAPTERS)
    write_script(
        digest_papers(), episode, format="digest", llm="anthropic:fake", client=model, minutes=3
    )
    last = chapter_prompts(model)[-1]
    assert "## 1 Method" in last and "reference back" not in last
