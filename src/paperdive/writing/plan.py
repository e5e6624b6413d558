"""Stage 2, plan: the kinds of chapter an episode has, and what each may draw on.

Each kind of chapter draws only on sections whose role fits it (sections.py) and on sentences
of the kinds it is about (roles.py): the problem on the abstract and introduction, the method
on method sections, the numbers on results and the abstract's and conclusion's headline
figures, the skeptic's corner on the paper's own limitations, hedges, plans and the set-up
facts that bound its claims. A single paper's plan is the briefing's (briefing.py), a
digest's is digest.py's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from paperdive.models import ScriptFormat
from paperdive.writing.roles import Kind
from paperdive.writing.sections import SectionRole, heading_role
from paperdive.writing.sentences import (
    FIRST_PERSON,
    INTRODUCED_ENDS,
    INTRODUCING,
    LETTERED_PART,
    PaperText,
    Sentence,
    by_the_authors,
    numbers_in,
)
from paperdive.writing.spoken import described_names
from paperdive.writing.titles import readable_title

# Words a listener hears per minute, unless the voices say otherwise (write_script's
# words_per_minute); the default Kokoro voices with their pauses speak nearer 122.
WORDS_PER_MINUTE = 150.0
# Each format's length when none is asked for.
DEFAULT_MINUTES: dict[ScriptFormat, float] = {
    "brief": 5.0,
    "deep-dive": 25.0,
    "critique": 15.0,
    "debate": 15.0,
    "digest": 20.0,
}
# Host questions and transitions add roughly this much to the paper's own words.
HOST_OVERHEAD = 1.04
FRAME_WORDS = 40
# Below this share of the length asked, the episode tells the listener it is a short one.
SHORT_RATIO = 0.9
CRITIQUE_PROMISE = 1 / 3  # of a critique's words on doubts
CRITIQUE_DOUBT_SHARE = 0.38  # planned: a margin over the third the format promises
ALL_ROLES: frozenset[SectionRole] = frozenset(
    {
        "abstract",
        "introduction",
        "background",
        "related",
        "method",
        "setup",
        "results",
        "discussion",
        "conclusion",
    }
)


@dataclass(frozen=True)
class ChapterKind:
    key: str
    title: str
    description: str  # the show notes' line when no sentence of the chapter sums it up
    roles: frozenset[SectionRole]  # the sections it may draw on
    kinds: tuple[Kind, ...]  # the sentences it is about, most wanted first


def _kind(
    key: str, title: str, description: str, roles: set[str], kinds: tuple[str, ...]
) -> ChapterKind:
    return ChapterKind(key, title, description, frozenset(roles), kinds)  # type: ignore[arg-type]


COLD_OPEN = _kind(
    "cold_open",
    "Cold open",
    "The result that makes this paper worth an episode.",
    {"abstract", "introduction", "conclusion", "results"},
    ("result", "comparison", "motivation"),
)
PROBLEM = _kind(
    "problem",
    "The problem",
    "What is hard, and why it matters.",
    {"abstract", "introduction"},
    ("motivation", "other"),
)
PRIOR = _kind(
    "prior",
    "What came before",
    "The approaches this paper builds on or argues against.",
    {"related", "introduction", "background"},
    ("prior",),
)
IDEA = _kind(
    "idea",
    "The core idea",
    "What the authors propose, in plain words.",
    {"abstract", "introduction", "method"},
    ("proposal", "definition", "claim"),
)
MECHANICS = _kind(
    "mechanics",
    "How it works",
    "The moving parts, and what the method optimises.",
    {"method", "background"},
    ("objective", "mechanism", "definition", "other"),
)
EXPERIMENTS = _kind(
    "experiments",
    "The experiments",
    "How the claims were tested, and against what.",
    {"setup", "results"},
    ("setup", "other"),
)
NUMBERS = _kind(
    "numbers",
    "What the numbers say",
    "The headline results, read carefully.",
    {"results", "abstract", "conclusion", "discussion"},
    ("result", "comparison"),
)
CRITIQUE = _kind(
    "critique",
    "The skeptic's corner",
    "Limitations, hedges and open questions, in the paper's own words.",
    set(ALL_ROLES),
    ("caveat", "hedge", "future"),
)
ALTERNATIVES = _kind(
    "alternatives",
    "Other explanations",
    "What else could explain the results: ablations and the alternatives they rule in or out.",
    {"results", "related", "discussion"},
    ("comparison", "result", "prior"),
)
WRAP = _kind(
    "wrap",
    "Takeaways",
    "What to remember, and what to watch for next.",
    {"conclusion", "abstract", "discussion"},
    ("claim", "result", "other"),
)

CHAPTERS: dict[str, list[ChapterKind]] = {
    "deep-dive": [COLD_OPEN, PROBLEM, PRIOR, IDEA, MECHANICS, EXPERIMENTS, NUMBERS, CRITIQUE, WRAP],
    "brief": [COLD_OPEN, PROBLEM, IDEA, NUMBERS, CRITIQUE],
    "critique": [COLD_OPEN, PROBLEM, IDEA, MECHANICS, NUMBERS, CRITIQUE, ALTERNATIVES, WRAP],
    "debate": [COLD_OPEN, IDEA, MECHANICS, NUMBERS, CRITIQUE, WRAP],
}
# Debate chapters have their own names: each is a round of claim and challenge.
TITLE_OVERRIDES: dict[str, dict[str, str]] = {
    "debate": {
        "idea": "The claim",
        "mechanics": "The method on trial",
        "numbers": "The evidence",
        "critique": "The case against",
        "wrap": "The verdict",
    },
}

ALL_KINDS = (
    COLD_OPEN,
    PROBLEM,
    PRIOR,
    IDEA,
    MECHANICS,
    EXPERIMENTS,
    NUMBERS,
    CRITIQUE,
    ALTERNATIVES,
    WRAP,
)


# The numbers chapter of a paper that states its findings in words ("suggests CiteSee is
# more effective … than three baselines"): "What the numbers say" promised figures it lacked.
FOUND_TITLE = "What they found"


def chapter_kind(title: str) -> ChapterKind | None:
    """The kind of chapter a title names (as a plan wrote it, with or without its subtitle)."""
    head = title.split(":")[0].strip()
    if head == FOUND_TITLE:
        return NUMBERS
    for kind in ALL_KINDS:
        if head == kind.title or head in {t.get(kind.key) for t in TITLE_OVERRIDES.values()}:
            return kind
    return None


# Headings every paper has, which say nothing of what a chapter tells.
_ANY_PAPERS: frozenset[SectionRole | None] = frozenset(
    {"introduction", "related", "background", "conclusion", "discussion"}
)


def chapter_title(kind: ChapterKind, title: str, beats: list[Sentence]) -> str:
    """Name method and experiment chapters after the paper's own heading where one fits:
    a short one, without a subtitle of its own, that most of the chapter's lines come from
    (never "The experiments: Data Construction" over one line from that section, nor "How
    it works: Introduction", a heading that names a part of any paper)."""
    if kind.key not in ("mechanics", "experiments"):
        return title
    headings = [s.section for s in beats if s.section]
    if headings:
        heading, count = Counter(headings).most_common(1)[0]
        if (
            count * 2 > len(beats)
            and len(heading.split()) <= 6
            and ":" not in heading
            and heading.lower() not in title.lower()
            and heading_role(heading) not in _ANY_PAPERS
        ):
            return f"{title}: {heading}"
    return title


def figures_in(text: str) -> list[str]:
    """The figures a result reports: decimals, percentages, multiples, counts of ten or more
    ("between 0 and 1" reports nothing)."""
    return [n for n in numbers_in(text) if not n.isdigit() or int(n) >= 10]


# "we develop a practical algorithm, called Trust Region Policy Optimization (TRPO)":
# the authors naming what they made (not "Kakade & Langford proposed a scheme called …").
_CALL = r"(?:call|term|name|dub)"  # the verbs authors name what they made with
_NAMING = re.compile(
    rf"\b(?:called|which we {_CALL}|we {_CALL} (?:it|this|them)|"
    # "We describe our technique as VERTEX ADDITION because …"
    r"[Ww]e (?:describe|refer to) (?:our|this) (?:[\w-]+ )?(?:method|technique|approach|model|"
    r"system|algorithm) as|"
    r"(?:dubbed|termed|named)(?: as)?)\s+(?P<name>[A-Z][\w\-]*(?:\s+(?:by|of|for|the|[A-Z][\w\-]*))"
    r"{0,5})(?!\s*\[\d)"
)


# "We propose GREEN, an alignment-free F-score …": a name with a capital or digit inside,
# introduced as what the authors made.
# "We present Model R, a neural network model …": a word and a capital letter names it too.
_INTRODUCED = re.compile(
    rf"\b{INTRODUCING}(?P<name>[A-Z][\w.\-]*[A-Z0-9][\w.\-]*|"
    rf"(?!{LETTERED_PART} )[A-Z][a-z]+ [A-Z])"
    rf"{INTRODUCED_ENDS}"
)


# "We present the first UCCA parser, TUPA (Transition-based …)": the name set after what
# the authors made, as its apposition.
_APPOSED = re.compile(
    rf"\b{INTRODUCING}(?:the|a|an|our) (?:[\w\-]+ ){{0,5}}?[\w\-]+, "
    rf"(?P<name>[A-Z][\w.\-]*[A-Z0-9][\w.\-]*){INTRODUCED_ENDS}"
)


# A title's head that is a phrase, not a name: "Revisiting the Classics: Online RL in …".
_PHRASE_HEAD = re.compile(
    r"\b(?:the|a|an|of|for|to|on|in|and|with|is|are|towards?|beyond)\b|^\s*[A-Z][a-z]+ing\b"
)


def method_name(text: PaperText) -> str | None:
    """What the paper calls its method or model: the short name its title leads with
    ("MoBA: Mixture of Block Attention …" → "MoBA"), or else the name the abstract or the
    introduction gives what the authors made ("… called Bayes by Backprop", "We propose
    GREEN, …"), or else the name a method section calls it by ("which we call RELAX"), or
    else the acronym of what the authors call their approach in lower case ("ILM"), or else
    a name abbreviated from the words they describe it with ("VL-HMM")."""
    head, colon, _ = readable_title(text.paper).partition(":")
    if colon and 1 <= len(head.split()) <= 3 and not _PHRASE_HEAD.search(head):
        return head.strip()
    opening = [s for s in text.sentences if s.role in ("abstract", "introduction")]
    method = [s for s in text.sentences if s.role == "method"]
    # Else the method sections' name for it, said outright ("… our next estimator, which we
    # call RELAX"): a paper whose abstract names no method.
    for lines, patterns in ((opening, (_NAMING, _INTRODUCED, _APPOSED)), (method, (_NAMING,))):
        for s in lines:
            if not by_the_authors(s.original):
                continue
            named = next((m for p in patterns if (m := p.search(s.original))), None)
            if named:
                words = named.group("name").split()
                while words and not words[-1][0].isupper():  # "… called X of" ends at X
                    words.pop()
                name = " ".join(words)
                # "named as Dynamic Time RAM (DT-RAM)": the results say the short name
                return next(
                    (k for k, v in text.acronyms.long_forms.items() if v.lower() == name.lower()),
                    name,
                )
    return _abbreviated_name(opening, text) or _prefixed_name(text) or _owned_name(text)


# "Our VRN model", "our best single VRN model": a name the authors give what they made only
# in passing, never introduced as theirs.
_OWNED = re.compile(
    r"\b[Oo]ur (?:(?:best|final|proposed|full|single|deepest)[ -](?:\w+ )?)?"
    r"(?P<name>[A-Z][\w-]*[A-Z0-9][\w-]*) (?:models?|architectures?|networks?|methods?|systems?)\b"
)
OWNED_MENTIONS = 2  # times the paper must call a name its own, for that name to be the method


def _owned_name(text: PaperText) -> str | None:
    """A name no work it cites carries ("our BERT model" is BERT's)."""
    cited = " ".join(r.title or "" for r in text.paper.references)
    counts = Counter(
        m["name"] for m in _OWNED.finditer(text.paper.full_text()) if m["name"] not in cited
    )
    named = [(n, name) for name, n in counts.items() if n >= OWNED_MENTIONS]
    return max(named)[1] if named else None


_NAMED_BY_US = rf"\b(?:we {_CALL}|called|termed|named|dubbed)"


# "This paper introduces Graph Convolutional Recurrent Network (GCRN)", "We propose Deep
# Sets (DS)": a name in capitals introduced as what the paper or its authors made.
_INTRODUCES_NAME = (
    r"\b(?:(?:this|the present) (?:paper|work|article|report) (?:\w+ly )?"
    r"(?:presents|introduces|proposes|develops)|we (?:\w+ly )?(?:present|introduce|propose|"
    r"develop|design|devise))(?: an?| the)?"
)


def _abbreviated_name(opening: list[Sentence], text: PaperText) -> str | None:
    """The acronym of a name the authors give their approach in words ("this approach,
    which we call infilling by language modeling, can …" → "ILM"; "This paper introduces
    Graph Convolutional Recurrent Network" → "GCRN"): the paper says the short form where
    it reports results."""
    patterns = [
        (
            short,
            re.compile(rf"{_INTRODUCES_NAME}\s+({re.escape(long)})\b", re.I),
            re.compile(rf"{_NAMED_BY_US}\s+{re.escape(long)}\b", re.I),
        )
        for short, long in text.acronyms.long_forms.items()
    ]
    for s in opening:
        ours = FIRST_PERSON.search(s.original)
        for short, introduced, named in patterns:
            found = introduced.search(s.original)
            if found and found.group(1)[0].isupper():
                return short
            if ours and named.search(s.original):
                return short
    return None


def _prefixed_name(text: PaperText) -> str | None:
    """The name the paper's results and tables use for what the authors describe in words:
    "VL-HMM" for "our very large HMM" (the paper's title names only HMMs)."""
    return next(iter(described_names(text.paper.full_text())), None)
