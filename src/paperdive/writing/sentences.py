"""The paper's own sentences: split, cleaned for speech, and kept only when a listener can
follow them without the page.

A sentence is spoken only when it is whole (no list lead-in, no cut), leans on no figure,
table, equation or section the listener cannot see, carries no formula, footnote mark or
page furniture, and can be put in the third person. Ingest marks the sentences it knows to
be unspeakable; the checks here stand on their own, so an old paper.json or a PDF that
slipped past ingest still cannot put such a line in a host's mouth.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from paperdive.ingestion.prose import CITED_AUTHORS_SUBJECT, CITED_SUBJECT, opens_on_a_verb
from paperdive.ingestion.prose import sentence as marked_sentence
from paperdive.models import Paper, Section
from paperdive.writing.qualifiers import Qualifiers
from paperdive.writing.sections import ABSTRACT, SectionRole, section_roles
from paperdive.writing.spoken import (
    Acronyms,
    Typos,
    greek_said,
    without_asides,
    without_symbols,
    worthless,
)

ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "et al.",
    "etc.",
    "Fig.",
    "Figs.",
    "Eq.",
    "Eqs.",
    "Eqn.",
    "Eqns.",
    "Sec.",
    "Tab.",
    "Alg.",
    "vs.",
    "cf.",
    "resp.",
    "approx.",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_PLACEHOLDER = "\u2063"  # invisible separator: hides abbreviation dots from the splitter
# "D. Guo": an initial ends no sentence (but "… of 52 nA/°C. A more …" does).
_INITIAL = re.compile(r"(?:(?<=\s)|^)([A-Z])\.(?=\s)")
# A full stop, then a word in lower case: the PDF ran a cut sentence on after a whole one.
_RUN_ON = re.compile(r"[\w)]\. [a-z]")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(“\"])")
_CITATION = re.compile(
    r"\s*\[\s*\d+(?:\s*[-–,]\s*\d+)*\s*\]"  # [12], [3, 4], [5-7]
    # (Ioffe & Szegedy, 2015; …), (Desjardins & Kavukcuoglu; Povey et al., 2014)
    r"|\s*\((?:see |e\.g\.,? |cf\.? )?[A-Z][^()]*?(?:\d{4}[a-z]?|\bet al\.?)[^()]*\)"
    r"(?:\d{1,2}(?=[\s,.;:]))?"  # "(Huang et al., 2015)18": a footnote mark glued on
)


# A citation left as a bare name after what it cites: "RACE Lai et al., DROP".
def _studies(match: re.Match[str]) -> str:
    """The works a numbered citation stands for, said: "one study", "two studies"; a range
    ("[5-7]") or a longer list is "several studies"."""
    cited = match.group(0)
    count = 0 if re.search(r"[–\-]", cited) else len(re.findall(r"\d+", cited))
    said = _STUDIES.get(count, "several studies")
    return said.capitalize() if match.start() == 0 else said


_STUDIES = {1: "one study", 2: "two studies", 3: "three studies"}


def _study_by(match: re.Match[str]) -> str:
    """A cited work as the subject, said: "(Luo et al., 2017) uses …" is "one study by Luo
    and colleagues uses …"; several are "several studies"."""
    cited = match["cited"]
    if ";" in cited:
        said = "several studies"
    else:
        cited = re.sub(r"^(?:see|e\.g\.|cf\.|i\.e\.)\s*,?\s*", "", cited)
        names = re.sub(r",?\s*(?:19|20)\d{2}[a-z]?.*$", "", cited).strip()
        said = "one study by " + re.sub(r"\s+et al\.?$", " and colleagues", names)
    return said[:1].upper() + said[1:] if match.start() == 0 else said


_BARE_AUTHOR = re.compile(r"(?<=\w) [A-Z][a-z]+ et al\.?(?=[,;)]|\.?$)")
_NARRATIVE_YEAR = re.compile(r"\s*\((?:19|20)\d{2}[a-z]?\)")  # "Ioffe & Szegedy (2015) showed"
# "Following Dai et al., we …", "a vanilla HMM from Buys et al.": a team the sentence names
# as its object is said, where taking it out would leave "Following, we …".
_CITED_TEAM = re.compile(
    r"\b((?i:following|by|from|of|with|than|to|like)\s+[A-Z][\w\-']+) et al\.?"
)
# "compu- tation", "Chain-of- Thought": a hyphen left where a PDF line broke.
_HYPHEN_BREAK = re.compile(r"(?<![\w\-])(\w[\w\-]*?)- (\w[\w\-]*)")
_TOKEN = re.compile(r"\w[\w\-]*\w")
# Short words that link a hyphenated compound ("state-of-the-art"), never half of a word.
COMPOUND_LINKS = frozenset(
    ("of", "the", "and", "or", "to", "in", "on", "for", "a", "an", "by", "with", "at")
)
_LINKING_ADVERB = re.compile(
    r"^(?:Moreover|Furthermore|Additionally|In addition|Besides|Also|Specifically|"
    r"Second|Secondly|Third|Thirdly|First|Firstly|Then|Notably|Importantly|Interestingly|"
    r"Concretely|In particular|To this end|Indeed|In fact|Of course|Clearly|Obviously),\s+"
)

