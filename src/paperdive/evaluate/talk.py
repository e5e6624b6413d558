"""Checks on the conversation, read from the text alone (the same for every writer): how
many turns say nothing, whether each question is answered by the other host's next turn,
reactions placed as decoration, and whether the hosts keep their roles.

A question is typed by its words ("how much" asks for a figure, "measured how" for a
metric or data, "why" for a reason, "does it" for a yes or no …). It fits when the other
host's next turn, in its first sentences, gives the kind of thing asked for: a figure, a
metric, a reason, a yes or a no. A question whose kind says little of its answer ("what
about X?", "And the result?") must also be answered about its subject: a term or name of
the question, or of the turn it follows up. People answer first and explain after, so a
short lead ("No.", "Mock-ups.", "Under a point: …") or a count ("Two reasons.") is an answer.
The old offline writer's "Measured how?" answered by a learning-rate schedule fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from paperdive.evaluate.report import Check, share
from paperdive.evaluate.terms import LEADING_REACTION, PaperTerms, opening
from paperdive.models import Script, Turn
from paperdive.writing.quantities import figures, quantities
from paperdive.writing.sentences import split_sentences

# Share of turns that may say nothing. The offline writer's "Okay, and?" / "Go on." ran at
# 19-26% of turns (issue 9); the live model scripts have 0-3%.
MAX_FILLER_SHARE = 0.10
CLAIM_WORDS = 6  # a sentence this long states something of the host's own ("None of which holds")
# Share of questions the next turn must answer. The model scripts fit 80-96% (a cold-open
# question left hanging, a "why" met with an analogy); the old offline scripts 62-100%
# (their generic "What's the setup?" met by any paper sentence of the section).
MIN_QUESTION_FIT = 0.75
ANSWER_SENTENCES = 3  # an answer may open on "Two reasons." or "No." and give it next


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_AUX = (
    r"^(?:(?:and|but|so|then|or|okay|ok|wait|right|now|still|fine)[,.]?\s+)*"
    r"(?:do|does|did|is|are|was|were|can|could|will|would|should|has|have|had|"
    r"isn't|doesn't|don't|didn't|aren't|wasn't|won't|wouldn't|can't|couldn't|"
    r"shouldn't|hasn't|haven't|any|anything|is there|are there)\b"
)
# What a question asks for, tried in order: the first that matches types it.
ASKS: list[tuple[str, re.Pattern[str]]] = [
    # "How much of this win is engineering?" asks how far, not for a figure.
    ("extent", _words(r"\bhow much of\b|\bhow far\b|\bto what extent\b|\bhow many of\b")),
    # "Who ran these evaluations?", "Whose setup produced these numbers?": asks for people
    # ("Who decides?" of a router asks what the method does; "Who judged the answers?"
    # asks how they were scored).
    (
        "who",
        _words(r"^(?:and |so )?(?:whose\b|who (?:ran|did|made|built|wrote|chose|picked)\b)"),
    ),
    (
        "yesno",
        _words(
            r",\s*(?:isn't|wasn't|doesn't|didn't|aren't|weren't|don't|can't|won't|right|no)"
            r"(?:\s+\w+)?\?$"
        ),
    ),
    (
        "hedge",
        _words(
            r"\bhow (?:sure|confident|certain)\b|\bconfident\b|\bhunch\w*|\bone run\b|"
            r"\bguess\w*|\bspeculat\w*|\bhypothes\w*|\bunproven\b"
        ),
    ),
    (
        "figure",
        _words(
            r"\bhow (?:much|many|big|large|fast|slow|long|often|far|close|high|low|small|"
            r"expensive|cheap|wide|deep)\b|\bby how much\b|\bwhat (?:score|percent\w*|share|"
            r"fraction|rate|size|accuracy|speed-?up|margin|ratio)\b|\bat what (?:scale|size|"
            r"sparsity|length|cost|rate|budget|point)\b|\bthe numbers?\b|\bwhat (?:are|were) "
            r"the (?:numbers|figures)\b"
        ),
    ),
    ("choice", _words(_AUX + r".*\bor\b")),  # "Is the gap real, or noise?"
    ("yesno", _words(_AUX)),
    (
        "measure",
        _words(
            r"\bmeasur\w*|\bevaluat\w*|\btest(?:ed|s|ing)?\b|\bset-?up\b|\btrain(?:ed)? "
            r"(?:and test )?on\b|\bwhat data\b|\bwhich data\b|\bmetric\w*|\bjudged\b"
        ),
    ),
    (
        "reason",
        _words(r"\bwhy\b|\bhow come\b|\bbecause\?|\bwhat for\b|\bwhere do(?:es)? .* come from\b"),
    ),
    (
        "comparison",
        _words(
            r"\bcompar\w*|\bagainst (?:what|which|whom)\b|\bbaselines?\b|\bversus\b|\bvs\b|"
            r"\bstack up\b|\bbar to beat\b|\bbetter than (?:what|which)\b"
        ),
    ),
    (
        "caveat",
        _words(
            r"\bcatch\b|\bdownside|\bfalls? short|\bweak\w*|\blimit\w*|\bdrawback|\badmit|"
            r"\bconcede|\bcaveat|\bwhat(?:'s| is) (?:wrong|missing)|\brisks?\b|\bgo wrong\b"
        ),
    ),
    (
        "future",
        _words(
            r"\bfuture\b|\bdo next\b|\bnext\?|\bstill open\b|\bleave open|\bleft open|"
            r"\bwhat(?:'s| is) left\b|\bopen question"
        ),
    ),
    (
        "takeaway",
        _words(
            r"\btake-?away|\bremember\b|\bbottom line|\bupshot|\bbelieve after|"
            r"\bsum (?:it )?up|\bholds? up\b|\bsteal\b|\btake from\b"
        ),
    ),
    (
        "result",
        _words(
            r"\bhow did (?:[\w\-.]+ ){1,3}do\b|\bhow well\b|\bresults?\b|\boutcome|"
            r"\bwhat (?:did|do) (?:they|it|the \w+) (?:find|get|show)\b|\bcame out\b|"
            r"\bturn(?:ed)? out\b|\bbuy\b|\bpay off\b"
        ),
    ),
    (
        "mechanism",
        _words(
            r"\bhow (?:does|do|did|is|are|was|were|can|would|could|should)\b|\bdecide how\b|"
            r"\bhow,|\bunder the hood\b|\bmechanic\w*|\bwhat exactly does\b|\bwork\?"
        ),
    ),
    ("what", _words(r"\b(?:what|which|who|whom|whose|where|when|how)\b")),
]
# "Their results should be adapted to binary splits": what the work still needs done.
UNDONE = r"\bshould (?:also |still )?be (?:adapted|extended|generali[sz]ed|tested|validated)\b"
_NO_FIGURE = (
    r"\b(?:doesn't|does not|don't|do not|didn't|did not|never)\s+(?:\w+\s+)?(?:say|give|"
    r"report|state|measure|quantif\w*|break)\b|(?:\bnot|n't) (?:reported|given|stated|measured|"
    r"quantified)\b|\bno (?:number|figure|measurement|count)s?\b|\bonly in a (?:figure|plot|"
    r"chart|graph)\b|\bunreported\b|\bunclear\b"
)
# What the first sentences of a fitting answer say, by what was asked.
GIVES: dict[str, re.Pattern[str]] = {
    kind: _words(pattern)
    for kind, pattern in {
        "figure": _NO_FIGURE,  # or any figure: see _gives
        "measure": r"\bloss\b|\baccura\w*|\berrors?\b|\bscor\w*|\bperplexit\w*|\bbenchmark\w*|"
        r"\bdata(?:sets?)?\b|\bcorpus|\btest set|\bvalidation|\bheld-out|\bparticipants?\b|"
        r"\busers?\b|\bmetric\w*|\bpass@|\bwin rate|\bjudg\w*|\brat(?:ed|ing)s?\b|\bhuman\w*|"
        r"\bsurvey\w*|\binterview\w*|\bablat\w*|\bbaselines?\b|\bcompar\w*|\bagainst\b|"
        r"\bversus\b|\bmeasur\w*|\bevaluat\w*|\b(?:test|train)(?:ed|s)? on\b|\bexam\w*|"
        r"\bquestions\b|\bproblems\b|\btasks?\b|\bstud(?:y|ies)\b|\bexperiment\w*|\bcount\w*|"
        r"\btim(?:e|ed|ing)\b|\bspeed\w*|\bthroughput\b|\blatency\b|" + _NO_FIGURE,
        "reason": r"\bbecause\b|\bsince\b|\bso that\b|\breason\w*|\bdue to\b|\bthat's why\b|"
        r"\botherwise\b|\bin order to\b|\bwhich means\b|\bmeans\b|\bcaus\w*|\bleads? to\b|"
        r"\bexplain\w*|\bargu\w*|\bpremise\b|\bthe (?:idea|point|problem|trouble|issue|"
        r"reason|answer) is\b|\bthink of\b|\bimagine\b|\bremember\b|\bdepends?\b|\bwithout\b|"
        r"\bthanks to\b|\bthe (?:cost|price)\b|\bso\b|\bdifficult\w*|\bhard\b|\bchalleng\w*|"
        r"\b(?:this|that|which|it) (?:ensures|prevents|avoids|keeps|lets|allows)\b|"
        r"\bto (?:ensure|avoid|prevent|keep|make|let|stop|reduce|allow)\b",
        "comparison": r"\bthan\b|\bcompar\w*|\bversus\b|\bvs\b|\bagainst\b|\bbaselines?\b|"
        r"\boutperform\w*|\bbeat\w*|\bmatch\w*|\bsame\b|\bon par\b|\bahead\b|\bbehind\b|"
        r"\btrail\w*|\bwhile\b|\bwhereas\b|\bgap\b|\brelative\b|\bboth\b|\bbetter\b|\bworse\b|"
        r"\btie[sd]?\b",
        "who": r"\bauthors?\b|\bthey\b|\btheir\b|\bteam\b|\bet al\b|\bcolleagues\b|"
        r"\bannotators?\b|\braters?\b|\bjudges?\b|\bparticipants?\b|\bhumans?\b|\bexperts?\b|"
        r"\bcrowd\w*|\bown\b",
        "caveat": r"\bnot\b|\bno\b|n't\b|\bonly\b|\bbut\b|\bcannot\b|\bfail\w*|\bhowever\b|"
        r"\balthough\b|\blimit\w*|\bcosts?\b|\boverhead\w*|\bworse\b|\bslower\b|\brisk\w*|"
        r"\bunclear\b|\buntested\b|\bwithout\b|\bnever\b|\bassum\w*|\bdepend\w*|\bmissing\b|"
        r"\black\w*|\bsingle\b|\bdrawback\w*|\bweak\w*|\bnarrow\w*|\bexpensive\b|\bharder\b|"
        r"\btrade-?offs?\b|\bfragil\w*|\bbias\w*|\brestrict\w*|" + UNDONE,
        "hedge": r"\bmay\b|\bmight\b|\bcould\b|\blikely\b|\bpossibl\w*|\bspeculat\w*|"
        r"\bhypothes\w*|\bconjectur\w*|\bsuspect\w*|\bbeliev\w*|\bsuggest\w*|\bunclear\b|"
        r"\bnot sure\b|\bdon't know\b|\bpremise\b|\bargu\w*|\bone run\b|\bsingle run\b|"
        r"\bseeds?\b|\berror bars?\b|\buntested\b|\bconfiden\w*|\bevidence\b|\bn't\b|\bnot\b|"
        r"\bonly\b",
        "future": r"\bfuture\b|\bnext\b|\bplan\w*|\bleave\w*|\bleft\b|\bopen\b|\bextend\w*|"
        r"\bexplor\w*|\bfurther\b|\bremain\w*|\bhope\w*|\bnot yet\b|\bunsolved\b|"
        # what could come of it: "Hypergradients could be used with parallel optimization"
        r"\bwould like\b|\blater\b|\bcould be (?:used|applied|extended|combined)\b|"
        r"\b(?:could|might) (?:offer|enable|allow|help|improve|benefit)\b",
        "result": r"\btrack\w*|\bwithin\b|\bloss\b|\baccura\w*|"
        r"\bbetter\b|\bworse\b|\bimprov\w*|\breach\w*|\bscor\w*|\boutperform\w*|"
        r"\bmatch\w*|\bbeat\w*|\blower\b|\bhigher\b|\bfaster\b|\bslower\b|\bgain\w*|\bdrop\w*|"
        r"\bfell\b|\brose\b|\bwins?\b|\blost\b|\bsame\b|\bcomparabl\w*|\btie[sd]?\b|"
        r"\bsucceed\w*|\bfail\w*|\bwork(?:ed|s)\b|\bhelp\w*|\bhurt\w*|\bnarrow\w*|\bclos\w*|"
        r"\bgap\b|\bhigher\b|\bless\b|\bmore\b|\bfewer\b|\bwell\b|\bbest\b|\bpoorly\b|"
        # A finding said as a verdict: "highly realistic", "virtually indistinguishable".
        r"\brealistic\b|\bindistinguishable\b|\brecogni[sz]able\b|\bstate[- ]of[- ]the[- ]art\b",
        "mechanism": r"(?:^|[.!?]\s+)(?:if|when|once|whenever)\b|\bby\b|\busing\b|\buses?\b|"
        r"\binto\b|\bthrough\b|\bvia\b|\bfirst\b|"
        r"\bthen\b|\beach\b|\bevery\b|\binstead\b|\bsteps?\b|\bthink of\b|\bimagine\b|:",
        "yesno": r"^(?:\d|yes|yeah|yep|no|nope|not\b|never|always|right|exactly|true|correct|"
        r"partly|partially|mostly|somewhat|a little|a bit|sort of|kind of|in a way|only|just|"
        r"both|neither|nothing|none|some|barely|hardly|arguably|indeed|absolutely|definitely|"
        r"probably|maybe|perhaps|up to a point|to a degree|fair|it does|they do|it did|"
        r"they did|it is|they are|it can|they can|it was|they were|one|once|twice)\b|"
        r"\bnot\b|n't\b|\bonly\b|\bnever\b",
    }.items()
}
# Decorative reactions: a backchannel that says nothing, then the speaker goes on …
BACKCHANNEL = _words(
    r"^(?:mm+|mm-hm+|hm+|huh|oh|ah|wow|okay|ok|interesting|i see|got it|go on|all right|"
    r"alright|well)[.!]\s+\S"
)
# … or an agreement that agrees with nothing: no question asked, no claim of the other
# host's to concede, and the rest says nothing about what was said.
AGREEMENT = _words(
    r"^(?:sure|right|yes|yeah|yep|fair|fair enough|true|exactly|indeed|agreed|absolutely|"
    r"good|great|fine|correct|precisely)[.!]\s+\S"
)
# What the other host's turn must hold for an agreement to have something to agree with.
CLAIM = _words(
    r"\?|\bbut\b|\bthough\b|\bhowever\b|\bonly\b|\bnot\b|\bno\b|n't\b|\bnever\b|\bnothing\b|"
    r"\bwithout\b|\bworr\w*|\bdoubt\w*|\bwonder\w*|\bsuspect\w*|\bsounds?\b|\bso\b|"
    r"\bwhich means\b|\bthat's\b|\bi'd\b|\bi'm\b|\bi\b|\bme\b|\bmy\b"
)
# Decorative reactions, as a share of turns (one is always allowed): the old offline
# scripts had 2-9 (5-13% of turns), the model scripts 0-1 (under 1%).
MAX_DECORATIVE_SHARE = 0.02
# The skeptic asks and challenges; the explainer explains. The model scripts give the
# skeptic 77-100% of the questions and 80-95% of its turns ask or push back; the offline
# scripts 17-83% and 19-65% (the skeptic reads the paper's sentences too).
MIN_SKEPTIC_QUESTIONS = 0.70
MIN_SKEPTIC_CHALLENGES = 0.70
CHALLENGE = _words(
    r"\?|\bbut\b|\bthough\b|\bhowever\b|\bonly\b|\bnot\b|\bno\b|n't\b|\bnever\b|\bwithout\b|"
    r"\bdoubt\w*|\bworr\w*|\bwonder\w*|\breally\b|\bcatch\b|\bmiss\w*|\bassum\w*|\bsuspect\w*|"
    r"\bskeptic\w*|\bsounds?\b|\bhold on\b|\bwait\b|\bconvinc\w*|\bcherry\w*|\bunless\b|"
    r"\bwhether\b|\bjust\b|\bbuy\b|\bso\b|\bstill\b|\bif\b|"
    # the paper's own weak spot, held up: "The downside of the vine method is …"
    r"\bdownsides?\b|\bdrawbacks?\b|\bcaveats?\b|\bweak spots?\b|\btrail\w*|\bmudd\w*|"
    # the claim held to what bounds it or to the authors' own hedge: "The set-up bounds it:",
    # "A hunch, they admit:", "A tie, in effect:"
    r"\bbounds?\b|\bmind the set-up\b|\bsetbacks?\b|\bhedge\w*|"
    r"\bunproven\b|\bhunch\b|\badmit\w*|\btie\b|"
    r"\bwithin a hair\b|\bpush(?:es|ed)? back\b|"
    # concessions: "although", "whereas", and a sentence's opening "While X, …"
    r"\balthough\b|\bwhereas\b|(?:^|[.!?]\s+)while\b"
)


_WH = _words(r"\b(?:what|which|who|whom|whose|where|when|why|how)\b")
# Kinds a question without a question word may still be: "And 75%: one run, or many?"
_BEFORE_ECHO = ("extent", "yesno", "hedge", "figure", "takeaway")
# Kinds whose cue is only "says something": the answer must also share the subject.
# A take-away may sum up any part of the episode, so it needs no shared subject.
_WEAK_CUE = frozenset({"what", "echo", "extent", "choice"})


def ask_kind(question: str) -> str | None:
    """What a question asks for; None when it asks nothing in particular ("Okay, and?").
    A question with no question word that is no yes-or-no question either echoes what was
    said ("They got sigmoids to work?", "And at a million tokens?")."""
    question = LEADING_REACTION.sub("", question)
    kind = next((name for name, pattern in ASKS if pattern.search(question)), None)
    echoes = not _WH.search(question) and not re.match(_AUX, question, re.IGNORECASE)
    if echoes and kind not in _BEFORE_ECHO:
        # "And against LM?": a name said in capitals counts, however short
        named = re.findall(r"[A-Za-z]{3,}|\b[A-Z][A-Z0-9]+\b", question)
        return "echo" if len(named) >= 2 else None
    return kind


# "Two reasons.", "Three things.", "Four ways.": an answer that counts what it will give.
COUNTED = _words(
    r"^(?:(?:well|so|okay|right)[,.]?\s+)?(?:two|three|four|five|several|a few|a couple of)"
    r"(?:\s+[a-z\-]+){0,2}[.:,]"
)


HOW_MANY = _words(r"\bhow many\b")  # "Three." answers it; "how much faster" needs a figure
# "How are the parses expressed?" → "The parses are expressed in a tree format": the
# answer says how the thing asked about is done.
HOW_DONE = _words(r"\bhow (?:is|are|was|were) (?:[\w\-]+ ){1,5}?(?P<done>[a-z]{3,}ed)\?")


PURPOSE_LED = _words(r"^(?:to|in order to) [a-z][^,]{3,}, (?:they|we|the authors)\b")
# "How do they induce disentangled embeddings?" → "They propose an adversarial objective …":
# the step they take for a goal the question names is how they reach it.
GOAL_ASKED = _words(r"^how do (?:they|the authors) [a-z]")
DOER_LED = _words(
    r"^(?:they|the authors) (?:\w+ly )?"
    r"(?!(?:are|were|have|had|do|did|can|could|may|might|will|would|should|don|didn)\b)"
    r"[a-z]{3,}\b"
)


def gives(kind: str, question: str, answer: str, terms: PaperTerms) -> bool:
    """Whether the opening of an answer is the kind of thing `kind` asks for."""
    answer = LEADING_REACTION.sub("", answer) if kind != "yesno" else answer
    if kind == "figure":
        counted = quantities(answer) if HOW_MANY.search(question) else []
        return bool(figures(answer) or counted or GIVES["figure"].search(answer))
    if COUNTED.search(answer) and kind in ("reason", "mechanism", "future", "caveat"):
        return True
    if kind == "mechanism" and PURPOSE_LED.search(answer):
        return True  # "In order to X, they Y" says how they X
    if kind == "mechanism" and GOAL_ASKED.search(question) and DOER_LED.search(answer):
        return True  # "How do they X?" "They Y …"
    done = HOW_DONE.search(question) if kind == "mechanism" else None
    manner = r"(?:by|with|in(?! order)|into|using|via|through|as|from|on|over)"
    if done and re.search(rf"\b{done['done']} {manner}\b", answer, re.IGNORECASE):
        return True
    if kind in ("takeaway", "what", "echo", "extent", "choice"):
        return terms.says_something(answer)
    if kind in ("result", "yesno") and figures(split_sentences(answer)[0]):
        return True
    return bool(GIVES[kind].search(answer))


def question_of(text: str) -> str | None:
    """The question a turn ends on, if it ends on one."""
    sentences = split_sentences(text)
    return sentences[-1] if sentences and sentences[-1].rstrip().endswith("?") else None


CONTEXT_SENTENCES = 2  # of the turn before the question: what it follows up
SHORT_QUESTION = 8  # words: "And 75%: one run, or many?" refers to a figure as said


# A question that turns to a topic of its own: "What about the X?", "And the X, what about
# it?", "Where does the X come in?". Its answer is about X, whatever came before.
_NEW_TOPIC = re.compile(
    r"^(?:And )?what about\b|,\s*what about (?:it|them)\?$|\bcomes? in\?$", re.IGNORECASE
)


def _before(turns: list[Turn], i: int, question: str) -> str:
    """What a question follows up: the asker's words before it in the same turn and the
    last sentences of the turn before."""
    own = turns[i].text[: max(0, turns[i].text.rfind(question))]
    previous = split_sentences(turns[i - 1].text)[-CONTEXT_SENTENCES:] if i > 0 else []
    return own + " " + " ".join(previous)


DIRECT_WORDS = 6  # "A conjecture.", "It's dropped.", "Not reported.": an answer said first
FOLLOW_UP_WORDS = 25  # "Who were these people?" before the answer comes


def direct(turn: Turn, turns: list[Turn], terms: PaperTerms) -> bool:
    """A turn that opens on a short answer ("Mock-ups.", "Four of the six.") and goes on to
    say something: how people answer. A chapter's opening line ("The numbers.") is a
    signpost, not an answer."""
    first_of_chapter = next(t for t in turns if t.chapter == turn.chapter) is turn
    sentences = split_sentences(LEADING_REACTION.sub("", turn.text))
    if first_of_chapter or not sentences or sentences[0].endswith("?"):
        return False
    lead = re.split(r"[:;]", sentences[0])[0]  # "Under a point: 94.1 against 94.8."
    short = len(lead.split()) <= DIRECT_WORDS
    return short and terms.says_something(" ".join(sentences[:ANSWER_SENTENCES]))


def fits(
    turns: list[Turn], i: int, terms: PaperTerms, said_before: list[float]
) -> tuple[bool, str]:
    """Whether turn i's closing question is answered by the other host, and why not."""
    question = question_of(turns[i].text) or ""
    kind = ask_kind(question)
    j = i + 1
    if kind is None:
        return False, "asks nothing in particular"
    if j >= len(turns) or turns[j].host == turns[i].host:
        return False, "is not answered by the other host"
    unheard = [
        q.text
        for q in figures(question)
        if not any(abs(q.value - v) <= 0.01 * max(abs(v), 1e-9) for v in said_before)
    ]
    if unheard and len(question.split()) <= SHORT_QUESTION:
        return False, f"asks about {', '.join(unheard)}, which no one has said"
    back = question_of(turns[j].text)
    short = len(turns[j].text.split()) <= FOLLOW_UP_WORDS
    if back and short and j + 1 < len(turns) and turns[j + 1].host == turns[i].host:
        j += 1  # "Who were these people?": a question back, then the answer
    answer = opening(turns[j].text, ANSWER_SENTENCES)
    if direct(turns[j], turns, terms):
        return True, ""
    if not gives(kind, question, answer, terms):
        return False, f"({kind}) → {answer[:90]!r}"
    if kind not in _WEAK_CUE:
        return True, ""
    asked = terms.subject(question)
    if not (asked and _NEW_TOPIC.search(question)):  # "What about the gate?" names its own
        asked |= terms.subject(_before(turns, i, question))
    if asked and not asked & terms.subject(turns[j].text):
        return False, f"({kind}) → off the subject: {answer[:90]!r}"
    return True, ""


