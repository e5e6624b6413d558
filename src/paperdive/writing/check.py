"""Stage 4, check: every number and named result in a script, matched against the paper.

The check understands how people speak: "MTP-1." (a full stop), "Eagle3" for EAGLE-3,
"CRF-style" and "MoE-layer" (a name with an everyday word hyphenated on), "LLMs" for LLM,
"seven times" for 7.1x, "roughly 80 percent" for 79.8%, "about a third" for 33.6%, "∼" and the
unicode minus, "95 percent" for a ".95" confidence level, "four in a hundred million" for
3.91e-8, and a year the paper dates itself by (its publication date, "2412-2502" for December
2024 to February 2025). A made-up example figure ("say fifty papers") is flagged as such, so
the revision may drop it. A check item records the passage the claim was matched against,
so a reader of review.json can see why a line was trusted. Repeated sentences and 8-word runs
are flagged here too.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from paperdive.models import CheckItem, Paper, Review, Script
from paperdive.writing.quantities import (
    Quantity,
    derived,
    number_words,
    quantities,
    spaced_thousands,
    supports,
)
from paperdive.writing.sentences import (
    MAX_REPEATABLE_WORDS,
    split_sentences,
    word_runs,
    words_of,
)

# Model, benchmark and method names: capitalised words with digits or inner capitals.
NAMED = re.compile(r"\b(?:[A-Z][A-Za-z]*-?\d[\w.\-]*|[A-Z][a-z]*[A-Z][\w\-]*|[A-Z]{2,}[\w\-]*)")
RUN_LENGTH = 8
# Words of the trade and of conversation that name no result: never checked.
GENERAL_TERMS = frozenset(
    ("OK", "AI", "GPU", "CPU", "TPU", "LLM", "API", "ML", "NLP", "RL", "PDF", "FAQ", "USD", "PhD")
    + ("CEO", "US", "UK", "EU", "TL", "DR", "TLDR", "FLOPs", "FLOP", "GitHub", "YouTube", "ArXiv")
    + ("IQ", "TV", "HTTP", "JSON", "URL", "RAM", "VRAM", "SQL")
)
_EVERYDAY_SUFFIX = re.compile(r"^[a-z]{2,}$")  # "style" in CRF-style, "layer" in MoE-layer
_TOKEN = re.compile(r"[^\W_]+")
_PIECE = re.compile(r"\d+|[^\W\d_]+")
_WORD = re.compile(r"[a-z][a-z0-9\-]{2,}")
_STOPWORDS = frozenset(
    ("the", "and", "for", "that", "this", "with", "from", "are", "was", "were", "have", "has")
    + ("had", "but", "not", "its", "their", "they", "them", "than", "then", "which", "what")
    + ("when", "where", "who", "how", "why", "can", "could", "would", "should", "will", "also")
    + ("more", "most", "into", "over", "such", "these", "those", "there", "here", "been")
    + ("being", "our", "your", "you", "his", "her", "she", "him", "out", "all", "any", "each")
    + ("per", "via", "about", "just", "very", "like", "really", "right", "yeah", "okay", "well")
    + ("because", "one", "two", "it's", "that's", "what's", "don't", "doesn't")
)
ItemKind = Literal["number", "named_result", "claim", "repetition"]
_SUFFIXES = (
    "ations",
    "ation",
    "ings",
    "ing",
    "ies",
    "ied",
    "est",
    "ers",
    "ed",
    "er",
    "es",
    "ly",
    "s",
)
FIGURE_WEIGHT, NAME_WEIGHT, PAIR_WEIGHT = 8.0, 5.0, 2.0  # a shared figure outweighs words
CONTEXT_PASSAGES = 5  # passages a host may have computed a difference or ratio from
YEAR = range(1900, 2100)
MIN_PASSAGE_WORDS = 4  # content words below which a "sentence" is a heading or a cut
_HEADING = re.compile(r"^\s*(?:[A-Z]|\d+)(?:\.\d+)+\.?\s+[A-Z]")  # "6.1.1 Global Citation …"
_INNER_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")
_LIST_RESIDUE = re.compile(r"[a-z]\s\d{1,2}\.$")
TITLE_CASE_SHARE = 0.7
ILLUSTRATIVE = "an example figure the host made up"  # a flagged item's note says so
# "2412-2502": months written YYMM, as arXiv ids and benchmark releases date them.
_MONTH_RANGE = re.compile(
    r"(?<![\w.])(\d{2})(0[1-9]|1[0-2])\s?[-–]\s?(\d{2})(0[1-9]|1[0-2])(?![\w.])"
)
_ARXIV_MONTH = re.compile(r"^(\d{2})(0[1-9]|1[0-2])\.\d{4,5}")


@dataclass
class Passage:
    """A sentence (or table row, or bibliography entry) of a paper, keyed for matching."""

    text: str
    section: str | None
    bibliography: bool = False
    key: str = ""
    starts: frozenset[int] = frozenset()
    ends: frozenset[int] = frozenset()
    words: frozenset[str] = frozenset()
    quantities: list[Quantity] = field(default_factory=list)
    spoken: bool = False  # the grounded figures of the line itself, not the paper's text
    pairs: frozenset[tuple[str, str]] = frozenset()  # neighbouring content words
    fragment: bool = False  # a heading, a list lead-in, a cut: no passage to rewrite from

    @classmethod
    def of(
        cls,
        text: str,
        section: str | None,
        *,
        bibliography: bool = False,
        fragment: bool = False,
    ) -> Passage:
        key, starts, ends = keyed(text)
        ordered = content_words(text)
        found = quantities(text)
        if bibliography:  # page numbers and volumes are not claims; a year may be
            found = [q for q in found if q.decimals == 0 and int(q.value) in YEAR]
        else:
            found += month_range_years(text) + spaced_thousands(text)
        return cls(
            text=text,
            section=section,
            bibliography=bibliography,
            key=key,
            starts=starts,
            ends=ends,
            words=frozenset(ordered),
            quantities=found,
            pairs=frozenset(zip(ordered, ordered[1:], strict=False)),
            fragment=fragment or len(ordered) < MIN_PASSAGE_WORDS or _looks_cut(text),
        )

    def holds(self, name_key: str) -> bool:
        """Whether the squashed name occurs here starting and ending on word boundaries."""
        position = self.key.find(name_key)
        while position >= 0:
            if position in self.starts and position + len(name_key) in self.ends:
                return True
            position = self.key.find(name_key, position + 1)
        return False


def names_in(text: str) -> list[str]:
    """Names a line uses: model and method names ("EAGLE-3", "PaperQuest") and capitalised
    words inside a sentence ("the Specter baseline")."""
    found = NAMED.findall(text)
    for sentence in split_sentences(text):
        for match in _INNER_CAPITAL.finditer(sentence):
            if match.start() > 0 and match.group(0).lower() not in _STOPWORDS:
                found.append(match.group(0))
    return found


def _looks_cut(text: str) -> bool:
    """A heading ("6.1.1 Global Citation Counts …"), a list item's residue ("… pedagogical
    relevance 3.") or a title-cased label rather than a sentence."""
    if _HEADING.match(text) or _LIST_RESIDUE.search(text):
        return True
    tokens = text.split()
    if len(tokens) >= 8 and sum(any(c.isdigit() for c in t) for t in tokens) > 0.4 * len(tokens):
        return True  # a table's cells run into prose
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    capitalised = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and capitalised / len(words) > TITLE_CASE_SHARE


