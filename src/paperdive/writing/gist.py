"""A line of the method said back in a few words: the clause that carries the step, without
its lead-in, its asides and its tail ("To accomplish this, the authors introduce, for each
activation, a pair of parameters, which scale and shift the normalized value." → "they
introduce a pair of parameters"). Every word is the paper's, in the paper's order; a line
whose clause cannot be found safely gives no gist, so a say-back is never garbled."""

from __future__ import annotations

import re

from paperdive.writing.spoken import without_asides

MIN_WORDS = 4
MAX_WORDS = 16

# "they introduce, for each activation, a pair of …": the setting between commas can go
# (parentheses and brackets go with spoken.without_asides).
_SETTING = re.compile(r",\s+(?:for|in|on|at|with|per) (?:each|every|all|a|an)\b[^,]{1,40},")
# Words that open a line but carry no step: connectives and purpose or setting clauses.
_LEAD_IN = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next|finally|thus|hence|therefore|"
    r"however|moreover|furthermore|in addition|additionally|specifically|concretely|"
    r"in particular|in practice|instead|here|this way|in this way|in short|overall|"
    r"(?:to|in order to) [^,]{3,60}|(?:for|in|on|with|at|during|after|before|when|once|since|"
    r"because|as|given|while|unlike|rather than|instead of) [^,]{3,60}),\s+",
    re.IGNORECASE,
)
# The authors as subject, and words between them and their verb that the gist can lose.
_AUTHORS = re.compile(
    r"^(?:they|the authors|we)\s+(?:(?:will|can|then|also|first|simply|further|instead|"
    r"additionally|now|directly|therefore|thus)\s+)*",
    re.IGNORECASE,
)
# What the authors do to make the method work: the verbs of its steps.
_STEP_VERB = re.compile(
    r"^(?:comput|split|select|partition|rout|map|encod|decod|project|updat|generat|predict|"
    r"combin|replac|aggregat|averag|assign|concatenat|normali[sz]|attend|compress|stor|cach|"
    r"scor|rank|sampl|learn|introduc|insert|appl|estimat|produc|scal|shift|transform|subtract|"
    r"divid|multipl|add|use|feed|convert|remov|break|collect|construct|train|merg|represent|"
    r"maintain|filter|group|match|label|pars|extract|tokeni[sz]|embed|weight|penali[sz]|"
    r"reward|optimi[sz]|minimi[sz]|maximi[sz]|initiali[sz]|freez|fine-tun|distill|prun|"
    r"quantiz|mask|pool|gate|drop|keep|cluster|align|augment|rewrit|verif|check|build|design|"
    r"replac|reus|shar|pass|send|read|writ|search|mutat|evolv)\w*\b",
    re.IGNORECASE,
)
# Naming or announcing, not doing: "use the term vine", "introduce Routed Block Attention".
_NAMING = re.compile(
    r"^(?:use (?:the )?(?:term|name|notation|word)\b|(?:introduce|propose|present)s? "
    r"(?:(?:a|an|the) )?(?:new |novel )?(?:method|approach|mechanism|technique|model|"
    r"framework|system|[A-Z]))"
)
_ACTIVE_PRESENT = re.compile(r"^(?:first |then |also |dynamically |simply )?([a-z]+s)\b")
_NOT_ACTIVE = frozenset(["is", "was", "has", "does", "remains", "seems", "appears", "becomes"])
# A subject that points back at an earlier line.
_LEANING_SUBJECT = re.compile(
    r"^(?:it|this|these|that|those|such|which|there|here|its|their|our|one|some|both|all)\b",
    re.IGNORECASE,
)
# The method itself as subject: "Their method splits …".
_THE_METHOD = re.compile(
    r"^(?:the|their|its) (?:proposed |new )?(?:method|approach|model|system|framework|"
    r"algorithm|architecture|pipeline)$",
    re.IGNORECASE,
)
# A part of the method as subject: "The router selects …", "Each block summary is …".
_PART = re.compile(r"^(?:the|each|every) (?:[a-z\-]+ ){0,2}[a-z\-]+$", re.IGNORECASE)
# Where the clause that carries the step ends: a relative clause, a purpose, a result, a list.
_TAIL = re.compile(
    r",\s+(?:which|where|whereas|while|so that|such that|thus|thereby|and thus|and in doing so|"
    r"as|since|because|although|though|allowing|making|leading|resulting|yielding|given|"
    r"i\.e\.|e\.g\.|namely|respectively|by|using|via|with|in order to|to)\b|"
    r"\s+[—–]\s+|;\s|:\s|,\s+and\s",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\b(?:\w+(?:s|es|ed)|is|are|was|were|has|have|uses|use|take|takes|keep|keeps|run|runs|"
    r"put|puts|split|splits|set|sets|feed|feeds|send|sends|make|makes|give|gives|build|builds)\b"
)


def gist(text: str, names: frozenset[str]) -> str | None:
    """The step `text` states, as "they <step>" or "<the part named> <does>", or None when
    it states no step of the method in a clause that can be cut out safely. `names`: the
    method's name and the paper's own terms (a line about one of its parts names one)."""
    clause = _SETTING.sub("", without_asides(text)).strip().rstrip(".!?")
    for _ in range(3):
        stripped = _LEAD_IN.sub("", clause, count=1)
        if stripped == clause:
            break
        clause = stripped
    tail = _TAIL.search(clause)
    if tail:
        clause = clause[: tail.start()]
    clause = clause.rstrip(" ,")
    if "," in clause:
        return None
    authors = _AUTHORS.match(clause)
    if authors:
        verb_phrase = clause[authors.end() :]
        if not _STEP_VERB.match(verb_phrase) or _NAMING.match(verb_phrase):
            return None
        clause = f"they {verb_phrase}"
    else:
        subject, verb = _subject_and_verb(clause)
        named = any(n in subject for n in names) or _THE_METHOD.match(subject)
        named = named or _PART.match(subject)
        if (
            verb is None
            or not named
            or (_LEANING_SUBJECT.match(subject) and not _THE_METHOD.match(subject))
        ):
            return None
        if not _STEP_VERB.match(verb):
            return None
        clause = clause if _proper(clause.split()[0]) else clause[:1].lower() + clause[1:]
    cut = shortened(clause, MAX_WORDS)
    if cut is None or len(cut.split()) < MIN_WORDS or re.search(r"\b(?:we|our|us)\b", cut):
        return None
    return cut


def _subject_and_verb(clause: str) -> tuple[str, str | None]:
    """The words before the clause's first active present-tense verb ("The MoBA gate" of
    "The MoBA gate computes …"), and that verb; no verb when it has none in its first words."""
    words = clause.split()
    for i in range(1, min(len(words), 6)):
        found = _ACTIVE_PRESENT.match(" ".join(words[i:]))
        if found and found.group(1) not in _NOT_ACTIVE:
            return " ".join(words[:i]), found.group(1)
    return clause, None


_BOUNDARY = frozenset(
    [
        "before",
        "after",
        "while",
        "so",
        "to",
        "into",
        "by",
        "with",
        "from",
        "for",
        "in",
        "on",
        "at",
        "using",
        "as",
        "via",
        "through",
        "over",
        "across",
        "within",
        "without",
        "that",
        "which",
        "where",
        "of",
    ]
)
_NO_END = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "each",
        "and",
        "or",
        "their",
        "its",
        "his",
        "her",
        "this",
        "that",
        "pair",
        "set",
        "number",
        "list",
    ]
)
_RELATIVE = frozenset(["that", "which", "where", "who", "whose"])
SHORT_WORDS = 7  # a say-back clause no longer than this never repeats an 8-word run


