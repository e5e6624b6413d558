"""What each section of a paper is for, judged from its heading and its place in the paper.

A chapter of the episode draws only on sections whose role fits it: the problem on the
abstract and introduction, the method on method sections, the results on results sections,
the doubts on discussion and limitations. End matter (acknowledgements, author
contributions, references, appendices) and page furniture feed no chapter at all.
"""

from __future__ import annotations

import re
from typing import Literal

from paperdive.models import Paper, Section

SectionRole = Literal[
    "abstract",
    "introduction",
    "background",  # preliminaries and notation the method builds on
    "related",  # related work
    "method",
    "setup",  # datasets, baselines, metrics, hyper-parameters
    "results",
    "discussion",  # discussion, limitations, threats, future work, broader impact
    "conclusion",
    "excluded",  # acknowledgements, contributions, references, appendices, checklists
]
ABSTRACT = "Abstract"

# Heading words, tried in this order: the first role whose pattern matches wins.
# The reference list is a heading of its own: "GREEN for Multiple References" is a method's.
_EXCLUDED = (
    r"acknowledg|author contributions?|contributions and|contributors|funding|^references\b|"
    r"^bibliography\b|appendix|appendices|supplementary|checklist|reproducibility statement|"
    r"ethics statement|impact statement|evaluation formats?|prompt templates?"
)
# Words that name an evaluation's set-up outright, and weaker ones a method section may
# also use in a subheading ("More Details on Training Recipe", "RL Infrastructure").
_SETUP_STRONG = r"set-?ups?\b|datasets?|baselines?|metrics?|benchmarks?\b|protocol"
_SETUP = (
    rf"{_SETUP_STRONG}|settings?\b|data (?:collection|construction)|hyper-?parameters?|"
    r"\bdetails\b|infrastructures?"
)
_LIMIT_WORDS = r"limitation|threats?|failure|caveat"
_DISCUSSION = (
    rf"{_LIMIT_WORDS}|discussion|future (?:work|direction)|broader|open (?:problem|question)|"
    r"negative result|"
    # what they tried and set aside ("Other examined approaches"): not the method told
    r"other (?:examined |explored |considered |tested )?(?:approaches|methods|variants)|"
    r"alternatives? (?:considered|explored|examined)|unsuccessful|what did(?:n't| not) work"
)
_BACKGROUND = (
    r"background|preliminar|notation|task definition|"
    r"problem (?:setting|formulation|statement|definition)"
)
# Words that name results outright, and weaker ones a method section may also use in a
# subheading ("Boosting Inference Efficiency").
_RESULTS = (
    r"experiment|results?\b|evaluation|ablation|"
    # "Classification performance assessment", never "Quality Assessment Model"
    r"(?<!quality )assessment(?!\s+(?:models?|modules?|networks?|systems?|tasks?)\b)"
)
_RESULTS_WEAK = r"analys[ie]s|performance|comparison|stud(?:y|ies)|efficiency|scalab|scaling"
_METHOD = (
    r"method|approach|model|architecture|design|framework|algorithm|training|system|"
    r"implementation|formulation|objective|loss|optimi[sz]ation|policy|mechanism|network|"
    r"learning|alignment|fine-?tuning|pre-?training|distillation|reinforcement|retrieval|"
    r"tokeni[sz]"
)
_HEADING_WORDS: list[tuple[SectionRole, str]] = [
    ("excluded", _EXCLUDED),
    (
        "related",
        r"related work|prior work|previous work|literature|"
        r"^(?:existing|prior|previous) (?:approaches|methods)$",
    ),
    ("conclusion", r"conclu|^summary$|^summary and|final remarks"),
    ("results", r"^(?:main |experimental )?results?\b"),  # "Results of Sentence-Level Metrics"
    ("setup", _SETUP),
    ("results", _RESULTS),
    ("discussion", _DISCUSSION),
    ("introduction", r"introduction|motivation"),
    ("background", _BACKGROUND),
    ("results", _RESULTS_WEAK),
    ("method", _METHOD),
]
_HEADINGS = [(role, re.compile(words, re.IGNORECASE)) for role, words in _HEADING_WORDS]
_STRONG_RESULTS = re.compile(_RESULTS, re.IGNORECASE)
# A property the method is built for ("Scaling HMMs"), unlike a study or a comparison.
_PROPERTY = re.compile(r"performance|efficiency|scalab|scaling", re.IGNORECASE)
_STRONG_SETUP = re.compile(_SETUP_STRONG, re.IGNORECASE)
# A letter-numbered section ("A", "B.2") belongs to an appendix, but for the subsections
# ("A", "B") under a paper's roman-numbered sections ("I", "II"), as IEEE papers number them.
_APPENDIX_NUMBER = re.compile(r"^[A-Z](?:\.\d+)*$")
_ROMAN = re.compile(r"^[IVX]+$")
# Sections that may follow the conclusion and still be the paper's own argument.
_AFTER_CONCLUSION: frozenset[SectionRole] = frozenset({"discussion"})
NUMBERS_PER_WORD = 0.03
# A measurement ("158.2", "71%"), unlike the indices and exponents of a formula.
_MEASURED = re.compile(r"\d+\.\d+|\d+(?:\.\d+)?\s?%")
MEASURED_PER_WORD = 0.005


# A section about the paper's own limits ("Study 1 Limitations", "Threats to Validity"):
# its figures are of what went wrong, never a result to report.
_LIMITS = re.compile(_LIMIT_WORDS, re.IGNORECASE)


