"""A hand-built paper and a scripted fake text model for the writing tests."""

from __future__ import annotations

import re
from datetime import date

from model_fake import ScriptedModel as FakeLLM  # noqa: F401  (re-exported)

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


def prose_paper(title: str, abstract: str, sections: dict[str, str]) -> Paper:
    """A paper of prose alone, built from its sections' texts: no numbers, no references."""
    return build_paper(
        title=title,
        abstract=abstract,
        sections=[Section(title=t, text=x) for t, x in sections.items()],
        numbers=[],
        references=[],
    )