def shortened(clause: str, limit: int = SHORT_WORDS) -> str | None:
    """The clause cut before a preposition or conjunction to at most `limit` words
    ("they add seven numeric features to the input …" → "they add seven numeric
    features"), or None when no cut leaves a whole phrase."""
    words = clause.split()
    if len(words) <= limit:
        return clause
    relative = next((i for i, w in enumerate(words) if w.lower() in _RELATIVE), None)
    if relative is not None and 3 <= relative <= limit:
        return " ".join(words[:relative])  # "they remove PDFs which are …" → "they remove PDFs"
    for end in range(limit, MIN_WORDS - 1, -1):
        boundary = words[end].lower() in _BOUNDARY or words[end].endswith("ing")
        before = words[end - 1].lower()
        # "… the conjugate gradient algorithm followed | by a line search": a participle
        # is no end without its agent.
        agent = words[end].lower() == "by" and before.endswith("ed")
        if boundary and not agent and before not in _NO_END and before not in _BOUNDARY:
            return " ".join(words[:end])
    return None


_ADVERB = re.compile(r"\s+(?:first|then|also|simply|dynamically|further|directly|jointly)\b")


def without_adverbs(clause: str) -> str:
    """ "the gate first computes the score" → "the gate computes the score"."""
    return _ADVERB.sub("", clause)


def _proper(word: str) -> bool:
    """A name said as written: "MoBA", "LSTM", "Adam" (capitalised beyond its first letter,
    or with digits), not a sentence's first word."""
    return any(c.isupper() or c.isdigit() for c in word[1:])


def say_back(clauses: list[str]) -> str:
    """Steps joined in their order, the repeated "they" said once: "they normalize each
    feature, then estimate the mean from each mini-batch, and then learn a scale"."""
    parts = [
        clause[len("they ") :]
        if i and clause.startswith("they ") and clauses[i - 1].startswith("they ")
        else clause
        for i, clause in enumerate(clauses)
    ]
    if len(parts) <= 2:
        return ", then ".join(parts)
    return ", then ".join(parts[:-1]) + ", and then " + parts[-1]
