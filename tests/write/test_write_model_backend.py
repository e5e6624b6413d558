"""The stages on a text model: what each request carries, and what is done with the replies."""

from __future__ import annotations

import json

import httpx2
import pytest
from model_fake import ScriptedModel

from paperdive.errors import LLMError
from paperdive.llm.anthropic import AnthropicLLM
from paperdive.llm.openai import OpenAILLM
from paperdive.models import Paper, Turn
from paperdive.store import EpisodeDir
from paperdive.writing import write_script
from paperdive.writing.model_passages import chunk_markdown, match_sections, paper_markdown
from paperdive.writing.model_stages import stitch

# A wrong figure in a line the paper otherwise backs: revised from the passage that bears on
# it (a line about something the paper never discusses has no passage, and is cut).
WRONG_FIGURE = "Against full attention it was even 12.5x faster on shorter contexts."


def test_model_written_script_is_checked_and_revised(paper: Paper, episode: EpisodeDir) -> None:
    fake = ScriptedModel(
        paper,
        chapters={
            2: [
                ("explainer", "And how much faster is it?"),
                ("skeptic", f"They report it is 6.5x faster at one million tokens. {WRONG_FIGURE}"),
            ]
        },
    )
    written = write_script([paper], episode, llm="anthropic:fake", client=fake)
    text = " ".join(t.text for t in written.script.turns)
    assert "12.5x" not in text
    assert [(i.text, i.status) for i in written.review.items if i.text == "12.5x"] == [
        ("12.5x", "revised")
    ]
    assert written.script.models == ["fake:model"]
    assert written.shownotes.title == "How a new method changes the trade-off for its users"
    assert "written by fake:model" in written.shownotes.disclosure
    # The fake plans one chapter per format chapter; budgets are scaled to the target.
    assert sum(c.word_budget for c in written.outline.chapters) == 25 * 150


def test_the_paper_is_read_whole_once_and_cached_for_the_fact_check(
    paper: Paper, episode: EpisodeDir
) -> None:
    fake = ScriptedModel(paper)
    write_script([paper], episode, llm="anthropic:fake", client=fake)
    kinds = [r.kind for r in fake.requests]
    assert kinds[:2] == ["notes", "plan"] and kinds[-2:] == ["critic", "shownotes"]
    notes, critic = fake.requests[0], fake.requests[-2]
    # The same system text and the same paper document: one cached prefix.
    assert notes.document == critic.document == paper_markdown(paper)
    assert notes.system == critic.system
    assert "## Experiments" in notes.document and "94.1%" in notes.document
    # Chapter requests carry passages of their sections, not the whole paper.
    chapters = [r for r in fake.requests if r.kind == "chapter"]
    assert chapters and all(r.document is None for r in chapters)
    assert all("PAPER PASSAGES" in r.prompt for r in chapters)


def test_each_chapter_gets_its_sections_and_the_points_already_made(
    paper: Paper, episode: EpisodeDir
) -> None:
    fake = ScriptedModel(paper)
    written = write_script([paper], episode, llm="anthropic:fake", client=fake)
    by_number = {
        r.prompt.split(" of ", 1)[0]: r.prompt for r in fake.requests if r.kind == "chapter"
    }  # a chapter asked again for length counts once
    chapters = list(by_number.values())
    planned = written.outline.chapters
    for prompt, chapter in zip(chapters, planned, strict=True):
        passages = prompt.split("PAPER PASSAGES", 1)[1]
        for name in chapter.sections:
            assert f"## {name}" in passages or name == "Abstract"
    # From the second chapter on, the points made before are listed, and the previous
    # chapter's closing turns are shown.
    assert "Already covered earlier" not in chapters[0]
    assert "chapter 1 covered its sections" in chapters[1]
    assert "chapter 2 covered its sections" in chapters[2]
    assert "The conversation so far ended like this" in chapters[1]


def test_quotes_are_the_papers_own_sentences(paper: Paper, episode: EpisodeDir) -> None:
    written = write_script([paper], episode, llm="anthropic:fake", client=ScriptedModel(paper))
    quotes = [r for t in written.script.turns for r in t.source_refs]
    assert quotes
    sentences = paper_markdown(paper)
    assert all(r.quote in sentences and r.section for r in quotes)