def month_range_years(text: str) -> list[Quantity]:
    """The years of YYMM month ranges ("2412-2502": 2024 and 2025), which a host says as
    "December 2024 to February 2025"."""
    found: list[Quantity] = []
    for match in _MONTH_RANGE.finditer(text):
        for year in {2000 + int(match[1]), 2000 + int(match[3])}:
            found += quantities(str(year))
    return found


def counted_pattern(part: int, whole: int) -> re.Pattern[str]:
    """ "4 out of the 6", "four of six", "4/6": a count of a whole, as a paper writes it."""

    def forms(n: int) -> str:
        return "|".join(re.escape(f) for f in {str(n), *number_words(n)})

    return re.compile(
        rf"(?<![\w.])(?:{forms(part)})\s*(?:(?:out\s+)?of\s+(?:the\s+|all\s+|our\s+|"
        rf"these\s+)?|/\s*)(?:{forms(whole)})(?![\w.])",
        re.IGNORECASE,
    )


def date_passage(paper: Paper) -> Passage | None:
    """The paper's own dates (published, updated, its arXiv id's month): a year the paper
    dates itself by is known, not invented."""
    years = {d.year for d in (paper.published, paper.updated) if d is not None}
    month = _ARXIV_MONTH.match(paper.arxiv_id or "")
    if month:
        years.add(2000 + int(month[1]))
    if not years:
        return None
    listed = ", ".join(str(y) for y in sorted(years))
    return Passage.of(f"The paper is dated {listed}.", "Paper date")


