"""Checks on the conversation: how many turns are filler, and whether each question the
hosts ask is answered by the line that follows it.

A question is typed by its words (why → motivation, how does → mechanism, compared to what
→ comparison …); the next turn, by the other host, must say something from the paper and
its first sentence must be the kind of thing that answers that type: a number for "give me
the number", a baseline for "compared to what", an admission for "what's the catch". A
question of no recognisable type ("Okay, and?") fits nothing.
"""

from __future__ import annotations

import re

from paperdive.evaluate.lines import PaperLines, content_words, turn_sentences
from paperdive.evaluate.report import Check, share
from paperdive.models import Script

MAX_FILLER_SHARE = 0.10
MIN_QUESTION_FIT = 0.90
_LEADING_REACTION = re.compile(
    r"^(?:(?:right|okay|ok|mm|mm-hm|sure|fair|huh|yes|yeah|exactly|true|well|so|and|"
    r"interesting|got it|i see)[,.!]?\s+)+",
    re.IGNORECASE,
)


def _pattern(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})", re.IGNORECASE)


# Question types by their words, tried in order.
QUESTION_TYPES: list[tuple[str, re.Pattern[str]]] = [
    (name, _pattern(words))
    for name, words in (
        # "How does X work?" asks how, whatever X is called ("the scale mixture prior").
        (
            "mechanism",
            r"under the hood|mechanic|how does (?:[\w\-]+ ){0,5}work|how is (?:that|it) built",
        ),
        (
            "number",
            r"the numbers?\b|how much\b|how many\b|by how much|how big is the|"
            r"measurement|what score|what percent",
        ),
        ("comparison", r"compar\w*|baseline|against\b|versus|stack up|better than what"),
        (
            "caveat",
            r"catch\b|falls? short|admit|weak|limit|downside|concede|drawback|"
            r"push back",
        ),
        ("hedge", r"sure\b|confident|hunch|certain\b"),
        ("future", r"future|next\?|do next|still open|left for"),
        ("takeaway", r"take-?away|remember|bottom line|upshot"),
        ("prior", r"before\?|others\b|earlier|prior\b|out there|existing|previous"),
        (
            "setup",
            r"test\w*|setup|set-up|measur\w*|evaluat\w*|train\w*|data\b|benchmark|"
            r"temperature|runs?\b|scale\b|models? tested|took part|judged",
        ),
        (
            "result",
            r"find\b|found\b|results?\b|outcome|show\b|happen|came out|how did|how well|"
            r"turn out|headline",
        ),
        ("objective", r"optimi[sz]\w*|objective|loss\b|reward"),
        ("proposal", r"propos\w*|idea\b|their answer|solution|come in\b"),
        ("motivation", r"why\b|problem\b|hard\?|matter|wrong|care\b|worth"),
        ("mechanism", r"how (?:does|do|is|are)\b|work\?|built\b"),
        ("definition", r"what(?:'s| is| are)\b|mean\b|defin"),
    )
]
# What a first answering sentence of each type says.
ANSWERS: dict[str, re.Pattern[str]] = {
    name: _pattern(words)
    for name, words in {
        "number": r"\d",
        "comparison": r"than\b|compar\w*|versus|vs\b|outperform\w*|baseline\w*|relative\b|"
        r"over\b|beat\w*|exceed\w*|surpass\w*|match\w*|on par|similar\w*|same\b|better|"
        r"worse|while\b|whereas|gap\b",
        "caveat": r"limit\w*|only\b|not\b|no\b|cannot|fail\w*|however|but\b|although|though|"
        r"while\b|potential\w*|initially|"
        r"may\b|might\b|could\b|unclear|assum\w*|depend\w*|sensitiv\w*|restrict\w*|single\b|"
        r"cost\w*|expensive|overhead|drawback|trade-?off|worse|higher|lower|bias\w*|risk\w*|"
        r"without\b|future\b",
        "hedge": r"may\b|might\b|could\b|likely|possibl\w*|speculat\w*|hypothes\w*|"
        r"conjectur\w*|suspect|believe|expect\w*|suggest\w*|unclear|attribut\w*|perhaps|"
        r"seem\w*|appear\w*",
        "future": r"future|next\b|plan\w*|leave\b|left\b|extend\w*|explor\w*|further|open\b|"
        r"remain\w*|investigat\w*|hope",
        "setup": r"train\w*|evaluat\w*|test\w*|measur\w*|data\w*|benchmark\w*|set to|"
        r"hyper-?parameters?|learning rate|batch|GPU\w*|seeds?|runs?\b|temperature|sampl\w*|"
        r"baseline\w*|models?\b|tokens?\b|steps?\b|epochs?|metrics?|tasks?\b|participants?|"
        r"users?\b|annotat\w*|experiment\w*|parameters|\d",
        "result": r"\d|achiev\w*|outperform\w*|improv\w*|reach\w*|result\w*|show\w*|find\b|"
        r"found\b|observ\w*|reduc\w*|increas\w*|faster|slower|better|worse|higher|lower|"
        r"accura\w*|scor\w*|gain\w*|perform\w*|effective\w*|demonstrat\w*|compar\w*|"
        r"leads? to|yield\w*",
        "objective": r"loss\w*|objective|reward|likelihood|optimi[sz]\w*|minimi[sz]\w*|"
        r"maximi[sz]\w*|penalt\w*|regulari[sz]\w*|divergence|entropy|train\w* to",
        "mechanism": r"by\b|using\b|uses?\b|comput\w*|select\w*|split\w*|rout\w*|map\w*|"
        r"encod\w*|decod\w*|generat\w*|predict\w*|combin\w*|replac\w*|assign\w*|attend\w*|"
        r"appl\w*|learn\w*|partition\w*|first\b|then\b|each\b|every\b|into\b|through\b|"
        r"via\b|consist\w*|process\w*|steps?\b|layers?\b|blocks?\b|modules?\b|networks?\b|"
        r"based on|add(?:s|ed)\b|normali[sz]\w*|feed\w*|inputs?\b",
        "definition": r"is\b|are\b|refers? to|denotes?|means\b|called|termed|defined|"
        r"introduc\w*|propos\w*|named\b",
        "proposal": r"propos\w*|introduc\w*|present\w*|design\w*|develop\w*|method\w*|"
        r"approach\w*|architecture|framework|model\w*|system\w*|called|termed|named|idea",
        "motivation": r"cost\w*|expensive|hard\b|difficult\w*|challeng\w*|limit\w*|"
        r"bottleneck\w*|slow\w*|quadratic\w*|remain\w*|lack\w*|fail\w*|suffer\w*|struggl\w*|"
        r"requir\w*|need\w*|inefficien\w*|prohibitive\w*|because|issue\w*|problem\w*|"
        r"however|but\b|essential|crucial|critical|important|demand\w*|grow\w*",
        "prior": r"prior\b|previous\w*|existing|earlier|approach\w*|method\w*|work\b|"
        r"proposed|studied|explored|such as|traditional|conventional|typical\w*|common\w*|"
        r"recent\w*|have been|has been|literature|colleagues|et al|introduced",
        "takeaway": r"\w",
    }.items()
}