def about_limits(title: str | None) -> bool:
    """Whether a heading names the paper's limits ("Node Failure Prediction Results" names
    results)."""
    if not title:
        return False
    return heading_role(title) == "discussion" and bool(_LIMITS.search(title))


def heading_role(title: str) -> SectionRole | None:
    """The role a heading names on its own, or None when its words say nothing."""
    for role, pattern in _HEADINGS:
        if pattern.search(title):
            return role
    return None


def section_roles(paper: Paper) -> list[SectionRole]:
    """The role of each of `paper.sections`, in order.

    A heading that names no role takes its parent's (by number, else the last top-level
    section's), or results after a sibling that was results; an unnamed section before the
    experiments is method, after them results.
    Appendices, and whatever follows the conclusion or the end matter (other than a
    limitations or discussion section), are excluded.
    """
    roles: list[SectionRole] = []
    by_number: dict[str, SectionRole] = {}
    top: SectionRole | None = None
    ended = False  # past the conclusion or the end matter
    seen_results = False
    with_results: set[str] = set()  # parents one of whose subsections was results
    roman = any(s.level == 1 and _ROMAN.match(s.number or "") for s in paper.sections[1:])
    for section in paper.sections:
        own = heading_role(section.title)
        parent = _parent_role(section, by_number) if section.level > 1 else None
        if parent is None and section.level > 1 and "." not in (section.number or ""):
            parent = top  # "A Node similarity model" under "III Existing approaches"
        role: SectionRole
        excluded = own == "excluded" or parent == "excluded"
        appendix = _is_appendix(section, roman)
        if excluded or appendix or (ended and own not in _AFTER_CONCLUSION):
            role = "excluded"
        elif own in (None, "method") and _parent_number(section) in with_results:
            # "Toy experiment", then "Discrete VAE" and "Reinforcement learning", under
            # "Applications": a heading's weak word for method does not end the experiments
            role = "results"
        elif own == "results" and _before_results(section, seen_results):
            # "Scaling HMMs", "Efficiency": a weak word for results, heading a section that
            # comes before any results and reports no numbers, names what the method does
            role = parent or "method"
        elif own == "method" and seen_results and section.level == 1 and _applied(section.title):
            # "Usage in Production Systems" after the results: the method put to use, told
            # as the paper's discussion, never as its parts
            role = "discussion"
        elif own is not None and not _defers_to(own, parent, section.title):
            role = own
        elif parent is not None:
            role = parent
        elif section.level > 1 and top is not None:
            role = top
        else:
            role = "results" if seen_results and _reports_numbers(section) else "method"
        roles.append(role)
        if section.level > 1 and role == "results":
            with_results.add(_parent_number(section))
        if section.number:
            by_number[section.number] = role
        if section.level == 1:
            top = role
        seen_results = seen_results or role == "results"
        ended = ended or role == "excluded" or (role == "conclusion" and section.level == 1)
    return roles


_APPLIED = re.compile(r"\b(?:usage|use|deploy\w*|production|in practice)\b", re.I)


def _applied(title: str) -> bool:
    """Whether a heading names the method's use, not the method ("Usage in Production")."""
    return bool(_APPLIED.search(title))


def _before_results(section: Section, seen_results: bool) -> bool:
    """Whether a heading that names a property of the method, and no results, stands before
    the experiments."""
    if seen_results or not _PROPERTY.search(section.title) or _STRONG_RESULTS.search(section.title):
        return False
    measured = len(_MEASURED.findall(section.text)) / max(len(section.text.split()), 1)
    return measured <= MEASURED_PER_WORD


def _defers_to(own: SectionRole, parent: SectionRole | None, title: str) -> bool:
    """A subheading keeps its parent's role when its own words are weak evidence: "Model
    Comparison" under the experiments, "Boosting Inference Efficiency" and "More Details on
    Training Recipe" under the method, "Convolutional Neural Networks on Graphs" under the
    preliminaries (what the method builds on, others' work), "Node similarity model" under
    "Existing approaches"."""
    if own == "method" and parent in ("results", "setup", "background", "related", "discussion"):
        return True
    if own == "setup" and parent == "method":
        return not _STRONG_SETUP.search(title)
    return own == "results" and parent == "method" and not _STRONG_RESULTS.search(title)


def _reports_numbers(section: Section) -> bool:
    """Whether a section reads like results: a number every few dozen words."""
    words = len(section.text.split())
    return words > 0 and len(re.findall(r"\d+(?:\.\d+)?", section.text)) / words > NUMBERS_PER_WORD


def _parent_number(section: Section) -> str:
    """ "6" of a subsection "6.2"; "" when it has no number to tell its parent by."""
    number = section.number or ""
    return number.rsplit(".", 1)[0] if "." in number else ""


def _parent_role(section: Section, by_number: dict[str, SectionRole]) -> SectionRole | None:
    number = section.number or ""
    while "." in number:
        number = number.rsplit(".", 1)[0]
        if number in by_number:
            return by_number[number]
    return None


def _is_appendix(section: Section, roman: bool) -> bool:
    """Whether a section is the appendix's: flagged so, titled so, or lettered ("A", "B.2"),
    where the letter is neither a roman numeral among roman-numbered sections ("I") nor a
    subsection's under them ("A")."""
    number = section.number or ""
    of_roman = roman and (_ROMAN.match(number) if section.level == 1 else "." not in number)
    lettered = bool(_APPENDIX_NUMBER.match(number)) and not of_roman
    return section.appendix or lettered or section.title.lower().startswith("appendix")
