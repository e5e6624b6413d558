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
from test_write_model_live_fixes import chapter, chapter_prompts, study_paper

from paperdive.models import Paper
from paperdive.store import EpisodeDir
from paperdive.writing import write_script

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
