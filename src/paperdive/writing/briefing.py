"""The extractive deep dive as a clear audio briefing.

An extractive writer cannot sound like two people who read the paper over coffee; it can be
a briefing a listener finishes: few lines, each worth hearing, in the order a listener
needs them (the problem, what came before, the idea, how it works step by step, how it was
tested, the numbers with their baselines, the doubts, three lines to take away).

Selection: each chapter takes the sentences of its sections' roles and of its kinds
(roles.py) that carry the most information (figures with units, the method's and the
paper's own terms, mechanism verbs, comparisons, definitions), never a fact said before,
never set-up minutiae (learning-rate schedules, tokenizers) in the story. Results come also
from the paper's tables, said as comparisons whose every figure is a cell.

Conversation: Nora explains; Theo asks only the question the next line answers (a small
classifier per answer type: definition, mechanism, reason, number, comparison, set-up,
limitation, hedge), reads the earlier work and the set-up, and in his corner challenges the
claims with the paper's own set-up facts (baselines run in the authors' own framework, one
hardware platform, the largest model tested, a recipe changed beside the method, no spread
across runs), which Nora answers in the paper's words or by saying plainly that the paper
does not report it. No filler reactions; turns of one to three sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from typing import NamedTuple

from paperdive.models import ChapterPlan, Outline, Paper
from paperdive.writing.check import content_words
from paperdive.writing.plan import (
    ALTERNATIVES,
    COLD_OPEN,
    CRITIQUE,
    CRITIQUE_DOUBT_SHARE,
    CRITIQUE_PROMISE,
    EXPERIMENTS,
    FOUND_TITLE,
    FRAME_WORDS,
    IDEA,
    MECHANICS,
    NUMBERS,
    PRIOR,
    PROBLEM,
    WRAP,
    ChapterKind,
    chapter_kind,
    figures_in,
    method_name,
)
from paperdive.writing.roadmap import mapped_sections, method_part_of, top_sections
from paperdive.writing.roles import (
    _COMPARISON,
    _EXPLICIT_COMPARISON,
    _FINDING,
    _HEDGE,
    _MECHANISM,
    _OWN_STEP,
    _PROCEDURE,
    _THIS_WORK,
    COUNTED_AS,
    cites_first,
    defined_term,
    is_caveat,
    kind_scores,
    sentence_kind,
    setup_words,
    states_limit,
)
from paperdive.writing.sections import about_limits
from paperdive.writing.sentences import (
    FIRST_PERSON,
    METHOD_NOUN,
    POINTER,
    PaperText,
    Sentence,
    doubt_stands_alone,
    self_contained,
    split_sentences,
)
from paperdive.writing.spoken import vague
from paperdive.writing.table_lines import TableLine, metric_of, table_lines

CHAPTERS = [COLD_OPEN, PROBLEM, PRIOR, IDEA, MECHANICS, EXPERIMENTS, NUMBERS, CRITIQUE, WRAP]
# A brief keeps to the claim, the problem, the method (its idea first), the numbers, the doubts
# and the take-away: earlier work and the set-up are a deep dive's.
BRIEF_CHAPTERS = [COLD_OPEN, PROBLEM, MECHANICS, NUMBERS, CRITIQUE, WRAP]
# A critique weighs, after the doubts, what else could explain the gains: its ablations.
CRITIQUE_CHAPTERS = [*CHAPTERS[:-1], ALTERNATIVES, WRAP]
# Sentences per chapter in a 25-minute deep dive; fewer where the paper has less worth
# saying, proportionally fewer (at least one) for a shorter episode.
QUOTAS = {
    "cold_open": 1,
    "problem": 4,
    "prior": 3,
    "idea": 3,
    "mechanics": 12,
    "experiments": 5,
    "numbers": 8,
    "critique": 6,
    "alternatives": 3,
    "wrap": 3,
}
BASE_MINUTES = 25.0
MECHANISM_LINES = 18  # the method is what a listener came for, in a 25-minute deep dive
MIN_MECHANISM_LINES = 8  # and in a shorter one
# Lines per chapter follow the minutes asked, down to this share: a briefing a listener
# finishes, with the mechanism explained, is worth more than a three-minute one.
MIN_SCALE = 0.6
WRAP_LINES = 2  # the close: the paper's main finding, in one or two lines
MIN_CHAPTER_LINES = 2  # of the paper's own lines, for a chapter to stand
MIN_INFORMATION = -0.6  # a sentence scoring less says too little to be said
MAX_WORDS = 42  # longer sentences are hard to follow by ear
SAME_FACT_OVERLAP = 0.5  # content words shared with a line already said: the same fact

# Set-up minutiae: the story does without them.
MINUTIAE = re.compile(
    r"\b(?:learning rates?|batch sizes?|sequence length of|warm-?up|weight decay|data augmentation|"
    r"cosine (?:schedule|decay|annealing)|AdamW?\b|optimi[sz]er|β_?[12]|beta_?[12]|tokeni[sz]er|"
    # a tokenizer's, not "a vocabulary of 170 classes" of chords a model tells apart
    r"vocabulary (?:size|of (?:about |around )?[\d,.]+[KkM]?\b(?! (?:classes|chords|labels|"
    r"categories|concepts)\b))|"
    r"gradient clipping|dropout rate|epsilon|momentum|"
    r"decayed exponentially|checkpoint|random seed|mixed precision|bf16|fp16|"
    r"(?:in|for) (?:clarity|simplicity|brevity)|for ease of|without loss of generality|"
    # "For other details, unless stated, X follows the settings of Y": no step of the method.
    r"follows? the (?:settings?|setup|configurations?|hyper-?parameters?) of|"
    r"unless (?:otherwise|specifically) (?:stated|specified|noted|mentioned)|"
    # "set the scale to 40, alpha to 1, beta to 32": a list of settings
    r"(?:\b[\w-]+ (?:to|=) \d[\w.]*,?\s+(?:and\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}){2}"
    r"[\w-]+ (?:to|=) \d|"
    r"other (?:tiny |minor |small |remaining )?details|"
    # "We provide two proofs in the appendix": where to read more, no step of the method
    r"(?:in|see) (?:the )?(?:appendix|appendices|supplement(?:ary material)?)\b|"
    r"\bin Appendix [A-Z\d]|"
    # "built using rustc 1.52.1", "running Ubuntu 18.04.4 LTS": a software version
    r"v?\d+\.\d+\.\d+\b|"
    # "PyTorch is employed to implement the architectures": the software it runs on
    r"\b(?:PyTorch|TensorFlow|Keras|JAX|Theano|Caffe|scikit-learn|MXNet)\b)",
    re.IGNORECASE,
)
_CONTRAST = re.compile(
    r"\b(?:however|but|unlike|whereas|while|either|do not|does not|cannot|require\w*|"
    r"limited|fail\w*|suffer\w*|only|costly|expensive|inadequate\w*|struggle\w*|instead)\b",
    re.IGNORECASE,
)
# A line the skeptic can say himself: it pushes back on something ("… but their
# performance does not match MHA"); in a critique, a doubt wherever it is said.
PUSHES_BACK = re.compile(
    r"\b(?:but|though|however|only|not|no|never|without|cannot|unless|still|downsides?|"
    r"drawbacks?|disadvantages?)\b|n't\b",
    re.I,
)
# A line that says why: the reason behind a step.
_REASON = re.compile(
    r"^(?:To (?:address|avoid|ensure|prevent|solve|mitigate|overcome|maintain|preserve)\b|"
    r"This (?:ensures|allows|prevents|enables|avoids|means|is because)\b|Because\b)|"
    r"\b(?:because|so that|in order to)\b",
    re.IGNORECASE,
)
# Words the listener's "why?" expects in the answer (the same the eval looks for).
_WHY_ANSWER = re.compile(
    r"\b(?:cost\w*|expensive|hard|difficult\w*|challeng\w*|limit\w*|bottleneck\w*|slow\w*|"
    r"quadratic\w*|lack\w*|fail\w*|suffer\w*|requir\w*|need\w*|inefficien\w*|because|"
    r"issue\w*|problem\w*|however|but|essential|crucial|critical|important)\b",
    re.IGNORECASE,
)
_SCALE = re.compile(
    r"\b\d+(?:\.\d+)?\s?[BMK]\b(?:[\s-]?(?:param\w*|model|tokens))?|\bparameters\b|"
    r"\b\d+(?:\.\d+)?\s?(?:billion|million|trillion)\b",
    re.IGNORECASE,
)
_DATA = re.compile(
    r"\b(?:datasets?|benchmarks?|corpus|corpora|tokens|trained on|evaluated on|tested on|"
    r"test set|validation set|tasks?|participants|documents|papers)\b",
    re.IGNORECASE,
)
_FILTERED = re.compile(
    r"\bonly (?:include|keep|retain|consider|count|score|evaluate on) (?:\w+ ){0,3}?"
    r"(?P<items>instances|examples|samples|cases|items|pairs|questions|problems)\b",
    re.IGNORECASE,
)
# A stage or part of a model a method may be used in alone ("only during prefill"); "only in
# the fact that", "only for correct behavior" say no such thing.
_STAGE = (
    r"(?:pre-?fill\w*|decod\w*|training|inference|generation|pre-?training|"
    r"fine-?tuning|deployment|encoding|(?:first|last|final|early|lower|upper|top|bottom) "
    r"(?:\w+ )?layers?|attention layers?)"
)
# The set-up facts that bound a claim, each with the skeptic's question about it.
CHALLENGES: list[tuple[str, re.Pattern[str]]] = [
    (
        "own_framework",
        re.compile(
            r"\b(?:internal|in-house|our own|their own) (?:evaluation|framework|benchmark|"
            r"pipeline|test)|\b(?:we|the authors) (?:re-?implement\w*|reproduc\w*|re-?r[au]n|"
            r"re-?evaluat\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "hardware",
        re.compile(
            r"\b(?:H800|H100|H20|A100|A800|V100|TPU\w*|GPUs?|cluster|nodes?)\b.*\b\d|"
            r"\b\d.*\b(?:H800|H100|H20|A100|A800|V100|TPU\w*|GPUs?)\b"
        ),
    ),
    (
        "scale",
        re.compile(
            r"\b(?:train(?:ed)?|models?|scale)\b.*\b\d+(?:\.\d+)?\s?[BM]\b|"
            r"\b\d+(?:\.\d+)?\s?[BM]\b.*\bparameters?\b|\blargest model\b",
            re.IGNORECASE,
        ),
    ),
    (
        "recipe",
        re.compile(
            r"\b(?:we|the authors) (?:also |further )?(?:increased|removed|reduced|changed|"
            r"modified|enabled|accelerated|shuffled|tuned)\b|"
            r"\b(?:was|were|is|are) (?:increased|reduced|removed|decreased|lowered|raised)\b|"
            r"\b(?:removing|reducing|increasing|lowering) (?:the )?(?:dropout|learning rate|"
            r"weight decay|regulari[sz]ation|l2|augmentation)",
            re.IGNORECASE,
        ),
    ),
    # Where the method is not used: "MoBA is used for prefill only, while we switch to full
    # attention during generation", "the last three layers remain as full attention".
    (
        "scope",
        re.compile(
            rf"\b(?:(?:only|solely) (?:for|during|in|at|when) (?:the )?{_STAGE}|(?:for|during|in) "
            rf"(?:the )?{_STAGE} only|switch(?:es|ed)? (?:back )?to|remains? as|falls? back to)\b",
            re.IGNORECASE,
        ),
    ),
    # A test scored only on the cases that passed a filter ("only include instances where
    # three or more annotators agree"): the hard cases left out may be where it fails.
    ("filtered", _FILTERED),
    ("hedge", _HEDGE),
]


def filtered_items(text: str) -> str:
    """What a filtered test kept ("instances"), as the skeptic asks about them."""
    found = _FILTERED.search(text)
    return found["items"].lower() if found else "cases"


# In a critique, the other bounds of their own set-up the skeptic asks about, each named by
# what it bounds: a run unlike the baseline's ("… whilst Hinton and colleagues trained on
# 60,000 digits"), a choice held fixed ("a fixed-form prior … not adjusted"), what it
# assumes, a trade-off.
_BOUND = re.compile(
    r"\b(?:(?P<unlike>whilst|whereas)|(?P<fixed>fixed(?![- ]effects?\b)|"
    r"(?:does|do|did) not (?:adjust|tune))|"
    r"(?P<assumes>assum\w*|depends? on|sensitive to)|(?P<trade>at the cost of|trade-?offs?)|"
    # a test of few people or few items: "from 12 speakers", "100 pairs as test data"
    r"(?P<sample>(?:[2-9]|[1-4]\d) (?:speakers|participants|annotators|raters|subjects|"
    r"volunteers)|(?:[2-9]\d|100) (?:test (?:items|examples|questions|cases)|(?:[\w/–-]+ )?pairs)"
    r"(?= (?:as|for) test)))\b",
    re.IGNORECASE,
)
_LEARNING_RATE = re.compile(r"\blearning rates?\b", re.IGNORECASE)  # a schedule, no bound
# A rule the method guarantees is a design, not a bound: "MoBA ensures that a query …".
_GUARANTEE = re.compile(r"\b(?:ensures?|guarantees?|prevents?|allows?|enables?)\b", re.I)
# Lines per challenge the skeptic holds up, at most (else one): each change to the training
# recipe is a confound; the method's scope may be bounded in two places.
CHALLENGE_LINES = {"recipe": 3, "scope": 2}
SETBACK_LINES = 2  # results that go against the method, held up in the skeptic's corner
LIMIT_LINES = 3  # the paper's own stated limitations the corner reads
_TRAINING = re.compile(
    r"\b(?:train\w*|learning rates?|optimi[sz]er|epochs?|batch(?:es)?|mini-batch\w*|dropout|"
    r"augmentation|regulari[sz]ation|weight decay|warm-?up|schedule)\b",
    re.IGNORECASE,
)
# A schedule lowers the learning rate as planned ("a cosine decay strategy, … gradually
# reducing the learning rate to 10%"): no change made next to a baseline.
_SCHEDULE = re.compile(r"\b(?:schedul\w*|decay\w*|warm-?up|anneal\w*|gradually)\b", re.I)
# How much a result varies, said outright ("84.6 ± 0.2", "statistically significant") ...
_SPREAD = re.compile(
    r"±|\+/-|\b(?:error bars?|statistical(?:ly)? significan\w*|significance (?:levels?|tests?)|"
    r"significant at (?:the )?(?:\d|p\b|α|level)|p-values?)\b|(?<![\w-])p\s*<\s*0?\.\d",
    re.IGNORECASE,
)
# ... or named as a statistic the paper gives: "the mean and standard deviation of 5 runs",
# "shaded regions show the standard error". Alone, "the standard deviation parameter ρ" of a
# method, or "the confidence intervals diverge" of a model's predictions, is not a spread.
_SPREAD_TERM = re.compile(
    r"\b(?:std|standard (?:deviations?|errors?)|confidence intervals?|variance (?:across|over))\b",
    re.IGNORECASE,
)
_GIVEN = re.compile(r"\b(?:report\w*|shaded)\b|\b9[059]%", re.IGNORECASE)
_COUNTERFACTUAL = re.compile(r"\b(?:could|would|might)\b", re.IGNORECASE)
# What the authors considered, might do or did not do: never said as the method or a finding
# ("The authors could consider whitening …", "They could have also normalized …").
CONSIDERED = re.compile(
    r"\b(?:we|they|one|the authors)(?: \w+)? (?:could|would|might|may)\b|"
    r"\b(?:could|would|might) (?:have|also|instead|consider)\b|\bconsider(?:ed|ing)? "
    r"(?:\w+ing|using|the (?:use|option|possibility))\b|\bwe hope\b|"
    r"\b(?:have|has|had|did|do|does) not (?:observed|found|seen|tried|explored)\b",
    re.IGNORECASE,
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "as",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "they",
        "which",
        "we",
        "our",
        "can",
        "also",
        "than",
        "more",
        "into",
        "such",
        "not",
    ]
)


@dataclass
class Reader:
    """What the briefing knows of a paper: its method's name and its own terms."""

    text: PaperText
    method: str | None
    terms: frozenset[str]

    @classmethod
    def of(cls, text: PaperText) -> Reader:
        counts: Counter[str] = Counter()
        for sentence in text.sentences:
            for token in re.findall(r"\b[A-Za-z][\w\-]*\b", sentence.text):
                if _term_like(token):
                    counts[token] += 1
        terms = frozenset(t for t, n in counts.items() if n >= 3)
        return cls(text, method_name(text), terms)

    @cached_property
    def own(self) -> str | None:
        """What the authors' results are results of: their method, else the subject their
        title names, as the paper abbreviates it ("HMM" of "Scaling Hidden Markov Language
        Models", whose admission "the HMM is outperformed by LSTM-based models" is a setback).
        A method named as a kind of that subject ("VL-HMM") is that subject too."""
        title = _stems(self.text.paper.title)
        subject = next(
            (
                short.removesuffix("s")
                for short, long in self.text.acronyms.long_forms.items()
                if len(words := _stems(long)) >= 3 and words <= title
            ),
            None,
        )
        if self.method and not (subject and self.method.endswith(f"-{subject}")):
            return self.method
        return subject

    @cached_property
    def short_names(self) -> list[str]:
        """The method's name as the paper abbreviates it ("TRPO", "BN" of "BN-Inception")."""
        method = self.method or ""
        forms = self.text.acronyms.long_forms.items()
        short = [a for a, long in forms if long.lower() == method.lower()]
        words = method.split()
        initials = "".join(w[0] for w in words)  # "Batch Normalization": "BN-Inception"
        if (
            len(words) > 1
            and initials.isupper()
            and re.search(rf"\b{initials}\b", self.text.paper.full_text())
        ):
            short.append(initials)
        return short

    def names_method(self, text: str) -> bool:
        """Whether a line names the method, in full or as the paper abbreviates it."""
        return any(re.search(rf"(?<![\w\-]){re.escape(n)}(?![\w])", text) for n in self._names)

    @cached_property
    def _names(self) -> list[str]:
        spelled = self.text.acronyms.long_forms.get(self.method or "")  # "Mixture of Block …"
        return [self.method, *self.short_names, *filter(None, [spelled])] if self.method else []

    @cached_property
    def _sentences_with(self) -> Counter[str]:
        """For each word, how many of the paper's sentences use it."""
        return Counter(w for s in self.text.sentences for w in content(s.text))

    def mentions(self, term: str) -> int:
        """How often the paper says the term (in any case)."""
        return self._lower_text.count(term.lower())

    @cached_property
    def _lower_text(self) -> str:
        return self.text.paper.full_text().lower()

    def specificity(self, word: str) -> float:
        """How much a word tells one of the paper's lines from another: "music" more than
        "LSTM" in a paper about LSTMs (inverse sentence frequency, smoothed)."""
        sentences = len(self.text.sentences)
        return math.log((sentences + 1) / (self._sentences_with[word] + 1)) + 1

    def minutiae(self, text: str) -> bool:
        """Whether the line dwells on a set-up detail ("a learning rate of 3e-4", "AdamW"),
        unless that detail is what the paper is about: its title says it, or two of its
        abstract's sentences do (YellowFin's "speed-up of 3.28x over Adam" is its headline)."""
        return any(m[0].lower() not in self._topics for m in MINUTIAE.finditer(text))

    @cached_property
    def _topics(self) -> frozenset[str]:
        abstract = split_sentences(self.text.paper.abstract)
        said = Counter(
            term for line in abstract for term in {m[0].lower() for m in MINUTIAE.finditer(line)}
        )
        title = {m[0].lower() for m in MINUTIAE.finditer(self.text.paper.title)}
        return frozenset(title | {term for term, n in said.items() if n >= 2})

    def table_lines(self) -> list[TableLine]:
        """The tables' comparisons of the method (named as the paper abbreviates it too)."""
        return table_lines(self.text.paper, self.method, self.short_names)

    def information(self, s: Sentence) -> float:
        """What a listener learns from the line: figures with units, the paper's own terms,
        mechanism verbs, comparisons and definitions count; praise words and length do not."""
        text = s.text
        score = 1.5 * min(len(figures_in(text)), 3)
        score += 1.5 * bool(self.method and self.method in text)
        score += 0.5 * min(len({t for t in self.terms if t in text}), 3)
        score += 1.0 * bool(_MECHANISM.search(text))
        score += 1.0 * bool(_COMPARISON.search(text))
        score += 1.5 * (defined_term(s) is not None)
        score -= 0.7 * vague(text)
        words = len(text.split())
        score -= 1.0 * (words > 35) + 0.5 * (words < 9)
        score -= 0.5 * (sentence_kind(s) == "other")
        # What the method might do, or what the authors considered, is not what it does.
        score -= 1.5 * bool(_COUNTERFACTUAL.search(text))
        score += 1.0 * bool(_OWN_STEP.search(s.original))
        return score