# An IEEE paper's "Table IV", "Section II" (never "the figure I'd keep").
ROMAN_POINTER = (
    r"(?-i:\b(?:Table|TABLE|Tab\.|Figure|FIGURE|Fig\.|Section|SECTION|Sec\.)\s+[IVX]+(?![\w'’]))"
)
# A figure, table, equation, section or listing the listener cannot see.
POINTER = re.compile(
    r"\b(?:Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?|Eqn?s?\.|Equations?|Sec(?:tion)?s?\.?|Appendix|"
    r"Algorithms?|Alg\.|Lines?|Listing|Theorem|Lemma|Proposition|Corollary|Definition|"
    r"Step|Stage|Panel|Row|Column)\s*\(?[A-Z]?\d+(?:\.\d+)*[a-z]?\)?"
    rf"|{ROMAN_POINTER}"
    r"|§\s*\d|\bEq\.?\s*\(\d+\)|\(\d+\)\s*(?:and|to)\s*\(\d+\)|\(\d{1,2}\)"
    r"|\b(?:Alg|Fig|Tab|Eqn?|Sec)\.(?=\s*$|\s+[a-z(])",
    re.IGNORECASE,
)
# What only a plot shows: its lines, markers, shading and axes.
PLOT_MARK = (
    r"\b(?:solid|dashed|dotted|dash-dotted) (?:\w+ )?(?:lines?|curves?|segments?|bars?)\b"
    r"|\bshaded (?:areas?|regions?|bands?)\b|\b[xy]-axis\b"
    r"|\b(?:red|blue|green|orange|purple|black|gr[ae]y) (?:lines?|curves?|dots?|bars?|markers?|"
    r"crosses|points|regions?|areas?)\b"
    # "The sensing parts … are highlighted in blue while the subtraction is represented in red"
    r"|\b(?:highlighted|shown|drawn|colou?red) in "
    r"(?:red|blue|green|orange|purple|black|gr[ae]y|yellow)\b(?![-\w]| ink)"
)
# "the area under the (ROC) curve" is a measure, no plot ("the area under this curve" is).
_AREA_UNDER = re.compile(r"\barea under the (?:\w+ )?curve\b", re.IGNORECASE)
# "the top figure", "this table", "the inset graph": leaning on a picture all the same.
_PICTURE = re.compile(
    r"\b(?:the|this|that|these|each|our|top|bottom|left|right|inset|upper|lower|following) "
    r"(?:\w+ )?(?:figures?|plots?|charts?|diagrams?|tables?|panels?|curves?|"
    r"illustrations?|visuali[sz]ations?)\b|\b(?:plotted|depicted|visuali[sz]ed|illustrated)\b"
    # "the graph" is the data in a paper on graphs ("the graph Laplacian"); a plot only
    # where it stands on the page ("The inset graph …")
    r"|\b(?:top|bottom|left|right|inset|upper|lower|following) graphs?\b"
    # "Window size column shows the input length …": a table's layout, not its figures
    r"|\b(?:columns?|rows?) (?:shows?|gives?|lists?|reports?)\b"
    # a plot's marks: "The solid line segments correspond to the robust region."
    rf"|{PLOT_MARK}",
    re.IGNORECASE,
)
# Steps of an algorithm or a list, in the imperative: "Compute attention outputs for …".
_INSTRUCTION = re.compile(
    r"^(?:Compute|Determine|Arrange|Re-arrange|Rearrange|Combine|Sort|Initiali[sz]e|Repeat|"
    r"Return|Update|Sample|Set|Select|Apply|Split|Concatenate|Calculate|Obtain|Perform|Add|"
    r"Remove|Replace|Append|Feed|Normali[sz]e|Construct|Generate|Collect|Filter|Run|Let)\b"
)
# "(see Figure 2)", "(Table 3, left)", "(Eq. 4)": a pointer in brackets can go whole.
_POINTER_ASIDE = re.compile(
    r"\s*\((?:see |cf\.? |e\.g\.,? |as shown in |shown in |details in |c\.f\. )?"
    r"(?:Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?|Eqn?s?\.|Equations?|Sec(?:tion)?s?\.?|§|Appendix|"
    r"Alg(?:orithm)?\.?)\s*[^()]{0,30}\)"
)
# "As shown in Figure 2, …" / "…, as shown in Table 3." — the sentence stands without it.
_POINTER_CLAUSE = re.compile(
    r"^(?:As (?:shown|illustrated|seen|depicted|reported|summari[sz]ed|listed|detailed) in|"
    r"(?:Shown|Illustrated|Reported) in|From|In|According to) "
    r"(?:Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?|Sec(?:tion)?\.?|Appendix)\s*[A-Z]?\d+[a-z]?"
    r"(?:\s*(?:and|,)\s*\d+[a-z]?)*,\s+"
    r"|,?\s+(?:as )?(?:shown|illustrated|seen|depicted|reported|summari[sz]ed|listed|"
    r"detailed|given) in (?:Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?|Sec(?:tion)?\.?|Appendix)\s*"
    r"[A-Z]?\d+[a-z]?(?=[.!?]$)",
    re.IGNORECASE,
)
# "(1) … (2) …", "(i)", "(a)" where a list item starts: at the start, after a colon,
# a comma or "and"; elsewhere "(1)" is an equation's number.
_ITEM_MARK = r"\((?:\d|[ivx]{1,4}|[a-h])\)"
_ENUMERATOR = re.compile(rf"(?:^|(?<=[:;,])|(?<=\band)|(?<=\bor))\s*{_ITEM_MARK}(?=\s)")
# Footnote marks: a digit glued after a word's closing punctuation ("corpus.3 The"), or
# daggers and asterisks after a name.
FOOTNOTE_MARK = re.compile(r"(?<=[a-z][.,;:])\d{1,2}(?=\s|$)|[∗†‡¶]|(?<=[a-z])\*")
_FURNITURE = re.compile(
    r"copyright|©|proceedings of|conference on|under review|preprint|arxiv:|"
    r"all rights reserved|licensed under|correspondence to|corresponding author|"
    r"equal contribution|work (?:was )?done (?:while|during)|https?://|www\.|\S+@\S+|"
    r"\bjmlr\b|w&cp|\bvolume \d+|\bdepartment of\b|\buniversity\b|republish|"
    r"permission and/or a fee|redistribute to lists|personal or classroom use|\bISBN\b|"
    r"publication rights|\bDOI\b",
    re.IGNORECASE,
)
# A run-in heading or label before the sentence proper: "Static Sparse Patterns: …",
# "MoBA/full hybrid: This model …".
_RUN_IN_HEADING = re.compile(
    r"^(?:[\w\-/&]+\s?){1,5}(?:\([^()]*\))?:\s+(?=[A-Z])(?!(?:This|These|It|They|Its|Their)\b)"
)
# A one-word run-in heading left in front: "Hopper. 12-dimensional state space, …".
_RUN_IN_WORD = re.compile(r"^[A-Z][\w\-]*\.\s")
# A list item's label, then its verb with no subject: "Hybrid: defines a small number …".
_LABELLED_ITEM = re.compile(r"^[A-Z][\w\-]*(?: [\w\-]+){0,2}: (?:[a-z]+(?:es|s))\b (?:a|an|the)\b")
# A run-in heading glued to its paragraph without a stop: "Curriculum Sampling The authors
# start …", "Model Merging Model merging has …", "DPO Similar with …".
_GLUED_HEADING = re.compile(
    r"^[A-Z][\w\-]*\s(?:(?:[A-Z][\w\-]*|for|of|and|in|on|with|to)\s){0,4}"
    r"(?=(?:The|A|An|In|To|After|Before|Similar|One|We|Our|This|These|"
    r"It|For|By|When|While|Since|As|Given|Unlike|Most|Many|Each|Our)\s[a-z])"
    r"|^(?P<head>(?:[A-Z][\w\-]*\s){1,4})(?=(?i:(?P=head)))",
)
# The number of a figure, table or algorithm whose name was split off: "2 is modified …".
_LOST_POINTER = re.compile(
    r"^\d+(?:\.\d+)?[a-z]? (?:is|are|was|were|shows?|gives|lists|summari[sz]es|presents)\b"
)
# Heading residue after a colon: "… two specific designs: Causality: No Attention to Future".
_TITLED_TAIL = re.compile(r":\s+(?:[A-Z][\w\-]*\s?(?:(?:of|to|the|and|for|in|on|a)\s)?){2,}[.!?]?$")
# Where a citation was taken out and left a hole: "As shown in, such …", "(e.g.)",
# "… are similar to.".
_CITATION_GAP = re.compile(
    r"\b(?:in|of|to|by|with|from|see|as|than|on|following)\s*[,.;:)](?:\s|$)|"
    r"\band\s*[.;:)](?:\s|$)|"
    # "…, and, when trained on …, it generates …": a clause, not a citation taken out
    r"\band\s*,(?!\s+(?:when|if|while|although|after|before|since|because|unlike|despite|"
    r"in|at|for|more|most|importantly|crucially|thus|hence|therefore|perhaps)\b)(?:\s|$)|"
    r"\((?:e\.g\.|i\.e\.|see|cf\.)?[,;\s]*\)|\b(?:e\.g\.|i\.e\.),?\s*[).]",
    re.IGNORECASE,
)
# A list announced inside the sentence: "… applied the following modifications: Increase …".
_LIST_LEAD = re.compile(r"\b(?:the following|as follows)\b[^.]*?:", re.IGNORECASE)
# A sentence needs a verb: an auxiliary, a past form or a third-person form will do.
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|can|could|will|would|may|might|"
    r"should|must|does|do|did)\b|\b[a-z]{2,}(?:ed|es)\b|\b[a-z]{3,}[^s\W]s\b|"
    r"\b(?:[Ww]e|[Tt]hey) (?!all\b|both\b)[a-z]{2,}\b|"  # "We design FlowTune, …"
    # irregular past tenses: "the network underfit the training data"
    r"\b(?:(?:under|over)?fit|found|made|took|got|put|set|ran|led|met|kept|held|beat|won|"
    r"lost|saw|gave|grew|fell|rose|left|began|became|brought|built|chose|drew|went|came)\b"
)
# The sentence introduces a list, a figure or what comes next: cut off from its point.
_LEAD_IN_END = re.compile(
    r"(?:as follows|the following(?: \w+){0,2}|below|following|these (?:steps|components))[.:]$"
    r"|:$|[:;]\s*(?:\d{1,2}|[ivx]{1,4}|[a-h])[.)]$",
    re.IGNORECASE,
)
# "… (multiplication, addition, subtraction). 3.": the next list item's number.
_TRAILING_ENUMERATOR = re.compile(r"(?<=[.!?)])\s+\d{1,2}\.$")
# Inline math that is only a symbol or a unit ("2.54 nA/$με$"): said as written.
_SYMBOL_MATH = re.compile(r"\$([A-Za-z\u0370-\u03ff]{1,3})\$")
# A name with its variant set as a subscript ("$TUPA_{BiLSTM}$", "$GPT_{XL}$"): said as
# its two words; "x_i", "h_{t}" and "$Attn_{ij}$" are math.
_SUBSCRIPTED_NAME = re.compile(
    r"\$([A-Z][A-Za-z0-9\-]+)_(?:\{([A-Z][A-Za-z0-9\-]+)\}|([A-Z][A-Za-z0-9\-]+))\$"
)


def _name_and_variant(match: re.Match[str]) -> str:
    return f"{match[1]} {match[2] or match[3]}"


# A Greek letter naming something in a hyphenated word: "β-multiplier", "α-entmax".
_GREEK_NAME = re.compile(r"(?<![\w\-])[\u0370-\u03ff]-(?=[A-Za-z])")
# A word that, with a capital letter after it, names a part of the page or of a study
# ("Table C", "Study A", "Matrix W"), never a system.
LETTERED_PART = (
    r"(?:Matrix|Vector|Graph|Table|Section|Figure|Appendix|Algorithm|Step|Stage|Theorem|"
    r"Lemma|Study|Experiment|Condition|Group|Phase|Type|Case|Part|Task|Setting)"
)
# "Model R": a capitalised noun and a letter, a name, no variable ("If X is …", "Let A be
# …", "Choose K …" open on a word of the formula's sentence).
_LETTER_NAME = re.compile(
    r"\b(?!(?:If|Let|When|Where|Suppose|Given|Assume|For|Then|Since|As|Thus|Hence|So|Now|"
    r"Each|Every|All|Any|Both|Consider|Define|Here|Note|While|With|Once|Until|Unless|"
    r"Whether|Because|Although|Though|After|Before|In|On|At|To|By|Of|And|Or|But|"
    rf"Choose|Set|Fix|Take|Pick|{LETTERED_PART})\b)"
    r"(?![A-Z][a-z]+(?:ing|ed)\b)[A-Z][a-z]{2,} [B-HJ-Z]\b(?!\s*[=<>(])"
)
# A word glued to a decimal ("range from.0:5; 0:5/"): a formula the PDF flattened.
_GLUED_DIGIT = re.compile(r"[A-Za-z]\.\d")
# A spaced operator between words is a formula's: "approximated using mean / mean" is what
# "mean(||g||) / mean(h)" leaves once its arguments go as asides ("and/or" has no spaces).
_OPERATOR = re.compile(r"\w [/*] \w")
# A name in snake case ("jm_kumo", "flash_attn") is said as its words; "x_i", "max_j" are math.
SNAKE_NAME = re.compile(r"\b[A-Za-z]{2,}(?:_[A-Za-z0-9]{2,})+\b")
# A unit after a number may carry a Greek letter or a degree sign: "28.6 μW", "-28 nA/°C".
_UNIT = re.compile(r"(?<=\d)\s?[A-Za-z]{0,3}/?[μµ°][A-Za-zε]{0,3}")
_DOCUMENT_SIGNPOST = re.compile(
    r"^(?:In )?(?:this|the (?:following|next|previous)) (?:section|subsection|chapter)\b"
    r"|\b(?:rest|remainder) of (?:this|the) (?:paper|report|article|section)\b"
    r"|\b(?:Section|Sec\.) \d|\bbelow\b|\babove\b|\baforementioned\b"
    r"|\b(?:next|previous|following|preceding) paragraphs?\b"
    # "Please refer to the supplementary material", "See the supplementary for …".
    r"|\bsupplementary(?! (?:data|feature|input|loss|signal|task)s?\b)|\bappendix\b"
    # A road map of the paper: "Following this, we describe …", "Next, we discuss …".
    r"|^(?:Following this|Subsequently|Next|Then|Finally|First|Lastly|After that),? "
    r"(?:we|the authors) (?:first |then |also )?(?:describe|discuss|present|introduce|"
    r"provide|demonstrate|elaborate|detail|outline|report|show)\b"
    r"|^(?:we|the authors) now (?:describe|discuss|turn to|outline|detail|present)\b"
    # "… the reader is referred to the source code", "A video of … is available online"
    r"|\b(?:the )?readers? (?:is|are) referred to\b"
    r"|^(?:the |our |their |all |an? )?(?:source )?(?:code|implementation|video|demo|models?|"
    r"weights|checkpoints|data ?sets?)\b[^.]{0,60}"
    r"\b(?:is|are) (?:also )?(?:publicly available|available (?:online|on (?:GitHub|the web|"
    r"our website)))\b"
    # how a resource is shared and laid out, no finding: "The corpora are available under
    # the Creative Commons … License", "Content lines are tab separated"
    r"|\bCreative Commons\b|\b(?:released|available|distributed|licensed) under (?:the |an? )?"
    r"(?:[\w.-]+ ){0,4}licen[cs]e\b"
    r"|\b(?:will (?:also )?be|is|are) (?:also )?distributed (?:through|via)\b"
    r"|\b(?:tab|comma)[- ]separated\b|\bmarked by (?:an )?empty lines?\b",
    re.IGNORECASE,
)
_MATH_SYMBOLS = set("[]⟨⟩•|=^_{}\\$∑∏∫≤≥∈×→←↔∼≈∀∃⊂⊆∪∩·∂∇√∞±⊕⊗≪≫⇒⇔")
_ALLOWED_SYMBOLS = set(".,;:!?'\"()-–—’‘“”%/&+…")
_VARIABLE = re.compile(r"^(?:[b-zB-HJ-Z]|[a-zA-Z]_\w+|\w+\^\w+|[ijkn]-th)$")
# The paper speaking of its own work ("we", "our"): a host says it in the third person.
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|[Uu]s|[Oo]urselves)\b")
_FIRST_PERSON_LEFT = re.compile(r"\b(?:I|me|my|mine|myself|let's|Let's|let us|Let us)\b")
# A figure, with its percent or multiple ("71.0%", "3x", "a 2-times speedup", "4-fold").
NUMBER = re.compile(
    r"(?<![\w.\-])[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s?%|×|x\b|-(?:times|fold)\b)?"
    r"|(?<![\w.\-])[-+]?\d+(?:\.\d+)?(?:\s?%|×|x\b|-(?:times|fold)\b)?"
)