def test_hosts_alternate_at_every_seam(paper: Paper, episode: EpisodeDir) -> None:
    # Chapter 2 opens with the host who closed chapter 1, against the request: stitched.
    fake = ScriptedModel(
        paper,
        chapters={
            1: [
                ("explainer", "Long contexts are expensive."),
                ("skeptic", "Why is that, exactly?"),
                ("explainer", "Full attention grows quadratically with the number of tokens."),
            ],
            2: [
                ("explainer", "So how does routing pick its blocks?"),
                ("skeptic", "Go on."),
                ("explainer", "A gating network scores every block summary against the query."),
            ],
        },
    )
    script = write_script([paper], episode, llm="anthropic:fake", client=fake).script
    hosts = [t.host for t in script.turns]
    assert all(a != b for a, b in zip(hosts, hosts[1:], strict=False))
    opener = next(t for t in script.turns if t.chapter == 1)
    assert opener.text == (
        "Full attention grows quadratically with the number of tokens. "
        "So how does routing pick its blocks?"
    )


def test_stitching_keeps_a_one_turn_chapter() -> None:
    before = [Turn(host="explainer", text="A.", chapter=0)]
    after = stitch(before, [Turn(host="explainer", text="B?", chapter=1)])
    assert [(t.text, t.chapter) for t in after] == [("A. B?", 0)]


def test_a_dangling_reference_is_fixed_with_the_flagged_line(
    paper: Paper, episode: EpisodeDir
) -> None:
    """The critic flags the line that introduces a name; the later question about that name
    is rewritten in the same request, never left dangling."""
    fake = ScriptedModel(
        paper,
        chapters={
            2: [
                ("explainer", "They add a helper called the Summary Cache to every layer."),
                ("skeptic", "Does that change what the model reads?"),
                ("explainer", "Only which keys each query attends to."),
                ("skeptic", "And what was the Summary Cache doing there?"),
            ]
        },
        flags=[(0, "Summary Cache", "the paper has no such component")],
    )
    fake.flags = []
    first = write_script([paper], episode, llm="anthropic:fake", client=fake)
    turns = first.script.turns
    helper = next(n for n, t in enumerate(turns) if "Summary Cache to every" in t.text)
    fake.flags = [(helper + 1, "Summary Cache", "the paper has no such component")]
    fake.requests.clear()
    written = write_script([paper], episode, llm="anthropic:fake", client=fake, from_stage="review")
    (revise,) = [r for r in fake.requests if r.kind == "revise"]
    question = next(n for n, t in enumerate(turns) if "Summary Cache doing" in t.text)
    assert f"[turn {question + 1}, may change]" in revise.prompt
    assert f"[turn {helper + 1}, may change]" in revise.prompt
    assert "Paper passages that bear on it:\n- " in revise.prompt
    assert "no supporting passage" not in revise.prompt
    text = " ".join(t.text for t in written.script.turns)
    assert "Summary Cache" not in text


def test_critic_flags_become_review_items(paper: Paper, episode: EpisodeDir) -> None:
    fake = ScriptedModel(paper, flags=[(2, "The authors write", "overstated")])
    review = write_script([paper], episode, llm="openai:fake", client=fake).review
    claims = [i for i in review.items if i.kind == "claim"]
    assert [(c.turn, c.note) for c in claims][:1] == [(1, "overstated")]
    assert claims[0].status in ("revised", "cut")


def test_malformed_replies_fail_the_stage_without_saving_it(
    paper: Paper, episode: EpisodeDir
) -> None:
    fake = ScriptedModel(paper, replies=["not json", "{", "still not json"])
    with pytest.raises(LLMError, match="invalid JSON 3 times"):
        write_script([paper], episode, llm="openai:fake", client=fake)
    assert not episode.has("notes") and not episode.file("script.txt").exists()