def question_fit(script: Script, terms: PaperTerms) -> Check:
    """Each question a turn ends on is answered by the other host's next turn: the kind of
    thing asked for, about what was asked."""
    asked = fitted = 0
    problems: list[str] = []
    said: list[float] = []
    for i, turn in enumerate(script.turns):
        question = question_of(turn.text)
        before_question = turn.text[: turn.text.rfind(question)] if question else turn.text
        said += [q.value for q in quantities(before_question)]
        if question is not None:
            asked += 1
            ok, why = fits(script.turns, i, terms, said)
            if ok:
                fitted += 1
            else:
                problems.append(f"turn {i + 1}: {question!r} {why}")
            said += [q.value for q in quantities(question)]
    return Check(
        area="conversation",
        name="questions fit their answers",
        result=share(fitted, asked),
        target=f"≥ {MIN_QUESTION_FIT:.0%}",
        passed=fitted >= MIN_QUESTION_FIT * asked,
        problems=problems,
    )


def is_filler(text: str, terms: PaperTerms) -> bool:
    """A turn with no content: no figure, no name or terms of the paper, no claim (a
    sentence of its own), no question of any kind: "Mm.", "Okay, and?", "Go on."."""
    if terms.says_something(text):
        return False
    sentences = split_sentences(text)
    if any(len(s.split()) >= CLAIM_WORDS and not s.endswith("?") for s in sentences):
        return False
    question = question_of(text)
    return question is None or ask_kind(question) is None