MIN_WORDS, MAX_WORDS = 7, 50
MIN_LETTER_SHARE = 0.6  # of the visible characters: fewer, and it is a formula or a table
MAX_NUMBER_SHARE = 0.25  # more of the words than this are numbers: a table row, not prose
MAX_CAPITALISED_SHARE = 0.6  # heading residue ("Causality: No Attention to Future Blocks")
# A sentence this short may recur ("Right.", "Go on."): that is conversation, not repetition.
MAX_REPEATABLE_WORDS = 3
MIN_CLAUSE_WORDS = 4
UNSPEAKABLE_MARKS = frozenset(
    ("math", "figure", "table", "equation", "citation_gap", "fragment", "footnote")
)


# "There remain several limitations to our framework that we would like to address": the
# lines after it, as many as a paper lists, are those limits.
_ANNOUNCES_LIMITS = re.compile(
    r"\b(?:several|some|a few|two|three|four|main|major|important|following) limitations (?:"
    r"(?:of|to|in) (?:our|this|the present) (?:\w+ )?(?:work|paper|study|framework|approach|"
    r"method|analysis|model|results)|(?:that )?(?:we|our)\b)",
    re.IGNORECASE,
)
# "We discuss several limitations of our work in Section 6": what follows is not them.
_POINTS_ELSEWHERE = re.compile(r"\b(?:[Ss]ections?|[Ss]ec\.|[Aa]ppendix|below|later)\b")
_LAST_ITEM = re.compile(r"^(?:Finally|Lastly)\b")
LISTED_LIMITS = 4  # printed sentences after the announcement, each limit with its gloss


@dataclass(frozen=True)
class Sentence:
    text: str  # cleaned, ready to be spoken (still in the paper's person: third_person() it)
    original: str  # as the paper wrote it, for source references
    section: str | None
    position: float  # 0 at the start of its section, 1 at the end
    order: int  # index in the paper's reading order
    role: SectionRole = "method"  # what its section is for (sections.py)
    cites: bool = False  # it cites other work (ingest took the markers out): theirs, maybe
    # The printed sentence before it was left out (its math, a pointer): a line leaning on
    # "the one before" would lean on one the listener never hears.
    after_gap: bool = False
    # One of the limits the line before announced ("There remain several limitations to our
    # framework …"): "Our results should be adapted to binary splits" is one, said plainly.
    listed_limit: bool = False


def _protected(text: str) -> str:
    """`text` with the full stops of initials and abbreviations hidden: no sentence ends there."""
    protected = _INITIAL.sub(rf"\1{_PLACEHOLDER}", text)
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", _PLACEHOLDER))
    return protected


def split_sentences(text: str) -> list[str]:
    protected = _protected(text)
    parts = [
        part
        for item in protected.split("•")  # a bullet starts a new sentence
        for part in _SPLIT.split(" ".join(item.split()))
    ]
    return [p.replace(_PLACEHOLDER, ".").strip() for p in parts if p.strip()]


def vocabulary(paper: Paper) -> frozenset[str]:
    """The words the paper spells whole somewhere, hyphenated ones included."""
    return frozenset(_TOKEN.findall(unicodedata.normalize("NFKC", paper.full_text())))


def rejoin_line_breaks(text: str, known: frozenset[str] = frozenset()) -> str:
    """Undo line-break hyphens: "compu- tation" → "computation", but a compound, a name or a
    number keeps its hyphen ("Chain-of- Thought", "Llama-8B- 1M-MoBA", "F1- score"). Where the
    paper spells the word whole elsewhere (`known`), that spelling wins."""

    def rejoin(match: re.Match[str]) -> str:
        head, tail = match.groups()
        hyphenated, joined = f"{head}-{tail}", f"{head}{tail}"
        if hyphenated in known:
            return hyphenated
        if joined in known:
            return joined
        if tail in ("and", "or", "nor"):
            return match.group(0)  # "Down- and up-sampling": the hyphen waits for its word
        piece = head.rsplit("-", 1)[-1]
        split_word = piece.isalpha() and tail[0].islower() and piece not in COMPOUND_LINKS
        return joined if split_word and "-" not in tail else hyphenated

    return _HYPHEN_BREAK.sub(rejoin, text)


# The size of a square grid or image, "100 × 100", not a product to compute: only the same
# number twice ("3 × 10⁵" is normalised to "3 × 105" before this, a power of ten).
_DIMENSIONS = re.compile(r"(?<![\w.$])(\d+)\s?×\s?(\1)(?![\w$]|\.\d)")
# A factor printed with the multiplication sign, "21×" or "9.9 ×", with nothing it multiplies.
_FACTOR = re.compile(r"(?<=\d)\s?×(?!\s*[\d(])")


def clean_for_speech(sentence: str, known: frozenset[str] = frozenset()) -> str:
    """The sentence as a host would read it: citations, pointers in brackets ("(see Table
    3)"), enumerators, a run-in heading, line-break hyphens and a leading linking adverb
    that points at a sentence the listener did not hear are taken out; the words are
    otherwise the paper's own. `known` is the paper's vocabulary, which settles whether a
    broken word keeps its hyphen."""
    text = rejoin_line_breaks(unicodedata.normalize("NFKC", sentence), known)
    text = _SYMBOL_MATH.sub(r"\1", text)
    text = _SUBSCRIPTED_NAME.sub(_name_and_variant, text)
    text = CITED_SUBJECT.sub(_studies, text)
    text = CITED_AUTHORS_SUBJECT.sub(_study_by, text)
    text = _CITATION.sub("", text)
    text = _NARRATIVE_YEAR.sub("", text)
    text = _CITED_TEAM.sub(r"\1 and colleagues", text)
    text = _POINTER_ASIDE.sub("", text)
    text = _ENUMERATOR.sub("", text)
    text = _RUN_IN_HEADING.sub("", text)
    text = _GLUED_HEADING.sub("", text)
    text = _TRAILING_ENUMERATOR.sub("", text)
    text = _BARE_AUTHOR.sub("", text)
    text = re.sub(r"\bet al\.(?=\s+[a-z]|[;,])", "and colleagues", text)
    # "Zhu et al. (2019); Shen et al. (2020) infill …": two teams, said as two
    text = re.sub(r"\band colleagues;\s+(?=[A-Z])", "and colleagues, and ", text)
    text = re.sub(r"(?<!\.)\.\.(?=\s|$)", ".", text)  # "… by Bayer et al.."
    text = re.sub(r"\b(\d+)-(st|nd|rd|th)\b", r"\1\2", text)  # "the 94-th percentile"
    text = _DIMENSIONS.sub(r"\1 by \2", text)  # "a 12 × 12 glimpse" is said "12 by 12"
    text = _FACTOR.sub("x", text)  # "a 21× reduction" is a factor, "21x", not a product
    text = re.sub(r"\b(?:the|a|an) (them|they|it|its|their)\b", r"\1", text)  # "picking the them"
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = " ".join(text.split())
    for pattern in (_POINTER_CLAUSE, _LINKING_ADVERB):
        match = pattern.search(text)
        if match and len(text) > match.end() - match.start() + 1:
            text = text[: match.start()] + text[match.end() :]
            text = text[:1].upper() + text[1:]
    return text


_THIRD_PERSON: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"\b(?:In|Throughout) this (?:paper|work|report|study),?\s*we\b"),
        "The authors",
    ),
    # A step of an algorithm written as an order: "Use the single path procedure to …"
    (
        re.compile(
            r"^(Use|Compute|Collect|Construct|Estimate|Solve|Initiali[sz]e|Select|Apply|Choose|"
            r"Generate|Perform|Calculate|Obtain|Replace|Normali[sz]e|Sample|Update|Repeat|Take)"
            r" (?=(?:the|a|an|each|all|this|these|it|them|every|its|their)\b)"
        ),
        lambda m: f"The authors {m[1].lower()} ",
    ),
    (re.compile(r"\bWe\b"), "The authors"),
    (re.compile(r"\bwe\b"), "the authors"),
    (re.compile(r"\bOurs\b"), "Theirs"),
    (re.compile(r"\bours\b"), "theirs"),
    (re.compile(r"\bOur\b"), "Their"),
    (re.compile(r"\bour\b"), "their"),
    (re.compile(r"\bourselves\b"), "themselves"),
    (re.compile(r"\bus\b"), "them"),
    (re.compile(r"\bthis (paper|work|report|study)\b"), r"the \1"),
    (re.compile(r"\bThis (paper|work|report|study)\b"), r"The \1"),
]


