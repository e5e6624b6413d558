"""Stage 6, notes: the episode's show notes, with readings only from the paper's bibliography."""

from __future__ import annotations

import re
from collections import Counter

from paperdive.models import (
    ChapterNote,
    Notes,
    Paper,
    PaperLink,
    Reading,
    Reference,
    Script,
    ShowNotes,
)
from paperdive.writing.compose import EXTRACTIVE_WRITER
from paperdive.writing.model_citations import citations
from paperdive.writing.roles import sentence_kind
from paperdive.writing.sections import SectionRole, section_roles
from paperdive.writing.sentences import (
    PaperText,
    Sentence,
    clean_for_speech,
    is_speakable,
    numbers_in,
    self_contained,
    split_sentences,
    third_person,
    word_runs,
)
from paperdive.writing.spoken import without_asides
from paperdive.writing.titles import claim_title, cleaned_title, readable_title

MAX_READINGS = 4
TAKEAWAYS = 6
HOOK_SENTENCES = 3
REASON_WORDS = 35
NEAR_DUPLICATE_RUN = 5  # two takeaways sharing five words in a row say the same thing
TAKEAWAY_KIND_RANK: dict[str, int] = {
    "result": 4,
    "comparison": 4,
    "claim": 3,
    "proposal": 3,
    "caveat": 2,
    "mechanism": 1,
    "objective": 1,
}
# What a cited work is to the paper, from the words around its citation.
_RELATIONS = [
    (
        re.compile(
            r"\b(?:baselines?|compared? (?:to|with|against)|outperform\w*|versus|vs\.)", re.I
        ),
        "A baseline the paper compares against.",
    ),
    (
        re.compile(
            r"\b(?:we (?:use|adopt|follow|build on|extend|employ|borrow|leverage|apply)|"
            r"based on|built on|following|inspired by|adapted from|initiali[sz]ed from)\b",
            re.I,
        ),
        "Work the authors build on.",
    ),
    (
        re.compile(r"\b(?:datasets?|benchmarks?|corpus|corpora|test sets?)\b", re.I),
        "A dataset or benchmark the paper uses.",
    ),
]
_BY_SECTION: dict[str, str] = {
    "related": "Earlier work the paper discusses.",
    "introduction": "Background the paper starts from.",
    "background": "Background the method assumes.",
    "method": "Work the method draws on.",
    "setup": "Part of the experimental set-up.",
    "results": "Cited alongside the results.",
    "discussion": "Cited in the discussion of the paper's limits.",
}


def disclosure(models: list[str]) -> str:
    if models == [EXTRACTIVE_WRITER]:
        writer = "written by paperdive's extractive writer from the paper's own sentences"
    else:
        writer = f"written by {', '.join(models)} and checked against the paper by paperdive"
    # The audio stage appends which voices read it, once it knows them.
    return f"AI-generated episode: {writer}; the hosts' voices are synthesized."


def extractive_shownotes(script: Script, texts: list[PaperText], notes: list[Notes]) -> ShowNotes:
    if len(texts) > 1:
        return _digest_shownotes(script, [t.paper for t in texts], notes)
    text, paper = texts[0], texts[0].paper
    hook = hook_sentences(script, text)
    takeaways = [t for t in summary_sentences(text) if t not in hook]
    return ShowNotes(
        title=catchy_title(text),
        hook=" ".join(third_person(s) for s in hook),
        takeaways=[third_person(t) for t in takeaways[:TAKEAWAYS]],
        chapters=_chapters(script),
        readings=readings(text),
        disclosure=disclosure(script.models),
        source_url=paper.url,
        paper_date=paper.published,
        papers=[PaperLink(title=readable_title(paper), url=paper.url, published=paper.published)],
    )


def hook_sentences(script: Script, text: PaperText) -> list[str]:
    """The episode's pitch in whole sentences: the paper's lines its cold open says, else
    the first of the abstract's."""
    by_original = {s.original: s.text for s in text.sentences}
    opening = [r.quote for t in script.turns if t.chapter == 0 for r in t.source_refs]
    said = [by_original[q] for q in opening if q in by_original]
    abstract = [s.text for s in text.sentences if s.role == "abstract" and self_contained(s)]
    return list(dict.fromkeys(said or abstract))[:HOOK_SENTENCES]