def filler_share(script: Script, terms: PaperTerms) -> Check:
    """Turns that say nothing, the sign-off aside."""
    filler = [
        f"turn {i + 1}: {turn.text}"
        for i, turn in enumerate(script.turns[:-1])
        if is_filler(turn.text, terms)
    ]
    total = len(script.turns)
    return Check(
        area="conversation",
        name="filler turns",
        result=share(len(filler), total),
        target=f"≤ {MAX_FILLER_SHARE:.0%}",
        passed=len(filler) <= MAX_FILLER_SHARE * total,
        problems=filler,
    )


def decorative(previous: Turn, turn: Turn, terms: PaperTerms) -> bool:
    """A reaction placed for show: "Mm." and on, or "Right." agreeing with nothing."""
    if previous.host == turn.host:
        return False
    if BACKCHANNEL.match(turn.text):
        return True
    if not AGREEMENT.match(turn.text):
        return False
    if CLAIM.search(previous.text):
        return False  # a question answered, a doubt conceded, a point taken
    rest = opening(LEADING_REACTION.sub("", turn.text), 2)
    return not terms.subject(rest) & terms.subject(previous.text)


def decorative_reactions(script: Script, terms: PaperTerms) -> Check:
    """Reactions that decorate rather than respond."""
    turns = script.turns
    found = [
        f"turn {i + 1}: {turn.text[:100]!r} after {turns[i - 1].text[-60:]!r}"
        for i, turn in enumerate(turns)
        if i > 0 and decorative(turns[i - 1], turn, terms)
    ]
    allowed = max(1, int(MAX_DECORATIVE_SHARE * len(turns)))
    return Check(
        area="conversation",
        name="decorative reactions",
        result=share(len(found), len(turns)),
        target=f"≤ {MAX_DECORATIVE_SHARE:.0%} of turns (at least 1 allowed)",
        passed=len(found) <= allowed,
        problems=found,
    )


