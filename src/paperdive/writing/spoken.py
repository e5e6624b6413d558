"""Rewriting the paper's sentences for the ear, deterministically and safely.

A host reads a sentence without its asides: parentheticals and bracketed asides, author-year
citations, "e.g."/"such as" lists of names and "etc." are taken out, "i.e." is said as
"that is"; the paper's own typos are fixed only where the corrected word is one the paper
itself uses (a vocabulary check: nothing is guessed). Numbers are never touched.

Some sentences are not worth a listener's time at all: marketing boilerplate ("the dawn of
AGI", "pushing the boundaries"), generic statements about the field, and lists of three or
more names in a row. `worthless` says why such a sentence is left out.

Acronyms are expanded once per episode: `Acronyms` learns them from the paper's own
"large language models (LLMs)" and, over the script, says "large language models, or LLMs"
the first time and "LLMs" after.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# An acronym defined in the paper: "Mixture of Block Attention (MoBA)".
_ACRONYM_DEF = re.compile(
    r"(?P<long>(?:[A-Za-z][\w\-]*\s){0,7}[A-Za-z][\w\-]*)\s\((?P<short>[A-Z][A-Za-z0-9\-]{1,9})\)"
)
# Parenthetical and bracketed asides; nested ones go from the inside out.
# An aside in brackets, with the space before it; a prefix glued to its word ("the
# (dis)similarity", "(un)supervised") goes without that space, or the words run together.
_PAREN = re.compile(r"\s*\([^()]*\)(?![a-z])|\([a-z]{1,5}\)(?=[a-z])")
_BRACKET = re.compile(r"\s*\[[^\[\]]*\]")
# "large improvements (56–86% relative) over …", "accuracy (+3.2)": a figure that says how
# much, set in brackets; said as an aside between commas, not taken out with the others.
_FIGURE_ASIDE = re.compile(
    r"\s*\((?P<figure>(?:[-+−]\d+(?:\.\d+)?|\d+(?:\.\d+)?(?:\s?[–-]\s?\d+(?:\.\d+)?)?"
    r"\s?(?:%|×|x\b|pp\b|points?\b))"
    r"(?:\s(?:relative|absolute|on average|improvement|gain|reduction|increase|decrease))?)\)"
)
# A list item: a name ("Mamba", "RWKV", "GPT-4", "Sparse Transformer") or a number. A list
# cut must end where the aside does: "such as A, B, C, and D have begun" is cut whole or not
# at all, never before its last item.
_ITEM = r"(?:[A-Z][\w\-+*/]*(?:\.\d+)?(?:\s[A-Z0-9][\w\-+*/]*(?:\.\d+)?){0,3})"
_NAME_LIST = re.compile(
    rf",?\s*(?:such as|e\.g\.,?|for example,?|for instance,?|including|exemplified by|like)\s+"
    rf"(?:{_ITEM}(?:,\s*{_ITEM})+,?\s*(?:and|or)\s+{_ITEM}"
    rf"|(?>{_ITEM}(?:,\s*{_ITEM}){{2,}})(?!,?\s*(?:and|or)\s))"
    rf"(?:,?\s*etc\.?)?(?P<end>,|(?=[.;:!?](?:\s|$)))"
)
_ETC = re.compile(r",?\s*etc\.(?=\s*[,.;])|,?\s*etc\.?(?=\s*$)|,?\s*and so on\b")
# Three or more names in a row, after the lists above are cut: "H2O, StreamingLLM, TOVA".
_NAMES_IN_A_ROW = re.compile(
    r"(?<!^)(?<![.!?]\s)\b[A-Z][\w\-.]*(?:\s[A-Z0-9][\w\-.]*){0,2},\s+[A-Z][\w\-.]*"
    r"(?:\s[A-Z0-9][\w\-.]*){0,2},\s+(?:and\s+)?[A-Z][\w\-.]*"
)
_IE = re.compile(r"\bi\.e\.,?\s*")
_EG = re.compile(r"\be\.g\.,?\s*")
_VS = re.compile(r"\bvs\.?(?=\s)")  # "HC vs. PD", said "HC versus PD"
_HAVE_BE = re.compile(r"\b(have|has|had) be (?=\w+ed\b)")
# "They want to a preserve the information": an article left before a verb.
_TO_A_VERB = re.compile(r"\b(want|wants|need|needs|try|tries|aim|aims) to an? (?=\w+ the\b)")
# Marketing and generic statements about the field: nothing a listener learns from.
BOILERPLATE = re.compile(
    r"\b(?:AGI|artificial general intelligence|push(?:es|ing)? the (?:boundaries|frontiers?|"
    r"limits)|dawn of|a glimpse|pav(?:e|es|ing) the way|unprecedented|holy grail|"
    r"revolutioni[sz]\w*|game-?chang\w*|(?:has|have) (?:dramatically|significantly|greatly|"
    r"rapidly) (?:advanced|improved|transformed)|(?:has|have) (?:been|become) (?:a|an) "
    r"(?:critical|important|active|central|key|hot|major) (?:area|topic|field|direction|"
    r"research)|plays? (?:a|an) (?:crucial|key|important|pivotal|vital|central) role|"
    r"in recent years|recent years have (?:seen|witnessed)|(?:has|have) (?:attracted|garnered|"
    r"received|drawn) (?:much|significant|considerable|increasing|growing|wide) "
    r"(?:attention|interest)|continues? to evolve|it is expected that|represents? a "
    r"(?:significant|major|substantial) (?:advancement|step|advance|leap)|"
    r"(?:unique|their own) (?:advantages|strengths) and|landscape of|in the realm of|"
    r"(?:contributes|offers) a (?:novel|new) (?:approach|perspective)|"
    r"(?:an?|this) (?:innovative|exciting|powerful) (?:approach|solution|direction)|"
    r"we hope (?:that )?(?:this|our)|the pursuit of|mimic human|broad(?:er)? (?:community|"
    r"impact)|open(?:s|ing)? (?:up )?new (?:avenues|possibilities|directions)|"
    r"innovative|groundbreaking|cutting-edge|seamless|glimpse into|delv(?:e|es|ing) into|"
    r"significant (?:advance\w*|step|milestone)|superior performance|a testament to|"
    r"unlock(?:s|ing)? (?:\w+ ){0,2}potential|overwhelming advantages?|push(?:es|ing)? the "
    r"envelope)",
    re.IGNORECASE,
)
# How one host hands the floor to the other: never the start of a paper sentence.
_ADJECTIVE_ONLY = re.compile(
    r"\b(?:significant|superior|overwhelming|remarkable|impressive|excellent|outstanding|"
    r"strong|promising|novel|innovative|state-of-the-art|competitive)\b",
    re.IGNORECASE,
)
_SMALL = frozenset(("of", "the", "and", "for", "to", "in", "on", "with", "a", "an", "by"))
TYPO_MAX_COUNT = 1  # a word the paper spells this rarely may be a typo
TYPO_MIN_FIX_COUNT = 3  # the corrected word must occur at least this often
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
NAME_RATIO = 5  # a name written this many times as often as lower-cased is the paper's
TYPO_MIN_LENGTH = 7  # letters: a shorter rare word is as likely a word of its own ("once")
# A letter dropped from a word the paper writes beside the same neighbour ("Amazon datset"
# where it writes "Amazon dataset"): a slip this short already.
TYPO_DROPPED_MIN_LENGTH = 6
TYPO_PAIR_LENGTH = 10  # letters: a word this long may lose two neighbouring letters
# A long word that lost two letters beside a neighbour its right spelling also has: twice
# written right is enough (a long word is rarely one of its own two letters short).
TYPO_PAIR_FIX_COUNT = 2
TYPO_COMMON_COUNT = 10  # a word the paper uses this often is the one a long slip meant
_TOKENS = re.compile(r"[A-Za-z][A-Za-z\-]*")


# Praise words a host would not say: swapped for a plain word, or taken out, where that
# leaves the sentence as it was meant ("a novel architecture" → "a new architecture").
_PLAIN_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bnovel\b"), "new"),
    (re.compile(r"\bNovel\b"), "New"),
    (re.compile(r"\b(?:seamlessly|innovatively) "), ""),
    (re.compile(r"^(?:In summary|To summarize|In short|Overall),\s+"), ""),
    # A connective that only links to the sentence before: "Thus, BN transform is …".
    (re.compile(r"^(?:Thus|Therefore|Hence|Consequently|As a result),\s+"), ""),
    (re.compile(r"^The (?:first|second|third)(?: \w+)? is that\s+"), ""),
    # The written aside "Note that …", said aloud, sounds read: the claim is said plainly.
    (re.compile(r"^(?:Note|Notice|Observe),? that\s+"), ""),
    (
        re.compile(
            r"\bit is (?:important|worth|crucial) to (?:note|acknowledge|mention|point out) "
            r"(?:that )?",
            re.IGNORECASE,
        ),
        "",
    ),
]


def plain_words(text: str) -> str:
    for pattern, replacement in _PLAIN_WORDS:
        text = pattern.sub(replacement, text)
    return text[:1].upper() + text[1:]


def without_asides(text: str) -> str:
    """Parentheticals, bracketed asides, lists of names after "such as"/"e.g." and "etc."
    taken out; "i.e." and a lone "e.g." said in words."""
    text = _variant_tags_said(text)
    text = _FIGURE_ASIDE.sub(r", \g<figure>,", text)
    previous = None
    while previous != text:
        previous = text
        text = _PAREN.sub("", text)
        text = _BRACKET.sub("", text)
    text = _NAME_LIST.sub(lambda m: "," if m.group("end") == "," and _comma_before(m) else "", text)
    text = _ETC.sub("", text)
    text = _IE.sub("that is, ", text)
    text = _EG.sub("for example, ", text)
    text = _VS.sub("versus", text)
    text = _HAVE_BE.sub(r"\1 been ", text)
    text = _TO_A_VERB.sub(r"\1 to ", text)
    text = plain_words(text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r",\s*(?=[.;:!?])", "", text)
    return " ".join(text.split())


# "DeepSeek-V2 Chat (RL) … over DeepSeek-V2 Chat (SFT)": tags that tell two variants apart.
# "LightFM (tags + ids)": a tag may join its parts with a plus, said "and".
_VARIANT_TAG = re.compile(r"(?P<name>\b[A-Z][\w\-.]*) \((?P<tag>[A-Za-z][\w\-+ ]{0,24})\)")


_PLUS = re.compile(r"\s*\+\s*")


def _variant_tags_said(text: str) -> str:
    """A name given with two different tags keeps them, said as words: taking them out as
    asides would leave the name compared with itself."""
    tags: dict[str, set[str]] = {}
    for match in _VARIANT_TAG.finditer(text):
        if not _defines_acronym(text[: match.end("name")], match["tag"]):
            tags.setdefault(match["name"], set()).add(match["tag"])
    if all(len(found) < 2 for found in tags.values()):
        return text
    return _VARIANT_TAG.sub(
        lambda m: (
            f"{m['name']} {_PLUS.sub(' and ', m['tag'])}"
            if len(tags.get(m["name"], ())) > 1
            else m.group(0)
        ),
        text,
    )


def _defines_acronym(before: str, tag: str) -> bool:
    """Whether `tag` is the acronym of the words just before it ("Grouped-Query Attention
    (GQA)"): a definition, not a variant's tag."""
    return _long_form(before.split()[-8:], tag) is not None


def _comma_before(match: re.Match[str]) -> bool:
    """Whether the cut list was an aside between commas (", such as A, B and C, have
    been …"): then one comma closes the gap only if the sentence had one before it."""
    return not match.group(0).startswith(",")


# Where the PDF dropped a symbol: "but since is likely the output of …", "Thus, is orthogonal".
_HOLE = re.compile(
    r"\b(?:since|because|if|when|while|whereas|thus,?|hence,?|so|where) (?:is|are|was|were|"
    r"has|have|can|will|would)\b|^(?:is|are|was|were) ",
    re.IGNORECASE,
)


def worthless(text: str) -> str | None:
    """Why a sentence is not worth saying (boilerplate, a list of names, a hole where a
    symbol was), or None."""
    if BOILERPLATE.search(text):
        return "boilerplate"
    if _HOLE.search(text):
        return "symbol dropped"
    if _NAMES_IN_A_ROW.search(text):
        return "list of names"
    return None


def vague(text: str) -> int:
    """How many praise words stand in for figures ("superior", "significant")."""
    return len(_ADJECTIVE_ONLY.findall(text))


@dataclass
class Typos:
    """The paper's own misspellings, each with the spelling the paper uses elsewhere."""

    fixes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> Typos:
        tokens = _tokens(text)
        counts = Counter(tokens)
        pairs = Counter(zip(tokens, tokens[1:], strict=False))
        for token in tokens:  # "theoretically-justified" spells "theoretically" too
            parts = [part for part in token.split("-") if part] if "-" in token else []
            counts.update(parts)
            pairs.update(zip(parts, parts[1:], strict=False))
        frequent = [w for w, n in counts.items() if n >= TYPO_PAIR_FIX_COUNT]
        contexts: dict[str, list[tuple[str, str]]] = {}
        for i, token in enumerate(tokens):
            if counts[token] <= TYPO_MAX_COUNT and _WORD.fullmatch(token) and token.islower():
                before = tokens[i - 1] if i else ""
                after = tokens[i + 1] if i + 1 < len(tokens) else ""
                contexts.setdefault(token, []).append((before, after))
        # A slip inside a compound ("fine-turning" where the paper writes "fine-tuning"
        # often): fixed as the compound, so the part stays where it is a word of its own.
        fixes: dict[str, str] = {}
        for token in set(tokens):
            if "-" not in token or counts[token] > TYPO_MAX_COUNT or not token.islower():
                continue
            known = {
                token.replace(part, right, 1)
                for part in token.split("-")
                if _WORD.fullmatch(part)
                for right in _edits(part)
                if right != part and not _is_inflection(part, right)
            }
            known = {c for c in known if counts.get(c, 0) >= TYPO_MIN_FIX_COUNT}
            if len(known) == 1:
                fixes[token] = known.pop()
        for word, around in contexts.items():
            if len(word) < TYPO_DROPPED_MIN_LENGTH:
                continue
            candidates = {
                c for c in _edits(word) if c != word and counts.get(c, 0) >= TYPO_MIN_FIX_COUNT
            } | _pair_dropped(word, frequent)
            if len(candidates) != 1:
                continue
            right = candidates.pop()
            if _is_inflection(word, right):
                continue
            if len(word) < TYPO_MIN_LENGTH and (
                len(right) != len(word) + 1 or _inflected(word, counts)
            ):
                continue
            # Even a real word ("mode") is a typo where the paper writes the corrected pair
            # ("model performance") elsewhere; a pair it never writes settles nothing. A
            # long word one letter off a word the paper uses throughout ("distribuion") needs
            # no pair: no real word sits that close to it.
            common = len(word) >= TYPO_PAIR_LENGTH and counts[right] >= TYPO_COMMON_COUNT
            if common or _written_with(right, around, pairs):
                fixes[word] = right
        # A name the paper lower-cases now and then ("at 10M tokens moba achieves"): as it
        # writes it most, where it writes the name with the same neighbour ("the rest of
        # training" is no ReST).
        names = Counter({t: n for t, n in counts.items() if any(c.isupper() for c in t[1:])})
        for name, n in names.most_common():
            lowered = name.lower()
            if n < TYPO_MIN_FIX_COUNT or not 0 < counts[lowered] * NAME_RATIO <= n:
                continue
            around = [
                (tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else "")
                for i, token in enumerate(tokens)
                if token == lowered
            ]
            if lowered not in fixes and _written_with(name, around, pairs):
                fixes[lowered] = name
        return cls(fixes)

    def apply(self, text: str) -> str:
        if not self.fixes:
            return text

        def fixed(match: re.Match[str]) -> str:
            word = match.group(0)
            if word in self.fixes:
                return self.fixes[word]
            return re.sub(r"[a-z]{4,}", lambda m: self.fixes.get(m.group(0), m.group(0)), word)

        return re.sub(r"\b[a-z]+(?:-[a-z]+)*\b", fixed, text)


def _written_with(
    word: str, around: list[tuple[str, str]], pairs: Counter[tuple[str, str]]
) -> bool:
    """Whether the paper writes `word` beside one of the neighbours of substance a rare
    spelling has ("the" and "of" stand beside anything)."""
    return any(
        (a.lower() not in _SMALL and pairs[(a, word)])
        or (b.lower() not in _SMALL and pairs[(word, b)])
        for a, b in around
    )


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


_SUFFIXES = ("s", "es", "d", "ed", "ing")


def _inflected(word: str, counts: Counter[str]) -> bool:
    """Whether the paper writes another form of the word ("parses" beside "parse" or
    "parsed"): a word of its own, however close to another ("parsers")."""
    stems = {word} | {word.removesuffix(end) for end in _SUFFIXES if word.endswith(end)}
    return any(
        counts.get(form, 0)
        for stem in stems
        for form in (stem, *(stem + e for e in _SUFFIXES))
        if form != word
    )


def _is_inflection(word: str, right: str) -> bool:
    """ "model"/"models", "use"/"used": a different form of one word, not a typo."""
    short, long = sorted((word, right), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2


def _edits(word: str) -> set[str]:
    """The words a slip of the typist's hand away, its first letter kept: one letter left
    out ("distribuion"), one too many, or two swapped ("efficeint"). A letter struck for
    another is no such slip: it turns one real word into another ("cost" and "most",
    "chance" and "change", "trailing" and "training")."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    inserts = {a + c + b for a, b in splits for c in letters}
    return deletes | swaps | inserts


def _pair_dropped(word: str, frequent: list[str]) -> set[str]:
    """The paper's frequent long words that lose two neighbouring letters to become `word`
    ("theorecally" of "theoretically"): a slip a short word would make by chance."""
    if len(word) < TYPO_PAIR_LENGTH:
        return set()
    return {
        right
        for right in frequent
        if len(right) == len(word) + 2
        and right[0] == word[0]
        and any(right[:i] + right[i + 2 :] == word for i in range(1, len(right) - 1))
    }


# "our very large HMM", "We propose Novelty Conditioned RAPT": words before a name whose
# initials the paper sets before that name as its own ("VL-HMM", "NC-RAPT").
_OURS_DESCRIBED = re.compile(
    r"\b(?:[Oo]ur|[Ww]e (?:propose|introduce|present))\s+(?P<words>(?:[A-Za-z]+\s+){1,3})"
    r"(?P<base>[A-Z][\w\-]*[A-Z][\w\-]*)\b"
)


def described_names(text: str) -> dict[str, str]:
    """The names a paper abbreviates from the words its authors describe their own work
    with, each with those words, in the order described: {"VL-HMM": "very large HMM"}."""
    found: dict[str, str] = {}
    for described in _OURS_DESCRIBED.finditer(text):
        words = described["words"].split()
        initials = "".join(w[0] for w in words).upper()
        # "VL-HMM", or run together: "VLNHMM" for "our very large neural HMM" (from two
        # words at least: "our multimodal LLM" names no "MLLM")
        forms = [f"{initials}-{described['base']}"]
        forms += [f"{initials}{described['base']}"] if len(words) >= 2 else []
        for name in forms:
            if name not in found and re.search(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", text):
                found[name] = " ".join([*words, described["base"]])
                break
    return found


@dataclass
class Acronyms:
    """The paper's acronyms, expanded the first time a script says one, short after."""

    long_forms: dict[str, str] = field(default_factory=dict)
    theirs: frozenset[str] = frozenset()  # names of the authors' own, from their words

    @classmethod
    def of(cls, text: str) -> Acronyms:
        found: dict[str, str] = {}
        # by initials anywhere first; "Voxception-ResNet (VRN)", by its capitals, only where
        # no definition spells it by initials ("Novelty Conditioned RAPT (NC-RAPT)" is not
        # the paper's full name of it)
        for capitals in (False, True):
            for match in _ACRONYM_DEF.finditer(text):
                short, words = match.group("short"), match.group("long").split()
                if short in found:
                    continue
                long = _long_form(words, short, capitals)
                if long and long.lower() != short.lower():
                    found[short] = long
        described = {k: v for k, v in described_names(text).items() if k not in found}
        return cls(found | described, frozenset(described))

    def expand(self, texts: list[str]) -> list[str]:
        """`texts` in the order spoken: the first mention of an acronym (or of its long
        form) becomes "long form, or SHORT"; later long forms become the acronym."""
        introduced: set[str] = set()
        clipped = {short for short, long in self.long_forms.items() if _clipped(short, long)}
        twins = self._twins()
        out: list[str] = []
        for text in texts:
            for short, long in self.long_forms.items():
                if twins.get(short) in introduced:  # "CNNs" once "CNN" was said in full
                    introduced.add(short)
                    continue
                long_re = re.compile(rf"\b{re.escape(long)}\b", re.IGNORECASE)
                short_re = re.compile(rf"(?<![\w\-]){re.escape(short)}(?![\w\-])")
                if short in clipped:  # "LitReview": a label for the page, said in full
                    text = _said_in_full(short_re, long, text)
                    continue
                if short.endswith("s") and short not in introduced:
                    mention = long_re.search(text) or short_re.search(text)
                    before = text[: mention.start()] if mention else text
                    if _heard(short[:-1], [*out, before]):
                        introduced.add(short)  # "LLMs" after "an LLM" was heard: said short
                if short in introduced:
                    if long_re.search(text) and not _CLAUSE.match(long):
                        text = long_re.sub(short, text)
                    continue
                first_long, first_short = long_re.search(text), short_re.search(text)
                if first_long and (first_short is None or first_long.start() < first_short.start()):
                    said = first_long.group(0)
                    text = text[: first_long.end()] + f", or {short}," + text[first_long.end() :]
                    text = _tidy(text)
                    rest_from = first_long.start() + len(said) + len(short) + 6
                    text = text[:rest_from] + long_re.sub(short, text[rest_from:])
                    introduced.add(short)
                elif first_short and not _NAME_BEFORE.search(text[: first_short.start()]):
                    at = first_short.start()
                    said = _in_place(long, text, at)
                    if short in self.theirs and not _DETERMINER_BEFORE.search(text[:at]):
                        said = f"their {said}"  # "On PTB, VL-HMM is …": their very large HMM
                    before = _with_article_for(said, text[:at])
                    text = before + f"{said}, or {short}," + text[first_short.end() :]
                    text = _tidy(text)
                    introduced.add(short)
            out.append(text)
        return out

    def _twins(self) -> dict[str, str]:
        """Each acronym the paper defines in the singular and the plural with one long form
        ("CNN" and "CNNs"), with its twin: said in full once, for both ("convolutional neural
        networks, or CNNs, or CNN" said it twice)."""
        forms = self.long_forms
        return {
            short: twin
            for short, long in forms.items()
            for twin in (f"{short}s", short.removesuffix("s"))
            if twin != short and forms.get(twin, "").lower() == long.lower()
        }


# "DeepSeek-V2 Chat (SFT)": an acronym that names a version of a system, the system's name
# before it (a capitalised word that does not open the sentence: a word comes before it);
# expanded there, it would be heard as part of the name.
_NAME_BEFORE = re.compile(r"\w[,;]? [A-Z][\w\-.]*\s\(?$")


# "an HMM" said "a hidden Markov model": the article goes with the sound of the long form.
_ARTICLE_BEFORE = re.compile(r"\b(?P<article>[Aa]n?) $")
# "you only look once" (YOLO): a long form that is a clause, whose words a sentence may use
# as words ("you only look once at an image"), is never said as the acronym.
_CLAUSE = re.compile(r"^(?:you|we|they|i|it)\b", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hat) $")


def _with_article_for(said: str, before: str) -> str:
    """`before`, its closing "a" or "an" fitted to the words `said` after it."""
    article = "an" if said[:1].lower() in "aeiou" else "a"

    def fitted(match: re.Match[str]) -> str:
        opening = match.group("article")[0].isupper()
        return (article.capitalize() if opening else article) + " "

    return _ARTICLE_BEFORE.sub(fitted, before)


def _clipped(short: str, long: str) -> bool:
    """Whether a short form is clipped from its words ("LitReview" of "literature reviews",
    "CurrPaper" of "current paper"), not spelled from initials: each of its capitalised
    pieces opens a word of the long form."""
    pieces = re.findall(r"[A-Z][a-z]+", short)
    words = long.lower().split()
    return (
        len(pieces) >= 2
        and "".join(pieces) == short
        and len(pieces) == len(words)
        and all(w.startswith(p.lower()) for p, w in zip(pieces, words, strict=True))
    )


def _said_in_full(short_re: re.Pattern[str], long: str, text: str) -> str:
    """Every mention of a clipped short form, said as its long form."""
    return short_re.sub(lambda m: _in_place(long, m.string, m.start()), text)


def _in_place(long: str, text: str, at: int) -> str:
    """The long form where the short one stood, capitalised where it opens a sentence."""
    opening = at == 0 or text[:at].rstrip().endswith((".", "?", "!", ":"))
    return long[:1].upper() + long[1:] if opening else long


def _heard(short: str, said: list[str]) -> bool:
    """Whether an acronym was already said as it is, short."""
    pattern = re.compile(rf"(?<![\w\-]){re.escape(short)}(?![\w\-])")
    return any(pattern.search(text) for text in said)


def _long_form(words: list[str], short: str, capitals: bool = False) -> str | None:
    """The last of `words` whose initials spell the acronym `short`, or None. "of" and
    "the" may be skipped ("Mixture of Block Attention"), and a hyphen starts a word
    ("Multi-Query Attention" for MQA, "Mixture-of-Experts" for MoE); by `capitals`, the
    capitals inside the words spell it ("Voxception-ResNet" for VRN)."""
    wanted = "".join(c for c in short.rstrip("s") if c.isupper())
    if len(wanted) < 2:
        return None
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0].lower() in _SMALL:
            continue
        parts = [p for w in tail for p in w.split("-") if p]
        spellings = {
            "".join(w[0] for w in words_ if w.lower() not in _SMALL or keep_small).upper()
            for words_ in (tail, parts)
            for keep_small in (True, False)
        }
        if capitals:
            spellings = {"".join(c for w in tail for c in w if c.isupper())}
        if wanted in spellings:
            return " ".join(tail)
        if len(tail) > len(wanted) + 2:
            return None
    return None


def _tidy(text: str) -> str:
    text = re.sub(r",\s*([,.;:!?])", r"\1", text)
    return " ".join(text.split())


# Inline math a listener can do without: a symbol naming the noun before it ("the affinity
# score $s_i$", "the previous hidden vector $h_{t−1}^{dec}$", "a distribution $Q(Z_t|h_t)$"),
# "the $i$-th block", "top-$k$", "of length $N$", "$N$ tokens".
_SCRIPT = r"(?:_\{[^{}$]{1,8}\}|_\w|\^\{[^{}$]{1,8}\}|\^[\w′']|[′'])"
_ATOM = rf"(?:\\hat\s?|\\tilde\s?|\\bar\s?|ˆ|∆|Δ)?[A-Za-zℓ](?:\s?{_SCRIPT}){{0,3}}"
_SYMBOL = rf"\${_ATOM}\$"
# A symbol, a list of them, a function of a few arguments or "z ∼ Q(…)": still only a name,
# as long as it holds no number and states no equality or bound.
# "the queries $q ∈ R^{d}$": a name with its shape is still only a name.
_SHAPE = r"\s?∈\s?(?:R|ℝ|\\mathbb\{R\})[\w^{}×*\s]{0,16}"
_NAMING = (
    rf"\$(?:{_ATOM}(?:,\s?{_ATOM})*(?:{_SHAPE})?|[A-Za-z]{{1,4}}\([^$()0-9=<>≤≥]{{1,24}}\)"
    rf"|{_ATOM}\s?∼\s?[^$0-9=<>≤≥]{{1,30}})\$"
)
# "at most $M$ devices": the symbol is a quantity the sentence needs, not a noun's name.
_QUANTIFIERS = frozenset(
    ["most", "least", "than", "about", "only", "every", "over", "under", "first", "last",
     "nearly", "exactly", "approximately", "within", "between", "equals", "equal", "being"]
)  # fmt: skip


# Words that open a noun phrase, and words that cannot stand in one ("where $l$ denotes",
# "the output of $x$", "we set $k$ to 5"): there the symbol is the sentence's own word.
_OPENER = (
    r"the|a|an|each|every|its|their|our|this|these|those|both|any|two|three|"
    r"of|for|with|from|between|in|on|by|into|over"
)
_NOT_NOUN = (
    rf"{_OPENER}|at|to|onto|under|and|or|but|nor|is|are|was|were|be|as|"
    r"than|then|where|when|which|that|while|whose|who|if|so|such|thus|hence|also|even|all|"
    rf"{'|'.join(_QUANTIFIERS)}|"
    r"set|sets|let|lets|denote|denotes|define|defines|call|calls|write|writes|use|uses|take|"
    r"takes|equals?|becomes?|yields?|returns?|denotes|represents|indicates|controls|means|"
    r"refers|determines|specifies"
)
_PHRASE_WORD = rf"(?!(?:{_NOT_NOUN})\b)[“‘]?[A-Za-z][\w\-’'”]*"
_NOUN = rf"(?!(?:{_NOT_NOUN}|\w+ing|\w+ed)\b)[A-Za-z][\w\-’']*"
# "the image $x$ and the previous decoder hidden vector $h$": a noun phrase the symbol names.
_NAMED = re.compile(
    rf"\b(?P<phrase>(?:{_OPENER})\s+(?:{_PHRASE_WORD}\s+){{0,3}}{_NOUN})"
    rf"\s?{_NAMING}(?:,?\s(?:and|or)\s{_NAMING}|,\s?{_NAMING})*(?=[\s,.;:)])"
)
# "uses additional multi-head queries $q ∈ R^{d}$": a symbol declared with its shape names
# the noun before it, with or without an article.
_DECLARED = re.compile(
    rf"\b(?P<phrase>(?:{_PHRASE_WORD}\s+){{0,3}}{_NOUN})\s?\${_ATOM}(?:,\s?{_ATOM})*{_SHAPE}\$"
    rf"(?=[\s,.;:)])"
)


# Greek letters, the speech normaliser's names for them (audio/speech.py says the same).
GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "ϕ": "phi",
    "χ": "chi", "ψ": "psi", "ω": "omega", "π": "pi",
}  # fmt: skip
_GREEK_SYMBOL = r"[α-ωϵϕ](?:_\{?[\w]{1,3}\}?|\^\{?\(?\w{1,3}\)?\}?)?"
# "$γ^{(k)}, β^{(k)}$": parameters named by Greek letters, said by name ("gamma and beta").
_GREEK_MATH = re.compile(rf"\$({_GREEK_SYMBOL}(?:,\s*{_GREEK_SYMBOL})*)\$")
# A Greek letter standing alone as a word ("ε is a constant"): said by name.
_GREEK_WORD = re.compile(r"(?<![\w$\\^_{])([α-ωϵϕ])(?![\w$^_}])")