def summary_sentences(text: PaperText) -> list[str]:
    """The paper's own summary lines (abstract and conclusion), strongest claims first."""
    candidates = [
        s for s in text.sentences if s.role in ("abstract", "conclusion") and self_contained(s)
    ]
    if len(candidates) < TAKEAWAYS:
        candidates += [s for s in text.sentences if self_contained(s)]

    def strength(sentence: Sentence) -> tuple[int, int]:
        rank = TAKEAWAY_KIND_RANK.get(sentence_kind(sentence), 0)
        return rank, min(len(numbers_in(sentence.text)), 2)

    chosen: list[str] = []
    seen_runs: set[tuple[str, ...]] = set()
    for sentence in sorted(dict.fromkeys(candidates), key=strength, reverse=True):
        runs = word_runs(sentence.text, NEAR_DUPLICATE_RUN)
        if not runs & seen_runs:  # abstracts and conclusions restate each other
            chosen.append(sentence.text)
            seen_runs |= runs
    return chosen


def _digest_shownotes(script: Script, papers: list[Paper], notes: list[Notes]) -> ShowNotes:
    """One line per paper in the summary; one result per paper in the takeaways."""
    summary = [
        f"{readable_title(p)}: {third_person((n.method or n.problem)[0].text)}"
        for p, n in zip(papers, notes, strict=True)
        if n.method or n.problem
    ]
    takeaways = [third_person(n.results[0].text) for n in notes if n.results]
    return ShowNotes(
        title=f"Paper digest: {', '.join(c.title for c in script.chapters)}",
        hook=f"{len(papers)} papers, {len(script.chapters)} themes.",
        takeaways=takeaways[:TAKEAWAYS],
        chapters=_chapters(script),
        disclosure=disclosure(script.models),
        summary=" ".join(summary),
        papers=[
            PaperLink(title=readable_title(p), url=p.url, published=p.published) for p in papers
        ],
    )


def _chapters(script: Script) -> list[ChapterNote]:
    return [ChapterNote(title=c.title, description=c.description) for c in script.chapters]


def catchy_title(text: PaperText) -> str:
    """The paper's strongest claim in its own words, else its title without boilerplate."""
    return claim_title(text.paper, summary_lines(text)) or cleaned_title(text.paper)


def summary_lines(text: PaperText) -> list[str]:
    """The conclusion's sentences, then the abstract's, as a host would say them."""
    paper = text.paper
    conclusions = [s.text for s in paper.sections if "conclu" in s.title.lower()]
    return [
        third_person(clean_for_speech(sentence, text.vocabulary))
        for block in conclusions + [paper.abstract]
        for sentence in split_sentences(block)
    ]


def readings(text: PaperText) -> list[Reading]:
    """Up to four linked bibliography entries, most-cited first, each with what it is to
    this paper: a baseline, a dataset, work the method builds on, earlier work it discusses
    (from the sentences that cite it), and one of those sentences when it reads whole
    without its citation."""
    paper = text.paper
    roles = dict(zip((s.title for s in paper.sections), section_roles(paper), strict=False))
    citing = citations(paper)
    ranked = sorted(
        (
            ref
            for ref in paper.references
            if ref.link() and ref.index in citing and _has_a_title(ref)
        ),
        key=lambda ref: (-len(citing[ref.index]), ref.index),
    )
    chosen: list[Reading] = []
    quoted: set[str] = set()
    for ref in ranked[:MAX_READINGS]:
        sentences = citing[ref.index]
        relation = _relation(sentences, roles)
        quote = next(
            (
                q
                for q in (
                    third_person(without_asides(clean_for_speech(s, text.vocabulary)))
                    for s, _ in sentences
                )
                if q not in quoted and is_speakable(q) and len(q.split()) <= REASON_WORDS
            ),
            None,
        )
        if quote is not None:
            quoted.add(quote)
        chosen.append(
            Reading(
                title=ref.title or "",
                url=ref.link() or "",
                reason=f"{relation} In the paper's words: {quote}" if quote else relation,
                reference_index=ref.index,
            )
        )
    return chosen


def _relation(sentences: list[tuple[str, str]], roles: dict[str, SectionRole]) -> str:
    """What a cited work is to the paper, judged from the sentences that cite it."""
    for pattern, relation in _RELATIONS:
        if any(pattern.search(sentence) for sentence, _ in sentences):
            return relation
    where = Counter(roles.get(section, "method") for _, section in sentences).most_common(1)
    return _BY_SECTION.get(where[0][0], "Work the paper cites.")


def _has_a_title(ref: Reference) -> bool:
    """Parsed bibliographies sometimes yield a fragment ("[cs.CL]", "In Proc") as the title."""
    title = (ref.title or "").strip()
    fragment = re.match(r"^(\[|In\b|Proc|arXiv|preprint)", title)
    return bool(title) and not fragment and bool(re.search(r"[A-Za-z]{4,}", title))
