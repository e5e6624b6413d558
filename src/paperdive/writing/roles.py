"""What a paper sentence does in the argument, so a host can ask the question it answers."""

from __future__ import annotations

import re
from typing import Literal

from paperdive.writing.read import section_kinds
from paperdive.writing.sentences import CUES, Sentence, numbers_in

Role = Literal[
    "caveat",
    "comparison",
    "result",
    "definition",
    "proposal",
    "setup",
    "method",
    "problem",
    "prior",
    "conclusion",
    "other",
]

# The paper admitting a weakness, wherever it says so.
_STRONG_CAVEAT = re.compile(
    r"\b(?:limitations?|future work|remains? unclear|not yet|we leave|leave \w+(?: \w+)? to|"
    r"caveat|drawbacks?|may not (?:transfer|generali[sz]e|hold|reflect)|fails? to|"
    r"does not (?:generali[sz]e|transfer|scale)|only (?:one|a single)|"
    r"a single (?:machine|model|dataset|benchmark)|rather than human|at the cost of|"
    r"left open|open question|(?:more|further) (?:study|work|research) "
    r"is needed)\b",
    re.IGNORECASE,
)
# "… effectively addressing GPU memory limitations": a weakness overcome is not a caveat.
_SOLVES = re.compile(r"\b(?:address|overcom|mitigat|alleviat|resolv|tackl|remov)\w*", re.IGNORECASE)
# Words that read as a weakness only where the paper discusses its own limits.
_WEAK_CAVEAT = re.compile(
    r"\b(?:cannot|may not|might|only|however|depends on|sensitive to|bias|overhead|"
    r"unclear|not|limited|restricted)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:compared (?:to|with)|than|versus|vs\.|outperform\w*|baselines?|matches|"
    r"comparable (?:to|with)|on par with|relative to|beats?|exceed\w*)\b",
    re.IGNORECASE,
)
# A comparison stated outright, not just a "than" in passing.
_EXPLICIT_COMPARISON = re.compile(
    r"\b(?:compared (?:to|with)|versus|vs\.|outperform\w*|baselines?|comparable (?:to|with)|"
    r"on par with)\b",
    re.IGNORECASE,
)
_FINDING = re.compile(
    r"\b(?:results? (?:show|suggest|indicate)|we (?:find|found|observe)|shows? that|"
    r"achiev\w*|improv\w*|reduc\w*|speedup|faster|slower|accuracy|scores? (?:of|on)|reaches|"
    r"error rate)\b",
    re.IGNORECASE,
)
_PROPOSAL = re.compile(
    r"\b(?:we (?:propose|introduce|present)|"
    r"this (?:paper|work) (?:proposes|introduces|presents))\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(r"\b(?:shows?|showed|demonstrated?|demonstrates|find|found) that\b")
_SETUP = re.compile(
    r"\b(?:we (?:train|evaluate|test|measure|run)|trained (?:on|with|using)|evaluated on|"
    r"experimental set|hyperparameters?|set to|"
    r"all (?:measurements|experiments))\b",
    re.IGNORECASE,
)
_METHOD = re.compile(
    r"\b(?:by \w+ing|computes?|splits?|selects?|consists? of|partition\w*|gating|routes?|"
    r"applies|we design)\b",
    re.IGNORECASE,
)
_TROUBLE = re.compile(r"\b(?:hard|slows?|harder|complicated|struggle\w*)\b", re.IGNORECASE)
_CONCLUSION = re.compile(
    r"\b(?:in conclusion|in summary|overall|we demonstrated?|this work|the paper|"
    r"represents? a|we hope|practical alternative)\b",
    re.IGNORECASE,
)
# "Kokoro-82M is an 82-million-parameter model …": the subject is the term being defined.
_DEFINITION = re.compile(
    r"^(?P<term>[A-Z][\w\-]*(?: [\w\-]+){0,3}?) (?:is|are|refers to|denotes) "
    r"(?:a|an|the|one of) (?!same\b|first\b|only\b|best\b)"
)
_NOT_A_TERM = frozenset(
    ("the", "this", "that", "these", "those", "it", "its", "their", "there", "here", "each")
    + ("every", "such", "our", "we", "they", "one", "both", "all", "most")
)


def sentence_role(sentence: Sentence) -> Role:
    text = sentence.text
    lowered = text.lower()
    kinds = section_kinds(sentence.section)
    if is_caveat(sentence):
        return "caveat"
    measured = bool(numbers_in(text)) or "results" in kinds or bool(_REPORTED.search(text))
    if (_COMPARISON.search(text) and measured) or _EXPLICIT_COMPARISON.search(text):
        return "comparison"
    if _SETUP.search(text):
        return "setup"
    if _FINDING.search(text) and measured:
        return "result"
    if _PROPOSAL.search(text):
        return "proposal"
    if defined_term(sentence):
        return "definition"
    problem_cue = any(cue in lowered for cue in CUES["problem"]) or bool(_TROUBLE.search(text))
    if problem_cue and "problem" in kinds:
        return "problem"
    if _CONCLUSION.search(text) and ("limitations" in kinds or sentence.section == "Abstract"):
        return "conclusion"
    if "related_work" in kinds or any(cue in lowered for cue in CUES["related_work"]):
        return "prior"
    if _METHOD.search(text) or any(cue in lowered for cue in CUES["method"]):
        return "method"
    if problem_cue or "problem" in kinds:
        return "problem"
    return "other"


def is_caveat(sentence: Sentence) -> bool:
    """The paper's own admission of a weakness: said plainly anywhere, or with a softer word
    inside a section about its limits (elsewhere "cannot" is usually a design rule)."""
    if _STRONG_CAVEAT.search(sentence.text) and not _SOLVES.search(sentence.text):
        return True
    kinds = section_kinds(sentence.section)
    own_limits = "threats" in kinds or "limitation" in (sentence.section or "").lower()
    return own_limits and bool(_WEAK_CAVEAT.search(sentence.text))


def defined_term(sentence: Sentence) -> str | None:
    """The term a sentence defines ("X is a …"), when it names one in a few words."""
    match = _DEFINITION.match(sentence.text)
    if not match:
        return None
    term = match.group("term")
    if term.split()[0].lower() in _NOT_A_TERM or len(term) > 40:
        return None
    return term