def keyed(text: str) -> tuple[str, frozenset[int], frozenset[int]]:
    """Text squashed to lower-case letters and digits, with where each word (and each run of
    letters or digits inside one: "eagle" and "3" of "Eagle3") starts and ends."""
    text = unicodedata.normalize("NFKC", text).casefold()
    key: list[str] = []
    starts: set[int] = set()
    ends: set[int] = set()
    length = 0
    for token in _TOKEN.finditer(text):
        for piece in _PIECE.finditer(token.group(0)):
            starts.add(length)
            key.append(piece.group(0))
            length += len(piece.group(0))
            ends.add(length)
    return "".join(key), frozenset(starts), frozenset(ends)


def content_words(text: str) -> list[str]:
    """The words that carry meaning, cut to a rough stem ("trained", "training" → "train")."""
    lowered = unicodedata.normalize("NFKC", text).lower()
    return [_stem(w) for w in _WORD.findall(lowered) if w not in _STOPWORDS]


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def name_forms(name: str) -> list[str]:
    """The squashed keys a spoken name may be found under: "MoE-layer." → "moe";
    "LLMs" → "llms", "llm"; "Eagle3" → "eagle3". Empty for a general term."""
    name = re.sub(r"['’]s$", "", name.rstrip(".-,;:!?'’"))
    parts = name.split("-")
    while len(parts) > 1 and _EVERYDAY_SUFFIX.match(parts[-1]):
        parts.pop()  # "CRF-style", "GPT-4-class", "MoE-layer"
    name = "-".join(parts)
    if not name or name in GENERAL_TERMS or name.rstrip("s") in GENERAL_TERMS:
        return []
    forms = [keyed(name)[0]]
    if len(name) > 2 and name.endswith("s") and (name[-2].isupper() or name[-2].isdigit()):
        forms.append(keyed(name[:-1])[0])  # "LLMs", "MoEs", "GPUs"
    return [f for f in forms if f]


