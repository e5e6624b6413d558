"""Stage 6, notes: the episode's show notes, with readings only from the paper's bibliography."""

from __future__ import annotations

import re

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
from paperdive.writing.read import section_kinds
from paperdive.writing.sentences import (
    PaperText,
    Sentence,
    clean_for_speech,
    cue_score,
    self_contained,
    shorten,
    split_sentences,
    third_person,
    word_runs,
)
from paperdive.writing.titles import claim_title, cleaned_title, readable_title

MAX_READINGS = 4
TAKEAWAYS = 6
REASON_WORDS = 30
NEAR_DUPLICATE_RUN = 5  # two takeaways sharing five words in a row say the same thing


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
    text, paper, paper_notes = texts[0], texts[0].paper, notes[0]
    opening = [r.quote for t in script.turns if t.chapter == 0 for r in t.source_refs]
    hook_sentences = [clean_for_speech(q, text.vocabulary) for q in opening[:1]]
    hook_sentences += [p.text for p in paper_notes.problem[:1] + paper_notes.method[:1]]
    hook_sentences = list(dict.fromkeys(hook_sentences))[:3]
    takeaways = [t for t in summary_sentences(text) if t not in hook_sentences]
    return ShowNotes(
        title=catchy_title(text),
        hook=" ".join(third_person(s) for s in hook_sentences) or paper.abstract,
        takeaways=[third_person(t) for t in takeaways[:TAKEAWAYS]],
        chapters=_chapters(script),
        readings=readings(text),
        disclosure=disclosure(script.models),
        source_url=paper.url,
        paper_date=paper.published,
        papers=[PaperLink(title=readable_title(paper), url=paper.url, published=paper.published)],
    )


def summary_sentences(text: PaperText) -> list[str]:
    """The paper's own summary lines (abstract and conclusion), strongest claims first."""
    candidates = [
        s
        for s in text.sentences
        if (s.section == "Abstract" or "limitations" in section_kinds(s.section))
        and self_contained(s)
    ]
    if len(candidates) < TAKEAWAYS:
        candidates += [s for s in text.sentences if self_contained(s)]

    def strength(sentence: Sentence) -> float:
        return max(cue_score(sentence, field) for field in ("results", "method", "limitations"))

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
    """Up to four linked bibliography entries, most-cited first, each with its own citing
    line: an entry cited only in a sentence that already gives another its reason is left out."""
    paper = text.paper
    citing = {ref.index: _citing_sentences(paper, ref) for ref in paper.references if ref.link()}
    ranked = sorted(
        (ref for ref in paper.references if ref.link() and citing[ref.index] and _has_a_title(ref)),
        key=lambda ref: (-len(citing[ref.index]), ref.index),
    )
    known = text.vocabulary
    # Entries with the fewest citing sentences choose theirs first.
    reasons: dict[int, tuple[str, str]] = {}
    for ref in sorted(ranked, key=lambda ref: len(citing[ref.index])):
        given = [reason for reason, _ in reasons.values()]
        reason = _reason(citing[ref.index], known, given)
        if reason is not None:
            reasons[ref.index] = reason
    chosen = []
    for ref in [ref for ref in ranked if ref.index in reasons][:MAX_READINGS]:
        reason, section = reasons[ref.index]
        where = f" ({section})" if section else ""
        chosen.append(
            Reading(
                title=ref.title or "",
                url=ref.link() or "",
                reason=f"Cited{where}: {reason}",
                reference_index=ref.index,
            )
        )
    return chosen


def _reason(
    citing: list[tuple[str, str]], known: frozenset[str], given: list[str]
) -> tuple[str, str] | None:
    """The first citing sentence not already `given` as a reason that is short enough to
    quote whole, else the first one cut back to its opening clauses (or to a word boundary,
    marked with an ellipsis); None when every citing sentence is already given."""
    spoken = [(third_person(clean_for_speech(s, known)), section) for s, section in citing]
    spoken = [(s, sec) for s, sec in spoken if not any(s[:40] in reason for reason in given)]
    if not spoken:
        return None
    whole = next(((s, sec) for s, sec in spoken if len(s.split()) <= REASON_WORDS), None)
    if whole is not None:
        return whole
    sentence, section = spoken[0]
    return shorten(sentence, REASON_WORDS), section


def _has_a_title(ref: Reference) -> bool:
    """Parsed bibliographies sometimes yield a fragment ("[cs.CL]", "In Proc") as the title."""
    title = (ref.title or "").strip()
    fragment = re.match(r"^(\[|In\b|Proc|arXiv|preprint)", title)
    return bool(title) and not fragment and bool(re.search(r"[A-Za-z]{4,}", title))


def _citing_sentences(paper: Paper, ref: Reference) -> list[tuple[str, str]]:
    numeric = re.compile(rf"\[(?:[^\]]*[,\s])?{ref.index}(?:[,\s][^\]]*)?\]")
    surname = (ref.authors or "").split(",")[0].split(" and ")[0].strip().split(" ")[-1]
    author_year = (
        re.compile(rf"{re.escape(surname)}[^()]{{0,40}}{ref.year}")
        if surname and ref.year
        else None
    )
    found = []
    for section in paper.sections:
        for sentence in split_sentences(section.text):
            if numeric.search(sentence) or (author_year and author_year.search(sentence)):
                found.append((sentence, section.title))
    return found