def _greek_names(match: re.Match[str]) -> str:
    names = [GREEK.get(part.strip()[0]) for part in match.group(1).split(",")]
    if None in names:
        return match.group(0)  # a letter the speech normaliser does not name: math stays
    said = [n for n in names if n]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def greek_said(text: str) -> str:
    """Greek letters that name a parameter, said by name: "$γ, β$" → "gamma and beta",
    "ε is a constant" → "epsilon is a constant"; a letter inside a formula stays."""
    text = _GREEK_MATH.sub(_greek_names, text)
    return _GREEK_WORD.sub(lambda m: GREEK.get(m.group(1), m.group(1)), text)


_MATH_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\bthe {_SYMBOL}-th\b"), "each"),
    (re.compile(r"\b(top|Top)-\$([a-zA-Z])\$"), r"\1-\2"),
    (re.compile(r"(?<![\w$])\$([a-zA-Z])\$-(?=[a-zA-Z]{2})"), r"\1-"),  # "$Q$-values"
    (re.compile(rf"\s(?:of|with) (?:length|size|dimension|dimensionality) {_SYMBOL}"), ""),
    (re.compile(r"\$\w{1,2}\s?×\s?\w{1,2}\$\s(?=[a-z])"), ""),  # "the $N × N$ grid"
    (_NAMED, r"\g<phrase>"),
    (_DECLARED, r"\g<phrase>"),
    (re.compile(rf"(?P<before>\b\w+ )?{_SYMBOL} (?=(?!(?:{_NOT_NOUN})\b)[a-z]{{2,}}s\b)"), "\1"),
]


