"""What a paper sentence does in the argument, so a host asks only the question it answers.

The kinds follow what a listener asks of a paper: why it matters (motivation), what they
propose, what a term means (definition), how it works (mechanism), what it optimises
(objective), how it was tested (setup), what they found (result), against what
(comparison), where it falls short (caveat), how sure they are (hedge), what is left
(future), what came before (prior) and what to take away (claim). A sentence that fits
none is "other": it is said, but no question is asked for it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from paperdive.writing.sentences import Sentence, numbers_in

Kind = Literal[
    "future",
    "caveat",
    "hedge",
    "comparison",
    "result",
    "objective",
    "setup",
    "definition",
    "proposal",
    "motivation",
    "prior",
    "mechanism",
    "claim",
    "other",
]
# The paper's doubts about itself: the skeptic's material.
DOUBTS: frozenset[Kind] = frozenset({"caveat", "hedge", "future"})

_FUTURE = re.compile(
    r"\bfuture (?:work|research|studies|directions?|developments?|extensions?)\b|\bin the future\b|"
    r"\bwe (?:plan|hope) to (?:extend|explore|investigate|study|apply|address|improve)\b|"
    r"\bleave [\w\s,\-]{1,60} (?:to|for) (?:future|later)\b|"
    r"\bleft (?:to|for) future\b|\bremains? to be (?:seen|explored|studied|investigated)\b|"
    r"\bopen (?:questions?|problems?)\b|\bfurther (?:research|work|study|investigation) "
    r"(?:is|are|will|could|would|should)\b|\bworth (?:exploring|investigating|studying)\b|"
    r"\ban? (?:interesting|promising|natural) (?:direction|avenue|extension)\b|"
    r"\b(?:our|their) ongoing (?:exploration|work|research|efforts?)\b|"
    r"\bremains? an? (?:important|open|interesting|key|unsolved|outstanding) (?:question|"
    r"problem|challenge|direction)\b|"
    r"\b(?:we|they) (?:are|remain) (?:dedicated|committed) to\b",
    re.IGNORECASE,
)
_CAVEAT = re.compile(
    r"\b(?:limitations?|remains? unclear|not yet|caveats?|drawbacks?|shortcomings?|"
    r"may not (?:transfer|generali[sz]e|hold|reflect|scale|apply)|fails? to|failure cases?|"
    r"we (?:failed|were unable|are unable) to|criticisms? of (?:this|our)|"
    r"(?:theory|analysis|bound|method|approach) ignores|"
    r"does not (?:generali[sz]e|transfer|scale|hold|apply|guarantee)|"
    # "We do not apply word dropout to …" is a choice of theirs, not a limit
    r"(?<!we )do not (?:generali[sz]e|transfer|scale|hold|apply)|"
    r"cannot (?:guarantee|handle|capture|be applied)|"
    # "… and the model does not predict inversions": what it leaves undone
    r"(?:model|method|system|approach|framework) (?:does|do|can) ?not (?:predict|handle|"
    r"support|capture|account for|address|distinguish|recogni[sz]e)(?![^.]*\bso (?:we|the "
    r"authors)\b)|"
    r"only (?:one|a single|tested|evaluated)|a single (?:machine|model|dataset|"
    r"benchmark|seed|run|domain|language|task)|at the cost of|is restricted to|"
    r"are restricted to|(?<!not )limited to|left open|not (?:evaluated|tested|studied|explored|"
    r"addressed|considered)|we did not(?! (?:reveal|tell|inform|disclose|mention)\b)|"
    r"we do not (?:evaluate|test|study|consider|address)|"
    # a risk the method runs, and a part of it that adds little
    r"(?:potential|risk|source)s? (?:for|of) (?:bias|overfitting|leakage)|"
    # "one of the potential issues with our dataset is …", "… which may be a confound"
    r"(?:potential|possible|main) (?:issues?|problems?|weakness(?:es)?) (?:with|of|in) "
    r"(?:our|the|this)|(?:may|might|could) be a confound|"
    r"(?:does|do|did) not (?:provide|yield|bring|give) (?:much|any) (?:of an )?"
    r"(?:improvement|gain|benefit)|"
    # "there is no easy way of incorporating visual or audio features in …" (not "…, so
    # they resort to sampling": a step's reason)
    r"there (?:is|was|exists) no (?:easy|simple|straightforward|obvious|principled|direct|"
    r"clear|natural) way(?![^.]*(?:\bso (?:we|they|the authors)\b|\binstead\b|;))|"
    # "In its current form, the framework supports only English."
    r"in (?:its|their|our|the) (?:current|present) (?:form|formulation|version|"
    r"implementation)\b[^.]*\b(?:only|not|cannot|no)\b)\b",
    re.IGNORECASE,
)
# "… effectively addressing GPU memory limitations": a weakness overcome is not a caveat.
_SOLVES = re.compile(
    r"\b(?:address|overcom|mitigat|alleviat|resolv|tackl|remov|eliminat|avoid|circumvent|"
    r"decreas|reduc|sav)\w*",
    re.IGNORECASE,
)
_OWN = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
# A rule of the method, by its condition: what it does in a case, not a weakness.
_RULE = re.compile(r"(?:If|When|Whenever|Unless) [^,]{3,80}?,? (?:we|it|the \w+) ")
_CHOSEN_NOT = re.compile(r"\bwe (?:do not|don't)\b")  # their choice, not "it cannot"
# Softer words that read as a weakness only where the paper discusses its own limits.
_WEAK_CAVEAT = re.compile(
    r"\b(?:cannot|may not|might|only|however|depends on|sensitive to|bias|overhead|unclear|"
    r"not|limited|restricted|although|though)\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\bwe (?:hypothesi[sz]e|conjecture|speculate|suspect|believe|expect|attribute)\b|"
    r"\bit is (?:possible|likely|plausible|unclear|not clear) (?:that|whether)\b|"
    r"\b(?:may|might|could) be (?:due|because|caused|explained|attributed)\b|"
    r"\bat least (?:at|in|for) (?:this|these|our|the current)\b|"
    # "not necessarily useful for discrete hyperparameters" says where it does not work: a limit
    r"\bnot (?:necessarily|guaranteed)\b(?! (?:useful|applicable|suitable|appropriate|effective|"
    r"helpful|beneficial|feasible)\b)|"
    r"\b(?:anecdotal|tentative)\b|\bwe (?:do not|don't) (?:know|claim)\b|"
    r"\b(?:suggests?|indicates?) that\b.*\b(?:may|might|could)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:compared (?:to|with)|than|versus|vs\.|outperform\w*|baselines?|match(?:es|ing)?|"
    r"comparable (?:to|with)|on par with|relative to|beats?|exceed\w*|surpass\w*|"
    r"better|worse|over the)\b",
    re.IGNORECASE,
)
# A comparison stated outright, not just a "than" in passing.
_EXPLICIT_COMPARISON = re.compile(
    r"\b(?:compared (?:to|with)|versus|vs\.|outperform\w*|baselines?|comparable (?:to|with)|"
    r"on par with|surpass\w*)\b",
    re.IGNORECASE,
)
# What came out, said outright ("achieves", "outperforms", "we find that"), and the weaker
# comparatives a finding often uses ("faster", "lower loss").
_FINDING = re.compile(
    # "the lowest loss achieved by both" names a measure; "was achieved by X" is a finding
    r"\b(?:achiev(?:es|ing)|achieved(?! by)|(?:is|are|was|were|been) achieved|outperform\w*|"
    r"improv(?:es|ed|ing) (?:by|over|on|upon)|"
    # "performance improved 56–86%", "cuts latency by 40%": a change, by how much
    r"(?:improv|increas|decreas|reduc|drop|boost|cut)(?:e|es|ed|ing|s|ped|ping)? (?:by )?"
    r"(?:up to |about |roughly |nearly |over |more than )?[-+−]?\d+(?:\.\d+)?"
    r"(?:\s?[–-]\s?\d+(?:\.\d+)?)?(?:\s?(?:x\b|points?|pp)|(?=\s?[%×]))|"
    r"reach(?:es|ed)|yield(?:s|ed)|surpass\w*|exceed\w*|"
    r"boost(?:s|ed)? (?:the |its |their )?(?:[\w'’-]+ ){0,3}(?:performance|accuracy|"
    r"throughput|scores?)|"
    r"results? (?:show|suggest|indicate|demonstrate|confirm)|"
    # "BLEU often negatively correlates with simplicity": how two measures go together
    # (the verb: "highly correlated features" and "known to be poorly correlated" are not)
    r"(?:negatively|positively|strongly|weakly|poorly|highly|inversely) correlates? with|"
    r"we (?:also |further |then |have )?(?:find|found|observe|observed)|we (?:can )?see that|"
    r"shows? that|showed that|demonstrates? that|speed-?ups?|accuracy of|scores? of|"
    r"error rates? of|reduc(?:es|ed|ing) [\w\s\-]{0,30}by|gains? of|drops? (?:to|by)|"
    # "increasing performance by about 5–10% in AUC", "resulted in about 10% less AUC"
    r"(?:increas|improv|rais|boost)(?:es|ed|ing) (?:the |its |their )?(?:[\w-]+ )?(?:performance|"
    r"accuracy|scores?|AUC|F1|precision|recall|quality) by (?:about |roughly |nearly |up "
    r"to )?[+]?\d+(?:\.\d+)?(?:\s?[–-]\s?\d+(?:\.\d+)?)?(?:(?=\s?%)|\s?(?:points?|pp))|"
    r"result(?:s|ed) in (?:about |roughly |nearly |up to )?\d+(?:\.\d+)?\s?(?:%|points?) "
    r"(?:less|more|lower|higher|fewer|better|worse)|"
    # "Data augmentation provides a consistent and substantial improvement for all models",
    # "… results in the highest scoring model across all metrics"
    r"provid(?:es|ed|ing) (?:an? )?(?:another )?(?:(?!of\b)[\w-]+,? (?:and |but )?){0,3}"
    r"(?:improvements?|gains?|boosts?|speed-?ups?)\b|"
    r"(?<!that )(?<!which )result(?:s|ed)? in the (?:highest|best|lowest)|"
    r"(?:times|\d+(?:\.\d+)?\s?[x×]) (?:faster|fewer|more|less|higher|lower)|"
    r"(?:is|are|was|were|runs?) (?:[\d.]+x )?(?:faster|slower|"
    r"cheaper|more accurate)|keeps? (?:accuracy|performance)|"
    # "The forget gate turns out to be of the greatest importance."
    r"turn(?:s|ed)? out (?:to be|that)|prove[sd]? to be|we (?:determined|discovered) that)\b",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\b(?:lower|higher|better|worse|faster|slower|cheaper|fewer|smaller|larger) "
    r"(?:than|loss|accuracy|scores?|performance|error)\b",
    re.IGNORECASE,
)
# Words of procedure: a sentence saying what was done, not what came of it.
# "A detection is considered a localization error if it overlaps …": how a case is
# counted, no result nor comparison.
COUNTED_AS = re.compile(
    r"^(?:An?|The|Each|Every) [\w\- ]{1,30}? (?:is|are) (?:considered|counted|deemed|treated) "
    r"(?:as )?(?:an? |the )?[\w\- ]{1,40}? if\b(?!.*;)",
    re.IGNORECASE,
)
_PROCEDURE = re.compile(
    r"\bwe (?:train|use|set|follow|adopt|employ|apply|run|sample|initiali[sz]e|fine-tune|"
    r"pretrain|keep|fix|choose|select)\b|\bto (?:ensure|maintain|avoid|preserve|reach|"
    r"assess|evaluate|test|measure|compare)\b|\bgradually\b|\bfollowing\b|\b(?:is|are) set to\b|"
    # "All hyperparameters … were chosen via line search": how the set-up was settled
    r"\b(?:is|are|was|were) (?:chosen|selected|tuned|picked) (?:via|by|using|with|through|on)\b|"
    # "The scores at the system level are obtained by averaging over the 70 sentences"
    r"\b(?:obtained|computed|calculated|estimated) by (?:averaging|summing|taking|pooling)\b|"
    r"\baverag(?:ed|ing) over\b|"
    rf"{COUNTED_AS.pattern}",
    re.IGNORECASE,
)
# A test announced: "We evaluate various design choices … and compare it to the baselines",
# or its baseline said.
_TEST_PLANNED = re.compile(
    r"\bwe (?:evaluate|compare|test|benchmark)\b|"
    # "The baseline is the same model with full attention": what it is set against
    r"\bthe baselines? (?:is|are|was|were) (?:the|a|an)\b|"
    r"\b(?:is|are|was|were) (?:evaluated|compared|tested|benchmarked) (?:on|against|with|to)\b",
    re.IGNORECASE,
)
# An outcome said in other words than a finding's: "… and our approach beats them all",
# "… and is on par with the best published system".
_OUTCOME_SAID = re.compile(
    r"\b(?:beats?|beating|on par|match(?:es|ing)?|comparable|superior|inferior|better|worse|"
    r"best|wins?)\b",
    re.IGNORECASE,
)
# A result admitted as worse, or a claim made with a concession.
_CONCESSION = re.compile(
    r"^(?:Although|Though|While|Despite|Even though)\b|\b(?:underperform\w*|"
    r"worse than|lags? behind|falls? short|at the expense of|marginally (?:higher|lower|worse)|"
    r"slightly (?:higher|lower|worse)|comes at a cost)\b",
    re.IGNORECASE,
)
_REPORTED = re.compile(r"\b(?:shows?|showed|demonstrated?|demonstrates|find|found) that\b")
_OBJECTIVE_TERM = re.compile(
    r"\b(?:loss|objective|reward|likelihood|ELBO|evidence lower bound|cross-entropy|"
    r"penalty|regulari[sz]\w+|KL|divergence|cost function)\b",
    re.IGNORECASE,
)
_OBJECTIVE_USE = re.compile(
    r"\b(?:minimi[sz]\w*|maximi[sz]\w*|optimi[sz]\w*|defined as|is given by|consists of|"
    r"trained (?:to|with|by)|the sum of|encourag\w*|penali[sz]\w*|we use|combin\w*|"
    r"weighted|term)\b",
    re.IGNORECASE,
)
_SETUP = re.compile(
    r"\b(?:we (?:train|evaluate|test|measure|run|sample|fine-tune|pretrain)|"
    r"trained (?:on|with|for|using)|evaluated (?:on|with|using)|tested on|"
    r"experimental set|hyper-?parameters?|learning rate|batch size|set to|epochs?|"
    r"datasets?|benchmarks?|temperature|random seeds?|seeds?|GPUs?|TPUs?|"
    r"all (?:measurements|experiments))\b",
    re.IGNORECASE,
)
_PROPOSAL = re.compile(
    r"\b(?:we (?:propose|introduce|present|develop|design|build|describe)|"
    # a theory paper's own work: "In this work we characterize the MDI importances …"
    r"(?:in )?this (?:paper|work),? we (?:characteri[sz]e|analy[sz]e|derive|prove)|"
    r"th(?:is|e) (?:paper|work|report) (?:proposes|introduces|presents|contributes)|"
    r"(?:is|are) proposed)\b",
    re.IGNORECASE,
)
_PROPOSED = re.compile(r"\b(?:is|are|was|were) proposed\b", re.IGNORECASE)
_THIS_WORK = re.compile(r"\bth(?:is|e) (?:paper|work|report|article|study)\b", re.IGNORECASE)
_PROBLEM = re.compile(
    r"\b(?:challeng\w*|problems?|bottlenecks?|costly|expensive|difficult|hard|harder|"
    r"remains?|lacks?|limited|struggl\w*|prohibitive\w*|inefficien\w*|quadratic\w*|"
    r"suffers?|fails?|issues?|unfortunately|slows?|demand\w*|require\w*|essential|crucial|"
    r"critical|important|inability|unable|unsatisf\w*|unstable|instabilit\w*|brittle|"
    r"shortcomings?|drawbacks?|"
    # a gap in what is known: "not well understood from a theoretical point of view"
    r"not (?:yet |well |fully )?understood|poorly understood|little is known|"
    r"(?:little|scant) attention|only a (?:couple|few|handful) of (?:works|studies|papers))\b",
    re.IGNORECASE,
)
_FIRST_USED = re.compile(
    r"\b(?:was|were) first (?:applied|used|proposed|introduced|explored)\b", re.IGNORECASE
)
_PRIOR = re.compile(
    r"\b(?:prior work|previous (?:work|methods|approaches|studies)|existing (?:methods|"
    r"approaches|work|systems)|earlier (?:work|methods)|recent (?:work|studies|methods|"
    r"approaches)|have been (?:proposed|studied|explored|used)|has been (?:proposed|studied|"
    r"explored|used)|(?:traditional|conventional) \w+|et al|and colleagues|"
    r"^an? (?:recent|later|earlier) (?:extension|variant|approach|method|system))\b",
    re.IGNORECASE,
)
_MECHANISM = re.compile(
    r"\b(?:comput(?:es|ed)|splits?|select(?:s|ed)|partition(?:s|ed)|route[sd]|map(?:s|ped)|"
    r"encode[sd]|decode[sd]|project(?:s|ed)|update[sd]|generate[sd]|predict(?:s|ed)|"
    r"combine[sd]|replace[sd]|aggregate[sd]|average[sd]|assign(?:s|ed)|concatenate[sd]|"
    r"normali[sz]e[sd]|attends? to|is fed|takes? as input|outputs|consists? of|"
    r"is composed of|by \w+ing|(?:is|are) (?:then )?(?:passed|used|applied|computed|added|"
    r"multiplied|fed|sampled|trained))\b",
    re.IGNORECASE,
)
# The authors saying what their method does, step by step: "we normalize each feature".
_OWN_STEP = re.compile(
    r"\bwe (?:then )?(?:compute|normali[sz]e|use|apply|add|insert|replace|split|select|"
    r"concatenate|map|project|sample|feed|define|represent|encode|decode|learn|partition|"
    r"route|assign|combine|update|estimate|approximate|parameteri[sz]e)\b",
    re.IGNORECASE,
)
# What the method might do, or what was seen of it, rather than what it does.
_ASIDE = re.compile(
    r"\b(?:could|would|might|observed|found|find|believe|hypothesi[sz]e|previous|prior)\b",
    re.IGNORECASE,
)
_CLAIM = re.compile(
    r"\b(?:in conclusion|in summary|overall|we (?:demonstrate|demonstrated|show|showed)|"
    r"th(?:is|e) (?:work|paper) (?:shows|demonstrates)|represents? a|we hope|"
    r"practical alternative|opens? (?:up|the door)|paves? the way)\b",
    re.IGNORECASE,
)
# "Kokoro-82M is an 82-million-parameter model …": the subject is the term being defined.
_DEFINITION = re.compile(
    r"^(?P<term>[A-Z][\w\-]*(?: [\w\-]+){0,3}?)(?: \([^()]{1,30}\))? "
    r"(?P<be>is|are|refers to|denotes) "
    r"(?:a|an|the|one of(?! the (?:few|many|most|first|largest|best|main)\b)|defined as) "
    r"(?!same\b|first\b|only\b|best\b|most\b|key\b|main\b)(?P<praise>(?:rich|good|great|"
    r"valuable|useful|popular|powerful|important|major|promising|crucial|critical|vital|"
    r"essential|significant|huge|growing|excellent|perfect|well-known|widely)\b)?"
)
# "An RNN is a powerful … system that can …": praise, then what it is
_DESCRIBED = re.compile(r"\b(?:that|which|whose|where|in which)\b")
# "Saier and Färber is an update to …": a cited work by its authors, no term.
_CITED_NAMES = re.compile(r"^[A-Z][^\s]* (?:and|&) [A-Z][^\s]*$")
_NOT_A_TERM = frozenset(
    ("the", "this", "that", "these", "those", "it", "its", "their", "there", "here", "each")
    + ("every", "such", "our", "we", "they", "one", "both", "all", "most", "another", "a")
    + ("also", "further", "more", "other", "first", "second", "finally", "then", "thus")
    + ("if", "when", "while", "where", "although", "though", "since", "because", "once")
)
# "Key to our approach is the use of …": what matters, not a term defined ("Central Moment
# Discrepancy is a distance …" is one)
_WHAT_MATTERS = re.compile(
    r"^(?:key|central|crucial|critical|essential|important|vital) to\b", re.I
)
_INTRODUCTORY = ("abstract", "introduction")


@cache
def kind_scores(sentence: Sentence) -> dict[Kind, float]:
    """How strongly the sentence reads as each kind: cue phrases, numbers and the role of
    its section each add evidence."""
    text, role = sentence.text, sentence.role
    numbered = bool(numbers_in(text))
    procedure = bool(_PROCEDURE.search(text))
    scores: dict[Kind, float] = {}
    scores["future"] = 3.0 * bool(_FUTURE.search(text))
    scores["caveat"] = 3.0 * is_caveat(sentence) + 2.0 * (
        role in ("results", "discussion", "conclusion") and bool(_CONCESSION.search(text))
    )
    scores["hedge"] = 3.0 * bool(_HEDGE.search(text))
    comparison = 2.0 * bool(_EXPLICIT_COMPARISON.search(text)) + (
        bool(_COMPARISON.search(text)) and (numbered or role == "results")
    )
    defines = defined_term(sentence) is not None
    finding = bool(_FINDING.search(text)) or bool(_REPORTED.search(text))
    # A test announced, with no outcome, is its set-up.
    planned = bool(_TEST_PLANNED.search(text)) and not (
        finding or numbered or _COMPARATIVE.search(text) or _OUTCOME_SAID.search(text)
    )
    # "Linear Reading is a non-personalized baseline that …" says what a baseline is, not
    # how it compares.
    scores["comparison"] = (
        comparison
        + numbered * (comparison > 0)
        - 2.0 * procedure  # "… for our models and baselines were chosen via line search"
        - 2.0 * (role == "related")
        - 1.0 * (defines and not numbered)
        - 2.0 * planned
    )
    evidence = 2.0 * finding + bool(_COMPARATIVE.search(text))
    scores["result"] = (
        evidence + (numbered + (role == "results")) * (evidence > 0) - 2.0 * procedure
    )
    objective = bool(_OBJECTIVE_TERM.search(text)) and bool(_OBJECTIVE_USE.search(text))
    scores["objective"] = (3.0 if role in ("method", "background") else 1.0) * objective
    setup = bool(_SETUP.search(text))
    # A set-up is clear from its words (data, benchmark, seeds …), not from its section alone.
    scores["setup"] = 2.0 * setup + 0.5 * (role == "setup") + 0.5 * procedure - 2.0 * finding
    # "MQA (Shazeer, 2019) and GQA are proposed": a cited proposal, by no one named, is
    # someone else's.
    others = (
        sentence.cites
        and bool(_PROPOSED.search(text))
        and not _OWN.search(text)
        and not _THIS_WORK.search(text)
    )
    scores["proposal"] = 3.0 * bool(_PROPOSAL.search(text)) * (not others)
    scores["definition"] = 3.0 * defines
    problems = len(_PROBLEM.findall(text))
    scores["motivation"] = (role in _INTRODUCTORY) * min(1.0 + problems, 3.0) * (problems > 0)
    prior = bool(_PRIOR.search(text)) or cites_first(sentence.original)
    # "… were first applied to 3D object recognition in Voxnet [20]": a cited first use
    prior = prior or (sentence.cites and bool(_FIRST_USED.search(text)))
    prior = prior or others
    scores["prior"] = (role == "related") + 2.0 * prior * (role != "results")
    steps = len(set(_MECHANISM.findall(text))) + 2 * bool(_OWN_STEP.search(text))
    aside = bool(_ASIDE.search(text)) or prior
    scores["mechanism"] = (role in ("method", "background")) * max(min(steps, 3) - 1.5 * aside, 0)
    scores["claim"] = (2.0 * bool(_CLAIM.search(text)) + (role == "conclusion")) * (
        role in ("conclusion", "abstract", "discussion")
    )
    return scores


_YEAR_CITED = re.compile(r"\((?:19|20)\d{2}[a-z]?\)")
_ET_AL_FIRST = re.compile(r"^(?:In (?:19|20)\d{2}, )?[A-Z][\w'’-]+ et al\.?\s")
_NAME_JOINS = frozenset(["and", "&", "et", "al.", "al", "van", "von", "de", "der", "la", "le"])
NAMED_SUBJECT_WORDS = 8  # "Previously Hinton and Van Camp (1993)": a name list, this long


def setup_words(text: str) -> list[str]:
    """The words that mark a line as set-up ("hyperparameters", "datasets", "we train")."""
    return [m.group(0).lower() for m in _SETUP.finditer(text)]


def cites_first(original: str) -> bool:
    """Whether a line opens on other authors cited by name ("Titsias and Lázaro-Gredilla
    (2014) considered …", "Previously Hinton and Van Camp (1993) suggested …"): their
    work, not this paper's."""
    if _ET_AL_FIRST.match(original):
        return True  # "In 2017, Dolatabi et al. proposed …", its "[5]" taken out
    year = _YEAR_CITED.search(original)
    if year is None:
        return False
    before = original[: year.start()].split()
    names = [w for w in before if w not in _NAME_JOINS]
    if not names or len(before) > NAMED_SUBJECT_WORDS:
        return False
    return all(w[:1].isupper() for w in names)


def sentence_kind(sentence: Sentence) -> Kind:
    """The question this sentence answers best (see the module's docstring)."""
    scores = kind_scores(sentence)
    kind = max(scores, key=lambda k: scores[k])
    return kind if scores[kind] >= 1.0 else "other"


def answers_clearly(sentence: Sentence) -> bool:
    """Whether the sentence answers its kind's question clearly enough to be asked it: strong
    evidence for that kind, and clearly more than for any other."""
    scores = sorted(kind_scores(sentence).values(), reverse=True)
    return scores[0] >= 2.0 and scores[0] >= scores[1] + 1.0


def states_limit(text: str) -> bool:
    """Whether a line names a weakness in so many words ("a limitation", "we failed to",
    "not tested"), not only in a softer word ("however", "only") of a limitations section."""
    return bool(_CAVEAT.search(text)) and not _SOLVES.search(text)


def is_caveat(sentence: Sentence) -> bool:
    """The paper's own admission of a weakness: said plainly, or with a softer word inside a
    section about its limits (elsewhere "cannot" is usually a design rule). In the
    introduction and related work a weakness is someone else's unless the authors own it."""
    text = sentence.text
    if sentence.listed_limit and not _FUTURE.search(text):
        return True
    if sentence.role in ("abstract", "introduction", "related", "background") and not _OWN.search(
        text
    ):
        return False
    if sentence.role == "method" and _RULE.match(text) and _CHOSEN_NOT.search(text):
        return False  # "If there is no object in a cell we do not consider any loss …"
    if states_limit(text):
        return True
    return sentence.role == "discussion" and bool(_WEAK_CAVEAT.search(text))


def defined_term(sentence: Sentence) -> str | None:
    """The term a sentence defines ("X is a …"), when it names one in a few words."""
    match = _DEFINITION.match(sentence.text)
    if not match:
        return None
    term = match.group("term")
    if term.split()[0].lower() in _NOT_A_TERM or len(term) > 40 or _CITED_NAMES.match(term):
        return None
    if _WHAT_MATTERS.match(term):
        return None
    if match.group("praise") and not _DESCRIBED.search(sentence.text, match.end()):
        return None  # "WP is a rich source of information": praise says nothing of what WP is
    return term


def plural(sentence: Sentence) -> bool:
    """Whether the term a sentence defines is plural ("Academic papers are …")."""
    match = _DEFINITION.match(sentence.text)
    return match is not None and match.group("be") == "are"