class PaperIndex:
    """What the papers say: the sentences, table rows and bibliography entries, for looking up
    a quantity, a name or the passages most like a line of the script."""

    def __init__(self, papers: list[Paper]):
        self.passages: list[Passage] = []
        for paper in papers:
            cut = {
                sentence.text
                for section in paper.sections
                for paragraph in section.paragraphs
                for sentence in paragraph.sentences
                if {"fragment", "footnote"} & set(sentence.marks)
            }
            self.passages += [Passage.of(t, s, fragment=t in cut) for t, s in paper_passages(paper)]
            self.passages += [
                Passage.of(ref.raw, "References", bibliography=True) for ref in paper.references
            ]
            dated = date_passage(paper)
            if dated is not None:
                self.passages.append(dated)
        self._by_word: dict[str, list[int]] = {}
        for position, passage in enumerate(self.passages):
            for word in passage.words:
                self._by_word.setdefault(word, []).append(position)
        count = max(len(self.passages), 1)
        self._idf = {w: math.log(1 + count / len(ps)) for w, ps in self._by_word.items()}
        self._average = sum(len(p.words) for p in self.passages) / count or 1.0
        self._name_counts: dict[str, int] = {}

    # ---------------------------------------------------------------- names

    def find_name(self, name: str) -> tuple[str, str | None] | None:
        """The first passage naming `name` in any spoken form; (name, None) for a general term."""
        forms = name_forms(name)
        if not forms:
            return (name, None)
        for passage in self.passages:
            if any(passage.holds(form) for form in forms):
                return (passage.text, passage.section)
        return None

    # ---------------------------------------------------------------- quantities

    def find_quantity(
        self, said: Quantity, context: Iterable[Passage] = ()
    ) -> tuple[str, str | None, str | None] | None:
        """(passage, section, note) grounding `said`: a quantity the paper states, else a
        difference, ratio or relative change of two in a passage of `context`."""
        for passage in self.passages:
            if any(supports(stated, said) for stated in passage.quantities):
                return (passage.text, passage.section, None)
        if said.kind == "ratio" and said.raw:
            # "four out of six" for "4 out of the 6 participants", "four of the six"
            pattern = counted_pattern(round(said.value * said.raw), round(said.raw))
            for passage in self.passages:
                if pattern.search(passage.text):
                    return (passage.text, passage.section, None)
        for passage in context:
            for stated in derived([q for q in passage.quantities if q.kind != "fraction"]):
                if supports(stated, said):
                    return (passage.text, passage.section, f"derived from {stated.text}")
            whole = said.raw or 0.0
            reciprocal = said.kind == "ratio" and math.isclose(said.value * whole, 1)
            if reciprocal and passage.spoken:
                # "a thousand shuffles resolve no p-value below one in a thousand"
                count = replace(said, kind="digits", value=whole, decimals=0)
                if any(supports(q, count) for q in passage.quantities):
                    return (passage.text, passage.section, f"one in {said.raw:g}")
        return None

    # ---------------------------------------------------------------- passages

    def similar(self, text: str, k: int = CONTEXT_PASSAGES) -> list[Passage]:
        """The `k` passages sharing the most (and rarest) words with `text` (BM25-like)."""
        scores: dict[int, float] = {}
        for word in set(content_words(text)):
            for position in self._by_word.get(word, ()):
                scores[position] = scores.get(position, 0.0) + self._idf[word]
        for position, score in scores.items():
            length = len(self.passages[position].words)
            scores[position] = score / (0.5 + 0.5 * length / self._average)
        best = sorted(scores, key=lambda p: (-scores[p], p))[:k]
        return [self.passages[p] for p in best]

    def related(self, text: str, k: int = CONTEXT_PASSAGES) -> list[Passage]:
        """The `k` passages that best match what `text` says, to rewrite it from: those
        holding its figures (in any notation) first, then by its names, its rarest words and
        word pairs. Headings, cut sentences and bibliography entries only come when they
        hold a name of the text; a passage must share a figure, a name or two words."""
        said = quantities(text)
        names = [f for n in dict.fromkeys(names_in(text)) for f in name_forms(n)]
        ordered = content_words(text)
        pairs = set(zip(ordered, ordered[1:], strict=False))
        words = set(ordered)
        scores: dict[int, float] = {}
        for position, passage in enumerate(self.passages):
            if passage.spoken:
                continue
            named = sum(self._name_weight(form) for form in names if passage.holds(form))
            figures = sum(
                1
                for q in said
                if not q.minor and any(supports(stated, q) for stated in passage.quantities)
            )
            if passage.fragment and not (named or figures) or passage.bibliography and not named:
                continue
            shared = words & passage.words
            if not figures and not named and len(shared) < 2:
                continue
            length = len(passage.words) / self._average
            overlap = sum(self._idf.get(w, 0.0) for w in shared) / (0.75 + 0.25 * length)
            scores[position] = (
                FIGURE_WEIGHT * figures
                + NAME_WEIGHT * named
                + overlap
                + PAIR_WEIGHT * len(pairs & passage.pairs)
            )
        best = sorted(scores, key=lambda p: (-scores[p], p))[:k]
        return [self.passages[p] for p in best]

    def _name_weight(self, form: str) -> float:
        """1 for a name few passages hold, less for one most of the paper is about."""
        if form not in self._name_counts:
            held = sum(1 for p in self.passages if p.holds(form))
            self._name_counts[form] = held
        share = self._name_counts[form] / max(len(self.passages), 1)
        return max(0.2, 1.0 - 10 * share)

    def holding(self, said: Quantity) -> list[Passage]:
        """The passages that state `said`, exactly or as it was rounded."""
        return [
            p
            for p in self.passages
            if not p.spoken and any(supports(stated, said) for stated in p.quantities)
        ]

    def locate(self, quote: str) -> Passage | None:
        """The passage a quote was taken from, allowing for cleaned-up wording: most of the
        quote's words, in a passage that is most of the quote."""
        wanted = set(content_words(quote))
        if len(wanted) < 3:
            return None
        for passage in self.similar(quote, 3):
            shared = len(wanted & passage.words)
            if shared >= 0.8 * len(wanted) and shared >= 0.5 * len(passage.words):
                return passage
        return None


def paper_passages(paper: Paper) -> list[tuple[str, str | None]]:
    """The sentences of the title, abstract, sections and captions, the sentences the number
    index kept, the rows of the tables and the footnotes, each with the section it sits in."""
    found: list[tuple[str, str | None]] = [(paper.title, "Title")]
    found += [(s, "Abstract") for s in split_sentences(paper.abstract)]
    for section in paper.sections:
        texts = [p.text for p in section.paragraphs] or [section.text]
        found += [(s, section.title) for text in texts for s in split_sentences(text)]
    found += [(c.text, c.label) for c in paper.captions]
    found += [(n.sentence, n.section) for n in paper.numbers]
    found += _table_rows(paper)
    found += [(f.text, "Footnote") for f in paper.footnotes]
    return list(dict.fromkeys(found))