def _term_like(token: str) -> bool:
    """An acronym, a name with an inner capital or digit ("MoBA", "GPT-4", "BN-x5")."""
    inner = any(c.isupper() for c in token[1:]) or any(c.isdigit() for c in token)
    return len(token) > 1 and token[0].isupper() and inner


_NAMED_FIGURE = re.compile(
    r"(?:\b[A-Z][\w\-]*\d*\s|[A-Za-z]-)\d+(?:\.\d+)?[BMKx]?\b|\b\d+(?:\.\d+)?[BMKT]\b"
)
# A name's version: "wav2vec 2.0", "Llama 3.1".
_VERSION = re.compile(r"(?:\b[A-Z][\w\-]*|\b[a-z][a-z\-]*\d[\w\-]*)\s(?P<version>\d+\.\d+)\b")
# "Atari 2600", "Windows 10": a product's number, mid-line after its name.
_MODEL_NUMBER = re.compile(
    r"(?<=\s)[A-Z][a-z]+ (?P<version>\d{1,4})\b(?![.,]\d|%| ?(?:percent|x|times|points?)\b)"
)


def result_figures(text: str) -> list[str]:
    """Figures that report something: not a model's size or version inside its name
    ("DeepSeek 67B", "Llama 3.1", "wav2vec 2.0"), nor a bare size ("21B"), nor a year."""
    named = {m.group(0).split()[-1].split("-")[-1] for m in _NAMED_FIGURE.finditer(text)}
    named |= {n.rstrip("BMKT") for n in named}  # "236B" is said, and found, as 236
    named |= years_in(text) | {m["version"] for m in _VERSION.finditer(text)}
    return [f for f in figures_in(text) if f not in named and f.rstrip("BMKT") not in named]


# "the results of the 2018 campaign", "since 2015": a year, said as one ("about 2000
# proposals" is a count).
_YEAR = re.compile(
    r"(?:\b(?i:in|since|from|until|by|the|during|year)\s+|[(])(?P<year>19[5-9]\d|20[0-4]\d)\b"
    r"(?!\s*(?:%|x\b|times\b)|\s+[a-z]+s\b)"  # "the 2000 classes" is a count
)


def years_in(text: str) -> set[str]:
    return {m["year"] for m in _YEAR.finditer(text)}


def content(text: str) -> set[str]:
    words = (w.rstrip(".-") for w in re.findall(r"[a-z0-9][a-z0-9\-.%]*", text.lower()))
    return {w for w in words if w not in _STOP}  # "dropout." at a line's end is "dropout"


# A work's name: "PV-DBOW", "word2vec", "mBERT", or a capitalised word past the line's first
# ("Bayer and colleagues", "In the SDP setting"); a pointer or a device names no work.
_WORK_NAME = re.compile(r"\b(?:[A-Z][\w-]*[A-Z\d][\w-]*|[a-z]+[A-Z\d][\w-]*)")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_DEVICE = re.compile(r"\b(?:GPU|CPU|TPU|RAM)s?\b")
_NAMED_PERSON = re.compile(r"^[A-Z][a-z]+(?:,| and [A-Z]| and (?:colleagues|co-?authors)\b|'s|’s)")


def _names_work(s: Sentence) -> bool:
    """Whether earlier work's line says whose it is: by citing it, or by a name."""
    text = _DEVICE.sub("", POINTER.sub("", s.text))
    rest = text.split(" ", 1)[1] if " " in text else ""
    return (
        s.cites
        or cites_first(s.original)  # "Bayer et al. …", "Hinton (1993) …"
        or bool(_WORK_NAME.search(text))
        or bool(_CAPITALISED.search(rest))
        or bool(_NAMED_PERSON.match(text))
    )


def _each_once(_: str) -> float:
    """Every word counts the same: plain word overlap."""
    return 1.0


def same_fact(
    a: str, b: str, name: str | None = None, weight: Callable[[str], float] = _each_once
) -> bool:
    """Whether two lines state the same fact: two figures in common, or half the words of
    the shorter, each counted by its `weight` (unless each reports figures of its own). The
    words of the method's `name` say what the lines are about, not what they state."""
    fa, fb = set(figures_in(a)), set(figures_in(b))
    if len(fa & fb) >= 2:
        return True
    if len(fa) >= 2 and len(fb) >= 2 and not fa & fb:
        return False  # the same words around other figures: another result ("60.8 on AIME")
    named = content(name) if name else set()
    wa, wb = content(a) - named, content(b) - named
    if not wa or not wb:
        return False
    shared = sum(map(weight, wa & wb))
    return shared / min(sum(map(weight, wa)), sum(map(weight, wb))) >= SAME_FACT_OVERLAP


@dataclass
class Selection:
    """The sentences each chapter will say, and the table lines of the numbers chapter."""

    beats: dict[str, list[Sentence]] = field(default_factory=dict)
    tables: list[TableLine] = field(default_factory=list)
    opening: TableLine | None = None  # a table's clear lead, where it is the headline