# "where $l$ layers …" cannot be: after these words the symbol opens a clause.
_CLAUSE_OPENERS = frozenset(
    ["where", "when", "while", "whereas", "which", "that", "and", "or", "if", "since", "so"]
)


def _count_symbol(match: re.Match[str]) -> str:
    """ "$N$ tokens" → "tokens", but "at most $M$ devices" keeps its bound (and its math),
    and "where $l$ denotes" its subject."""
    before = match.group("before") or ""
    if not before or before.strip().lower() in _QUANTIFIERS | _CLAUSE_OPENERS:
        return match.group(0)
    return before


# ", where $l$ denotes the number of layers.": a closing clause that only defines symbols.
_DEFINING = re.compile(
    r",\s*where\s+\$[^$]{1,40}\$\s+(?:denotes?|represents?|is|are|indicates?|refers to)\b"
    r"[^$]*?(?:(?:,|;|,?\s*and)\s+\$[^$]{1,40}\$\s+(?:denotes?|represents?|is|are)\b[^$]*?)*"
    r"(?P<end>[.;]?)$"
)


def without_symbols(text: str) -> str:
    """`text` with the inline math a listener can do without taken out; any other math
    stays, and the sentence stays unspeakable."""
    for pattern, replacement in _MATH_RULES:
        if replacement == "\1":
            text = pattern.sub(_count_symbol, text)
        else:
            text = pattern.sub(replacement, text)
    defining = _DEFINING.search(text)
    if defining and "$" not in text[: defining.start()]:
        text = text[: defining.start()] + (defining.group("end") or ".")
    return " ".join(greek_said(text).split())