def _table_rows(paper: Paper) -> list[tuple[str, str | None]]:
    """Each table row as a passage ("Table 2: EAGLE-3 | 79.8 | 3.1"), with its header row, so
    a figure read off a table is grounded by it."""
    rows: list[tuple[str, str | None]] = []
    for table in paper.tables:
        label = table.label or "Table"
        header = " | ".join(table.rows[0]) if table.rows else ""
        for row in table.rows[1:]:
            cells = " | ".join(c for c in row if c.strip())
            rows.append((f"{label} ({header}): {cells}" if header else f"{label}: {cells}", label))
        if table.caption:
            rows.append((table.caption, label))
    return rows


def check_script(script: Script, papers: list[Paper], index: PaperIndex | None = None) -> Review:
    """Ground numbers and names; ungrounded ones are flagged for the revise stage."""
    index = index or PaperIndex(papers)
    items: list[CheckItem] = []
    for position, turn in enumerate(script.turns):
        items += check_text(turn.text, position, index, set(script.hosts.values()))
    items += repetitions(script)
    return Review(items=items)


def check_text(
    text: str, position: int, index: PaperIndex, hosts: set[str] | None = None
) -> list[CheckItem]:
    """Check items for the quantities and names in one turn's text."""
    items: list[CheckItem] = []
    spoken = list({q.text: q for q in quantities(text)}.values())
    direct = {q.text: index.find_quantity(q) for q in spoken}
    context: list[Passage] | None = None
    for said in spoken:
        found = direct[said.text]
        if found is None:
            if context is None:
                # A host may compute a gap or a ratio from the paper's numbers, or from the
                # grounded numbers said in the same turn ("from 60 to 80, 20 points").
                grounded = [q for q in spoken if direct[q.text] is not None]
                context = [*index.similar(text), _spoken_passage(grounded)]
            found = index.find_quantity(said, context)
        if found is None and said.minor:
            continue  # "two camps": conversation, unless the paper has it
        item = _item("number", position, said.text, found)
        if found is None and said.illustrative:
            item.note = f"{ILLUSTRATIVE}: the paper has no such figure"
        items.append(item)
    for name in dict.fromkeys(NAMED.findall(text)):
        name = name.rstrip(".-,;:")
        if name in (hosts or set()) or not name_forms(name):
            continue
        found_name = index.find_name(name)
        located = (found_name[0], found_name[1], None) if found_name else None
        items.append(_item("named_result", position, name, located))
    return items


def _spoken_passage(spoken: list[Quantity]) -> Passage:
    """The turn's own quantities, from which a host may compute ("from 60 to 80, 20 points")."""
    return Passage(
        text="(numbers said in the same turn)", section=None, quantities=spoken, spoken=True
    )


def unsupported(text: str, index: PaperIndex) -> list[str]:
    """The quantities and names in `text` that the paper does not support."""
    return [i.text for i in check_text(text, 0, index) if i.status == "flagged"]


def _item(
    kind: ItemKind, turn: int, text: str, found: tuple[str, str | None, str | None] | None
) -> CheckItem:
    if found is None:
        return CheckItem(
            kind=kind, turn=turn, text=text, status="flagged", note="not found in the paper"
        )
    passage, section, note = found
    return CheckItem(
        kind=kind,
        turn=turn,
        text=text,
        status="grounded",
        evidence=passage,
        section=section,
        note=note,
    )


def repetitions(script: Script) -> list[CheckItem]:
    """Sentences, and runs of eight words, that already appeared earlier in the script."""
    seen_sentences: set[str] = set()
    seen_runs: set[tuple[str, ...]] = set()
    items = []
    for position, turn in enumerate(script.turns):
        for sentence in split_sentences(turn.text):
            words = words_of(sentence)
            key = " ".join(words)
            runs = word_runs(sentence, RUN_LENGTH)
            repeated_sentence = key in seen_sentences and len(words) > MAX_REPEATABLE_WORDS
            if repeated_sentence or runs & seen_runs:
                items.append(
                    CheckItem(
                        kind="repetition",
                        turn=position,
                        text=sentence,
                        status="flagged",
                        note="repeats an earlier sentence"
                        if repeated_sentence
                        else f"repeats an earlier run of {RUN_LENGTH} words",
                    )
                )
                continue
            seen_sentences.add(key)
            seen_runs |= runs
    return items


def minutes_after_review(script: Script, words_per_minute: float) -> float:
    """How long the script runs once the review has cut its repeats: the length a plan
    announces is the length the episode ends up."""
    repeated = sum(len(item.text.split()) for item in repetitions(script))
    return (script.word_count() - repeated) / words_per_minute