def test_a_long_paper_is_read_in_parts_cut_at_headings(paper: Paper, episode: EpisodeDir) -> None:
    text = paper_markdown(paper)
    parts = chunk_markdown(text, 1500)
    assert len(parts) > 1 and all(len(p) <= 1500 for p in parts)
    assert all(p.startswith("#") for p in parts)
    assert "".join(parts).replace("\n", "") == text.strip().replace("\n", "")
    fake = ScriptedModel(paper, context_chars=1500)
    write_script([paper], episode, llm="openai:fake", client=fake)
    assert fake.calls["notes"] == len(parts)


def test_sections_are_matched_by_number_title_or_both(paper: Paper) -> None:
    paper = paper.model_copy(deep=True)
    for number, section in enumerate(paper.sections, start=1):
        section.number = str(number)
    paper.sections[2].level = 1
    found = [s.title for s in match_sections(paper, ["3 Method", "Experiments", "5"])]
    assert found == ["Method", "Experiments", "Limitations"]


def test_whole_pipeline_over_the_anthropic_wire_format(
    paper: Paper, episode: EpisodeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
    fake = ScriptedModel(paper)
    bodies: list[dict] = []

    def server(request: httpx2.Request) -> httpx2.Response:
        body = json.loads(request.content)
        bodies.append(body)
        blocks = body["messages"][0]["content"]
        document = blocks[0]["text"] if len(blocks) == 2 else None
        completion = fake.complete(
            body["system"], blocks[-1]["text"], max_tokens=0, document=document
        )
        cached = document is not None and len(bodies) > 1
        usage = {
            "input_tokens": 400,
            "output_tokens": 300,
            "cache_creation_input_tokens": 0 if cached else (3000 if document else 0),
            "cache_read_input_tokens": 3000 if cached else 0,
        }
        return httpx2.Response(
            200,
            json={
                "id": "msg",
                "type": "message",
                "role": "assistant",
                "model": "claude-sonnet-5-5",
                "content": [{"type": "text", "text": completion.text}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": usage,
            },
        )

    client = AnthropicLLM(
        "claude-sonnet-5-5", http_client=httpx2.Client(transport=httpx2.MockTransport(server))
    )
    written = write_script([paper], episode, llm="anthropic:claude-sonnet-5-5", client=client)
    assert written.script.models == ["anthropic:claude-sonnet-5-5"]
    usage = json.loads(episode.file("usage.json").read_text())
    assert usage["notes"]["cache_write_tokens"] == 3000
    assert usage["review"]["cache_read_tokens"] == 3000
    assert usage["review"]["cost_usd"] == pytest.approx((400 * 2 + 300 * 10 + 3000 * 0.2) / 1e6)
    assert all(u["cost_usd"] > 0 for u in usage.values() if u["calls"])


def test_whole_pipeline_over_the_openai_wire_format(
    paper: Paper, episode: EpisodeDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    fake = ScriptedModel(paper)

    def server(request: httpx2.Request) -> httpx2.Response:
        messages = json.loads(request.content)["messages"]
        completion = fake.complete(
            messages[0]["content"], _stage_prompt(messages[-1]["content"]), max_tokens=0
        )
        return httpx2.Response(
            200,
            json={
                "id": "c",
                "object": "chat.completion",
                "created": 0,
                "model": "gpt-test",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": completion.text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
            },
        )

    client = OpenAILLM(
        "gpt-test", http_client=httpx2.Client(transport=httpx2.MockTransport(server))
    )
    written = write_script([paper], episode, llm="openai:gpt-test", client=client)
    assert written.script.models == ["openai:gpt-test"]
    assert written.review.count("number", "grounded") >= 1
    usage = json.loads(episode.file("usage.json").read_text())
    assert usage["notes"]["input_tokens"] == 100 and usage["notes"]["cost_usd"] > 0


def _stage_prompt(user: str) -> str:
    """The stage's own prompt in an OpenAI user message, after the paper when one was sent."""
    for start in ("CLOSE READING", "PLAN", "WRITE chapter", "FACT-CHECK", "A fact-check", "SHOW"):
        at = user.find(start)
        if at == 0 or (at > 0 and user[at - 2 : at] == "\n\n"):
            return user[at:]
    return user