def host_roles(script: Script) -> Check:
    """The skeptic asks and challenges; the explainer explains: most questions are the
    skeptic's, and most of the skeptic's turns ask or push back."""
    questions = [t.host for t in script.turns if question_of(t.text) is not None]
    # The goodbye, whoever says it, is the show's, not a role's (as in `filler_share`).
    turns = script.turns[:-1] if len(script.turns) > 1 else script.turns
    skeptic = [t for t in turns if t.host == "skeptic"]
    asks = questions.count("skeptic") / len(questions) if questions else 1.0
    challenges = _share(skeptic, lambda t: bool(CHALLENGE.search(t.text)))
    name = script.hosts.get("skeptic", "skeptic")
    problems = [
        f"turn {i + 1}: {t.text[:100]!r} neither asks nor challenges"
        for i, t in enumerate(turns)
        if t.host == "skeptic" and not CHALLENGE.search(t.text)
    ]
    return Check(
        area="conversation",
        name="host roles",
        result=f"{name} asks {asks:.0%} of {len(questions)} questions; "
        f"{challenges:.0%} of {name}'s {len(skeptic)} turns ask or challenge",
        target=f"≥ {MIN_SKEPTIC_QUESTIONS:.0%} of questions; "
        f"≥ {MIN_SKEPTIC_CHALLENGES:.0%} of turns",
        passed=asks >= MIN_SKEPTIC_QUESTIONS and challenges >= MIN_SKEPTIC_CHALLENGES,
        problems=problems,
    )


def _share(turns: list[Turn], test: Callable[[Turn], bool]) -> float:
    return sum(1 for t in turns if test(t)) / len(turns) if turns else 1.0