# "The authors divide the context, where the authors have two queries": once named, "they",
# where a clause of theirs goes on (", where", ", and"), or where a place's clause opens
# on a singular noun ("a search where the authors evaluated" → "where they evaluated"); "models
# improve when the authors add data" keeps its subject, as "they" would be the models.
_AUTHORS_AGAIN = re.compile(
    r"(?<=\bthe authors\b)(.+?(?:[,;:] (?:(?:where|while|and|but|so|as|since|because|which|"
    r"when|then) )?|\b(?![\w\-]*s\b)[\w\-]+ where ))"
    r"the authors\b",
    re.IGNORECASE,
)


# "we" as anyone ("… that we seldom give them a second thought", "when we switch on an
# electric car, we expect …"), with no research of the authors' said of it: "you" in speech.
_ANYONE_WE = re.compile(
    r"\bwe (?:seldom|rarely|often|usually|typically|generally|always|never|all|naturally)\b|"
    r"\b(?:when|if|whenever) we\b|\bwe (?:do not|don't|cannot|can't) (?:know|tell)\b",
    re.IGNORECASE,
)
_RESEARCH_WE = re.compile(
    r"\bwe (?:\w+ )?(?:propose|present|introduce|show|find|found|train|trained|evaluate|use|"
    r"used|develop|study|investigate|focus|describe|report|design|achieve|obtain|demonstrate|"
    r"compare|observe|observed|consider|apply|set|fix|run|test|tested|measure|define|call|"
    r"compute|note|see|saw|replace|add|remove|sample|choose|select|follow|adopt|analy[sz]e|"
    r"conduct|perform|collect|build|model|assume|argue|believe|hypothesi[sz]e|expect that|"
    r"plan|leave|refer|denote|write|get|obtained|can|could|will|would|may|might|should|must|"
    r"need|want|have|had|are|were)\b",
    re.IGNORECASE,
)
_YOU: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bWe\b"), "You"),
    (re.compile(r"\bwe\b"), "you"),
    (re.compile(r"\bOur\b"), "Your"),
    (re.compile(r"\bour\b"), "your"),
    (re.compile(r"\bus\b"), "you"),
]


def anyone_we(sentence: str) -> bool:
    """Whether the sentence's "we" is anyone's, not the authors'."""
    if re.search(r"\b(?:[Oo]urs?|us)\b", sentence):
        return False  # "… on our benchmark": theirs
    return bool(_ANYONE_WE.search(sentence)) and not _RESEARCH_WE.search(sentence)


# A single author's "I train the model …": "the author trains the model …".
_I_DID = re.compile(
    r"(?<![\w.\-])I (?P<adverb>(?:also|then|further|first|now|only|thus|additionally|finally|"
    r"next) )?(?P<verb>[a-z]+)\b"
)
_NOT_A_VERB = frozenset(["the", "a", "an", "is", "of", "and", "or", "to", "in", "error", "errors"])
_THIRD_FORM = re.compile(r"(?<!s)s$")  # "I denotes": a symbol's verb, never a person's
# Words after which "I" is the author: "and I train", "so I choose", "In this paper, I …".
_BEFORE_I = frozenset(
    ["and", "but", "so", "then", "here", "now", "which", "that", "when", "because", "since",
     "as", "while", "although", "thus", "hence", "instead", "therefore", "first", "finally"]
)  # fmt: skip
_MY = re.compile(r"(?<![\w.\-])(?P<my>[Mm]y) (?=[a-z])")
_KEPT_VERB = frozenset(
    ["can", "could", "will", "would", "may", "might", "must", "should", "shall", "was"]
)
_IRREGULAR = {"am": "is", "have": "has", "do": "does", "go": "goes"}


def by_the_authors(text: str) -> bool:
    """Whether the authors speak for themselves: "we", "our", or a single author's "I"."""
    return bool(FIRST_PERSON.search(text)) or _single_author(text) != text


def _authors_verb(verb: str) -> str:
    """The verb as said of "the author": "train" → "trains", "am" → "is"."""
    past = verb.endswith("ed") and not verb.endswith("eed")  # "need", "proceed": present
    if verb in _KEPT_VERB or past or verb in ("did", "had", "found", "chose"):
        return verb
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _single_author(sentence: str) -> str:
    """A single author's "I" and "my" said as the author's."""

    def said(m: re.Match[str]) -> str:
        before = sentence[: m.start()].split()
        quoted = sentence[: m.start()].count('"') % 2 or "“" in sentence[: m.start()]
        if quoted or m["verb"] in _NOT_A_VERB or _THIRD_FORM.search(m["verb"]):
            return m.group(0)  # "where I denotes the identity", a user's quoted "I need …"
        if before and not (before[-1][-1] in ",;:" or before[-1].lower() in _BEFORE_I):
            return m.group(0)  # a roman one: "Table I shows", "type I error"
        who = "The author " if m.start() == 0 else "the author "
        return who + (m["adverb"] or "") + _authors_verb(m["verb"])

    sentence = _I_DID.sub(said, sentence)
    return _MY.sub(lambda m: "The author's " if m.start() == 0 else "the author's ", sentence)


def third_person(sentence: str) -> str:
    """'We propose' → 'The authors propose': a host reports what the paper says; a "we"
    that is anyone's is "you" ("… that you seldom give them a second thought")."""
    sentence = _single_author(sentence)
    if anyone_we(sentence):
        for pattern, you in _YOU:
            sentence = pattern.sub(you, sentence)
        return sentence
    named = re.search(r"\bthe authors\b", sentence, re.IGNORECASE) is not None
    for pattern, replacement in _THIRD_PERSON:
        sentence = pattern.sub(replacement, sentence)
    if not named:  # only the authors this made, not a phrase the paper wrote itself
        while (again := _AUTHORS_AGAIN.search(sentence)) is not None:
            sentence = sentence[: again.start()] + again[1] + "they" + sentence[again.end() :]
    return sentence


def unspeakable(sentence: str) -> str | None:
    """Why a cleaned sentence cannot be read aloud as it stands, or None when it can."""
    words = sentence.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return "too short" if len(words) < MIN_WORDS else "too long"
    if _FURNITURE.search(sentence):
        return "page furniture"
    if POINTER.search(sentence) or _DOCUMENT_SIGNPOST.search(sentence):
        return "points at the page"
    if _PICTURE.search(_AREA_UNDER.sub("AUC", sentence)):
        return "points at the page"
    if _INSTRUCTION.match(sentence) or _TITLED_TAIL.search(sentence):
        return "cut or lead-in"
    if _RUN_IN_WORD.match(sentence) or _LOST_POINTER.match(sentence):
        return "heading residue"
    if _LABELLED_ITEM.match(sentence):
        return "heading residue"
    if _CITATION_GAP.search(sentence):
        return "citation gap"
    if _LIST_LEAD.search(sentence) or not _VERBISH.search(sentence):
        return "cut or lead-in"
    if FOOTNOTE_MARK.search(sentence):
        return "footnote mark"
    if _FIRST_PERSON_LEFT.search(_single_author(sentence)):  # a single author's is said
        return "first person"
    if _LEAD_IN_END.search(sentence) or sentence[-1] not in ".!" or sentence.endswith("..."):
        return "cut or lead-in"
    if _RUN_ON.search(_protected(sentence)):
        return "cut or lead-in"  # "… than MHA. compression dimension and …": a cut one run on
    if not (sentence[0].isascii() and (sentence[0].isupper() or sentence[0].isdigit())):
        return "cut or lead-in"
    if any(sentence.count(a) != sentence.count(b) for a, b in ("()", "[]", "{}", "“”")):
        return "unbalanced brackets"
    if sentence.count('"') % 2:
        return "unbalanced brackets"
    if _symbol_dense(sentence):
        return "symbols"
    bare = [w.strip(",.;:()") for w in words]
    if sum(bool(NUMBER.fullmatch(w)) for w in bare) > MAX_NUMBER_SHARE * len(words):
        return "table residue"
    capitalised = sum(w[:1].isupper() for w in bare if w.isalpha() and len(w) > 3)
    if sentence.isupper() or capitalised > MAX_CAPITALISED_SHARE * len(words):
        return "heading residue"
    return None


def _symbol_dense(sentence: str) -> bool:
    """Formula residue: math symbols, Greek letters, one-letter variables, odd glyphs."""
    sentence = _GREEK_NAME.sub("x-", _UNIT.sub(" unit", SNAKE_NAME.sub("name", sentence)))
    sentence = _LETTER_NAME.sub("name", sentence)
    if _GLUED_DIGIT.search(sentence) or _OPERATOR.search(sentence):
        return True
    symbols = sum(c in _MATH_SYMBOLS or "\u0370" <= c <= "\u03ff" for c in sentence)
    odd = sum(
        not (c.isalnum() or c.isspace() or c in _ALLOWED_SYMBOLS) and c not in _MATH_SYMBOLS
        for c in sentence
    )
    variables = sum(bool(_VARIABLE.match(w.strip(",.;:()"))) for w in sentence.split())
    letters = sum(c.isalpha() for c in sentence)
    visible = sum(not c.isspace() for c in sentence)
    return symbols > 0 or odd > 0 or variables > 0 or letters / max(visible, 1) < MIN_LETTER_SHARE


def is_speakable(sentence: str) -> bool:
    return unspeakable(sentence) is None


@dataclass(frozen=True)
class PaperText:
    """A paper as the extractive writer reads it, split and cleaned once: its speakable
    sentences in reading order, and the words it spells whole."""

    paper: Paper
    sentences: list[Sentence]
    vocabulary: frozenset[str]
    acronyms: Acronyms = field(default_factory=Acronyms)

    @classmethod
    def of(cls, paper: Paper) -> PaperText:
        known = vocabulary(paper)
        full = paper.full_text()
        said = paper_sentences(paper, known, Typos.of(full), Qualifiers.of(full))
        return cls(paper, said, known, Acronyms.of(full))

    def find(self, text: str) -> Sentence | None:
        """The sentence with this cleaned text, if the paper has it."""
        return self._by_text.get(text)

    @cached_property
    def _by_text(self) -> dict[str, Sentence]:
        return {s.text: s for s in self.sentences}


