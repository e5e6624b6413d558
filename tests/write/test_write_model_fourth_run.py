"""What the fourth live run (DeepSeek-V2 and TRPO, each request answered by a capable model
that saw only the prompt) exposed, as recorded exchanges with the scripted model:

- the seam rule made the skeptic answer a question the explainer had asked, and no prompt
  said who asks: the explainer closed chapters on questions (eval's "host roles" failed);
- plan beats naming figures that only sections the chapter did not list state;
- "from other sections" passages chosen for sharing small numbers with a beat (a GSM8K
  prompt example for a mixture-of-experts chapter) or for holding more of a beat's figures
  than the section the chapter already had (a TriviaQA table row for a long-context chapter);
- quotes asked for exactly, from text the quote check reads differently;
- "the paper does not report" said of material the paper leaves to an appendix.
"""

from __future__ import annotations

from model_fake import ScriptedModel
from model_helpers import chapter, chapter_prompts, script_of, section
from test_write_model_live_fixes import study_paper
from write_helpers import build_paper

from paperdive.models import Caption, CheckItem, Paper, Table, Turn
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.check import PaperIndex
from paperdive.writing.model_passages import chapter_passages, sections_for_beats
from paperdive.writing.model_stages import _sources
from paperdive.writing.revise import plan_windows

HEADLINE = "Compared with the dense model, the sparse model reduces the KV cache by 93.3%."
LONG_CONTEXT = (
    "YaRN then extends the context window from 4K to 128K tokens. "
    "It trains for 1000 steps at a sequence length of 32K."
)
EXPERTS = "Each layer has 2 shared experts and 160 routed experts, of which 6 are activated."
WORD_PROBLEM = Table(
    label="Table 24",
    caption="An example of a grade-school math prompt.",
    rows=[["PROMPT"], ["Q: Ann has 6 letters in her name and her sister has 2 more than 160."]],
)
OTHER_BENCHMARK = Table(
    label="Table 3",
    caption="Chat models on TriviaQA and NaturalQuestions may not follow the format.",
    rows=[
        ["Benchmark", "Model A", "Model B", "Model C"],
        ["Context Length", "4K", "32K", "128K"],
        ["TriviaQA", "71.2", "73.1", "80.3"],
    ],
)


def moe_paper() -> Paper:
    """A model report: the headline in the introduction, the architecture and the long
    context in their sections, a word-problem prompt and a benchmark table elsewhere."""
    filler = "The architecture is described in the sections that follow. " * 3
    return build_paper(
        sections=[
            section("1", "Introduction", filler, HEADLINE),
            section("2", "Architecture", filler, EXPERTS),
            section("3", "Long Context Extension", filler, LONG_CONTEXT),
            section("4", "Chat Evaluation", "Table 3 compares the chat models.", filler),
            section("C", "Evaluation Prompts", "Table 24 shows a prompt.", filler),
        ],
        tables=[OTHER_BENCHMARK, WORD_PROBLEM],
    )


# ---------------------------------------------------------------- 1. and 2. who asks


def test_the_explainer_answers_at_a_seam_whoever_asked(episode: EpisodeDir) -> None:
    """The explainer closed chapter 1 on a question: the explainer, not the skeptic, opens
    chapter 2 and answers it, and stitching makes the two one turn."""
    paper = study_paper()
    fake = ScriptedModel(
        paper,
        plan=[
            chapter("Opening", ["What changed?"], ["1 Introduction"]),
            chapter("The test", ["How was it tested?", "Ten people."], ["5 Study 1"]),
        ],
        chapters={
            1: [
                ("explainer", "Inline citations are a key resource."),
                ("skeptic", "Only in a lab, though."),
                ("explainer", "So how was it tested?"),
            ],
            2: [
                ("explainer", "With ten people, in a lab."),
                ("skeptic", "Ten is not many."),
            ],
        },
    )
    script = write_script([paper], episode, llm="anthropic:fake", client=fake, minutes=5).script
    _, second = chapter_prompts(fake)
    assert "Nora (explainer) speaks first and answers it" in second
    assert "Theo (skeptic) speaks first" not in second
    hosts = [t.host for t in script.turns]
    assert all(a != b for a, b in zip(hosts, hosts[1:], strict=False))
    assert any(t.text == "So how was it tested? With ten people, in a lab." for t in script.turns)


def test_every_prompt_states_that_the_skeptic_asks(paper: Paper, episode: EpisodeDir) -> None:
    """The split eval measures (most questions the skeptic's) is said in the system prompt,
    the plan (the opening question is the skeptic's), each chapter (only the skeptic closes a
    chapter on its next question) and the revision."""
    fake = ScriptedModel(paper, flags=[(2, "quadratically", "The paper says linearly.")])
    write_script([paper], episode, llm="anthropic:fake", client=fake, minutes=5)
    system = fake.requests[0].system
    assert "Questions are Theo's: Theo asks, Nora answers." in system
    assert "Nora asks rarely" in system
    (plan,) = [r.prompt for r in fake.requests if r.kind == "plan"]
    assert "as Theo, the skeptic, would ask it" in plan
    chapters = chapter_prompts(fake)
    assert all("Nora\nends no turn on a question" in p for p in chapters)
    assert all("Only Theo (skeptic) may close the chapter" in p for p in chapters[:-1])
    (revise,) = [r.prompt for r in fake.requests if r.kind == "revise"]
    assert "Theo, the skeptic, asks the questions" in revise


def test_the_main_text_is_all_the_model_has(paper: Paper, episode: EpisodeDir) -> None:
    fake = ScriptedModel(paper)
    write_script([paper], episode, llm="anthropic:fake", client=fake, minutes=5)
    system = fake.requests[0].system
    assert "the paper leaves that to its" in system
    assert 'never "the paper does not report"' in system