def select(
    reader: Reader, minutes: float, chapters: list[ChapterKind] = CHAPTERS, doubting: int = 1
) -> Selection:
    """Each of `chapters`' lines, scarcest chapters first, never the same fact twice.
    `doubting`: how many times the doubts a deep dive says (a critique: more doubts, and
    as much less of the method and its numbers)."""
    text = reader.text
    keys = {kind.key for kind in chapters} | {IDEA.key}  # the idea opens the method's telling
    scale = max(minutes / BASE_MINUTES, MIN_SCALE)
    said: list[Sentence] = []
    chosen = Selection(tables=reader.table_lines())
    taken: set[int] = set()
    every = {s.order: s for s in text.sentences}

    def fresh(s: Sentence, doubt: bool = False, headline: bool = False) -> bool:
        """Whether `s` says something not yet said. A `doubt` is told from the lines said by
        the words specific to it: "… they were unable to find an architecture that
        consistently beat the LSTM and the GRU in all experimental conditions" is no second
        telling of "The GRU outperformed the LSTM on all tasks with the exception of language
        modelling", though half the shorter line's words are in both."""
        weight = reader.specificity if doubt else _each_once
        return (
            s.order not in taken
            and not any(same_fact(s.text, o.text, reader.method, weight) for o in said)
            # A table line names the method and the benchmark: only its cells make it the same
            # (the abstract's headline figures are said as the paper says them, see below).
            and (
                s.role == "abstract"
                or headline  # the one result the episode opens on, whatever a table repeats
                or not any(
                    set(figures_in(s.text)) & set(figures_in(t.compared)) for t in chosen.tables
                )
            )
        )

    def free(line: Sentence, before: Sentence) -> bool:
        """Whether `line` may bring `before`, the line it leans on, with it."""
        return (
            before.section == line.section
            and before.order not in taken
            and fresh(before)
            and not CONSIDERED.search(before.text)
        )

    def measured(s: Sentence) -> bool:
        """A line with figures says what they measure ("75.3%": of what?)."""
        return not figures_in(s.text) or measures_named(s.text, reader.method)

    def take(key: str, candidates: list[Sentence], quota: int, keep_order: bool = True) -> None:
        """Adds to `key`'s lines (a second take goes on from the first)."""
        if key not in keys:
            return
        picked: list[Sentence] = list(chosen.beats.get(key, []))
        count = len(picked)  # the lines chosen; those they lean on come with, up to a half more
        for s in candidates:
            if count >= quota or len(picked) >= quota * 1.5:
                break
            if not fresh(s, doubt=key == "critique", headline=key == "cold_open"):
                continue
            # The corner says a doubt without the line it adds to or turns from.
            alone = key == "critique" and doubt_stands_alone(without_tie(s))
            # The headline is put without its "Nevertheless," (see `_headlines`).
            alone = alone or key == "cold_open" and self_contained(as_headline(s))
            group = [s] if alone else leaning_chain(s, every, partial(free, s))
            if key == "prior" and group and len(group) > 1 and not _names_work(group[0]):
                continue  # "The advantage of the model, …": of a work the lines never name
            if group is not None and key == "numbers":
                half = other_half(group[-1], every, partial(free, group[-1]), reader.own)
                if len(picked) + len(group) + len(half) <= quota * 1.5 + 1:
                    group += half  # else the finding alone, as before
            if group is None or len(picked) + len(group) > quota * 1.5 + 1:
                continue
            if not all(measured(member) for member in group):
                continue  # "securing the second-highest average score of 75.3%": of what?
            count += 1
            for member in group:
                picked.append(member)
                said.append(member)
                taken.add(member.order)
        chosen.beats[key] = sorted(picked, key=lambda s: s.order) if keep_order else picked

    def cornered(s: Sentence) -> bool:
        """In a critique or a debate, a bound of their set-up is the skeptic's, no result."""
        return doubting > 1 and bound_of(s) is not None

    def quota(key: str) -> int:
        return max(MIN_CHAPTER_LINES, round(QUOTAS[key] * scale))

    information = {s.order: reader.information(s) for s in text.sentences}
    usable = [
        s
        for s in text.sentences
        if (len(s.text.split()) <= MAX_WORDS or s.role == "abstract")
        and information[s.order] >= MIN_INFORMATION
        and not _POINTS_AHEAD.search(s.text)
    ]
    ranked = sorted(usable, key=lambda s: -information[s.order])
    kinds: dict[int, str] = {s.order: sentence_kind(s) for s in text.sentences}

    take("cold_open", _headlines(ranked, kinds, reader), 1)
    # The method in plain words, before any line that would say part of it again.
    take("idea", [core] if (core := gist(reader, kinds)) else [], 1)
    # Where the method loses is the skeptic's to hold up first, if the episode has a corner.
    setbacks = [s for s in ranked if falls_short(s, reader.own)]
    take("critique", setbacks, SETBACK_LINES * doubting)
    # What the ablations found is a critique's other explanations, not more of its numbers.
    take("alternatives", _ablations(ranked, kinds, reader), quota("alternatives") * doubting)
    # The abstract's figures are the headline: said first, whatever their kind.
    headline = [
        s
        for s in usable
        if s.role == "abstract"
        and result_figures(s.text)
        and not reader.minutiae(s.text)
        # "we develop a … model … over a vocabulary of 170 classes": what they made, no result
        and (kinds[s.order] != "proposal" or bool(_FINDING.search(s.text)))
    ]
    headline.sort(key=lambda s: -len(result_figures(s.text)))
    rest = [
        s
        for s in ranked
        if _reports(s, kinds[s.order], reader)
        and s not in headline
        and not CONSIDERED.search(s.text)
        and challenge_of(s) != "scope"  # where the method is not used: the skeptic's
        and not cornered(s)
    ]
    found = [s for s in headline + rest if not _PAPER_ITSELF.match(s.text)]
    take("numbers", found, quota("numbers") // doubting)
    said_figures = {f for b in said for f in figures_in(b.text)}
    chosen.tables = [t for t in chosen.tables if not set(figures_in(t.compared)) & said_figures]
    cold = chosen.beats.get("cold_open", [])
    leads = [t for t in chosen.tables if t.gap >= HEADLINE_LEAD and not t.leader]
    if cold and cold[0].role == "results" and leads:
        # Where neither abstract, conclusion nor introduction gives a headline, a line of the
        # results ("the models perform better when the input length is 100 or more") is no
        # headline beside a table that shows the method far ahead: that lead opens.
        chosen.opening = max(leads, key=lambda t: t.gap)
        chosen.tables.remove(chosen.opening)
        chosen.beats["cold_open"] = []
    # A study that reports its findings in words ("suggests CiteSee is significantly more
    # effective … than three baselines"): the findings, said as the paper says them; beside
    # figures, its results sections' own ("Structured training provides a modest, but
    # consistent improvement, for both …"), where the chapter has room.
    in_words = _findings_in_words(ranked, kinds, reader)
    in_words = [s for s in in_words if not cornered(s) and not _PAPER_ITSELF.match(s.text)]
    if len(chosen.beats.get("numbers", [])) >= MIN_CHAPTER_LINES:
        in_words = [
            s
            for s in in_words
            if s.role == "results"
            and kinds[s.order] == "result"
            and not _measured(s.text)  # a line with figures is one the figures' chapter chose
            and not cites_first(s.original)
            and challenge_of(s) is None  # "removing dropout … gives higher accuracy": a confound
        ]
    take("numbers", in_words, quota("numbers") // doubting)
    doubts = _challenged(text, reader, kinds, doubting)
    take("critique", doubts, quota("critique") * doubting, keep_order=False)
    take(
        "experiments",
        [s for s in ranked if sets_up_test(s, kinds[s.order])],
        quota("experiments"),
    )
    _pay_off(chosen, [s for s in ranked if _tells_outcome(s, kinds[s.order], reader)], take)
    # A critique tells as much less of the method, its floor too.
    length = max(MIN_MECHANISM_LINES // doubting, round(MECHANISM_LINES * scale / doubting))
    passages = _unbroken(method_passages(text, kinds, reader, length), fresh)
    if len(passages) >= MIN_MECHANISM_LINES // (2 * doubting):
        chosen.beats["mechanics"] = passages
        said.extend(passages)
        taken.update(s.order for s in passages)
    else:  # no method section tells it in a run: its best lines, section by section
        take("mechanics", _mechanism(ranked, kinds, reader), length)
        chosen.beats["mechanics"] = _method_order(chosen.beats.get("mechanics", []))
    take("idea", [s for s in ranked if _idea(s, kinds[s.order], reader)], quota("idea"))
    scene = _abstract_scene(text.sentences, kinds)
    setting = [s for s in scene.before if fresh(s)]
    by_information = sorted(text.sentences, key=lambda s: -information[s.order])
    problems = _problem_lines(by_information, kinds, reader, scene, setting)
    take("problem", _on_one_problem(problems), quota("problem"))
    take("prior", [s for s in ranked if _prior(s, kinds[s.order])], min(quota("prior"), 3))
    take("wrap", [s for s in ranked if _wrap(s, kinds[s.order], reader)], WRAP_LINES)
    idea = chosen.beats.get("idea", [])
    if len(idea) < MIN_CHAPTER_LINES or IDEA not in chapters:  # it opens the method's
        if IDEA not in chapters and core in idea:
            idea = [core]  # a brief's method opens on the idea in plain words alone
        chosen.beats["idea"] = []
        chosen.beats["mechanics"] = idea + chosen.beats["mechanics"]
    return chosen


# "They evaluated the following networks": a line that hands over to a list (or a table)
# not read.
# A thought experiment that says its outcome ("Suppose that the posterior is Gaussian, then
# a sample of the weights can be obtained by …") is a step, not a pointer.
_POINTS_AHEAD = re.compile(
    r"\b(?:the following|as follows)\b|^(?:Consider|Imagine|Suppose)\b(?![^.]*,\s+then\b)|"
    # "We provide results for the benchmark models and the variations …": the table's, unread
    r"^we (?:provide|report|present|give|list|summari[sz]e) (?:the |our |all )?"
    r"(?:results|scores|numbers)\b(?![^.]*\b(?:show|showing|which|that)\b)|"
    # "Three factors conspire to make recommendations challenging for us.": a count of
    # things the lines after it name, said without them
    r"^(?:two|three|four|five|several) (?:[\w-]+ ){0,2}(?:factors|reasons|challenges|issues|"
    r"problems|properties|considerations|requirements|questions|aspects)\b"
    r"(?![^.]*\b(?:are|is|include|includes|remain|and)\b)[^,:;]*$",
    re.IGNORECASE,
)
MAX_CHAIN = 4  # lines a leaning line may bring with it, back to one that stands alone


def leaning_chain(
    s: Sentence, by_order: dict[int, Sentence], free: Callable[[Sentence], bool]
) -> list[Sentence] | None:
    """The line with the lines it leans on ("This slows down …", "To accomplish this, …"):
    its predecessors in the paper back to one that stands alone, each a candidate still
    free (and, reaching the introduction's second line, its first); None when the chain
    is broken (the line is then left out)."""
    group = [s]
    while not self_contained(group[0]):
        before = by_order.get(group[0].order - 1)
        if before is None or not free(before) or len(group) > MAX_CHAIN:
            return None
        group.insert(0, before)
    # A run that reaches back to the introduction's second line goes on from its first,
    # the line that sets the scene ("A person asked to draw … will do so in an iterative
    # fashion." before "Rough outlines are gradually replaced by precise forms …").
    opening = by_order.get(group[0].order - 1)
    if (
        len(group) > 1
        and opening is not None
        and opening.role == "introduction"
        and _opens_section(opening, by_order)
        and self_contained(opening)
        and free(opening)
    ):
        group.insert(0, opening)
    return group


# "In contrast, the distributions in the batch-normalized network are much more stable":
# the other half of the finding before it.
_OTHER_HALF = re.compile(r"^(?:In contrast|By contrast|On the other hand|Conversely),\s")
_CONCEDES = re.compile(rf"{PUSHES_BACK.pattern}|\bworse\b", re.IGNORECASE)


def other_half(
    s: Sentence,
    by_order: dict[int, Sentence],
    may_bring: Callable[[Sentence], bool],
    method: str | None,
) -> list[Sentence]:
    """The next line, where it sets the method's side against the finding in `s` ("The
    distributions in the original network change …" then "In contrast, …"), if `s` may
    bring it: said without it, a finding about the baseline leaves the listener asking "and
    with theirs?". A concession ("On the other hand, it still lags behind …", "In contrast,
    their method is 2 points worse") is the skeptic's, not this."""
    after = by_order.get(s.order + 1)
    if after is None or not _OTHER_HALF.match(after.text) or not may_bring(after):
        return []
    conceded = sentence_kind(after) == "caveat" or falls_short(after, method)
    return [] if conceded or _CONCEDES.search(after.text) else [after]


def _opens_section(s: Sentence, by_order: dict[int, Sentence]) -> bool:
    before = by_order.get(s.order - 1)
    return before is None or before.section != s.section


# "This paper reports the organization and results for the 2018 campaign": what the paper
# is, never one of its findings.
_PAPER_ITSELF = re.compile(
    r"^(?:This|The|Our) (?:paper|report|article|work) (?:\w+ly )?(?:reports|presents|describes|"
    r"introduces|summari[sz]es|outlines)\b"
)


def _measured(text: str) -> list[str]:
    """The figures a line reports: not a year, nor a name's version ("wav2vec 2.0", "Atari
    2600")."""
    versions = {m["version"] for m in [*_VERSION.finditer(text), *_MODEL_NUMBER.finditer(text)]}
    return [f for f in figures_in(text) if f not in years_in(text) and f not in versions]


def _headlines(ranked: list[Sentence], kinds: dict[int, str], reader: Reader) -> list[Sentence]:
    """The abstract's (else the conclusion's) strongest result with its figures; never one
    where the method falls short, nor one that opens on the other side ("While some of the
    DAG parsers' difficulty can be attributed to the conversion upper bound of 58.3%, …")."""
    ranked = [s for s in ranked if not _CONCEDED_FIRST.match(s.text)]
    found = [
        s
        for s in ranked
        if s.role in ("abstract", "conclusion")
        and kinds[s.order] in ("result", "comparison", "claim", "other", "proposal")
        and _measured(s.text)
        # "Nevertheless, we find that … (56–86% relative)": said without its "Nevertheless"
        and self_contained(as_headline(s))
        and not reader.minutiae(s.text)
    ]
    found.sort(key=lambda s: (s.role != "abstract", -len(_measured(s.text))))
    if not found:  # an abstract without figures: the results' strongest finding of the
        # method itself (a rival's failure with a figure, "Since ERRANT uses … a score of
        # 0.20", is no claim of the paper's)
        found = [
            s
            for s in ranked
            if s.role == "results"
            and kinds[s.order] in ("result", "comparison")
            and figures_in(s.text)
            and self_contained(s)
            and not reader.minutiae(s.text)
            and not _REDONE.search(s.text)
            and not (_SIZE.search(s.text) and not _FINDING.search(s.text))
            and (reader.method is None or reader.names_method(s.text) or _OURS.search(s.original))
        ]
    if not found:  # figures in the introduction alone: its claim of a change by a size
        # ("For example, …, this method reduces the memory requirements … by a factor of 200")
        found = [
            s
            for s in ranked
            if s.role == "introduction"
            and _CHANGED_BY.search(s.text)
            and _measured(s.text)
            and not cites_first(s.original)
            # the method's own change, not the field's ("compute … has increased by 300,000x")
            and bool(
                reader.names_method(s.text)
                or _THIS_METHOD.search(s.text)
                or FIRST_PERSON.search(s.original)
            )
            and self_contained(as_headline(s))
            and not reader.minutiae(s.text)
        ]
    if not found:  # a paper that reports its findings in words: the abstract's finding,
        # else its results' ("… learned swimming, hopping and walking gaits"), never one
        # whose tests the cold open has not said ("solved all of the problems")
        in_words = _findings_in_words(ranked, kinds, reader)
        in_words = [s for s in in_words if not _UNNAMED_SET.search(s.text)]
        found = [s for s in in_words if s.role == "abstract"]
        found = found or [
            s
            for s in in_words
            if s.role in ("results", "conclusion") and reader.names_method(s.text)
        ]  # of the results, one about the method itself, not an ablation of it
    return [s for s in found if not falls_short(s, reader.own)]


# "While reading only 12% of the tokens, it keeps …" is at the same time, no concession.
_CONCEDED_FIRST = re.compile(r"(?:While|Although|Though|Whereas|Even though)\b(?! \w+ing\b)")
HEADLINE_LEAD = 0.2  # a table lead this large (relative) is the paper's headline
# A change and its size, however far apart: "reduces the memory requirements of … by a
# factor of 200", "cuts latency on long inputs by 40%".
_CHANGED_BY = re.compile(
    r"\b(?:reduc|cut|lower|improv|increas|boost|speed|shrink|accelerat)\w*\b[^.;:]{0,120}?"
    r"\bby (?:a factor of |up to |about |roughly |over |more than |nearly )?\d",
    re.IGNORECASE,
)
# The paper's own method as its introduction calls it ("this method", "this approach"): in
# a line said on its own, "the method".
_THIS_METHOD = re.compile(r"\b[Tt]his (method|approach|technique|algorithm)\b")


def as_headline(s: Sentence) -> Sentence:
    """The headline said on its own: without its "Nevertheless," or "For example,", and
    "the method" for the introduction's "this method"."""
    s = without_tie(s)
    return replace(s, text=_THIS_METHOD.sub(r"the \1", s.text))


# How big a model is ("a massive number of model parameters at 423M, compared to … 5.6M"):
# a fact of the set-up, no result to open on.
_SIZE = re.compile(r"\bparameters?\b|\bparams\b", re.IGNORECASE)
# A baseline they ran again ("We reimplement from scratch …, achieving an F1 of 0.76 …,
# lower than the result reported by the original authors"): no claim of the paper's.
_REDONE = re.compile(r"\b(?:re-?implement\w*|reproduc\w*|replicat\w*|original authors)\b", re.I)
# A correction of an earlier version ("These values were previously incorrectly reported as
# 96.95, …"): the figures it gives are the wrong ones, no result.
_CORRECTED = re.compile(
    r"\b(?:previously|originally|earlier) (?:incorrectly|erroneously|mistakenly|wrongly) "
    r"(?:reported|stated|computed|listed|given)\b|"
    r"\b(?:an earlier|a previous|the previous|the original) version of this "
    r"(?:paper|work|article)\b",
    re.I,
)
# "all of the problems", "each of these tasks": the tests a line refers back to.
_UNNAMED_SET = re.compile(
    r"\b(?:all|each|every|most|both|none|many)(?: of)? (?:the|these|those|our) "
    r"(?:problems|tasks|domains|games|settings|experiments|benchmarks|environments|datasets)\b",
    re.IGNORECASE,
)
# "never better than 1/1000 accuracy": a ratio whose meaning (chance?) the line must say.
_BARE_RATIO = re.compile(r"(?<![\w/])\d+/\d+(?![\w/])")
_MEANING_OF_RATIO = re.compile(r"\b(?:chance|random|guess\w*|baseline|majority)\b", re.I)


# An ablation: the method with a part taken out or swapped, which shows what does the work.
_ABLATION = re.compile(r"\bablat\w*", re.IGNORECASE)
_ABLATIONS_SECTION = re.compile(r"^(?:[\d.]+\s*)?ablat", re.IGNORECASE)
# What taking a part out shows: "performance is significantly affected by block granularity".
_WHAT_MATTERS = re.compile(
    r"\b(?:affected by|sensitive to|depends? (?:heavily |strongly )?on|crucial|importance|"
    r"(?:difference|gap|drop|degradation) of|findings? (?:show|suggest|indicate)\w*|"
    r"contributes? (?:most|the most|little|significantly))\b",
    re.IGNORECASE,
)
_RUN_AS = re.compile(
    rf"{_PROCEDURE.pattern}|\b(?:is|are|was|were) compared (?:to|with)\b|^To\b|"
    r"\bwe (?:also |further )?(?:perform|conduct|carry out)\b",
    re.IGNORECASE,
)


def _ablations(ranked: list[Sentence], kinds: dict[int, str], reader: Reader) -> list[Sentence]:
    """What the ablations found, best first: the lines of a section on ablations, and of
    any other section from where it says they ablate ("We further ablate the block
    granularity", after the scaling experiments of "Scaling Law Experiments and Ablation
    Studies"), and the method tested without a part."""
    ablating_from: dict[str | None, int] = {}
    for s in reader.text.sentences:
        if _ABLATION.search(s.text):
            ablating_from.setdefault(s.section, s.order)
    return [
        s
        for s in ranked
        if (
            _ABLATIONS_SECTION.search(s.section or "")
            or s.order >= ablating_from.get(s.section, len(reader.text.sentences))
            or _without(s, reader)
        )
        and _ablation_finding(s, kinds[s.order], reader)
    ]


def _ablation_finding(s: Sentence, kind: str, reader: Reader) -> bool:
    """A finding ("the smaller model can achieve comparable performance by utilizing longer
    CoTs"), never its set-up, that rules another explanation of the gains in or out."""
    if s.role not in ALTERNATIVES.roles or reader.minutiae(s.text) or CONSIDERED.search(s.text):
        return False
    if sets_up_test(s, kind) or cites_first(s.original) or _RUN_AS.search(s.original):
        return False  # what was run ("We adopt a modified setting", "… is compared to …")
    if challenge_of(s) is not None:
        return False  # a bound of their set-up, or a limit: the corner's
    found = _FINDING.search(s.text) or _WHAT_MATTERS.search(s.text) or result_figures(s.text)
    return (
        kind in ("result", "comparison")
        and bool(found or _OUTCOME.search(s.text))
        or (kind == "other" and bool(found))
    )


def _without(s: Sentence, reader: Reader) -> bool:
    """Whether the line tests the method with a part taken out, or the rest without it:
    "DRAW without selective attention performs comparably …", "Without Batch
    Normalization, Inception with sigmoid never achieves …"."""
    method = re.escape(reader.method) if reader.method else None
    if method is None:
        return False
    taken_out = (
        rf"\b{method} without\b|\b(?i:without) {method}\b|\bremoving \w+ from [\w-]*{method}"
    )
    return bool(re.search(taken_out, s.text))


def _reports(s: Sentence, kind: str, reader: Reader) -> bool:
    if s.role not in NUMBERS.roles or not _measured(s.text) or reader.minutiae(s.text):
        return False  # "like wav2vec 2.0 are a powerful tool": a version, no result
    if cites_first(s.original):
        return False  # "Tkaczyk et al. (2018) report Grobid as the best …": theirs
    if about_limits(s.section):
        return False  # "… failing to complete the study within 60 minutes": no result
    if _no_result_of_theirs(s.text):
        return False
    if _BARE_RATIO.search(s.text) and not _MEANING_OF_RATIO.search(s.text):
        return False
    if kind in ("result", "comparison"):
        return bool(_FINDING.search(s.text) or _EXPLICIT_COMPARISON.search(s.text))
    if s.role == "results" and kind == "other":
        # A figure of the set-up ("a 28x28 input, 3 hidden layers") is no result.
        outcome = _OUTCOME.search(s.text) or _FINDING.search(s.text)
        return bool(result_figures(s.text)) and self_contained(s) and bool(outcome)
    # "They introduce DeepSeek-V2, a … model that supports 128K context length": the paper
    # introduced again, not a result
    return s.role in ("abstract", "conclusion") and kind in ("claim", "other")


# A system a figure is set against ("on par with GPT-4o", "than Llama 3"): not what it measures.
_RIVAL = re.compile(r"\b(?:with|than|against|over|versus|vs\.?|to|like|including)\s+$")


# A score said of no test: "the second-highest average score of 75.3%", "a top result".
_BARE_SCORE = re.compile(
    r"\b(?:scores?|performance|results?)\b[^.,;]{0,40}?\b(?:of|at|to|is|was|reach\w*)\s+"
    r"[-+]?\d|\b\d+(?:\.\d+)?\s?points?\b",
    re.IGNORECASE,
)


def measures_named(text: str, method: str | None) -> bool:
    """Whether a line that gives a score says what it is a score on: a measure ("accuracy",
    "test error", "BLEU") or a name past its first word that is neither the method's nor a
    rival's ("in Aider", "on the MATH benchmark", "in Python"). A figure that is not a score
    ("a sparsity of 81.25%", "2.54 nA") says what it is by its own words."""
    if not _BARE_SCORE.search(text) or metric_of(text):
        return True
    own = {w.lower() for w in re.split(r"[\s\-]+", method or "") if w}
    for match in re.finditer(r"(?<=\s)[A-Z][\w\-.]*", text):
        word = match.group(0).rstrip(".")
        parts = {p.lower() for p in word.split("-") if p}
        if parts and parts <= own | {"instruct", "base", "chat", "lite"}:
            continue  # the method, or a version of it ("DeepSeek-Coder-V2-Lite-Instruct")
        if _RIVAL.search(text[: match.start()]):
            continue
        return True
    return False


# "Our experiments demonstrate its robust performance …", "we showed that …".
_SHOWN = re.compile(
    r"\b(?:experiments?|results?|stud(?:y|ies)|evaluations?) (?:show|shows|showed|demonstrate\w*|"
    r"suggest\w*|indicate\w*|confirm\w*)\b|"
    r"\bwe (?:also |further )?(?:show|showed|demonstrate\w*|found)\b",
    re.IGNORECASE,
)


def _findings_in_words(
    ranked: list[Sentence], kinds: dict[int, str], reader: Reader
) -> list[Sentence]:
    """What the paper found, said outright without figures: its results' and abstract's
    findings and comparisons with what it was tested against, and a discussion's results
    ("When classifying MNIST digits, performance … is comparable to that of dropout.")."""
    return [
        s
        for s in ranked
        if (
            s.role in ("abstract", "results", "conclusion")
            or (s.role == "discussion" and kinds[s.order] in ("result", "comparison"))
        )
        and kinds[s.order] in ("result", "comparison", "claim", "other")
        and not about_limits(s.section)
        and not cites_first(s.original)  # "In 2017, Dolatabi et al. proposed …": theirs
        and (
            _FINDING.search(s.text)
            or _EXPLICIT_COMPARISON.search(s.text)
            or _SHOWN.search(s.original)
            or (s.role == "results" and _VERDICT.search(s.text))
        )
        and _said_as_found(s, reader)
        and _names_what(s.text)
    ]


# Praise in place of a result: "achieves good results in several domains".
_PRAISE_ONLY = re.compile(
    r"\b(?:good|strong|promising|competitive|encouraging|impressive|excellent|favou?rable|"
    r"satisfactory|reasonable|decent) (?:results|performance)\b",
    re.IGNORECASE,
)


def _names_what(text: str) -> bool:
    """Whether a finding said in words says what came out: praise alone ("The algorithm
    achieves good results in several domains.") is held to a figure, a comparison or a name
    past its first word ("… comparable to that of dropout on MNIST")."""
    if not _PRAISE_ONLY.search(text):
        return True
    rest = text.split()[1:]
    named = any(w[:1].isupper() or sum(c.isupper() for c in w) >= 2 for w in rest)
    return named or bool(figures_in(text) or _EXPLICIT_COMPARISON.search(text))


def _no_result_of_theirs(text: str) -> bool:
    """A baseline they re-ran (its figure heard as theirs), an erratum's wrong figures, or a
    rule for counting a case ("A detection is considered a localization error if …")."""
    return bool(_REDONE.search(text) or _CORRECTED.search(text) or COUNTED_AS.search(text))


def _said_as_found(s: Sentence, reader: Reader) -> bool:
    """A line that stands alone as a finding: no set-up minutiae, nothing the authors only
    considered or aimed at."""
    return (
        self_contained(s)
        and not reader.minutiae(s.text)
        and not _no_result_of_theirs(s.text)
        and not CONSIDERED.search(s.text)
        and not _AIM.search(s.text)
        and not _ANNOUNCES.search(s.original)
    )


# What a table will show is no finding: "We report the performance of a baseline Tanh RNN,
# the GRU, the LSTM, …".
_ANNOUNCES = re.compile(
    r"^(?:Here,? )?(?:we|the authors) (?:also )?(?:report|present|list|give|summari[sz]e|"
    r"compare) (?:the )?(?:performance|results?|accuracy|scores?|numbers|errors?)\b",
    re.IGNORECASE,
)


# What the authors set out to do is no finding ("The authors were interested in the
# comparison between the baseline and batch-normalized networks, rather than …").
_AIM = re.compile(
    r"\b(?:(?:were|are|was|is) interested in|(?:aims?|aimed|seeks?|sought) to|"
    r"(?:our|the|their) (?:goal|aim|focus) (?:is|was))\b",
    re.IGNORECASE,
)

_PROPOSES = re.compile(
    r"\b(?:we|this paper|this work) (?:propose|present|introduce|develop|design)\b", re.I
)
_EVALUATION = re.compile(
    r"\b(?:evaluat\w*|benchmarks?|as (?:shown|seen|demonstrated) in (?:the|our) experiments)\b",
    re.IGNORECASE,
)
# Plans and future work: no finding to close on.
_FUTURE = re.compile(
    r"\b(?:future (?:work|research|studies)|intends? to|plans? to|agenda|we will|will be "
    r"explored|leave \w+ (?:\w+ )?(?:to|for) future|moving forward|open (?:question|problem)|"
    r"remains? an? (?:\w+ )?(?:question|problem|challenge|direction))\b",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"^(?:To|In order to)\b")
_REPORTED_THAT = re.compile(
    r"\b(?:shows?|showed|shown|demonstrates?|demonstrated|confirms?|suggests?|establish(?:es|ed)|"
    r"found|conclude[sd]?) that\b|"
    r"\b(?:insights?|lessons?|findings?|observations?)\b[^.;]{0,60}?\b(?:is|are|was) that\b|"
    r"\b(?:enables?|allows?|lets?|makes?|reduces?|improves?|accelerates?|preserves?)\b",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\b(?:comparable|outperform\w*|lags?|better|worse|than|demonstrat\w*|achiev\w*|shows?|"
    r"surpass\w*|exceed\w*|improv\w*|superior|behind|exhibit\w*|suggest(?:s|ing)|"
    r"indicat(?:es|ing)|reveal(?:s|ing))\b",
    re.IGNORECASE,
)


# How the software was built, or its settings: no test of what the method does.
_IMPLEMENTATION = re.compile(
    r"\b(?:implementation|hyper-?parameters?|infrastructures?)\b", re.IGNORECASE
)


# A test's outcome said in words: "highly realistic", "underfit the training data".
_VERDICT = re.compile(
    r"\b(?:realistic|indistinguishable|(?:under|over)fit\w*|fail(?:s|ed)?|succeed\w*|"
    r"significant(?:ly)?|substantial(?:ly)?|considerabl[ey]|state of the art|(?:un)?able to|"
    r"comparabl[ey]|struggl\w*|robust(?:ly)?|accurately|solved|successful(?:ly)?|"
    r"(?:the|their) best|"
    r"perform(?:s|ed)? (?:\w+ )?(?:well|poorly|best|worse|better))\b",
    re.IGNORECASE,
)


def _tells_outcome(s: Sentence, kind: str, reader: Reader) -> bool:
    """A line of the results that says how a test came out, in figures or in words."""
    return (
        s.role == "results"
        and kind in ("result", "comparison", "caveat", "claim", "other")
        and bool(
            kind in ("result", "comparison")
            or _FINDING.search(s.text)
            or _EXPLICIT_COMPARISON.search(s.text)
            or _VERDICT.search(s.text)
        )
        and _said_as_found(s, reader)
    )


def _pay_off(
    chosen: Selection, payoffs: list[Sentence], take: Callable[[str, list[Sentence], int], None]
) -> None:
    """Every test the episode sets up comes with what it found: the set-up from a section
    of results whose finding is not said yet brings that section's best finding to the
    numbers, or is left out (a test named with no outcome leaves the listener waiting).
    A set-up of the paper's own set-up section is answered by the numbers as a whole."""
    kept: list[Sentence] = []
    for setup in chosen.beats.get("experiments", []):
        found = {s.section for s in chosen.beats.get("numbers", [])}
        if setup.role == "results" and setup.section not in found:
            numbers = len(chosen.beats.get("numbers", []))
            take("numbers", [s for s in payoffs if s.section == setup.section], numbers + 1)
            if len(chosen.beats.get("numbers", [])) == numbers:
                continue
        kept.append(setup)
    chosen.beats["experiments"] = kept


def _pair_tests(chosen: Selection) -> None:
    """Each test's set-up goes right before what it found (a run of set-ups, then a run of
    results, leaves the listener matching them up): a set-up from a section of results
    moves to the numbers, before that section's first finding. What is left of the set-up
    stays a chapter of its own, or, one line, leads the numbers."""
    numbers = chosen.beats.get("numbers", [])
    setups = chosen.beats.get("experiments", [])
    first: dict[str | None, int] = {}  # a section → the index of its first finding
    for i, s in enumerate(numbers):
        first.setdefault(s.section, i)
    paired: dict[int, list[Sentence]] = {}
    kept = []
    for setup in setups:
        if setup.section in first:
            paired.setdefault(first[setup.section], []).append(setup)
        else:
            kept.append(setup)
    if not paired:
        return
    lead = kept if len(kept) < MIN_CHAPTER_LINES else []
    told = [line for i, s in enumerate(numbers) for line in [*paired.get(i, []), s]]
    chosen.beats["numbers"] = lead + told
    chosen.beats["experiments"] = [s for s in kept if s not in lead]


def sets_up_test(s: Sentence, kind: str) -> bool:
    """A line of the experiments that says what was tested, on what: no outcome."""
    if s.role not in EXPERIMENTS.roles or MINUTIAE.search(s.text) or _OUTCOME.search(s.text):
        return False
    if _IMPLEMENTATION.search(s.section or ""):
        return False  # how the software was built (lines of code, a codebase) is no test
    if kind == "other":
        return s.role == "setup" and self_contained(s)
    return kind == "setup" and bool(_DATA.search(s.text) or _SCALE.search(s.text))


def _works(s: Sentence, kind: str, reader: Reader) -> bool:
    if s.role not in MECHANICS.roles or reader.minutiae(s.text) or CONSIDERED.search(s.text):
        return False
    if _COUNTERFACTUAL.search(s.text) or _EVALUATION.search(s.text):
        return False  # what it would do, or how it was tested, is no step of what it does
    if _configured(s.text):
        return False
    return kind in ("definition", "mechanism", "objective", "proposal", "other")


# A step of a method, said in the present: what a "how does it work?" answer does.
STEP = re.compile(
    r"\b(?:comput(?:es|e|ed)|splits?|selects?|partitions?|routes?|maps?|encodes?|decodes?|"
    r"projects?|updates?|generates?|predicts?|combines?|replaces?|aggregates?|averages?|"
    r"assigns?|concatenates?|normali[sz](?:es?|ed)|attends? to|consists? of|is composed of|"
    r"takes? as input|outputs?|feeds?|compresses?|stores?|caches?|scores?|ranks?|samples?|"
    r"learns?|learned|introduces?|inserts?|applies|applied|estimates?|produces?|scales?|"
    r"shifts?|transforms?|subtracts?|divides?|multiplies|adds?|uses?|receives?|passe[sd])\b",
    re.IGNORECASE,
)
BACKGROUND_SHARE = 1 / 3  # of the method chapter's lines, at most: the mechanism comes first


def _mechanism(ranked: list[Sentence], kinds: dict[int, str], reader: Reader) -> list[Sentence]:
    """The method's own steps first (a step verb, in the method's sections), then its
    definitions and reasons; background only for a third of the chapter."""
    found = [s for s in ranked if _works(s, kinds[s.order], reader)]

    def weight(s: Sentence) -> float:
        step = bool(STEP.search(s.text)) and kinds[s.order] != "prior"
        own = s.role == "method"
        return reader.information(s) + 2.0 * step + 1.5 * own

    found.sort(key=lambda s: -weight(s))
    room = round(max(MECHANISM_LINES, QUOTAS["mechanics"]) * BACKGROUND_SHARE)
    kept = []
    for s in found:
        if s.role == "background":
            if room <= 0:
                continue
            room -= 1
        kept.append(s)
    # Every part of the method gets its say: the best line of each section, in turn.
    by_section: dict[str | None, list[Sentence]] = {}
    for s in kept:
        by_section.setdefault(s.section, []).append(s)
    # The first of the method's sections (its core) a little ahead of the later ones.
    rank = {
        section: i
        for i, section in enumerate(
            sorted(by_section, key=lambda k: min(s.order for s in by_section[k]))
        )
    }
    turns = [s for group in by_section.values() for s in group]
    return sorted(
        turns, key=lambda s: (by_section[s.section].index(s) + 0.5 * rank[s.section], s.order)
    )


PASSAGE_MIN = 3  # lines of one section for a run of the paper's own telling to stand
SECOND_PART = 0.5  # of the best run's value per line: a further part of the method worth it
PART_LINES = 5  # of each part's run, before the best run takes the lines left
STANDOUT = 3.0  # a line's value (_step_value) that earns a short section a place
MAX_STANDOUTS = 2


class _Run(NamedTuple):
    """A part of the method as it may be told: its opening run of lines, their worth, whether
    the map promised it, and the part's whole telling from where the run starts."""

    value: float
    named: bool
    lines: list[Sentence]
    telling: list[Sentence]


def method_passages(
    text: PaperText, kinds: dict[int, str], reader: Reader, length: int
) -> list[Sentence]:
    """The method told as the paper tells it: for each of its parts (those its map names,
    else its top-level sections, each across its subsections), the opening run of
    consecutive lines. Every part the map names is heard, and every other part whose lines
    say about as much as the best part's (TRPO's trust region, then its estimators, then its
    algorithm; DeepSeek-V2's latent attention, then its experts), up to `PART_LINES` lines
    each, best first; the lines left go to the parts that say the most. Read in order,
    each line leads to the next ("Note that …", "To address this, …"), so every answer
    stays in the part of the method its question is about; a line left out takes the
    lines that lean on it along."""
    part = method_part_of(text.paper)
    sections: dict[str, list[Sentence]] = {}
    goes_on: dict[str, str] = {}  # a part that opens on "However, …" is told with the one before
    last: str | None = None
    for s in text.sentences:
        if s.role == "method" and s.section:
            key = part.get(s.section, s.section)
            if key not in sections and last is not None and not self_contained(s):
                goes_on.setdefault(key, last)
            key = goes_on.get(key, key)
            sections.setdefault(key, []).append(s)
            last = key
    tellings = [_telling(lines, kinds, reader) for lines in sections.values()]
    mapped = mapped_sections(text.paper)
    promised = [key in mapped for key in sections]
    # A short section's one line that says the most ("We use the conjugate gradient
    # algorithm followed by a line search …"): a step of its own, kept beside the runs.
    standouts = [
        max(usable, key=lambda s: _step_value(s, kinds, reader))
        for usable in tellings
        if 0 < len(usable) < PASSAGE_MIN
    ]
    standouts = [
        s for s in standouts if _step_value(s, kinds, reader) >= STANDOUT and self_contained(s)
    ][:MAX_STANDOUTS]
    length -= len(standouts)
    runs: list[_Run] = []
    for usable, named in zip(tellings, promised, strict=True):
        start = next((i for i, s in enumerate(usable) if self_contained(s)), len(usable))
        run = usable[start : start + length]  # a section's telling starts where it does
        while run and _SETS_UP_EXAMPLE.search(run[-1].text):
            run.pop()  # "We provide a running example …" is said with the example, or not
        if len(run) >= PASSAGE_MIN or (named and run):  # a part promised is heard, if short
            value = sum(_step_value(s, kinds, reader) for s in run)
            runs.append(_Run(value, named, run, usable[start:]))
    if not runs:
        return []
    runs.sort(key=lambda r: -r.value)
    density = max(runs[0].value, 0.0) / len(runs[0].lines)
    parts = [runs[0]] + [
        r for r in runs[1:] if r.named or r.value >= SECOND_PART * density * len(r.lines)
    ]
    told: list[tuple[list[Sentence], _Run]] = []  # each part's lines, with the part
    room = length
    for chosen in parts:
        if room >= min(PASSAGE_MIN, len(chosen.lines)):
            told.append((chosen.lines[: min(PART_LINES, room)], chosen))
            room -= len(told[-1][0])
    said: list[Sentence] = []
    for run, chosen in told:
        more = chosen.lines[len(run) : len(run) + room]
        room -= len(more)
        said += _with_its_answer(run + more, chosen.telling, kinds)
    return sorted(said + standouts, key=lambda s: s.order)


# "As a solution, we propose the decoupled RoPE strategy …": the line that meets a snag.
_MEETS_SNAG = re.compile(
    r"^(?:As a (?:solution|remedy|fix)|To (?:address|solve|fix|overcome|tackle|mitigate|"
    r"resolve|avoid|circumvent) (?:this|these|that|those|the (?:issue|problem)s?)\b|"
    r"To this end|Instead|To be specific, (?:for each \w+, )?(?:we|they|the authors)\b)",
    re.IGNORECASE,
)
# "… which will significantly hinder the inference efficiency": a snag the telling raised.
_SNAGGED = re.compile(
    r"\b(?:incompatible|hinders?|hindering|costly|expensive|bottlenecks?|prohibitive\w*|"
    r"inefficien\w*|cannot|unable|fails?|suffers?|must recompute)\b",
    re.IGNORECASE,
)
MAX_ANSWER_REACH = 3  # lines past a telling cut short where the answer to its snag may be


def _with_its_answer(
    run: list[Sentence], part: list[Sentence], kinds: dict[int, str]
) -> list[Sentence]:
    """A telling cut short just after a snag ("RoPE is incompatible with low-rank KV
    compression … must recompute the keys") goes on to the line that meets it, or a
    listener hears the problem and never its fix (DeepSeek-V2's decoupled RoPE)."""
    snagged = [kinds[s.order] in ("caveat", "motivation") or _SNAGGED.search(s.text) for s in run]
    if not any(snagged[-2:]):
        return run
    ahead = part[len(run) : len(run) + MAX_ANSWER_REACH]
    answer = next((i for i, s in enumerate(ahead) if _MEETS_SNAG.match(s.text)), None)
    return run if answer is None else run + ahead[: answer + 1]


_EXAMPLE = re.compile(r"^(?:For (?:instance|example)|E\.g\.),")
# "We provide a running example …": the announcement, not the example's own lines.
_SETS_UP_EXAMPLE = re.compile(
    r"\b(?:provide|give|present|introduce|consider|show|use)s? an? (?:running|toy|worked|"
    r"simple|illustrative|concrete) example\b",
    re.IGNORECASE,
)


def _unbroken(passage: list[Sentence], keep: Callable[[Sentence], bool]) -> list[Sentence]:
    """The passage's lines that `keep` keeps, without those that lean on one it dropped."""
    kept: list[Sentence] = []
    broken = False
    for s in passage:
        broken = not keep(s) or (broken and not self_contained(s))
        if not broken:
            kept.append(s)
    return kept


# A setting of the method's build, by its figure ("We set the maximum gradient norm of an
# update to be 50", "The number of filters begins at 32", "I use four training threads"):
# listeners hear a spec sheet, and the question before it goes unanswered.
_CONFIGURED = re.compile(
    r"\b(?:maximum )?gradient norm\b[^.]{0,40}\b\d|"
    r"\b(?:\d+|one|two|three|four|five|six|eight|sixteen) (?:training |worker |CPU )?threads\b|"
    r"\b(?:dimensionality|hidden(?: state)?(?: vector)? (?:size|dimension))\b[^.]{0,50}?"
    r"\b(?:to|of|is|was) (?:be )?\d|"
    r"\bnumber of (?:filters|hidden units|units|neurons|channels) (?:begins?|starts?|is|was) "
    r"(?:at )?\d|"
    r"\bset (?:the )?(?:[\w'’-]+ ){0,3}(?:learning rate|batch size|momentum|weight decay|"
    r"dropout rate)\b[^.]{0,30}\bto (?:be )?\d",
    re.IGNORECASE,
)


def _configured(text: str) -> bool:
    """A setting said with its figure (a reward or a mask set "to 1" is a step of the
    method, and so is the method's own "number of units" said with none)."""
    return bool(_CONFIGURED.search(text))


def _telling(lines: list[Sentence], kinds: dict[int, str], reader: Reader) -> list[Sentence]:
    """A section's lines that tell what the method does, in order: no hypothetical, no
    evaluation, no minutiae, no line too long for the ear, and no line that leans on one
    left out."""
    kept: list[Sentence] = []
    previous: Sentence | None = None
    for s in lines:
        follows = (
            previous is not None
            and previous.order == s.order - 1
            and previous in kept
            and not s.after_gap
        )
        # "For instance, …" is an aside: the line after it leans on the one before it.
        follows = follows or bool(
            previous is not None
            and _EXAMPLE.match(previous.text)
            and kept
            and kept[-1].order == previous.order - 1
        )
        leans = not self_contained(s)
        told = (
            len(s.text.split()) <= MAX_WORDS
            and not _COUNTERFACTUAL.search(s.text)
            and not CONSIDERED.search(s.text)
            and not reader.minutiae(s.text)
            and not _configured(s.text)
            and not _EVALUATION.search(s.text)
            and not _POINTS_AHEAD.search(s.text)
            and kinds[s.order] not in ("prior", "result", "hedge")
            # what it admits leaving out ("Our theory ignores estimation error …"): the
            # corner's (a snag the next part of the method meets is still the telling's)
            and challenge_of(s) != "limitation"
            # "We succeeded in finding an architecture that outperformed the LSTM": an outcome
            and not (kinds[s.order] == "comparison" and _FINDING.search(s.text))
        )
        if told and (follows or not leans):
            kept.append(s)
        previous = s
    return kept


def _step_value(s: Sentence, kinds: dict[int, str], reader: Reader) -> float:
    """What a line adds to the telling of the method: a step, a definition, the method's
    own terms; a line that says little costs a little (it is still part of the telling)."""
    step = bool(STEP.search(s.text)) and kinds[s.order] in ("mechanism", "proposal", "other")
    return max(reader.information(s), -0.5) + 1.5 * step + 1.0 * (defined_term(s) is not None)


def _idea(s: Sentence, kind: str, reader: Reader) -> bool:
    if s.role not in IDEA.roles or CONSIDERED.search(s.text):
        return False
    if reader.minutiae(s.text) and not reader.names_method(s.text):
        return False  # "For data augmentation they introduce random scaling" is no idea
    named = bool(reader.method and reader.method in s.text)
    if kind == "proposal":
        return True
    if kind == "definition":
        # Their own term defined, not the field's ("Paraphrase generation is a fundamental
        # and long-standing task" is the problem's setting, not the idea), and a term the
        # paper comes back to: "Disk Usage Optimization is an overlay filesystem …", said
        # once in Kimi k1.5's account of its cluster, is a detail of the plumbing.
        term = defined_term(s)
        used_again = term is not None and reader.mentions(term) > 1
        return used_again and (s.role == "method" or own_design(s, reader))
    if s.role == "abstract" and kind == "other" and s.position < 0.5:
        # The abstract opens on what the paper does (not on the problem it answers).
        return named or bool(_OWN_STEP.search(s.original) or _PROPOSES.search(s.original))
    return named and s.role != "method" and kind == "claim"


# How a method works, by what means, in one line: "… through compressing the KV cache into a
# latent vector", "… by surfacing known citations", "rather than generating images in a
# single pass, it iteratively constructs scenes …"; what they propose doing ("we propose and
# evaluate representing users as mixtures of several distinct tastes"); or the line the paper
# calls its key idea.
_MEANS = re.compile(
    r"\b(?:through|by|via|instead of|rather than)\s+(?:\w+ly\s+)?\w+ing\b|"
    r"\bwe propose(?: and \w+)? \w+ing\b|"
    # "We frame object detection as a regression problem …"; "Using embedding language
    # models, we apply similarity-based intent classification …"
    r"\bwe (?:frame|cast|formulate|reformulate|treat|pose) (?:\w+[ -]){1,4}as\b|"
    r"^(?:By|Using) [^,]{3,60}, we\b(?! (?:study|ask|investigate|examine|explore|analy[sz]e))|"
    r"\b(?:key|main|core|central) idea\b",
    re.IGNORECASE,
)
_NO_GIST = ("setup", "result", "comparison", "prior", "hedge", "caveat")  # tests, findings, limits
_ASIDE_STEP = re.compile(r"\b(?:also|we further)\b")  # a side effect or an extra step, not the gist
# A means that names no means: "… by following a data-driven approach".
_VAGUE_MEANS = re.compile(
    r"\b(?:by|through|via) (?:following|using|adopting|taking|applying) an? (?:[\w-]+ )?"
    r"(?:approach|method|framework|strategy|technique|paradigm)(?=[,.;]|$)",
    re.IGNORECASE,
)


_CONTRAST_TIE = re.compile(r"^(?:Instead|Rather|In contrast|By contrast),\s+(?=\w)")


def gist_said(s: Sentence) -> Sentence:
    """The gist without the contrast it opens on: "Instead, we frame object detection as a
    regression problem …" says how the method works after any line, or none."""
    rest = _CONTRAST_TIE.sub("", s.text, count=1)
    return s if rest == s.text else replace(s, text=rest[:1].upper() + rest[1:])


def gist(reader: Reader, kinds: dict[int, str]) -> Sentence | None:
    """The paper's own plain-words account of how its method works: a line of the abstract
    or the introduction that says by what means, about the method or one of its own terms
    ("MLA guarantees efficient inference through compressing the KV cache into a latent
    vector"), the method's name as its subject first. Listeners asked for the mechanism in
    plain words; the method sections, read alone, never give it."""
    title = reader.text.paper.title.lower()

    def own(s: Sentence) -> bool:
        return bool(
            FIRST_PERSON.search(s.original) or _OURS.search(s.text) or _THIS_WORK.search(s.text)
        )

    def about(s: Sentence) -> int:
        """2: the line opens on the method or one of its terms; 1: it names them, or it
        is the authors' own; else 0."""
        if reader.method is None and not own(s):
            return 0  # with no name to go by, only their own work ("CNNs extract …" is not)
        opening = s.text.split(" ", 1)[0].strip(",")
        if reader.names_method(opening) or opening in reader.terms:
            return 2
        named = reader.names_method(s.text) or any(t in s.text for t in reader.terms)
        return int(named or "idea" in s.text.lower() or own(s))

    def on_topic(s: Sentence) -> bool:
        """A set-up line only by its subject's words: "We compute exact gradients … with
        respect to all hyperparameters by chaining derivatives backwards …" in a paper on
        hyperparameter optimisation is how the method works."""
        words = setup_words(s.text)
        return bool(words) and all(w.removesuffix("s") in title for w in words)

    candidates = [
        s
        for s in reader.text.sentences
        if s.role in ("abstract", "introduction")
        and _MEANS.search(s.text)
        and self_contained(gist_said(s))
        and len(s.text.split()) <= MAX_WORDS
        and (kinds[s.order] not in _NO_GIST or kinds[s.order] == "setup" and on_topic(s))
        and not CONSIDERED.search(s.text)
        and not result_figures(s.text)  # a line with its figures is a result
        and not _ASIDE_STEP.search(s.text)
        and not _SHOWN.search(s.original)  # a finding: "we show … by testing it on …"
        and not _VAGUE_MEANS.search(s.text)
        and about(s)
    ]
    return max(
        candidates,
        key=lambda s: (about(s), s.role == "abstract", reader.information(s)),
        default=None,
    )


# "More problems, which seemed unsolvable …, are now resolved with remarkable effectiveness":
# the field's progress, not what is wrong.
_SOLVED = re.compile(
    r"\b(?:are|is|have been|has been) (?:now |being )?(?:\w+ )?(?:resolved|solved|overcome)\b"
)


def _problem(s: Sentence, kind: str) -> bool:
    if s.role not in PROBLEM.roles or CONSIDERED.search(s.text) or _FINDING.search(s.text):
        return False  # "We discovered that … on all problems except …" is what they found
    if _SOLVED.search(s.text):
        return False
    if kind == "motivation":
        return True
    return kind == "other" and s.role == "introduction" and s.position < 0.6


PROBLEM_OVERLAP = 1  # content words a problem line shares with the paper's own statement
SCENE_OVERLAP = 2  # content words an introduction line shares with the abstract's scene


def _problem_lines(
    ranked: list[Sentence],
    kinds: dict[int, str],
    reader: Reader,
    scene: _Scene,
    setting: list[Sentence],
) -> list[Sentence]:
    """The problem's candidate lines, best first. What the paper says is wrong is worth
    saying however little it names ("However, there remains a discernible gap …"): of the
    problem, every short line counts; a line naming the method is its idea, not the problem
    it answers. `setting`: the abstract's scene, still unsaid."""
    problems = [
        s
        for s in ranked
        if len(s.text.split()) <= MAX_WORDS
        and not _POINTS_AHEAD.search(s.text)
        and (s in setting or _problem(s, kinds[s.order]) and s not in scene.after)
        and not (reader.method and reader.method in s.text)
    ]
    if not any(kinds[s.order] == "motivation" or s in setting for s in problems):
        return problems
    # The scene said in no words of a problem ("REM Sleep Behavior Disorder is now recognized
    # as …"), whose introduction lines tell it: a stated problem brings its own.
    scene_words = set().union(
        *(set(content_words(s.text)) for s in setting if kinds[s.order] != "motivation")
    )

    def on_scene(s: Sentence) -> int:
        return len(set(content_words(s.text)) & scene_words)

    # The problem is what the paper says is wrong or missing; the lines that set it up ("The
    # open-source community has made significant strides …") come with it, and the
    # introduction's lines on the scene the abstract set ("Several longitudinal studies …
    # have shown that most patients diagnosed with … RBD will eventually …"), closest first.
    problems = [
        s
        for s in problems
        if kinds[s.order] == "motivation"
        or s in setting
        or s.role == "introduction"
        and not FIRST_PERSON.search(s.original)  # their aims ("Here, we focus on …")
        and on_scene(s) >= SCENE_OVERLAP
    ]
    return sorted(problems, key=lambda s: -on_scene(s))


@dataclass(frozen=True)
class _Scene:
    """An abstract's lines around its first proposal: `before`, the scene it sets (the field,
    what is wrong: "REM Sleep Behavior Disorder is now recognized as the prodromal stage of
    …"); `after`, its own design told ("Data representation is inspired in audio processing
    problems, …"), no problem unless it turns on a contrast or names a challenge ("UCCA
    poses a challenge for existing parsing techniques")."""

    before: list[Sentence]
    after: list[Sentence]


# Narrower than the problem words of a sentence's kind: "audio processing problems" names
# tasks, not what is wrong.
_CHALLENGE = re.compile(r"\b(?:challeng\w*|difficult\w*|gap|lack\w*|hard)\b", re.IGNORECASE)


def _abstract_scene(sentences: list[Sentence], kinds: dict[int, str]) -> _Scene:
    abstract = [s for s in sentences if s.role == "abstract"]
    first = next((i for i, s in enumerate(abstract) if kinds[s.order] == "proposal"), None)
    if first is None:
        return _Scene([], [])
    before = [
        s
        for s in abstract[:first]
        if kinds[s.order] in ("other", "motivation", "definition")
        and not FIRST_PERSON.search(s.original)  # "In this paper, we explore …": their aim
        and not result_figures(s.text)
        and self_contained(s)
    ]
    after = [
        s
        for s in abstract[first:]
        if not _CONTRAST.search(s.text) and not _CHALLENGE.search(s.text)
    ]
    return _Scene(before, after)


def _on_one_problem(candidates: list[Sentence]) -> list[Sentence]:
    """The problem lines about the problem the abstract states (else the paper's first):
    "the distribution of each layer's inputs changes" keeps "the layers need to
    continuously adapt", but not "mini-batches are helpful in several ways"."""
    if not candidates:
        return []
    stated = [s for s in candidates if s.role == "abstract"] or [min(candidates, key=_order)]
    topic = set().union(*(set(content_words(s.text)) for s in stated))
    return [
        s
        for s in candidates
        if s in stated or len(set(content_words(s.text)) & topic) >= PROBLEM_OVERLAP
    ]


def _order(s: Sentence) -> int:
    return s.order


def _prior(s: Sentence, kind: str) -> bool:
    return s.role in PRIOR.roles and kind == "prior" and bool(_CONTRAST.search(s.text))


def _wrap(s: Sentence, kind: str, reader: Reader) -> bool:
    """A take-away is a finding: what the method does or achieves, said outright (never a
    hope, what was not observed, or what could be done)."""
    if s.role not in WRAP.roles or len(s.text.split()) > 32 or CONSIDERED.search(s.text):
        return False
    if not self_contained(s) or is_caveat(s) or cites_first(s.original):
        return False  # "Altan et al. used 15-second ECGs and …": theirs, no take-away
    # A verdict counts said of their own work ("we successfully learned controllers …"),
    # not of the status quo ("While wildly successful in practice, the LSTM's …").
    own_verdict = bool(_VERDICT.search(s.text) and _OWN_WORK.search(s.text))
    if kind not in ("claim", "proposal", "result") and not (kind == "other" and own_verdict):
        return False
    if _PURPOSE.match(s.text) or _FUTURE.search(s.text):
        return False  # "To enable …, they perform …": a step of the method, not a finding
    found = _FINDING.search(s.text) or _REPORTED_THAT.search(s.text) or own_verdict
    return bool(found) and _names_what(s.text)


_OWN_WORK = re.compile(r"\b(?:we|our)\b", re.IGNORECASE)


def _challenged(
    text: PaperText, reader: Reader, kinds: dict[int, str], doubting: int = 1
) -> list[Sentence]:
    """The set-up facts the skeptic will ask about (one per kind of challenge, `doubting`
    times as many in a critique), then the paper's own stated limitations."""
    found: list[Sentence] = []
    for name, pattern in CHALLENGES:
        for s in text.sentences:
            if s.role not in ("setup", "results", "discussion", "method", "conclusion"):
                continue
            if name == "recipe" and (
                s.role not in ("setup", "results")
                or not _TRAINING.search(s.text)
                or _SCHEDULE.search(s.text)
            ):
                continue  # a change to the training recipe: of a paper that trains a model
            if name == "scope" and not own_design(s, reader):
                continue  # where the authors' own method is left out, not a rival's
            if pattern.search(s.text) and self_contained(s) and challenge_of(s) == name:
                found.append(s)
                held = sum(challenge_of(f) == name for f in found)
                if held >= CHALLENGE_LINES.get(name, 1) * doubting:
                    break  # of the recipe's changes, a few: each one is a confound
    before = {s.order + 1: s for s in text.sentences}
    limits = [
        s
        for s in text.sentences
        if kinds[s.order] == "caveat"
        and self_contained(alone := without_tie(s))
        and challenge_of(alone) == "limitation"
        and not of_a_rival(alone, reader)
        and (alone is s or (s.order in before and kinds[before[s.order].order] == "caveat"))
    ]  # "Moreover …" adds to the line before: a doubt only after a doubt, said without it
    # A weakness named outright first, out of the paper's order; a softer word of a
    # limitations section may be a design choice ("we did not reveal how the citations
    # were chosen"), read only where the corner has room.
    limits.sort(key=lambda s: not states_limit(s.text))
    # In a critique or a debate, and in the corner of a paper that states no limits of its
    # own: the bounds of their set-up and what they leave open (what each line challenges,
    # worked out once for both below).
    admits_little = not found and not limits
    wider = doubting > 1 or admits_little
    named = {s.order: challenge_of(s) or "" for s in text.sentences} if wider else {}
    bounds = [  # a critique's: the other bounds of their own set-up
        s
        for s in text.sentences
        if named.get(s.order, "").startswith("bound_")
        and s not in found
        and s.role in ("setup", "results", "discussion", "method")
        and kinds[s.order] not in ("prior", "motivation", "definition")
        and self_contained(s)
    ]
    # What they leave open is a critique's too, after what they admit (a plan is no challenge
    # to a debate's claim: see `debate_targets`).
    left_open = [
        s for s in text.sentences if named.get(s.order) == "future" and doubt_stands_alone(s)
    ]
    if doubting == 1:  # one, and never a bare "whereas", which may contrast anything
        bounds = [s for s in bounds if named[s.order] != "bound_unlike"][:1]
    return found + limits[: LIMIT_LINES * doubting] + bounds + left_open[:doubting]


# Another system named by what it is, or as the subject: "the REBAR estimator", "the GRU
# model", "REBAR depends on …".
_SYSTEM_NAMED = re.compile(
    r"\b(?P<name>[A-Z][\w-]*[A-Z0-9][\w-]*) (?:estimators?|methods?|models?|approach(?:es)?|"
    r"algorithms?|systems?|baselines?)\b|"
    r"^(?P<subject>[A-Z][\w-]*[A-Z0-9][\w-]*) (?:\w+ )?(?:is|are|was|were|has|have|depends|"
    r"requires|relies|assumes|uses|needs|cannot|does|fails)\b"
)


def of_a_rival(s: Sentence, reader: Reader) -> bool:
    """Whether a line is about another system, not theirs: it names that system, and
    neither their method nor them. A limit of REBAR's, said in their limitations to set their
    own apart ("The only free parameters of the REBAR estimator are …"), or "The best Fast
    R-CNN model achieves a mAP of 71.8%" in their results."""
    named = {m["name"] or m["subject"] for m in _SYSTEM_NAMED.finditer(s.text)}
    named -= {reader.method}
    return bool(named) and not own_design(s, reader)


# "Moreover our model had only a single attention patch …", "However, DeepSeek-V2 Chat still
# lags behind …": an opening that ties a doubt to the line before, left out when it is said alone.
_TIE = re.compile(
    r"^(?:Moreover|Furthermore|In addition|Additionally|Also|However|On the other hand|"
    r"Nevertheless|That said|Finally|Lastly|Second(?:ly)?|Third(?:ly)?|For (?:example|instance)|"
    r"In the same (?:direction|vein)),?\s+(?=\w)"
)


# Where a result goes against the method: a loss, a lag, a misfit, a win on only some tests.
_SHORTFALL = re.compile(
    r"\b(?:falls? short|fell short|(?:falls?|fell|lags?|lagged|lagging) (?:far )?behind|"
    r"underperform\w*|is worse|are worse|underfit\w*|overfit(?:s|ted|ting)?|fails? to|"
    r"failed to|at the cost of|only\b[^.,;]{0,40}\bsome\b|not all\b|"
    r"(?:is|are|was|were|remains?) (?:\w+ )?outperformed by)",
    re.IGNORECASE,
)
# Their method, as the authors call it in the first person ("our estimator achieved …").
_OURS = re.compile(
    rf"\b(?:our|the proposed)\s+(?!baseline)(?:[\w-]+\s+)?(?:{METHOD_NOUN}|network|estimator|"
    r"ensemble)s?\b",
    re.IGNORECASE,
)
# The authors' own system, as they call it without its name ("our final method", "the
# network" of their results; "the baseline network" is another).
_OWN_SYSTEM = re.compile(
    r"\b(?:(?:our|the proposed)\s+(?:\w+\s+)?|the\s+)(?:method|approach|model|system|"
    r"network|technique|algorithm)s?\b",
    re.IGNORECASE,
)


def _stems(text: str) -> set[str]:
    return {w.lower().removesuffix("s") for w in re.findall(r"[A-Za-z]+", text)}


def falls_short(s: Sentence, method: str | None) -> bool:
    """A result that tells against the authors' method: the method is named before the
    shortfall ("the DRAW network underfit the SVHN training data", "our method only
    outperformed the prior methods on some of the games"). A rival's shortfall ("Mixtral
    lags far behind DeepSeek-V2"), with the method after it, is a win."""
    if s.role not in ("results", "discussion", "conclusion"):
        return False  # a method section's "where the model underperforms" is its design
    alone = without_tie(s)
    found = _SHORTFALL.search(alone.text)
    if found is None or not self_contained(alone):
        return False
    before = alone.text[: found.start()]
    return bool(method and method in before) or bool(_OWN_SYSTEM.search(before))


def own_design(s: Sentence, reader: Reader) -> bool:
    """A line about the authors' own method: it names it, or says what they do."""
    return bool(reader.method and reader.method in s.text) or bool(FIRST_PERSON.search(s.original))


def without_tie(s: Sentence) -> Sentence:
    """The line without an opening "Moreover," or "However,": a doubt stands without the
    line it adds to or turns from."""
    rest = _TIE.sub("", s.text, count=1)
    return s if rest == s.text else replace(s, text=rest[:1].upper() + rest[1:])


# A limitation of the paper's own work, not one it studies ("the common limitations users face").
_OWN_LIMITATION = re.compile(
    r"\b(?:(?:limitations?|criticisms?) of (?:the|this|their|our) (?:study|work|approach|"
    r"method|system|paper|"
    r"analysis|evaluation|experiments?|model)|(?:the|this|their|our) (?:study|work|approach|"
    r"method|system|paper|analysis|evaluation)(?:'s|’s)? (?:main )?limitations?|"
    # "This work is preliminary in that it only evaluated the approach on …"
    r"(?:the|this|their|our) (?:study|work|approach|method|evaluation|paper) (?:is|remains) "
    r"(?:preliminary|limited|restricted)|"
    # "… in the present formulation of LightFM": the method as they leave it
    r"\bin (?:the|its|their|our) (?:present|current) (?:formulation|form|version|"
    r"implementation)\b|"
    # "Although the proposed model predicts the bass note, … the model does not predict …"
    r"the proposed (?:models?|methods?|approach|system|framework|architectures?)\b[^.]*\b"
    r"(?:does|do|did|can|could) not \w)",
    re.IGNORECASE,
)


# What the method pays for its gain, said in its own sections ("… higher strain sensitivity
# at the cost of higher power consumption", "The downside of the vine method is …", "a
# theoretical potential for bias").
_OWN_COST = re.compile(
    r"\b(?:at the (?:cost|expense|price) of|downsides?|drawbacks?|disadvantages?|"
    r"(?:potential|risk)s? (?:for|of) (?:bias|overfitting|leakage))\b",
    re.IGNORECASE,
)


_NAMED = re.compile(r"\b[A-Z][a-z]+")  # a name past the first word: another system
_OWN_PLANS = frozenset(["method", "results", "discussion", "conclusion"])  # not a rival's
# A section of what the work could go on to do, and a line there that says what might be.
_PLANS_SECTION = re.compile(r"\b(?:future|extensions?|outlook|next steps)\b", re.IGNORECASE)
_POSSIBILITY = re.compile(
    r"^(?!.*(?:\bnot\b|n't\b|\bcannot\b|\bfail\w*|\bunable\b|\bhowever\b|\bbut\b))"
    r".*\b(?:might|could|may)\b",
    re.IGNORECASE,
)


# "By fixing the distribution of the layer inputs, we expect to improve the training
# speed": the method's purpose, hedged, not a hunch left untested (BatchNorm's listener:
# "files the paper's central motivation under 'a hunch'").
_EXPECTED_GAIN = re.compile(
    r"\bwe expect (?:(?!not\b)[\w-]+ ){0,6}?to (?:improve|reduce|speed up|accelerate|increase|"
    r"enhance)\b",
    re.IGNORECASE,
)


def challenge_of(s: Sentence) -> str | None:
    """Which of the skeptic's challenges a set-up sentence answers, if any."""
    for name, pattern in CHALLENGES:
        if pattern.search(s.text):
            if name == "hardware" and not re.search(
                r"GPU|H\d00|A\d00|V100|TPU|cluster|node", s.text
            ):
                continue
            if name == "hedge" and _EXPECTED_GAIN.search(s.text):
                continue  # what the method is for, which their results then test
            return name
    owned = (
        s.role == "discussion"
        or s.listed_limit
        or _OWN_LIMITATION.search(s.text)
        or s.role in ("method", "results")
        and _OWN_COST.search(s.text)
        and not _NAMED.search(s.text[1:])  # "Prefix Tuning … at the cost of": a rival's
        or s.role in ("method", "results", "conclusion", "related")
        and FIRST_PERSON.search(s.original)
    )  # a concession about their own work ("our model had only a single attention patch",
    # "we were unable to find an architecture that …" in a "Discussion and Related Work")
    if (
        _POSSIBILITY.search(s.text)
        and _PLANS_SECTION.search(s.section or "")
        and not states_limit(s.text)
    ):
        return "future"  # "Reversible computation might offer memory savings …": an extension
    if kind_scores(s)["caveat"] >= 3 and is_caveat(s) and owned:
        return "limitation"
    if s.role in _OWN_PLANS and sentence_kind(s) == "future":
        return "future"  # what they leave open ("… remains an open direction for future research")
    bound = bound_of(s)
    return f"bound_{bound}" if bound else None


def bound_of(s: Sentence) -> str | None:
    """What a line of their own set-up bounds (see _BOUND), if it bounds anything: a
    rival's bounds are no doubt about theirs, nor is a learning-rate schedule, nor what
    they could have done ("We could consider whitening … to depend on the activations")."""
    if _GUARANTEE.search(s.text) or CONSIDERED.search(s.text):
        return None
    if _SCHEDULE.search(s.text) or _LEARNING_RATE.search(s.text):
        return None
    found = _BOUND.search(s.text)
    if found is None:
        return None
    # A small test is theirs however it is said ("The test items were sourced from 12
    # speakers"), unless cited; the other bounds are theirs where they say "we".
    if found.lastgroup == "sample":
        return None if s.cites else "sample"
    return found.lastgroup if FIRST_PERSON.search(s.original) else None


def _method_order(beats: list[Sentence]) -> list[Sentence]:
    """Definition, then the steps, then why: by section in the paper's order, and inside
    one the definitions first; a line that leans on the one before stays after it."""
    sections: dict[str | None, list[Sentence]] = {}
    for s in sorted(beats, key=lambda s: s.order):
        sections.setdefault(s.section, []).append(s)
    ordered: list[Sentence] = []
    for group in sections.values():
        first = [s for s in group if defined_term(s) is not None and self_contained(s)]
        rest = [s for s in group if s not in first]
        ordered += first + rest
    return ordered


def briefing_outline(
    text: PaperText, minutes: float, words_per_minute: float, format: str = "deep-dive"
) -> Outline:
    """The deep dive's plan: each chapter's beats (table lines included) and budgets."""
    from paperdive.writing.plan import chapter_title

    reader = Reader.of(text)
    kinds = {"brief": BRIEF_CHAPTERS, "critique": CRITIQUE_CHAPTERS}.get(format, CHAPTERS)
    # A critique and a debate say twice the doubts (a critique in its own chapter, a debate
    # each after the claim it challenges).
    chosen = select(reader, minutes, kinds, doubting=2 if format in ("critique", "debate") else 1)
    setups = {s.text for s in chosen.beats.get(EXPERIMENTS.key, [])}
    if EXPERIMENTS in kinds:
        _pair_tests(chosen)
    top = top_sections(text.paper)
    # The tables' comparisons go with the paper's numbers, or, where the paper states none
    # in its prose, with the set-up they come from ("trained on binarized MNIST": and?).
    tables_in = NUMBERS
    if not chosen.beats.get(NUMBERS.key) and chosen.beats.get(EXPERIMENTS.key):
        tables_in = EXPERIMENTS if EXPERIMENTS in kinds else NUMBERS
    chapters = []
    for kind in kinds:
        beats = chosen.beats.get(kind.key, [])
        lines = [s.text for s in beats]
        # The method is named after the part of the paper its telling comes from.
        named = [replace(s, section=top.get(s.section or "", s.section)) for s in beats]
        if kind is tables_in:
            lines += [t.text for t in chosen.tables]
        if kind is COLD_OPEN and chosen.opening is not None:
            lines = [chosen.opening.text]
        # A chapter of one line is no chapter (it would be folded into the one before), but
        # for the problem, the one finding a paper states ("we show that it can, in fact,
        # help DQN learn more general features"), and the set-up's one comparison from
        # their tables: an episode's only result.
        compared = kind is tables_in and bool(chosen.tables)
        alone = (
            kind not in (COLD_OPEN, PROBLEM, NUMBERS, CRITIQUE, WRAP)
            and len(lines) < MIN_CHAPTER_LINES
            and not compared
        )
        if (not lines and kind is not CRITIQUE) or alone:
            continue
        title = chapter_title(kind, kind.title, named if kind is MECHANICS else beats)
        if kind is NUMBERS and not any(figures_in(line) for line in lines):
            title = FOUND_TITLE
        chapters.append(
            ChapterPlan(
                title=title,
                description=kind.description,
                beats=lines,
                word_budget=_budget(lines),
                sections=sorted({s.section for s in beats if s.section}),
            )
        )
    if format == "critique":
        _cut_to_doubt_share(chapters)
    for chapter in chapters:
        if chapter_kind(chapter.title) is NUMBERS:
            _end_on_a_finding(chapter, setups)
    return Outline(
        format=format,  # type: ignore[arg-type]
        target_minutes=minutes,
        words_per_minute=words_per_minute,
        chapters=chapters,
    )


def _end_on_a_finding(chapter: ChapterPlan, setups: set[str]) -> None:
    """The numbers do not end on a test whose outcome goes unsaid: a critique's cut, or its
    quota, had left MoBA's "For context lengths of up to 1M tokens, they evaluate …" last.
    Down to a chapter's floor: thinner, the chapter would go, and its headline with it."""
    while len(chapter.beats) > MIN_CHAPTER_LINES and chapter.beats[-1] in setups:
        chapter.beats.pop()
    chapter.word_budget = _budget(chapter.beats)


def _budget(beats: list[str]) -> int:
    """A chapter's word budget: its lines' words, with room for the questions around them."""
    return int(_words(beats) * 1.25) + 20


def _words(beats: list[str], doubting: bool = False) -> int:
    """The lines' words; with `doubting`, those of the lines that push back."""
    return sum(len(b.split()) for b in beats if not doubting or PUSHES_BACK.search(b))


def _cut_to_doubt_share(chapters: list[ChapterPlan]) -> None:
    """A critique gives a third of its words to doubts: where the paper admits too few for
    all the rest, the longest of the other chapters loses its last lines (what leans on a
    line comes after it), down to a chapter's floor. A paper that admits too little for
    that keeps its telling: there is no share to keep."""
    weighing = (CRITIQUE, ALTERNATIVES)
    kept = [c for c in chapters if chapter_kind(c.title) in (COLD_OPEN, *weighing, WRAP)]
    doubts = sum(_words(c.beats, doubting=chapter_kind(c.title) not in weighing) for c in chapters)
    floor = sum(_words(c.beats if c in kept else c.beats[:MIN_CHAPTER_LINES]) for c in chapters)
    if doubts < CRITIQUE_PROMISE * (floor + FRAME_WORDS):
        return  # too few doubts for any telling: cutting would only leave less of both
    while doubts < CRITIQUE_DOUBT_SHARE * (sum(_words(c.beats) for c in chapters) + FRAME_WORDS):
        cuttable = [c for c in chapters if c not in kept and len(c.beats) > MIN_CHAPTER_LINES]
        if not cuttable:
            return
        longest = max(cuttable, key=lambda c: _words(c.beats))
        doubts -= _words(longest.beats[-1:], doubting=True)
        longest.beats.pop()
        longest.word_budget = _budget(longest.beats)


# "a standard Gaussian with mean zero and standard deviation one": a distribution's
# parameter, not how much a result varies (unless runs or seeds are named with it).
_DISTRIBUTION = re.compile(r"\b(?:Gaussian|normal distribution|initiali[sz]\w*|noise)\b", re.I)
_RUNS = r"(?:runs|seeds|trials|repeats)"
_REPEATS = re.compile(rf"\b(?:{_RUNS}|repetitions)\b", re.IGNORECASE)
# Results averaged over repeated runs, with or without a spread given for them.
_COUNT = r"(?:\d+|several|multiple|two|three|four|five|six|seven|eight|nine|ten)"
_REPEATED = re.compile(
    rf"\b(?:(?:averaged|mean|average) (?:over|across|of) {_COUNT}|\b\d+) "
    rf"(?:independent |random |different |training |evaluation )?{_RUNS}"
    r"\b(?! of (?:random |grid )?search)",
    re.IGNORECASE,
)


def spread_reported(paper: Paper, lines: list[str]) -> bool:
    """Whether the paper says how much its numbers vary: in its text ("statistically
    significant", "the standard deviation over 5 seeds", a distribution's parameters aside)
    or in its tables ("76.3 ± 0.2", a "std" column). Averaging over runs is not a spread,
    nor is dropout's "p = 0.5". `lines`: the paper's sentences (`paper_lines`)."""
    said = any(
        _SPREAD.search(line)
        or _SPREAD_TERM.search(line)
        and (_REPEATS.search(line) or _GIVEN.search(line) and not _DISTRIBUTION.search(line))
        for line in lines
    )
    tabled = any(
        _SPREAD.search(" ".join([t.caption or "", *(c for row in t.rows for c in row)]))
        or _SPREAD_TERM.search(t.caption or "")
        or any(_SPREAD_TERM.fullmatch(cell.strip()) for cell in (t.rows[0] if t.rows else []))
        for t in paper.tables
    )  # a "std" column, not a row of settings ("Init std 0.02")
    return said or tabled


def runs_repeated(lines: list[str]) -> bool:
    """Whether the paper (its sentences, `paper_lines`) says it repeated its runs ("averaged
    over 8 runs"): then a figure with no spread is no longer "one run, or many?"."""
    return any(_REPEATED.search(line) for line in lines)


def paper_lines(paper: Paper) -> list[str]:
    """Every sentence of the abstract and the sections, as printed."""
    return [
        line
        for text in (paper.abstract, *(s.text for s in paper.sections))
        for line in split_sentences(text)
    ]


def why_answer(s: Sentence) -> bool:
    """A line that says why, in words a listener's "why?" expects."""
    return bool(_REASON.search(s.text)) and bool(_WHY_ANSWER.search(s.text))


__all__ = [
    "CHAPTERS",
    "ChapterKind",
    "Reader",
    "Selection",
    "briefing_outline",
    "challenge_of",
    "paper_lines",
    "runs_repeated",
    "select",
    "spread_reported",
    "as_headline",
    "gist_said",
]