def paper_sentences(
    paper: Paper,
    known: frozenset[str] | None = None,
    typos: Typos | None = None,
    qualifiers: Qualifiers | None = None,
) -> list[Sentence]:
    """Every speakable sentence of the abstract and of the sections that are the paper's own
    argument (no end matter), in reading order, without its asides (spoken.py) and with the
    typos `typos` knows fixed and a set called "the games" by the name `qualifiers` knows it
    by ("the Atari games"); boilerplate and lists of names are left out. `known` is the
    paper's vocabulary when the caller has it already."""
    known = vocabulary(paper) if known is None else known
    blocks: list[tuple[str, SectionRole, list[tuple[str, frozenset[str]]]]] = [
        (ABSTRACT, "abstract", [(s, frozenset()) for s in split_sentences(paper.abstract)])
    ]
    for section, role in zip(paper.sections, section_roles(paper), strict=True):
        if role != "excluded":
            blocks.append((section.title, role, _section_sentences(section)))
    found: list[Sentence] = []
    for title, role, raw in blocks:
        listing = 0  # how many of the lines to come are limits the paper announced
        before = ""  # the sentence just kept, when it was the one right before
        lost = False  # whether the printed sentence before was left out
        starts: list[int] = []  # how many lines were kept before each printed sentence
        for i, (printed, printed_marks) in enumerate(raw):
            starts.append(len(found))
            original, marks = without_pointer(printed, printed_marks - {"cites"})
            if CAPTION_START.match(original):
                before = ""
                continue  # a caption the PDF set among the prose: it names what it shows
            if _EQUATIONS_NAMED.search(original):
                # "We first generalize (9) and (14) to …": the equations are its object;
                # taken out as asides, they would leave "generalize and to …"
                before, lost = "", True
                continue
            if (
                "fragment" in marks
                and marks <= {"math", "fragment"}
                and clause_before_colon(original)
            ):
                # "…, which scale and shift the normalized value:" says all but the formula.
                original, marks = original.rstrip()[:-1].rstrip() + ".", marks - {"fragment"}
            if marks == {"math"} and "$" in original:
                # A symbol that only names the noun before it can go ("the score $s_i$");
                # a name's subscript is said as a word ("$TUPA_{BiLSTM}$").
                said = without_symbols(_SUBSCRIPTED_NAME.sub(_name_and_variant, original))
                if "$" in said:
                    before, lost = "", True
                    continue
            elif marks & UNSPEAKABLE_MARKS:
                # A line of the argument the listener cannot hear; a figure, table or
                # footnote the PDF set among the prose leaves the argument whole.
                before, lost = "", bool(marks & _ARGUMENT_MARKS)
                continue
            else:
                said = greek_said(original)
            cleaned = without_asides(clean_for_speech(said, known))
            if typos is not None:
                cleaned = typos.apply(cleaned)
            if qualifiers is not None:
                cleaned = qualifiers.apply(cleaned)
            cleaned, before = named_it(cleaned, before), cleaned
            parts = clauses(cleaned)
            # Each clause quotes its own part of the paper, where the paper has the same two.
            quotes = original.split(";") if len(parts) == 2 and original.count(";") == 1 else []
            cites = "cites" in printed_marks
            kept = False
            listed = listing > 0
            # "Existing approaches have several limitations that we address": others' limits
            if (
                _ANNOUNCES_LIMITS.search(original)
                and not _POINTS_ELSEWHERE.search(original)
                and role not in ("abstract", "introduction", "related", "background")
            ):
                listing = LISTED_LIMITS
            else:  # "Finally, …" is the last of them
                listing = 0 if _LAST_ITEM.match(original) else listing - 1
            for number, part in enumerate(parts):
                if lost and number == 0 and (_RESTATES.match(part) or _THESE_TROUBLES.search(part)):
                    continue  # "That is, …", "… both of these problems" of a line not heard
                if is_speakable(part) and worthless(part) is None:
                    quote = quotes[number].strip() if quotes else original
                    position = i / max(len(raw) - 1, 1)
                    gap = number == 0 and _unheard_before(raw, starts)
                    found.append(
                        Sentence(part, quote, title, position, len(found), role, cites, gap, listed)
                    )
                    kept = True
            lost = not kept
    return found


def _unheard_before(raw: list[tuple[str, frozenset[str]]], starts: list[int]) -> bool:
    """Whether the printed sentence before the last of `starts` was left out, looking past
    a left-out aside ("Specifically, the differences stay within $1e-3$."): "This suggests …"
    after it leans on the line the aside elaborates."""
    for j in range(len(starts) - 2, -1, -1):
        if starts[j + 1] > starts[j]:
            return False  # said
        if not _ASIDE.match(raw[j][0]):
            return True
    return False


# A line that elaborates the one before it, which the line after it may lean past.
_ASIDE = re.compile(
    r"^(?:Specifically|In particular|For (?:example|instance)|E\.g\.|Concretely|Namely|"
    r"That is|In other words|Formally|More precisely)\b"
)


# A name: "DeepSeek-V2 Chat", "MoBA", "HAI-LLM" (a capital or a digit inside) …
_TOKEN_NAME = r"[A-Z][\w.\-]*[A-Z0-9][\w.\-]*(?: [A-Z0-9][\w.\-]*){0,2}"
# … or, where the paper introduces it, words that each open on a capital ("Routed Block
# Attention", "Bayes by Backprop"; at a sentence's start, "The ScienceParse" is no name).
_NAME = rf"(?:{_TOKEN_NAME}|[A-Z][a-z]+(?: (?:by |of |for )?[A-Z][\w\-]*){{1,3}})"
# What "It" of the next sentence stands for: what the sentence introduces or names as its
# subject ("We present DeepSeek-V2, …", "…, called Bayes by Backprop.", "MoBA is …").
# "We propose GREEN, an …": what the authors made, named as they introduce it.
INTRODUCING = (
    r"(?:[Ww]e|I) (?:\w+ly )?(?:present|introduce|propose|develop|design|devise|release|"
    r"describe)\s+"
)
INTRODUCED_ENDS = r"(?=\s*[,(:]|\s(?:a|an|which|that)\b|\s[-–—]\s)"
_ANTECEDENT = re.compile(
    rf"^(?:(?:In this (?:paper|work|report)|Here),\s+)?{INTRODUCING}"
    rf"(?P<introduced>{_NAME}){INTRODUCED_ENDS}"
    rf"|(?:which we call|called|named|termed|dubbed)\s+(?P<called>{_NAME})[,.]\s*$"
    rf"|^(?P<subject>{_TOKEN_NAME})\s+(?=(?:\w+ly\s+)?[a-z]+\b)"
)
# "It is important to …", "It may become smeared": an "it" that stands for no name.
_EXPLETIVE_IT = re.compile(
    r"^It (?:(?:is|was|has been|seems|appears|remains|becomes) (?:\w+ )?(?:to|that|whether|"
    r"possible|important|interesting|known|clear|worth|necessary|common|natural|easy|hard|"
    r"difficult|unclear|noted|noteworthy|likely|unlikely)\b|(?:may|might|could|should|would|"
    r"can|will|must)\b)"
)


# A line that says the one before again in other words: nothing without it.
_RESTATES = re.compile(r"^(?:(?:That is|In other words|Put differently|Namely)\b|I\.e\.)")
# "Using LAX addresses both of these problems": troubles only the line before had named.
_THESE_TROUBLES = re.compile(
    r"\b(?:both of these|(?:these|those) (?:two |three )?(?:problems|issues|limitations|"
    r"challenges|drawbacks|shortcomings|difficulties))\b",
    re.IGNORECASE,
)
_ARGUMENT_MARKS = frozenset(("math", "equation", "fragment", "citation_gap"))


METHOD_NOUN = r"(?:approach|method|technique|algorithm|framework|system|model)"
_THIS_METHOD = re.compile(rf"\b(?P<this>[Tt]his)(?= (?:[a-z-]+ ){{0,3}}{METHOD_NOUN}\b)")
# The line before names their own method: "Our query-focused method constructs …", "We
# propose …" (after "We compare our method to an ILP baseline", "this approach" is the ILP's).
_OWN_LEAD = re.compile(
    rf"^(?:Our(?: [\w-]+){{0,3}} {METHOD_NOUN}|We (?:propose|present|introduce|develop|design|"
    r"describe))\b"
)


def named_it(text: str, before: str) -> str:
    """ "It comprises 236B total parameters …" said as "DeepSeek-V2 comprises …" after "We
    present DeepSeek-V2, …": the line then stands on its own (a listener who joins at it,
    or a chapter that takes it alone, hears what it is about). So does "This efficient
    approach achieves 11x …" after "Our method constructs …", and "Experiments show that
    this approach leads to …" after "We propose methods for …": the approach is theirs."""
    if _OWN_LEAD.match(before):
        text = _THIS_METHOD.sub(lambda m: "Our" if m["this"] == "This" else "our", text, 1)
    if not text.startswith("It ") or _EXPLETIVE_IT.match(text):
        return text
    found = _ANTECEDENT.search(before)
    if found is None:
        return text
    name = found["introduced"] or found["called"] or found["subject"]
    return f"{name} {text[3:]}"


LONG_SENTENCE = 35  # words: past this, a sentence of two clauses is said as two
MIN_CLAUSE = 8  # words each clause needs to stand as a sentence
_NOT_A_CLAUSE = re.compile(r"^(?:and|or|but|nor|e\.g\.|i\.e\.|see|respectively|resp\.)\b", re.I)


def clauses(text: str) -> list[str]:
    """A long sentence of two clauses joined by its one semicolon, as two sentences ("Both
    the encoder and decoder are recurrent networks; moreover the encoder is privy to …");
    a list set with semicolons, or a clause too short to stand, stays whole."""
    if len(text.split()) <= LONG_SENTENCE or text.count(";") != 1:
        return [text]
    left, right = (part.strip() for part in text.split(";"))
    if len(left.split()) < MIN_CLAUSE or len(right.split()) < MIN_CLAUSE:
        return [text]
    if _NOT_A_CLAUSE.match(right) or not right[:1].isalpha():
        return [text]
    return [f"{left}.", right[:1].upper() + right[1:]]


