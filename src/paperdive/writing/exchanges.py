"""How one line of the paper is voiced: who reads it, and whether the other host first asks
the question it answers.

A question is asked only when the line's kind says what question it answers (roles.py);
a line of no clear kind is simply said, by the host already talking or, handed over, by the
other one. The hosts never fill a turn with a nudge ("Go on.") or a bare reaction: a
reaction is only ever the first word of a turn that says something.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from paperdive.models import HostRole
from paperdive.writing.conversation import Conversation, LinePicker, join
from paperdive.writing.roles import (
    Kind,
    answers_clearly,
    defined_term,
    kind_scores,
    plural,
    sentence_kind,
)
from paperdive.writing.sentences import Sentence, self_contained

Speak = Callable[[Sentence], str]
# The explainer carries the idea and how it works; the skeptic the problem, the earlier
# work, the test set-up and the paper's doubts; either may read a result.
EXPLAINER_KINDS: frozenset[Kind] = frozenset(
    {"proposal", "definition", "mechanism", "objective", "claim"}
)
SKEPTIC_KINDS: frozenset[Kind] = frozenset(
    {"motivation", "prior", "setup", "caveat", "hedge", "future"}
)
MAX_TURN_WORDS = 75  # a turn longer than this hands over, or takes a question
# A turn runs on no further than this (a line past it, with no question to hand it over, is
# left out): the show allows no turn over 100 words, and the sign-off may still join it.
MAX_RUN_ON = 88
REACTION_CHANCE = 0.25  # how often a host's turn opens with a short reaction
NAMED_QUESTION_CHANCE = 0.6
# Names a question may use: a model, method or benchmark the answer itself mentions.
_NAME = re.compile(
    r"\b(?:[A-Z][A-Za-z]*-?\d[\w\-]*(?:\.[\w\-]+)*|[A-Z][a-z]+[A-Z][\w\-]*|[A-Z]{2,}[\w\-]*)"
)
# The words a comparison names its baseline after ("better than the …", "compared with …").
COMPARED_WITH = (
    r"\b(?:than|over|versus|vs\.|against|compared (?:to|with)|outperform\w*|beats?)\s+"
    r"(?:the |a |an )?"
)
_BASELINE = re.compile(rf"{COMPARED_WITH}(?P<name>{_NAME.pattern})")


_GENERIC_HEADING = re.compile(
    r"^(?:method|methods|approach|model|overview|implementation|details|experiments?|results?|"
    r"model architecture|network architecture|architecture overview|statistics|"
    r"setup|discussion|analysis|architecture|background|preliminaries|framework|training|"
    r"evaluation|other .*|more .*|additional .*)$",
    re.IGNORECASE,
)
_NOT_A_TOPIC = frozenset(
    ("towards", "toward", "via", "how", "why", "what", "is", "are", "being", "comparison")
    + ("limitations", "limitation", "results", "evaluation", "ablation", "discussion")
    + ("example", "scenario", "overview", "details", "implementation", "setup", "study")
)


@dataclass
class Voices:
    """What the exchanges need to know: the talk so far, the line picker, how a sentence is
    said, the skeptic's share of words to aim for and the method's name."""

    talk: Conversation
    picker: LinePicker
    spoken: Speak
    skeptic_share: float
    method: str | None


def reader(v: Voices, kind: Kind) -> HostRole:
    """Who reads a line of this kind, keeping each host near their share of the words."""
    if kind in EXPLAINER_KINDS:
        return "explainer"
    share = v.talk.share("skeptic")
    if kind in SKEPTIC_KINDS:
        return "skeptic" if share < v.skeptic_share + 0.2 else "explainer"
    return "skeptic" if share < v.skeptic_share - 0.05 else "explainer"


def other(host: HostRole) -> HostRole:
    return "skeptic" if host == "explainer" else "explainer"


def voice(v: Voices, beat: Sentence, chapter: int, opener: str | None = None) -> None:
    """Say one beat: run on in the same turn, or pass to the other host. The other host
    asks the reader the question the next line answers, when it answers one clearly;
    otherwise the line is simply handed over. `opener` starts a chapter."""
    talk = v.talk
    kind = sentence_kind(beat)
    host = reader(v, kind)
    speaking = talk.speaker(chapter)
    follows_on = talk.last_beat is not None and talk.last_beat.order == beat.order - 1
    full = talk.turn_words(chapter) + len(beat.text.split()) > MAX_RUN_ON
    if not self_contained(beat):
        # It leans on the line before it: said straight after it, by the same host, or not.
        if follows_on and speaking is not None and not talk.asked(chapter) and not full:
            talk.say(speaking, v.spoken(beat), chapter, beat)
        return
    if opener is not None:
        _open_with(v, beat, chapter, host, opener)
        return
    if speaking is None:
        talk.say(host, v.spoken(beat), chapter, beat)
        return
    if talk.asked(chapter):  # a question is waiting: the other host answers it
        talk.say(other(speaking), v.spoken(beat), chapter, beat)
        return
    long_turn = talk.turn_words(chapter) + len(beat.text.split()) > MAX_TURN_WORDS
    if host == speaking and not long_turn:
        talk.say(host, v.spoken(beat), chapter, beat)
        return
    if host == "explainer":
        asked = question(v, beat, kind) or new_topic(v, beat)
    elif speaking == "explainer" and kind not in SKEPTIC_KINDS:
        # A line he would read only to even the talk: he asks for it and she reads it (the
        # questions are his); the set-up, earlier work, the problem and the doubts he says
        # unasked.
        asked = question(v, beat, kind)
        host = "explainer" if asked else host
    else:
        asked = None
    if asked:  # the other host asks, after their own line or into the reader's long turn
        talk.say(other(host), asked, chapter)
        talk.say(host, v.spoken(beat), chapter, beat)
        return
    taker = other(speaking)
    if host == speaking and kind in (EXPLAINER_KINDS if taker == "skeptic" else SKEPTIC_KINDS):
        taker = speaking  # a long turn runs on: the line is not the other host's to read
    if taker != speaking:  # he raises his lines plainly; she may take over with a word
        said = _reacting(v, beat) if taker == "explainer" else v.spoken(beat)
        talk.say(taker, said, chapter, beat)
    elif not full:
        talk.say(speaking, v.spoken(beat), chapter, beat)
    # else: no question hands it over and the turn is full: the line is left out


def new_topic(v: Voices, beat: Sentence) -> str | None:
    """When the explainer's next line opens a new part of the method, the skeptic asks
    about that part by its heading ("What's the idea behind curriculum sampling?")."""
    last = v.talk.last_beat
    if last is None or last.section == beat.section or beat.role not in ("method", "background"):
        return None
    if not self_contained(beat) or kind_scores(beat)["mechanism"] < 1:
        return None  # only for a line that says how, and stands on its own
    topic = topic_of(beat.section or "")
    return v.picker.pick("question_topic", topic=topic) if topic else None


def topic_of(heading: str) -> str | None:
    """A heading as a host would name it: a short noun phrase, in lower case but for names
    and acronyms; None for a generic heading ("Implementation") or a sentence-like one."""
    words = heading.split()
    if not 1 <= len(words) <= 5 or _GENERIC_HEADING.match(heading) or not heading[0].isupper():
        return None
    if words[0].lower().endswith("ing") or words[0].lower() in ("some", "more", "other"):
        return None  # "Processing LaTeX source", "Some statistics": not a thing that works
    if any(w.lower() in _NOT_A_TOPIC for w in words) or re.search(r"[:?!(\d]", heading):
        return None
    if words[0].lower() in ("the", "a", "an") and len(words) > 1:
        words = words[1:]  # "The Search Procedure": asked as "And the search procedure?"
    return " ".join(
        w if not w.istitle() or w.isupper() or w in _EPONYMS else w.lower() for w in words
    )


# Names said with a capital wherever they stand ("Gaussian posterior", "Monte Carlo").
_EPONYMS = frozenset(
    ["Gaussian", "Bayesian", "Bayes", "Markov", "Monte", "Carlo", "Fisher", "Hessian",
     "Jacobian", "Laplace", "Laplacian", "Boltzmann", "Bernoulli", "Dirichlet", "Poisson",
     "Euclidean", "Lagrangian", "Hamiltonian", "Langevin", "Gibbs", "Newton", "Kullback",
     "Leibler", "Wasserstein", "Fourier", "Riemannian", "Hebbian", "Shapley", "Kalman",
     "Gumbel", "Cholesky", "Taylor", "Lipschitz", "Hilbert", "Turing", "Pareto", "Nash"]
)  # fmt: skip


def _open_with(v: Voices, beat: Sentence, chapter: int, host: HostRole, opener: str) -> None:
    """A chapter's first line: the explainer names the topic and says the line, or names it
    and asks the skeptic the question his line answers."""
    asked = question(v, beat, sentence_kind(beat)) if host == "skeptic" else None
    if asked:
        v.talk.say("explainer", f"{opener} {asked}", chapter)
        v.talk.say("skeptic", v.spoken(beat), chapter, beat)
    else:
        v.talk.say("explainer", join(opener, v.spoken(beat)), chapter, beat)


def _reacting(v: Voices, beat: Sentence) -> str:
    """The line as a host takes over with it, now and then after a short reaction."""
    reaction = v.picker.pick("reaction") if v.picker.chance(REACTION_CHANCE) else None
    return join(reaction, v.spoken(beat))


def question(v: Voices, beat: Sentence, kind: Kind) -> str | None:
    """The question this line answers, when it answers one clearly; None otherwise, and the
    line is said without one. A question names the method, the baseline or the section's
    topic when the line does."""
    if not answers_clearly(beat):
        return None
    picker = v.picker
    if kind == "definition":
        term = defined_term(beat)
        be = "are" if plural(beat) else "is"
        return picker.pick("question_definition", term=term, be=be) if term else None
    bound = _bound(beat) if kind == "setup" else None
    if bound is not None:
        return picker.pick(f"bound_{bound}")
    if picker.chance(NAMED_QUESTION_CHANCE):
        against = _BASELINE.search(beat.text) if kind == "comparison" else None
        if against and against.group("name") != v.method:
            named = picker.pick("baseline_comparison", name=against.group("name"))
        elif v.method and v.method in beat.text:
            named = picker.pick(f"named_{kind}", name=v.method)
        else:
            named = None
        if named:
            return named
    return picker.pick(f"question_{kind}") if picker.has(f"question_{kind}") else None


_BOUNDS = {
    "temperature": re.compile(
        r"(?:sampling|decoding) temperature|temperature (?:of|=|is set to|was set to|set to) \d",
        re.IGNORECASE,
    ),
    "runs": re.compile(
        r"\b(?:random seeds?|seeds\b|\d+ (?:runs|trials|seeds)|averaged over|repeated runs)", re.I
    ),
    "people": re.compile(r"\b(?:participants|annotators|raters|crowd ?workers)\b", re.I),
    "data": re.compile(
        r"\b(?:only|single|one) (?:dataset|domain|language|benchmark|task)\b|"
        r"\b(?:in-house|internal|proprietary) (?:data|dataset|benchmark)|\bonly (?:on )?English\b",
        re.IGNORECASE,
    ),
    "own_tests": re.compile(
        r"\b(?:in-house|internal|proprietary|their own) (?:evaluation|framework|test)", re.I
    ),
    "scale": re.compile(r"\b(?:at (?:this|that) scale|model sizes?|\d+(?:\.\d+)?[BM]\b)", re.I),
}


def _bound(beat: Sentence) -> str | None:
    """Which set-up fact bounding the claims a line states, if any."""
    return next((name for name, pattern in _BOUNDS.items() if pattern.search(beat.text)), None)
