"""A hand-built paper and a scripted fake text model for the writing tests."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

from paperdive.llm import Completion, Usage
from paperdive.models import NumberMention, Paper, Reference, Section
from paperdive.writing.sentences import NUMBER, split_sentences

SECTIONS = {
    "Introduction": (
        "Long documents are expensive for attention layers, because the cost of full attention "
        "grows quadratically with the number of tokens. Serving a model with a context of one "
        "million tokens therefore remains costly for most teams that deploy language models. "
        "Existing sparse methods fix the attention pattern in advance, which works for some "
        "tasks but fails when the relevant evidence sits far from the query. In this paper, we "
        "propose Routed Block Attention, a method that lets each query choose which blocks of "
        "the context to read. Our approach keeps the parameters of the pretrained model and "
        "only changes which keys each query attends to. We show that the method matches full "
        "attention on long-context benchmarks while reading far fewer tokens [2]."
    ),
    "Related Work": (
        "Prior work on efficient attention falls into two families, fixed sparse patterns and "
        "linear approximations of the softmax. Sliding window attention keeps only nearby "
        "tokens and loses information that lies outside the window [1]. Linear attention "
        "replaces the softmax kernel, which speeds up inference but hurts recall on retrieval "
        "tasks [3]. Mixture of experts routing inspired our design, since it also sends each "
        "token to a small subset of the network [1, 2]."
    ),
    "Method": (
        "Our method splits the context into blocks of equal length and summarises each block "
        "by the mean of its keys. A gating network scores every block summary against the "
        "current query and keeps the top scoring blocks. The query then attends to the tokens "
        "of the selected blocks together with its own block, which preserves causality. We "
        "define the routing score as the inner product between the query and the block "
        "summary. Because the router has no parameters of its own, the method can be switched "
        "on and off without retraining the model. We use a block size of 512 tokens and select "
        "3 blocks per query in all experiments."
    ),
    "Experiments": (
        "We evaluate on a suite of long-context tasks with contexts between 32,000 and one "
        "million tokens. The baseline is the same model with full attention, trained on the "
        "same data for the same number of steps. Routed Block Attention reaches a retrieval "
        "accuracy of 94.1% compared to 94.8% for full attention. At one million tokens the "
        "method is 6.5x faster than full attention during prefill. The language modelling "
        "loss of the routed model stays within 0.02 of the full attention model across all "
        "context lengths. An ablation shows that selecting only 1 block per query drops "
        "accuracy to 81.3%, so the number of selected blocks matters."
    ),
    "Limitations": (
        "A limitation of our study is that all experiments use a single model family, so the "
        "results may not transfer to other architectures. The speedup depends on an efficient "
        "kernel, and on short contexts the routing overhead cancels the gain. We leave a "
        "study of learned block boundaries to future work. The benchmarks we use may not "
        "reflect how people actually use long contexts in practice."
    ),
    "Conclusion": (
        "Routed Block Attention lets a pretrained model read long contexts at a fraction of "
        "the cost of full attention. The results suggest that letting the model choose where "
        "to look is a practical alternative to fixed sparse patterns. We hope the method "
        "makes million-token contexts affordable for smaller labs."
    ),
}

ABSTRACT = (
    "Attention over long contexts is slow because its cost grows quadratically with length. "
    "We introduce Routed Block Attention, which lets each query pick the blocks of context "
    "it reads. On long-context benchmarks it keeps accuracy close to full attention and is "
    "6.5x faster at one million tokens."
)


def build_paper(**changes: object) -> Paper:
    sections = [Section(title=title, text=text) for title, text in SECTIONS.items()]
    numbers = []
    for section in sections:
        for sentence in split_sentences(section.text):
            for match in NUMBER.finditer(sentence):
                text = match.group(0)
                value = float(re.sub(r"[^\d.]", "", text) or 0)
                numbers.append(
                    NumberMention(text=text, value=value, sentence=sentence, section=section.title)
                )
    fields: dict[str, object] = {
        "source": "2502.00001",
        "source_kind": "arxiv",
        "title": "Routed Block Attention: Reading Long Contexts by Choice",
        "authors": ["Ada Lovelace", "Alan Turing", "Grace Hopper"],
        "published": date(2025, 2, 1),
        "arxiv_id": "2502.00001",
        "categories": ["cs.CL"],
        "abstract": ABSTRACT,
        "url": "https://arxiv.org/abs/2502.00001",
        "sections": sections,
        "references": [
            Reference(
                index=1,
                raw="Beltagy et al. Longformer. 2020.",
                title="Longformer",
                year=2020,
                arxiv_id="2004.05150",
            ),
            Reference(
                index=2,
                raw="Fedus et al. Switch Transformers. 2021.",
                title="Switch Transformers",
                year=2021,
                arxiv_id="2101.03961",
            ),
            Reference(
                index=3,
                raw="Katharopoulos et al. Transformers are RNNs. 2020.",
                title="Transformers are RNNs",
                year=2020,
            ),
        ],
        "numbers": numbers,
    }
    fields.update(changes)
    return Paper.model_validate(fields)


class FakeLLM:
    """Answers each stage's prompt with a valid reply built from the paper; counts calls.

    `replies` queues raw texts to return first (malformed JSON, refusals …).
    """

    name = "fake:model"
    context_chars = 100_000

    def __init__(self, paper: Paper, replies: list[str] | None = None):
        self.paper = paper
        self.replies = list(replies or [])
        self.calls: Counter[str] = Counter()

    def complete(self, system: str, prompt: str, *, max_tokens: int) -> Completion:
        stage = prompt.split(" ", 2)[0] + " " + prompt.split(" ", 2)[1]
        self.calls[stage] += 1
        text = self.replies.pop(0) if self.replies else json.dumps(self._answer(prompt))
        return Completion(text=text, usage=Usage(1, len(prompt) // 4, len(text) // 4, 0.001))

    def _answer(self, prompt: str) -> dict:
        intro = split_sentences(SECTIONS["Introduction"])
        results = split_sentences(SECTIONS["Experiments"])
        if prompt.startswith("Make close-reading notes"):
            return {
                "paper_title": self.paper.title,
                "problem": [{"text": intro[0], "section": "Introduction"}],
                "method": [{"text": intro[3], "section": "Introduction"}],
                "results": [{"text": results[3], "section": "Experiments", "numbers": ["6.5x"]}],
            }
        if prompt.startswith("Plan a"):
            return {
                "chapters": [
                    {
                        "title": "Why long contexts hurt",
                        "description": "The cost problem.",
                        "beats": ["quadratic cost"],
                        "word_budget": 60,
                    },
                    {
                        "title": "Routing",
                        "description": "How blocks are chosen.",
                        "beats": ["top blocks"],
                        "word_budget": 60,
                    },
                ]
            }
        if prompt.startswith("Write chapter 1"):
            return {
                "turns": [
                    {"host": "skeptic", "text": "Why is long context so expensive?"},
                    {"host": "explainer", "text": intro[0], "quotes": [intro[0]]},
                ]
            }
        if prompt.startswith("Write chapter"):
            return {
                "turns": [
                    {"host": "skeptic", "text": "And how much faster is it?"},
                    {
                        "host": "explainer",
                        "text": "They report it is 6.5x faster at one million tokens. "
                        "It was also 12.5x cheaper to train.",
                        "quotes": [results[3]],
                    },
                ]
            }
        if prompt.startswith("You are checking"):
            return {"flags": []}
        if prompt.startswith("A fact-check"):
            turn = int(re.search(r'- turn (\d+): "', prompt).group(1))
            text = "They report it is 6.5x faster at one million tokens. "
            return {
                "turns": [
                    {
                        "turn": turn,
                        "text": f"{text}It was also cheaper to run at long context lengths.",
                    }
                ]
            }
        if prompt.startswith("Write show notes"):
            return {
                "title": "Let the model pick what to read",
                "hook": intro[0],
                "takeaways": ["Routing keeps accuracy close to full attention."],
            }
        raise AssertionError(f"unexpected prompt: {prompt[:60]}")