# "As shown in Figure 3a, the loss curves …", "Unlike the aforementioned works, they …": a
# lead-in that points at the page or back at earlier text, before a clause that stands alone.
_POINTER_LEAD = re.compile(
    r"^(?:As (?:shown|illustrated|depicted|seen|presented|reported|summari[sz]ed|listed|"
    r"demonstrated|visuali[sz]ed|plotted) (?:in|by) (?:the )?(?:Fig|Tab|figure|table)[^,(\[]{0,30}"
    r"|As (?:can be|is|we can) (?:seen?|observed|noted)(?: (?:from|in) the (?:figure|table))?"
    r"|(?:Unlike|Like|Similar to|In contrast to|Compared (?:to|with)|Beyond|Based on|"
    r"Building on) [^,]{0,30}\b(?:aforementioned|above)\b[^,]{0,40}),\s+"
    r"(?!(?:where|which|who|whose|that|when|while|whereas|and|or|but|so|as|if|since|because|"
    r"although|though|respectively)\b)(?=\w)"
)


# "We can observe closed-loop YellowFin achieves …": what is observed stands alone.
_OBSERVED_LEAD = re.compile(
    r"^(?:We|One) (?:can |could )?(?:clearly )?(?:observe|see|notice)"
    # a clause follows: "that …", or a subject of up to three words and its verb
    r"(?: that,?\s+|\s+(?=(?:[\w\-]+ ){1,3}(?:is|are|was|were|has|have|achieves?|reaches|"
    r"outperforms?|improves?|converges?|yields?|performs?|reduces?|increases?)\b))"
)


_PAGE_ITEM = (
    r"(?:Fig(?:ure)?s?\.?|Tab(?:le)?s?\.?)\s*[A-Z]?\d+[a-z]?"
    r"(?:\s*(?:,|and|&|–|-|to)\s*[A-Z]?\d+[a-z]?)*"
)
# "Fig. 11 reveals that, despite …", "Nonetheless the images in Fig. 12 demonstrate that DRAW
# is able …": the finding is the clause after "that"; a linking word before the pointer stays.
_POINTER_SUBJECT = re.compile(
    r"^(?P<link>(?:Nonetheless|Nevertheless|However|Moreover|Furthermore|Finally|Overall|"
    r"Indeed|Similarly|Again|Also|In addition|In contrast|On the other hand),?\s+)?"
    r"(?:(?:[Tt]he|[Tt]hese|[Oo]ur) (?:\w+ ){0,2}(?:in|of|from) )?" + _PAGE_ITEM + r"\s+"
    r"(?:(?:also|further|clearly|then) )?(?:shows?|reveals?|demonstrates?|confirms?|"
    r"indicates?|illustrates?|suggests?|verif(?:y|ies)) that,?\s+(?=\w)"
)
# "The results in Table 1 demonstrate …": the results can be named without their place.
_POINTER_PLACE = re.compile(
    r"\b(?P<what>(?:[Tt]he|[Tt]hese|[Oo]ur) (?:\w+ )?(?:results?|numbers|scores|samples|images|"
    r"curves|experiments|comparisons?|evaluations?)) (?:in|of|from) " + _PAGE_ITEM + r"(?=\s+[a-z])"
)
# "… are highly realistic, as shown in Figs. 9 and 10.": the finding ends before the pointer.
_POINTER_TAIL = re.compile(
    r"(?:,\s+(?:as\s+)?|\s+as\s+)(?:also\s+)?(?:shown|illustrated|seen?|depicted|reported|"
    r"summari[sz]ed|listed|detailed|given|plotted|visuali[sz]ed) (?:in|on|by) "
    + _PAGE_ITEM
    + r"(?=[.!?]$)"
)

# "… a running example (of MoBA) at Figure 1a, where there are two queries …": the clause
# after says in words what the figure shows, so the example stands without its place.
_POINTER_WHERE = re.compile(
    r"(?P<example>\bexample(?: of [\w-]+)?)\s+(?:at|in|on) "
    + _PAGE_ITEM
    + r"(?=,\s+(?:where|in which)\s)"
)


# A cross-reference LaTeX could not resolve, printed "??".
_UNRESOLVED = re.compile(
    r"\b(?P<kind>Figure|Fig\.|Table|Section|Sec\.|Eq\.|Equation|Algorithm|Appendix)\s*\?\?"
)


def without_pointer(text: str, marks: frozenset[str]) -> tuple[str, frozenset[str]]:
    """The sentence without what points at a figure, a table or the text above (a lead-in,
    a pointer as its subject, its results' place, a closing "as shown in Fig. 9"), marked
    afresh; as it was when nothing points."""
    said = _UNRESOLVED.sub(r"\g<kind> 1", text)  # "Figure?? presents …": a pointer still
    lead = _POINTER_LEAD.match(said) or _OBSERVED_LEAD.match(said)
    if lead is not None:
        said = said[lead.end() :]
    subject = _POINTER_SUBJECT.match(said)
    if subject is not None:
        link = (subject.group("link") or "").rstrip(", ")
        rest = said[subject.end() :].replace(", and that ", ", and ")
        said = f"{link}, {rest}" if link else rest
    said = _POINTER_PLACE.sub(r"\g<what>", said)
    said = _POINTER_TAIL.sub("", said)
    said = _POINTER_WHERE.sub(r"\g<example>", said)
    if said == text:
        return text, marks
    said = said[:1].upper() + said[1:]
    return said, frozenset(marked_sentence(said).marks)


# Equations named by their numbers, two at once: "(9) and (14)", "(3)–(5)".
_EQUATIONS_NAMED = re.compile(r"\(\d{1,2}\)\s*(?:and|or|to|through|[-–])\s*\(\d{1,2}\)")
CAPTION_START = re.compile(r"^(?:Algorithm|Figure|Fig\.|Table|Listing)\s*\d+[:.]\s")

# A colon that hands over to a formula, not a clause that is whole without it.
_FORMULA_LEAD_IN = re.compile(
    r"(?:\b(?:as follows|following|given by|defined (?:as|by)|computed (?:as|by)|written as|"
    r"formulated as|below|is|are|be|as|by|to|of|where|with|via|using|namely|obtain|get|"
    r"have|has|yields?|gives?|computes?|compute|becomes?|rule|equation|formula|form|"
    r"function|objective|loss|update|step|steps|procedure|algorithm|way)\s*|\$\s*|\)\s*):$",
    re.IGNORECASE,
)


# "… are categorized and listed as follows, where underlined benchmarks are in Chinese:".
_LISTED = re.compile(r"\b(?:as follows|the following|listed|below|underlined|in bold)\b", re.I)
_CLAUSE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|can|uses?|considers?|imposes?)\b")


def clause_before_colon(text: str) -> bool:
    """Whether a sentence cut at a colon (the formula after it) is whole without it: "we
    introduce a pair of parameters, which scale and shift the normalized value:"."""
    text = text.rstrip()
    if not text.endswith(":") or text.count(":") > 1 or _FORMULA_LEAD_IN.search(text):
        return False
    if _LISTED.search(text):
        return False
    if _NAMED_SUBJECT.match(text):
        return True
    words = text.split()
    if len(words) < 8:
        return False
    # "One way to take larger steps is to use a constraint on the KL divergence between the
    # new policy and the old policy, i.e., a trust region constraint:": a clause with its verb.
    return bool(re.search(r"\b(?:we|they|which|that|it)\b", text, re.I)) or (
        len(words) >= 12 and bool(_CLAUSE_VERB.search(text))
    )


# "The first model, denoted CR1, decodes each frame independently:": a thing named and
# what it does, whole before its formula (the only place the paper says what CR1 is).
_NAMED_SUBJECT = re.compile(
    r"^[A-Z][^,:]{2,60}, (?:denoted|called|named|termed|dubbed|referred to as) [^,:]{1,30}, "
    r"(?!is\b|are\b|was\b|were\b)[a-z]+s(?: [\w-]+){2,}:$"
)  # what it does said in words of their own ("reads:" or "minimizes:" hands over)


def _section_sentences(section: Section) -> list[tuple[str, frozenset[str]]]:
    """The section's sentences with the marks ingest gave them; split from its text when
    ingest gave none (an older paper.json)."""
    marked = [
        item
        for paragraph in section.paragraphs
        for sentence in paragraph.sentences
        for item in list_items(sentence.text, frozenset[str](sentence.marks))
    ]
    return contributions_said(marked) or [
        (s, frozenset[str]()) for s in split_sentences(section.text)
    ]


# "This paper contributes: (1) A prototype reading tool, …": a list of contributions, its
# first item perhaps on the lead-in's line.
_CONTRIBUTES = re.compile(
    r"^(?P<lead>.*\bcontribut(?:es?|ions?)\b[^.:]{0,40}):\s*"
    r"(?:\((?:1|i|a)\)\s*)?(?P<first>.*)$",
    re.IGNORECASE,
)
_ITEM_NUMBER = re.compile(rf"\s*{_ITEM_MARK}\s*")
_NAME_INSIDE = re.compile(r"(?<=[a-z,;] )[A-Z][\w\-]*")  # a capital mid-sentence: a name
# An item that is a clause of its own ("We release …", "For training, we …").
_CLAUSE_ITEM = re.compile(
    r"^(?:We|Our|They|Their|It|Its|This|These|Those|In|For|By|To|On|With|Using|Finally|While|"
    r"Although|Though|Whereas|When|If|As|Since|Because|Unlike|Despite)\b"
)
_ITEM_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|will|would|may|might|must|does|do|did|"
    r"achieves|outperforms|shows|improves|reduces|enables|allows|provides|yields|"
    r"demonstrates|offers|requires|uses|learns|generates|produces|supports|helps|makes)\b"
)
# What a noun phrase goes on with before any verb of its own: "Mechanisms for augmenting …
# that have …", "A lab study focusing on … which shows …".
_PHRASE_GOES_ON = re.compile(
    r"\b(?:that|which|who|whose|where|for|of|with|to|in|on|from|by|using|\w+ing)\b|,"
)