# ---------------------------------------------------------------- 3. beats and their sections


def test_a_beat_figure_brings_the_section_that_states_it_into_the_plan(
    episode: EpisodeDir,
) -> None:
    """The plan's beat cites the headline figure, which only the introduction states, for a
    chapter listing the architecture alone: the introduction is added to the chapter's
    sections (in the outline, so it is visible), and its writer reads the sentence there."""
    paper = moe_paper()
    beats = ["Why go sparse?", "The KV cache shrinks by 93.3%.", "Six experts fire per token."]
    assert sections_for_beats(paper, ["2 Architecture"], beats) == ["1 Introduction"]
    assert sections_for_beats(paper, ["1 Introduction", "2 Architecture"], beats) == []
    fake = ScriptedModel(
        paper,
        plan=[
            chapter("Going sparse", beats, ["2 Architecture"]),
            chapter("Longer", ["How long can it read?"], ["3 Long Context Extension"]),
        ],
    )
    written = write_script([paper], episode, llm="anthropic:fake", client=fake, minutes=5)
    assert written.outline.chapters[0].sections == ["2 Architecture", "1 Introduction"]
    assert written.outline.chapters[1].sections == ["3 Long Context Extension"]
    first = chapter_prompts(fake)[0]
    assert HEADLINE in first and "From other sections" not in first


# ---------------------------------------------------------------- 4. relevant passages only


def test_a_figure_the_sections_state_brings_no_other_passage() -> None:
    """The long-context chapter's section states 4K, 128K and 32K in two sentences: a
    benchmark table whose one row holds more of the beat's figures is not attached too."""
    paper = moe_paper()
    beats = ["How far does it stretch?", "YaRN stretches 4K to 128K in 1000 steps at 32K."]
    text = chapter_passages([paper], ["3 Long Context Extension"], beats, PaperIndex([paper]))
    assert LONG_CONTEXT in text
    assert "From other sections" not in text and "TriviaQA" not in text


def test_a_passage_that_shares_only_numbers_with_a_beat_is_never_attached() -> None:
    """The experts chapter lists the long-context section only: its figures come from the
    architecture's sentence, never from a word problem holding the same small numbers."""
    paper = moe_paper()
    beats = ["Why experts?", "Each layer has 2 shared and 160 routed experts; 6 fire."]
    text = chapter_passages([paper], ["3 Long Context Extension"], beats, PaperIndex([paper]))
    assert "From other sections" in text and EXPERTS in text
    assert "letters in her name" not in text
    # Held only by the word problem, a figure gets no passage at all.
    beats = ["Why experts?", "Each token is sent to 160 experts in 2 groups."]
    alone = paper.model_copy(update={"sections": paper.sections[2:]})
    text = chapter_passages([alone], ["3 Long Context Extension"], beats, PaperIndex([alone]))
    assert "letters in her name" not in text


def test_revision_passages_are_about_the_flagged_line() -> None:
    """The live run's revision of a line after "Why not just write the next word?" carried
    an appendix prompt ("what the author is going to write next"), found by the words of the
    question before it; passages come turn by turn and must bear on the problem."""
    method = "Each head compares the query of the new token with the keys of all earlier tokens."
    prompt = "The prompt asks the model to write the next word of a story it was given."
    paper = build_paper(
        sections=[
            section("2", "Attention", method),
            section("C", "Prompts", prompt),
        ]
    )
    turns = [
        Turn(host="explainer", text="The model keeps a cache of every earlier token.", chapter=0),
        Turn(host="skeptic", text="Why not just write the next word?", chapter=0),
        Turn(
            host="explainer",
            text="Because each head compares the new token against every earlier token.",
            chapter=0,
        ),
        Turn(host="skeptic", text="That sounds expensive.", chapter=0),
    ]
    script = script_of(turns)
    flag = CheckItem(
        kind="claim",
        turn=2,
        text="each head compares the new token",
        status="flagged",
        note="The query and keys a head compares are never introduced.",
    )
    (window,) = plan_windows(script, [flag], PaperIndex([paper]))
    passages = [text for text, _ in window.passages]
    assert method in passages
    assert prompt not in passages


# ---------------------------------------------------------------- 5. quotes as printed


def test_quotes_are_found_as_the_passages_print_them() -> None:
    """The chapter's passages are the paper's Markdown: a caption's sentence with its
    "**Table 5.**" label, a sentence mostly of math and figures, one the index cut at a
    garbled "!" and a bulleted one are the paper's; a made-up quote is not."""
    paper = build_paper(
        sections=[
            section(
                "6",
                "Experiments",
                "We used $δ = 0.01$ for all experiments.",
                "The map $P : S ⇥A ⇥S ! R$ is the transition probability distribution over "
                "next states.",
            )
        ],
        captions=[
            Caption(
                label="Table 5",
                kind="table",
                text="AlignBench leaderboard rated by GPT-4-0613. Models are ranked in "
                "descending order based on the overall score.",
            )
        ],
    )
    index = PaperIndex([paper])
    quotes = [
        "**Table 5.** AlignBench leaderboard rated by GPT-4-0613.",
        "We used $δ = 0.01$ for all experiments.",
        "• The map $P : S ⇥A ⇥S ! R$ is the transition probability distribution over next states.",
        "The authors used twelve runs per game and report error bars.",
    ]
    found = _sources(quotes, index)
    assert [(r.section, r.quote[:20]) for r in found] == [
        ("Table 5", "AlignBench leaderboa"),
        ("Experiments", "We used $δ = 0.01$ f"),
        ("Experiments", "The map $P : S ⇥A ⇥S"),
    ]