def question_type(question: str) -> str | None:
    return next((name for name, pattern in QUESTION_TYPES if pattern.search(question)), None)


def answers(kind: str, question: str, answer: str) -> bool:
    """Whether `answer` (the first sentence said after the question) is an answer of the
    question's kind; a definition must also name what was asked about."""
    answer = _LEADING_REACTION.sub("", answer)
    if not ANSWERS[kind].search(answer):
        return False
    if kind == "definition":
        asked = set(
            content_words(re.sub(r"(?i)\b(?:what(?:'s| is| are)|remind me|and)\b", "", question))
        )
        return not asked or bool(asked & set(content_words(answer)))
    return True


def _question_of(sentences: list[str]) -> str | None:
    """The question a turn ends on, if it ends on one."""
    return sentences[-1] if sentences and sentences[-1].rstrip().endswith("?") else None


def filler_share(script: Script, lines: PaperLines) -> Check:
    """Turns that say nothing from the paper and are neither a question nor the opening of a
    chapter or the sign-off: "Go on.", "Interesting.", "That's fair."."""
    said = turn_sentences(script)
    openings = {
        min(i for i, t in enumerate(script.turns) if t.chapter == c)
        for c in {t.chapter for t in script.turns}
    }
    filler = [
        f"turn {i + 1}: {turn.text}"
        for i, (turn, sentences) in enumerate(zip(script.turns, said, strict=True))
        if i not in openings
        and i != len(script.turns) - 1
        and _question_of(sentences) is None
        and not lines.from_paper(turn.text)
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


def question_fit(script: Script, lines: PaperLines) -> Check:
    """Each question is followed by the other host saying, from the paper, the kind of
    thing it asks for."""
    said = turn_sentences(script)
    asked = fitted = 0
    problems: list[str] = []
    for i, turn in enumerate(script.turns):
        question = _question_of(said[i])
        if question is None:
            continue
        asked += 1
        kind = question_type(question)
        following = script.turns[i + 1] if i + 1 < len(script.turns) else None
        if kind is None:
            problems.append(f"turn {i + 1}: {question!r} asks nothing in particular")
        elif following is None or following.host == turn.host or not said[i + 1]:
            problems.append(f"turn {i + 1}: {question!r} is never answered")
        elif not lines.from_paper(following.text):
            problems.append(f"turn {i + 1}: {question!r} is answered with nothing from the paper")
        elif not answers(kind, question, said[i + 1][0]):
            problems.append(f"turn {i + 1}: {question!r} ({kind}) → {said[i + 1][0]!r}")
        else:
            fitted += 1
    return Check(
        area="conversation",
        name="questions fit their answers",
        result=share(fitted, asked),
        target=f"≥ {MIN_QUESTION_FIT:.0%}",
        passed=fitted >= MIN_QUESTION_FIT * asked,
        problems=problems,
    )