def noun_phrase(item: str) -> bool:
    """Whether a list item is a thing named ("A prototype reading tool, CiteSee"), not a
    clause ("We release the code")."""
    if _CLAUSE_ITEM.match(item):
        return False
    verb = _ITEM_VERB.search(item)
    goes_on = _PHRASE_GOES_ON.search(item)
    return verb is None or (goes_on is not None and goes_on.start() < verb.start())


def _as_object(item: str, names: set[str]) -> str:
    """The item after a verb: its first word lowered unless the paper writes it as a name
    ("CiteSee", "Lantern") mid-sentence."""
    first = item.split(" ", 1)[0].strip(",")
    return item if first in names else item[:1].lower() + item[1:]


def contributions_said(
    marked: list[tuple[str, frozenset[str]]],
) -> list[tuple[str, frozenset[str]]]:
    """A numbered list of contributions whose items are things named, each said as a
    sentence: "This paper contributes: (1) A prototype reading tool" → "This paper
    contributes a prototype reading tool", "(2) Mechanisms for …" → "The paper contributes
    mechanisms for …" (read alone, such an item is a fragment). Only numbered items: after
    a lead that ends at its colon, what follows may be no item at all."""
    names = {m.group(0) for text, _ in marked for m in _NAME_INSIDE.finditer(text)}
    said: list[tuple[str, frozenset[str]]] = []
    listing = False
    for text, marks in marked:
        lead = _CONTRIBUTES.match(text)
        numbered = _ITEM_NUMBER.match(text)
        if lead and _ITEM_NUMBER.match(text, len(lead["lead"]) + 1):
            listing = True
            first = lead["first"].strip()
            if first and noun_phrase(first):
                text = f"{lead['lead'].rstrip()} {_as_object(first, names)}"
                marks = marks - {"fragment"}
        elif listing and numbered and noun_phrase(item := text[numbered.end() :]):
            text, marks = f"The paper contributes {_as_object(item, names)}", marks - {"fragment"}
        elif text.rstrip().endswith(":"):
            listing = False  # the lead of another list
        said.append((text, marks))
    return said


_BULLET = re.compile(r"\s*[•◦▪●∙]\s*")
# "Linear Reading: A non-personalized baseline that …": a list item under its label.
_LABELLED = re.compile(r"^(?P<label>[A-Z][^:.]{0,50}?):\s+(?P<body>\S.*)$")
# A body that is a clause of its own: a verb helper, a subject that opens it, an opening
# phrase before its subject, or a name and its verb ("S2ORC identifies figure captions …").
_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|can|could|will|would|should|must|may|might|does|do|"
    r"did)\b|^(?:We|They|It|The|This|These|Those|Their|Its|Each|All|Both)\b|"
    r"^(?:Regarding|Following|Like|Unlike|For|In|At|On|Once|When|With|To|After|Before|Since|"
    r"As)\b[^,]{0,80},\s|^\S[\w-]*[A-Z0-9][\w-]*\s+[a-z]+s\b"
)


def list_items(text: str, marks: frozenset[str]) -> list[tuple[str, frozenset[str]]]:
    """A bulleted line's items, each said as a sentence without its bullet: "• The GRU
    outperformed the LSTM on all tasks" is a finding its list set without a full stop. An
    item under a label is said when its body is a clause (without the label), or as a
    definition with its label ("Linear Reading: A baseline that …" → "Linear Reading is a
    baseline that …"); a bare phrase ("Topic 1: Challenges UX designers face …") is not."""
    if not _BULLET.search(text):
        return [(text, marks)]
    first, *rest = _BULLET.split(text)
    items = [first.strip()]
    for item in rest:
        item = item.strip()
        labelled = _LABELLED.match(item)
        if labelled and re.match(r"An? ", labelled["body"]):
            item = f"{labelled['label']} is {labelled['body'][0].lower()}{labelled['body'][1:]}"
        elif labelled:
            if not _CLAUSE.search(labelled["body"]):
                continue
            item = labelled["body"]
        if item[:1].isupper() and not item.endswith((".", "!", "?", ":", ";", ",")):
            item += "."
        items.append(item)
    # An item that opens on its verb ("Provides a correct answer …") leans on the lead.
    return [
        (item, marks | {"fragment"} if opens_on_a_verb(item) else marks - {"fragment"})
        for item in items
        if item
    ]


_DANGLING_START = re.compile(
    r"^(?:It|This(?! (?:paper|work|article|report|study|thesis)\b)|These|That|Those|They|Such|"
    r"Its|Their|He|She|Here|Both|Each of these|"
    r"However|But|And|Or|So|Thus|Hence|Therefore|Consequently|As a result|In contrast|"
    r"Similarly|Likewise|Instead|Otherwise|Meanwhile|For example|For instance|"
    r"On the other hand|In this case|In both cases|In that case|The former|The latter|"
    r"In other words|That is|Namely|In particular|As such|To (?:this|that) end|"
    r"As a (?:solution|remedy|fix)|"
    r"Finally|Overall|Again|Still|Yet|The (?:first|second|third|former|latter) (?:is|was|one)|"
    r"Second|Third|Secondly|Thirdly|Last|Lastly|Next|Then|Also|Further|Furthermore|Moreover|"
    r"Additionally|In addition|To be specific|Specifically|More specifically|Concretely|"
    r"Another|Alternatively|Most importantly|More importantly|Other|What is more|"
    r"Nevertheless|Nonetheless|Conversely|By contrast|Accordingly|In turn|Even so|That said|"
    # "Simultaneously, the goal of localization is …": alongside the goal of the line before
    r"(?:Simultaneously|More generally|Particularly|Correspondingly|Analogously|Relatedly|"
    r"In comparison|By extension|In the same (?:vein|spirit|way)|Along (?:these|those) lines)"
    r"(?=,)|"
    r"(?:On top of|Beyond|Besides|In addition to|Because of|Due to|Despite|Given|For) "
    r"(?:that|this|these|those)(?: (?:reason|fact))?|"
    # "Some of them, such as graphene …": of the things the line before listed.
    r"(?:Some|Many|Most|Few|All|None|One|Each|Several|Two|Three|Part) of (?:them|these|those))\b"
)
_LEANS_BACK = re.compile(
    r"\b(?:the former|the latter|the same (?:way|time)(?! (?:that|as)\b)|as well|respectively|"
    r"both worlds|"
    r"this (?:approach|method|design|setting|strategy|issue|problem|phenomenon|observation)|"
    r"(?:mitigate|address|solve|avoid|fix|overcome|alleviate) (?:this|these|it)\b|"
    r"these (?:results|findings|observations|methods|approaches|parameters|values|steps)|"
    # "To make things worse, each gradient …": worse than what the line before said.
    r"^(?:To make (?:things|matters) worse|(?:Even )?worse(?: still)?)(?=,)|"
    # "We instead specify …": instead of what the line before said.
    r"\b(?:we|they) instead\b|"
    # "The authors believe it to be due to …": what they believe of came just before.
    r"\b(?:believe|believed|attribute|attributed|ascribe|suspect|suspected) (?:it|this|that)"
    r"\b(?! (?:is|was|the|a|an)\b)|"
    # "They have observed this", "they use this index": what "this" is came just before.
    r"(?:observed|seen|shown|noted|described|discussed|mentioned|used|use|uses) "
    r"(?:this|these|it)\b|"
    # "Most approaches to image generation, however, aim …": set against the line before.
    r"^[^,]{3,80}, (?:however|in contrast|instead|though|therefore|thus|hence)(?=,)|"
    # "we did not find this to perform better": "this" the object, named before.
    r"\b(?:find|found|consider|considered|call|called|make|made|expect|expected) "
    r"(?:this|these) (?:to|as)\b|"
    r"(?<!^)\b(?:this|these|those) (?!(?:paper|work|study|article|report|section|chapter|"
    r"way|end|case|setting|regard|context|direction)\b)[a-z]{3,}\b(?! (?:is|are|was|were) "
    r"(?:called|named|defined|denoted|referred))|"
    # "To accomplish this, …", "For this, …": the step before is what "this" is.
    r"^(?:To (?:accomplish|achieve|do|implement|realize|realise) (?:this|that|so)|"
    r"For this(?: purpose| reason)?,|In this way|This way|In doing so|By doing so))\b",
    re.IGNORECASE,
)


# "Although the proposed model predicts the bass note, this feature is …": what "this" is,
# named in the clause the sentence opens on.
_OPENING_CLAUSE = re.compile(r"^(?:Although|Though|While|Whereas|Since|Because) [^,]{10,160},")


# "… certain classes occur much less frequently than others, and this presents a
# significant challenge …": a "this" that does something, after a clause of its own line,
# is that clause (a verb's "-s", not a noun's "-ss", "-is" or "-us": "this process").
_CLAUSE_THIS = re.compile(r"(?:, (?:and|but|so|yet)|;|:) this [a-z]{2,}(?<![siu])s\b")


def _named_in_its_clause(text: str, leaning: re.Match[str]) -> bool:
    if any(m.start() < leaning.start() < m.end() for m in _CLAUSE_THIS.finditer(text)):
        return True
    opening = _OPENING_CLAUSE.match(text)
    words = leaning[0].lower().split()
    return bool(
        opening
        and leaning.start() >= opening.end()
        and words[0] in ("this", "these", "those")
        # "…, these results confirm …": results of the line before, whatever opens this one
        and len(words) > 1
        and words[1] not in _BACK_NOUNS
    )


_BACK_NOUNS = frozenset(
    ["results", "findings", "observations", "observation", "methods", "method", "approaches",
     "approach", "design", "setting", "strategy", "issue", "problem", "phenomenon",
     "parameters", "values", "steps", "experiments", "works", "work", "models", "model"]
)  # fmt: skip


# "… strategies for training and inference respectively": the pair is in the line itself.
_PAIRED = re.compile(
    r"\b[a-zA-Z][\w-]*(?: [a-zA-Z][\w-]*)? (?:and|or) [a-zA-Z][\w-]*(?: [a-zA-Z][\w-]*)?,? "
    r"respectively\b"
)


