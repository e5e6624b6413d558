"""What a line of the script says, read from its text alone: its figures, the names and
terms it shares with the paper. Both writers' scripts are read the same way: nothing here
looks at source_refs or review.json.

The conversation checks ask the same few things of a turn: does it say anything (a figure,
a name the paper has, words the paper uses), what is it about (its terms), and does it
share that subject with another turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paperdive.writing.check import PaperIndex, content_words, name_forms, names_in
from paperdive.writing.quantities import figures
from paperdive.writing.sentences import split_sentences
from paperdive.writing.spoken import Acronyms

# Words of conversation, not of the paper: they carry no subject even when the paper
# happens to use them ("fair", "point", "say", "thing").
CONVERSATION = frozenset(
    content_words(
        "actually again agree agreed ask asked bit catch certain clear come comes concrete "
        "concretely course definitely else even exact exactly fair fine folks follow get gets "
        "give go goes going good great guess happen happens hear heard hold idea interesting "
        "kind know let listen listener listeners look lot make makes mean means mind more much "
        "need okay part piece play point pretty put question quick quite rather real really "
        "remember say says see seem show shows something sort sound sounds start story sure "
        "take talk tell thank thanks thing things think though thought time today told true "
        "try turn understand want way whole why wonder word work works worth wrong yes "
        "answer answers back first next last little big same different other others people "
        "someone everyone anything everything nothing stuff paper papers author authors "
        "study studies"
    )
)
# Words a question is made of, never its subject ("what exactly does X do").
QUESTION_WORDS = frozenset(
    content_words(
        "does did done doing whose whom which where when while whether tested test tests "
        "testing measure measured measuring measurement setup set-up evaluate evaluated "
        "evaluation result results outcome find found number numbers figure figures compare "
        "compared versus baseline baselines reason why how happen happened matter matters "
        "problem work worked working exactly actually bottom line take-away takeaway upshot "
        "next future still open left catch downside weak weakness limit limits admit"
    )
)
MIN_TERMS = 2  # paper terms a turn needs to say something without a figure or a name


@dataclass
class PaperTerms:
    """The paper's vocabulary and names, to tell a line that says something about the paper
    from one that says nothing ("Mm.", "Go on.")."""

    index: PaperIndex
    vocabulary: frozenset[str] = field(init=False)
    acronyms: Acronyms = field(init=False)
    _names: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        own = [p for p in self.index.passages if not p.bibliography]
        self.vocabulary = frozenset(w for p in own for w in p.words)
        self.acronyms = Acronyms.of(" ".join(p.text for p in own))

    def terms(self, text: str) -> set[str]:
        """The paper's words in `text` (stemmed), words of conversation left out."""
        return {w for w in content_words(text) if w in self.vocabulary and w not in CONVERSATION}

    def names(self, text: str) -> set[str]:
        """The names in `text` the paper has ("EAGLE-3", "MoBA"), as squashed keys."""
        found: set[str] = set()
        for name in dict.fromkeys(names_in(text)):
            forms = name_forms(name)
            if not forms:
                continue
            if name not in self._names:
                self._names[name] = self.index.find_name(name) is not None
            if self._names[name]:
                found.add(forms[0])
        return found

    def subject(self, text: str) -> set[str]:
        """What `text` is about: its paper terms and names, the words a question is made of
        left out; an acronym is about what its long form says ("RNN": recurrent, network)."""
        spelled = " ".join(
            long
            for short, long in self.acronyms.long_forms.items()
            if re.search(rf"\b{re.escape(short)}s?\b", text)
        )
        return (self.terms(f"{text} {spelled}") - QUESTION_WORDS) | self.names(text)

    def says_something(self, text: str) -> bool:
        """A figure, a name the paper has, or two of its terms."""
        return bool(figures(text) or self.names(text) or len(self.terms(text)) >= MIN_TERMS)


def opening(text: str, sentences: int) -> str:
    """The first `sentences` sentences of a turn: where an answer must start."""
    return " ".join(split_sentences(text)[:sentences])


_REACTION_WORDS = (
    r"mm+|mm-hm+|hm+|huh|oh|ah|wow|sure|right|okay|ok|yes|yeah|yep|fair|fair enough|true|"
    r"exactly|indeed|interesting|got it|i see|agreed|absolutely|good|great|fine|well|so|and|"
    r"go on|go on then|all right|alright"
)
LEADING_REACTION = re.compile(rf"^(?:(?:{_REACTION_WORDS})[,.!]?\s+)+", re.IGNORECASE)