# "Without Batch Normalization, Inception never achieves …": the other half, with it, is
# the line before (a named thing, not "Without any supervision, …").
_WITHOUT_NAMED = re.compile(
    r"^Without (?:using |applying )?(?:the |their |our )?[A-Z][\w-]*(?: [A-Z][\w-]*)*"
    r"(?:,|\s(?=[a-z]))"
)


# "It would be interesting to study …", "In the future, it will also be intriguing to …": an
# "it" that stands for what follows it, not for anything said before.
# "It is evident that …": also after an opening phrase ("When comparing …, it is evident").
_EVIDENT = re.compile(
    r"^It (?:is|was|seems|becomes) (?:\w+ )?(?:evident|obvious|clear|apparent) that\b"
)
_ANTICIPATORY_IT = re.compile(
    r"^It (?:is|was|remains|seems|(?:will|would|may|might|could) (?:also )?be) (?:also )?"
    r"(?:\w+ )?(?:interesting|intriguing|important|worth|necessary|possible|useful|valuable|"
    r"desirable|promising|natural|unclear|difficult|hard|challenging|(?:un)?surprising) "
    # "… important to keep causality", never "… unsurprising to the authors"
    r"(?:to (?!(?:the|a|an|us|them|our|their|its|this|these|those|me|you)\b)|that\b|whether\b)|"
    # "It is likely that …", never "It is likely to overfit" (the model, said before)
    r"^It (?:is|was|seems) (?:\w+ )?(?:notable|noteworthy|(?:un)?likely|(?:un)?expected) that\b|"
    rf"{_EVIDENT.pattern}"
)


def doubt_stands_alone(sentence: Sentence) -> bool:
    """Whether a doubt or a plan can be said on its own in the skeptic's corner: it is
    self-contained, or it opens (after its leading phrase) on an "it" that stands for what
    it goes on to name ("It is unclear whether …", "It would be interesting to study …")."""
    opening = without_leading_phrase(sentence.text)
    return self_contained(sentence) or bool(_ANTICIPATORY_IT.match(opening))


def self_contained(sentence: Sentence) -> bool:
    """Whether the sentence can open a topic: it does not lean on one the listener missed."""
    text = sentence.text
    # "It is unsurprising that we outperform …": an "it" that stands for what follows
    if _DANGLING_START.match(text) and not _ANTICIPATORY_IT.match(text):
        return False
    if _WITHOUT_NAMED.match(text):
        return False
    if any(not _named_in_its_clause(text, m) for m in _LEANS_BACK.finditer(_PAIRED.sub("", text))):
        return False
    if _CONSEQUENCE.match(sentence.original) and _BOUND.search(text):
        return False  # "As a result, we must recompute the keys …": said without its cause
    if _refers_back(text):
        return False  # "Their experiments demonstrate its robust performance": whose?
    if _such_unnamed(text):
        return False  # "To limit such ambiguity, …": which ambiguity?
    if _CITED_AUTHORS.match(sentence.original):
        return False  # "The authors used geodesic polar coordinates": the cited work's
    if sentence.role == "related" and _THE_CITED_ONE.match(text):
        return False  # "The advantage of the model, relative to …": the one cited just before
    if _THE_DATA_SET.match(text):
        return False  # "The dataset consists of 5953 users, …": the one the line before named
    if _them_unnamed(text):
        return False  # "For training, they compute them once per batch": compute what?
    if _LIST_OPENED.match(sentence.original) and _LIST_GOES_ON.search(sentence.original):
        return False  # "First, by …, and second, by …": the ways the line before announced
    persona = _PERSONA.search(text)
    if persona and not _PERSON.search(text[: persona.start()]):
        return False  # "… difficult for her to judge …": a scenario's user met before
    # "Neglecting epsilon, these normalized activations …": the pronoun after the phrase.
    rest = _LEADING_PHRASE.sub("", text, count=1)
    rest = rest[:1].upper() + rest[1:]
    # "When comparing …, it is evident that …": an "it" that stands for what follows
    return rest == text or not _DANGLING_START.match(rest) or bool(_EVIDENT.match(rest))


# A list's first item and its second in one line, the list announced in the line before
# ("… evaluated in two ways. First, by working with …, and second, by using the AUC.").
_LIST_OPENED = re.compile(r"^(?:First|Firstly),\s+(?:by|with|using|through|via|in|on|for)\b")
_LIST_GOES_ON = re.compile(r"[,;]\s+(?:and\s+)?(?:second|secondly)\b", re.IGNORECASE)
# "such methods", "such a list" ("such as", "such that" point ahead, not back).
_SUCH = re.compile(
    r"\bsuch (?:an? )?(?!(?:as|that|way|manner|an?)\b)(?P<noun>[\w\-]+)\b(?!\s+(?:as|that)\b)"
)
SHARED_STEM_LETTERS = 5  # "episode" and "episodes", "ambiguous" and "ambiguity"


def _such_unnamed(text: str) -> bool:
    """Whether a "such X" names an X the sentence has not ("Although such methods can
    reduce computation", "the need for such a list"): it was named in the line before. "A
    short audio episode … such episodes" names its own."""
    return any(
        _stem(found["noun"]) not in text[: found.start()].lower() for found in _SUCH.finditer(text)
    )


def _stem(noun: str) -> str:
    """ "episo" of "episodes", "map" of "maps": a word's start, short of a plural's ending."""
    return noun[: max(3, min(SHARED_STEM_LETTERS, len(noun) - 1))].lower()


# A paper speaks of itself as "we": "the authors" in its own words are those of the work
# it cited in the line before.
_CITED_AUTHORS = re.compile(r"^(?:The|These|Those|Both) authors\b")
_PERSONA = re.compile(r"\b(?:she|her|hers|he|him|his)\b")  # lower case: "HER" is a method
# Who "she" may be inside the same sentence: "P4 said she saved …", "the user … her".
_PERSON = re.compile(
    r"\b(?:participants?|users?|readers?|annotators?|raters?|researchers?|P\d+|"
    r"[A-Z][a-z]+ (?:said|says|reported|noted))\b"
)


# What "its" may stand for inside its own sentence: a singular noun after a determiner
# ("the system", "our method", not "their experiments") or a name ("DeepSeek-V2 expands its").
_REFERENT = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat|[Aa]n?|[Ee]ach|[Ee]very|[Oo]ne)\s+[\w\-]+"
    r"|\b(?:[Oo]ur|[Tt]heir)\s+[\w\-]*[^s\W]\b"
    r"|(?<=\s)[A-Z][\w\-]*"
    r"|^(?!(?:Their|Our|We|They|It|Its|This|These|Those|So|However|Also|Moreover|Then|Thus|"
    r"Hence|Instead|Such|Here|There)\b)[A-Z][\w\-]*"
)
# "Despite its approximations …, TRPO tends to …": the name comes after the phrase.
_PHRASE_FIRST = re.compile(r"^(?:Despite|Although|Though|While|With|For|In|Given|Unlike)\b")


# What "them" may stand for inside its own sentence: a plural noun or a name before it
# ("various", "across", "this" end in s and are none).
_PLURAL = re.compile(r"\b(?:[A-Z][\w\-]*|[a-z][a-z\-]+(?<![su])s)\b")


def _them_unnamed(text: str) -> bool:
    """Whether the sentence's "them" can only mean something said before it."""
    found = re.search(r"\bthem\b", text)
    if found is None:
        return False
    # the sentence's first word is capitalised as an opening, not as a name
    before = re.sub(
        r"^[A-Z][a-z]+\b|\b(?:they|their|this|its|has|was|does|is|as)\b", "", text[: found.start()]
    )
    return not _PLURAL.search(before)


def _refers_back(text: str) -> bool:
    """Whether the sentence's "its" can only mean something said before it."""
    found = re.search(r"\bits\b", text)
    if found is None or _PHRASE_FIRST.match(text):
        return False
    return not _REFERENT.search(text[: found.start()])


# Earlier work's "the model" near a line's start: the system the line before cited (their own
# is named, or "their model").
_THE_CITED_ONE = re.compile(
    r"^(?:[\w,]+ ){0,4}the (?:model|method|approach|system|algorithm|framework|technique)\b"
    r"(?! (?:architecture|of|that|which|proposed|introduced|described|presented|by|in|from|"
    r"called|named|known|most|closest|we|they|identification|design|literature)\b)(?!-)",
    re.IGNORECASE,
)


_THE_DATA_SET = re.compile(
    r"^The (?:dataset|data set|corpus)(?![\w-])(?! (?:of|used|that|which|we|from|for|called|"
    r"named|constructed|collected|introduced|released|created|built|presented|proposed|in|"
    r"here|described)\b)"
)


# A consequence the paper draws from the line before, which the spoken line no longer says
# ("As a result," is left out when the line is said), and a constraint that needs its cause.
_CONSEQUENCE = re.compile(r"^(?:Thus|Therefore|Hence|Consequently|As a result),?\s+")
_BOUND = re.compile(r"\b(?:must|need to|needs to|have to|has to|cannot|can't|would|will)\b")


# "Applied to a state-of-the-art model, X achieves …": the phrase before X's own clause.
_LEADING_PHRASE = re.compile(
    r"^(?:[A-Z][a-z]+(?:ed|ing) (?:to|the|a|an|by|with|on|in|from|for|over)|In|On|At|For|With|"
    r"By|Using|Through|Across|Unlike|Notably|"
    r"Overall|Finally|Moreover|Together|To|As|After|Before|During|"
    # "When combined with YOLO, its mAP …" (never "If the input is long, it is cut")
    r"(?:When|Once|If) \w+(?:ed|ing))\b[^,]{0,80},\s+"
    r"(?=[A-Z]|(?:the|a|an|this|these|their|its|it|each|all|both|there|we|our)\b)"
)


def without_leading_phrase(text: str) -> str:
    stripped = _LEADING_PHRASE.sub("", text, count=1)
    return stripped[:1].upper() + stripped[1:]


def numbers_in(text: str) -> list[str]:
    return [m.group(0).strip() for m in NUMBER.finditer(text)]


def words_of(text: str) -> list[str]:
    """Lower-cased words as the repetition checks count them ("what's" is two; "3.5" is
    one, and a full stop is no part of the word before it)."""
    return re.findall(r"[a-z0-9%]+(?:\.\d+)*", text.lower())


def word_runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = words_of(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
