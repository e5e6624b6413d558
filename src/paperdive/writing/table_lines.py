"""Comparisons read from a paper's tables: "On MATH-500, Kimi k1.5 scores 96.2, against 94.8
for OpenAI o1." Every figure is a cell as printed; the method is the row or the column named
after it (or its acronym, or "Ours"), set against the best other system on the same benchmark
or metric, so a listener hears the baseline with the result."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from paperdive.models import Paper, SourceRef, Table

TABLE_LINES = 4  # comparisons read from the tables, at most
PER_TABLE = 2  # from any one table: the listener hears more than one experiment
MAX_LABEL_WORDS = 5
FILLED = 0.75  # of a table's columns a header row names, unless it names groups of them
# The best other system, where the prose never names it: behind the method, or ahead of it.
UNNAMED_RIVAL = "the runner-up"
UNNAMED_LEADER = "the best of the others"


@dataclass
class TableLine:
    """A comparison read from a table: every figure in it is one of the table's cells."""

    text: str
    gap: float
    source: SourceRef | None = None  # the table it is read from, by its caption
    discussed: bool = False  # whether the paper's prose names its benchmark
    rival: str | None = None  # what the method is compared with; None for an ablation
    leader: bool = False  # the best of systems that are none of the method's (a benchmark's)

    @property
    def compared(self) -> str:
        """The line past the set it names ("On VOC 2007, "): the part whose figures are
        cells (2007 is the set's name, no result another line could repeat)."""
        return _ON_SET.sub("", self.text, count=1)


_ON_SET = re.compile(r"^On [^,]+, ")


# What a result's figure measures, as the question before it (or a table line) names it.
_METRIC = re.compile(
    r"\b(?P<metric>(?:top-\d |test |validation |retrieval |exact-match )?(?:accuracy|error rate|"
    r"mean (?:squared|absolute) errors?|"
    r"error|perplexit(?:y|ies)|PPL|throughput|latency|speed-?up|memory|training steps|"
    r"run ?time|running time|"
    r"training costs?|"
    r"F1(?: score)?|BLEU|ROUGE|win rate|pass rate|recall|precision|(?:episode )?rewards?|loss|mAP|"
    r"mean average precision|AUC|area under the (?:ROC )?curve|R?MSE|MAE|S?MAPE|ELBO|"
    r"mean reciprocal rank|MRR|n?DCG|"
    r"hit rate|"
    r"negative log-?likelihood|log-?likelihood|KV cache|inference cost|cost|"
    r"inception score|FID|WER|CER))\b",
    re.IGNORECASE,
)
# What a system takes to get somewhere, counted: "Epochs needed to achieve REBAR's best
# validation score", "Mean episodes to solve tasks".
COUNTS = ("epochs", "episodes", "iterations", "steps", "updates")
_UNITS = "|".join(COUNTS)
_COUNT_TO = re.compile(rf"^(?:(?:mean|average|median) )?(?P<unit>{_UNITS})(?: needed)? to\b", re.I)
# Where lower is better: a loss, an error, a perplexity, a time, a cost, how long it takes.
_LOWER_BETTER = re.compile(
    r"loss|error|perplexity|ppl|time|latency|\b(?:wer|cer|fid|r?mse|mae|s?mape)\b|cost|"
    r"negative log|nll|nats|"
    r"bits per|"
    rf"(?:{_UNITS}|samples)(?: needed)? to\b|(?:{_UNITS}) needed|"
    rf"\b(?:{_UNITS})$",  # a count a row is measured in
    re.IGNORECASE,
)
# Of those, the ones whose name does not say that lower is better (an error, a time, a cost do).
_UNSAID_LOWER = re.compile(
    r"perplexity|ppl|negative log|nll|nats|bits per|\b(?:fid|wer|cer|r?mse|mae|s?mape)\b",
    re.I,
)
# "… per test-set example on the binarised MNIST data set", "Yelp Dataset - Comparison":
# what a caption's figures are on.
_CAPTION_DATA = re.compile(
    r"\bon (?:the )?(?P<data>[A-Z][\w\-]*(?: [\w\-]+){0,2}?|[a-z]+ [A-Z][\w\-]*) "
    r"(?:data ?set|benchmark|corpus|task)\b|"
    r"^(?!(?:The|Our|This|These|Their|Its|An?)\b)"
    r"(?P<opens>[A-Z][\w\-]*(?: [A-Z][\w\-]*)?) (?:[Dd]ata ?[Ss]et|[Cc]orpus)\b"
)
# "Results on SHREC'17 (3D shapes).", "Results on climate event segmentation: accuracy".
_CAPTION_RESULTS_ON = re.compile(
    r"^(?:[\w\-]+ )?[Rr]esults (?:on|for) (?:the )?"
    r"(?P<data>[A-Z][\w'\-]*(?: [A-Z][\w'\-]*)*(?=[\s.:,(])|[a-z]+(?: [a-z]+){0,3}(?=:))"
)
# "SC-Math6 Model Reasoning Level.", "MMLU results by subject": a caption opening on the
# benchmark's name (capitals, or a hyphenated name).
_CAPTION_OPENS = re.compile(r"^(?P<data>[A-Z][A-Za-z]*(?:-[A-Za-z\d]+)+|[A-Z]{2,}[A-Z\d\-]*)\b")
# "Model combination experiments on VOC 2007.", "Classification Error Rates on MNIST.", "… on
# the VOC 2007 test set": a name of capitalised words and numbers the figures are on, ended
# by the caption's punctuation or a word for a split or set; "on the Cohen et al. corpus",
# "on HumanEval and MBPP", "on HumanEval, MBPP and DS-1000" (a list) and "on December
# subset of …" name no one set.
_NAME_WORD = r"(?!(?:Data|Dataset|Corpus|Benchmark)\b)(?:[A-Z][\w!/\-]*|\d[\w\-]*(?:\.\d+)*)"
_CAPTION_ON = re.compile(
    rf"\bon (?:[Tt]he )?(?P<data>{_NAME_WORD}(?: {_NAME_WORD})*)"
    r"(?: (?:test|dev(?:elopment)?|validation|evaluation) set| [Dd]ata ?[Ss]ets?| [Dd]ata"
    r"| benchmark| corpus| task)?(?=\s*(?:[.;:]|$))"
)
_SET_WORDS = (
    r"(?:test set|dev(?:elopment)? set|data ?sets?|data|benchmarks?|corpus|[Ll]eaderboard)\b"
)
_ABLATION = re.compile(r"^(?:\w+ )?ablations?\b", re.IGNORECASE)  # "Ablation on Block Size"
# "Pascal VOC 2012 Leaderboard.": a caption opening on the set its leaderboard ranks.
_CAPTION_LEADERBOARD = re.compile(rf"^(?P<data>[A-Z][\w\-]*(?: {_NAME_WORD})*) [Ll]eaderboard\b")
_FIGURE = re.compile(r"^[-−]?\d+(?:\.\d+)?%?")
_SPREAD = re.compile(r"^\s*(?:±\s*\d+(?:\.\d+)?%?|\([-+−]?\d+(?:\.\d+)?%?\))?\s*$")
_WITHOUT = re.compile(r"\b(?:without|w/o|no)\b", re.IGNORECASE)  # a part of the method taken out
# A benchmark run at a setting: "RULER @128K", said "RULER at 128K".
_SETTING = re.compile(r"\s*@\s*(\S+)$")
_BENCHMARK_NAME = re.compile(r"[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*")
# A column named for a benchmark, not a word of set-up ("Models", "Crops"): capitals or digits.
_BENCHMARK_LIKE = re.compile(r"^.[^ ]*[A-Z0-9]")


_SAID_AS = {
    "ppl": "perplexity",
    "perplexities": "perplexity",
    "elbo": "ELBO",
    "runtime": "run time",
    "running time": "run time",
    "mean squared errors": "mean squared error",
    "mean absolute errors": "mean absolute error",
}  # a measure's abbreviation, said as its name


def metric_of(text: str) -> str | None:
    """What the first figure of a result line measures, when the line names it."""
    match = _METRIC.search(text)
    if match is None:
        return None
    said = match["metric"]  # "Test Accuracy" said "test accuracy"; "mAP", "BLEU" kept
    return _SAID_AS.get(said.lower(), _lowered(said).replace("f1", "F1"))


def sole_metric(caption: str) -> str | None:
    """What every figure of a table measures, when its caption names one thing only (a
    caption naming "win rate" and "score" says neither of each row)."""
    named = {m.group("metric").lower().replace("-", "") for m in _METRIC.finditer(caption)}
    # "mean squared errors …: lower error" names one measure, the second time in short
    # ("test error and training error" name two)
    named = {n for n in named if not any(o.startswith("mean ") and n in o != n for o in named)}
    return metric_of(caption) if len(named) == 1 else None


def figure(cell: str) -> str | None:
    """The figure a cell prints ("$≈ 84.62$" → "84.62", "76.3 ± 0.2" → "76.3"), or None
    for a cell that is not one number (a formula, a range, a dash)."""
    plain = re.sub(r"[$*†‡]|\\(?:mathbf|textbf)\{|[{}]", "", cell).replace("≈", "").strip()
    plain = plain.lstrip("~").strip()
    found = _FIGURE.match(plain)
    if not found or not _SPREAD.match(plain[found.end() :]):
        return None
    return found.group(0).replace("−", "-")


def _value(cell: str) -> float | None:
    printed = figure(cell)
    return float(printed.rstrip("%")) if printed is not None else None


@dataclass
class Grid:
    """A table's header, merged across its header rows ("Kimi" over "k1.5"), and body."""

    header: list[str]
    body: list[list[str]]
    caption: str
    groups: tuple[str, ...] = ()  # the name of the group each header cell is under, if any

    @classmethod
    def of(cls, table: Table) -> Grid | None:
        rows = _split_run_together([r for r in table.rows if any(c.strip() for c in r)])
        if len(rows) < 2:
            return None
        width = max(len(r) for r in rows)
        rows = [[c.strip() for c in r] + [""] * (width - len(r)) for r in rows]
        # The header is every row before the first that holds a figure past its label.
        first = next(
            (i for i, r in enumerate(rows) if any(_value(c) is not None for c in r[1:])), None
        )
        if not first:
            return None
        if first > 1 and rows[first - 1][0] and not any(rows[first - 1][1:]):
            first -= 1  # a data set's name over the rows that follow ("Penn Treebank")
        body = rows[first:]
        # The labels are the first column of words; columns before it (a group's name
        # set down the side) are left out. A column of names each set once over the rows
        # that share it (a system at three sizes) is that column, its blanks filled.
        label = next((c for c in range(width) if _labels(body, c)), None)
        if label is None:
            label = next((c for c in range(width) if _labels(_carried_down(body, c), c)), None)
            if label is None:
                return None
        body = _carried_down(body, label)
        if sum(bool(_RAN_INTO_LABEL.search(r[label])) for r in body) >= RAN_INTO_ROWS:
            return None  # "TUPA 64.5 63.7 64.1": columns the PDF ran into the label's
        data = range(label + 1, width)
        # A header row that names groups of columns ("Language-only Model") over the
        # systems' names is left out: it leaves columns empty that the names fill. Where
        # every row leaves some empty, a header set over several rows ("Test" over
        # "Error"), they are read together.
        heads = [r for r in rows[:first] if sum(bool(r[c]) for c in data) >= FILLED * len(data)]
        groups: tuple[str, ...] = ()
        spanned = (
            _spanned(rows[first - 2], heads[-1], data)
            if heads and _repeated(heads[-1], data) and first > 1
            else None
        )
        if spanned is not None and heads:
            # "Warm", "Cold" under each of "CrossValidated" and "MovieLens": the group names
            # tell the columns apart, each carried over the columns it spans.
            groups = tuple(spanned[label:])
            heads = [spanned, heads[-1]]
        stacked = heads or rows[:first]
        header = [" ".join(r[c] for r in stacked if r[c]) for c in range(label, width)]
        spelled = spelled_out(table.caption)  # a column's, never a system's name
        header = [header[0], *(spelled.get(h, h) for h in header[1:])]
        return cls(header, [r[label:] for r in body], table.caption, groups)


def _repeated(row: list[str], data: range) -> bool:
    named = [row[c] for c in data if row[c]]
    return len(set(named)) < len(named)


def _spanned(row: list[str], below: list[str], data: range) -> list[str] | None:
    """A header row with each name carried right over the empty cells after it, across the
    labels repeated below it; None where a name does not sit over the first of its labels
    (centred over its span, it would be carried onto the wrong columns)."""
    labels = [below[c] for c in data if below[c]]
    repeated = {label for label in labels if labels.count(label) > 1}
    first = labels[0] if labels else ""
    spanned, name = list(row), ""
    for c in data:
        if row[c] and below[c] != first:
            return None
        name = row[c] or (name if below[c] in repeated else "")
        spanned[c] = name
    return spanned


_DASH = frozenset("-–—")
# Figures with decimals run on at the end of a row's label: its columns ran into it.
_RAN_INTO_LABEL = re.compile(r"\s[-−]?\d+\.\d+%?\s+[-−]?\d+\.\d+%?\s*$")
RAN_INTO_ROWS = 2  # rows of a table so run together for none of its columns to be read


def _split_run_together(rows: list[list[str]]) -> list[list[str]]:
    """A table whose columns the PDF ran together, one cell a row ("LM-All 15.6 22.3 21.4"
    under "Sto Abs Lyr"): each row's figures split off its end, one under each header word.
    Any row that does not fit leaves the table as it was."""
    if len(rows) < 2 or any(len(r) != 1 for r in rows):
        return rows
    head, *body = [r[0].split() for r in rows]
    split = []
    for tokens in body:
        n = 0
        while n < len(tokens) - 1 and (
            figure(tokens[-1 - n]) is not None or tokens[-1 - n] in _DASH
        ):
            n += 1
        if n != len(head):
            return rows
        split.append([" ".join(tokens[:-n]), *tokens[-n:]])
    if any(figure(word) is not None for word in head):
        return rows
    return [["", *head], *split]


# A column of one data split under the caption's measure; the test split is the result.
_SPLIT = re.compile(r"^(?:test|val|valid|validation|dev|train|training)$", re.IGNORECASE)
_TEST_SPLIT = re.compile(r"^test$", re.IGNORECASE)
# "Train Perplexity": a fit to the training data ("Training steps", a cost, is a measure).
_TRAINING = re.compile(r"^train(?:ing)?\b(?!\s+(?:steps?|costs?|time)\b)", re.IGNORECASE)


def _parts(grid: Grid) -> list[tuple[str, Grid]] | None:
    """The parts of a table whose body a row of a name alone divides, each with that name;
    None for a table with no such rows."""
    parts: list[tuple[str, list[list[str]]]] = []
    for row in grid.body:
        if row[0] and not any(cell for cell in row[1:]):
            parts.append((row[0], []))
        elif parts:
            parts[-1][1].append(row)
        else:
            return None  # rows before the first name: the names are no parts
    if not parts:
        return None
    return [
        (name, Grid(grid.header, body, grid.caption, grid.groups)) for name, body in parts if body
    ]


# A column head that names no test, only that it holds the results ("Performance").
_PLAIN_HEAD = re.compile(r"^(?:performance|scores?|results?)$", re.IGNORECASE)
# A column that sums up the others: "All Constraints", "Average", "Overall".
_SUMMARY = re.compile(r"^(?:all\b|avg\b|average\b|overall\b|mean\b|total\b)", re.IGNORECASE)
# A column that names the data set a row is on: said first ("CIFAR-10 with DCGAN").
_DATA_HEAD = re.compile(r"\b(?:data ?sets?|benchmarks?|corpus|corpora|tasks?)\b", re.IGNORECASE)


def _settings(grid: Grid) -> list[tuple[list[str], Grid]] | None:
    """A table in long form, whose columns after the systems' names name the setting of
    each row ("Base GAN", "Data set") before the figures, one of them the data set: its
    parts, one a setting, each with that setting's names (the data set's first); None for
    any other table."""
    keys = 0
    for column in range(1, len(grid.header)):
        cells = [row[column] for row in grid.body]
        if not all(cells) or any(_value(cell) is not None for cell in cells):
            break
        keys = column
    if keys == 0 or keys == len(grid.header) - 1:
        return None
    if not any(_DATA_HEAD.search(grid.header[c]) for c in range(1, keys + 1)):
        return None  # a set-up beside the systems ("Representation"), not where they ran
    order = sorted(range(1, keys + 1), key=lambda c: not _DATA_HEAD.search(grid.header[c]))
    parts: dict[tuple[str, ...], list[list[str]]] = {}
    for row in grid.body:
        parts.setdefault(tuple(row[c] for c in order), []).append([row[0], *row[keys + 1 :]])
    if any(len(body) < 2 for body in parts.values()):
        return None  # a column that tells each row apart ("Architecture"): no setting
    header = [grid.header[0], *grid.header[keys + 1 :]]
    return [(list(setting), Grid(header, body, grid.caption)) for setting, body in parts.items()]


# "“OvrAcc Score” stands for Overall Accuracy Score", "N stands for Nottingham": the
# caption spells out a label made for the table, which is what a listener can follow.
_SPELLED_OUT = re.compile(
    r"(?:“(?P<quoted>[^”]{1,30})”|(?<![\w&/.-])(?P<word>[\w-]{1,20}))\s+(?:stands|is short) "
    r"for\s+(?P<long>[A-Z][^,.;]{2,60}?)"
    r"(?=[,.;]|\s+and\s+(?:“|\S+\s+(?:stands|is short) for)|$)"
)


def spelled_out(caption: str) -> dict[str, str]:
    """The labels a caption spells out, each with its words."""
    return {
        (m["quoted"] or m["word"]).strip(): m["long"].strip()
        for m in _SPELLED_OUT.finditer(caption or "")
    }


# A count with its magnitude ("1.3m", "500k", "7B"): a size, not a name.
_COUNT = re.compile(r"^\$?~?\d+(?:\.\d+)?\s?[kKmMbBtT]?\$?$")


def _labels(body: list[list[str]], column: int) -> bool:
    """Whether `column` names most rows in words."""
    named = [r[column] for r in body if r[column] and not _COUNT.match(r[column])]
    return sum(_value(c) is None for c in named) * 2 >= len(body)


def _carried_down(body: list[list[str]], column: int) -> list[list[str]]:
    """Rows whose `column` is left blank under the row that names them (a system at three
    sizes, named once) take that row's name."""
    named: list[list[str]] = []
    for row in body:
        if not row[column] and named and any(_value(c) is not None for c in row[column + 1 :]):
            row = [*row[:column], named[-1][column], *row[column + 1 :]]
        named.append(row)
    return named


# Rows that are no rival: a bound ("RANDOM (lower bound)" is fastest at doing nothing), an
# oracle, the references outputs are scored against ("Ground Truth"), the method ablated
# ("ABLATED (edge only)").
_NO_RIVAL = re.compile(
    r"\b(?:lower|upper) bound\b|\boracle\b|\bground[- ]truth\b|\bgold\b|\bablat\w*|"
    r"^(?:relative |absolute )?(?:difference|improvement|gain|change|delta|reduction|"
    r"speed-?up)\b|"  # a row (or column) of gaps
    r"^(?:p|p-value|significance)$",  # a test's p-value
    re.IGNORECASE,
)

# A row named for what it measures, with no benchmark ("Score (%)"), said as the measure.
_MEASURE_ONLY = re.compile(r"^(?:scores?|rates?|values?)$", re.IGNORECASE)


def _clean(label: str) -> str:
    """A header or row label without its asides and footnote marks ("*Latency")."""
    return " ".join(re.sub(r"\[[^\]]*\]|\([^)]*\)", "", label).split()).strip(" -:*†‡")


def _lowered(head: str) -> str:
    """A column's heading as said mid-sentence: "Test Error" is "test error", "BLEU" and
    "F1" stay."""
    return " ".join(w if _initialism(w) else w.lower() for w in head.split())


def _initialism(word: str) -> bool:
    capitals = sum(c.isupper() for c in word)
    lower = any(c.islower() for c in word)
    return capitals > 1 or (capitals == 1 and not lower and any(c.isdigit() for c in word))


def _speakable(label: str) -> bool:
    return (
        bool(label)
        and len(label.split()) <= MAX_LABEL_WORDS
        and not re.search(r"[$\\^_{}|#≤≥<>=]", label)
        and any(c.isalpha() for c in label)
    )


def _names(method: str, aliases: Sequence[str]) -> re.Pattern[str]:
    names = sorted({method, *aliases}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names if n)
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])|\bours\b", re.I)


# A paper that names no method marks its own row in its tables: "Proposed graph CNN",
# "ASR-BN-ROB (proposed)", "Transformer (ours)".
_MARKED = re.compile(r"\b(?:proposed|ours)\b", re.IGNORECASE)
_MARKED_OURS = re.compile(
    r"(?:(?:the )?proposed (?P<name>[\w\-]+(?: [\w\-]+){0,2})|"
    r"(?P<after>[\w\-]+(?: [\w\-]+){0,2}) \((?:proposed|ours)\)|"
    r"(?:ours|proposed) \((?P<inside>[\w\-]+(?: [\w\-]+){0,2})\))",  # "Ours (VAE)"
    re.IGNORECASE,
)


# Words of a title that name no system of the paper's own.
_TITLE_GENERIC = frozenset(
    ["model", "models", "learning", "neural", "network", "networks", "deep", "language",
     "large", "based", "using", "towards", "toward", "efficient", "improving", "through",
     "data", "training", "text", "task", "tasks", "multi", "scale", "fast", "simple",
     "robust", "with", "from", "into", "over", "their", "what", "when", "more", "less"]
)  # fmt: skip


_CLAIMED = re.compile(
    r"\b(?:[Oo]ur|[Ww]e (?:\w+ )?(?:propose|introduce|present|develop|design|devise))\b"
)


_CITED_ROW = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]")
# A row that is a yardstick, no system of anyone's (beside `_NO_RIVAL`'s oracle and bounds):
# people, chance.
_YARDSTICK = re.compile(r"\b(?:humans?|random|majority|chance|ceiling)\b", re.IGNORECASE)


def _uncited(paper: Paper) -> re.Pattern[str] | None:
    """The rows of a paper that names no method, where a table sets rows that cite their
    source ("KHMM [5]", "DNN [11]") against rows that cite none ("CR2+S+A"): the uncited
    ones are the authors' own."""
    own: list[str] = []
    for table in paper.tables:
        grid = Grid.of(table)
        rows = [row[0] for row in grid.body if row[0].strip()] if grid else []
        cited = [row for row in rows if _CITED_ROW.search(row)]
        if 0 < len(cited) < len(rows):
            own += [
                _clean(row)
                for row in rows
                if row not in cited
                and _clean(row)
                and not (_NO_RIVAL.search(row) or _YARDSTICK.search(row))
            ]
    if not own:
        return None
    either = "|".join(re.escape(name) for name in sorted(set(own), key=len, reverse=True))
    return re.compile(rf"^\s*(?:{either})\s*$")


def _named_by_title(paper: Paper) -> re.Pattern[str] | None:
    """The rows (or columns) of a paper that names no method, by its title's own words:
    "Mixture-LSTM" and "Embedding Mixture" of "Mixture-of-tastes Models for …", where a
    table has rows with the word and rows without it (rivals to set them against); or
    "ours"."""
    grids = [grid for table in paper.tables if (grid := Grid.of(table)) is not None]
    # What the authors say they made ("We propose … mixtures of tastes", "Our proposed
    # model … cosine similarity"): a title word no line of theirs claims is another's.
    claims = " ".join(
        line for line in re.split(r"(?<=[.!?])\s+", paper.full_text()) if _CLAIMED.search(line)
    ).lower()
    found = []
    for word in dict.fromkeys(re.split(r"[\s\-:]+", paper.title or "")):
        if len(word) < 4 or not word.isalpha() or word.lower() in _TITLE_GENERIC:
            continue
        if not re.search(rf"\b{re.escape(word.lower())}", claims):
            continue
        own = re.compile(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", re.IGNORECASE)
        for grid in grids:
            rows = [row[0] for row in grid.body if row[0].strip()]
            columns = [head for head in grid.header[1:] if head.strip()]
            if any(0 < sum(bool(own.search(x)) for x in xs) < len(xs) for xs in (rows, columns)):
                found.append(own.pattern)  # systems as rows, or as columns
                break
    return re.compile("|".join([_MARKED.pattern, *found]), re.IGNORECASE) if found else None


def _shortened(rival: str, ours: str) -> str:
    """A rival column named as ours is, less the prefix they share ("Llama-8B-1M-Full"
    beside "Llama-8B-1M-MoBA" is "Full")."""
    shared = 0
    while shared < min(len(rival), len(ours)) and rival[shared] == ours[shared]:
        shared += 1
    cut = max(rival.rfind("-", 0, shared + 1), rival.rfind(" ", 0, shared + 1))
    return rival[cut + 1 :] if cut > 0 else rival


# A word after a row's one-word name that makes a field or an activity of it, no system:
# the "Deep" row of a table is never "deep learning", and unnamed.
_NO_SYSTEM = frozenset(["learning", "training", "results", "data", "performance", "and", "of"])


def _as_prose(name: str, prose: str, original: str, words: Counter[str]) -> str | None:
    """The name as the paper's prose says it: "Full" is "full attention" where the paper
    writes that and never "Full" mid-sentence (a proper name, "Inception", stays as it is);
    None for a name the prose never uses ("OvrAcc", "Comp. Score")."""
    # "Comp. Score" is made for the table; the dot of a version ("Qwen1.5") is not.
    abbreviated = re.search(r"[A-Za-z]\.(?:\s|$)", name.rstrip("."))
    if abbreviated or not _speakable(name) or name.lower() not in prose:
        return None
    capitalised = len(re.findall(rf"[a-z,;] {re.escape(name)}\b", original))
    proper = capitalised >= len(re.findall(rf"\b{re.escape(name.lower())}\b", original))
    if len(name.split()) == 1 and name[:1].isupper() and name[1:].islower() and not proper:
        pairs = [(n, b) for b, n in words.items() if b.split()[0] == name.lower()]
        if pairs and max(pairs)[0] >= 3:
            said = max(pairs)[1]  # "deep learning" of "Deep": a word of the field, no system
            return None if said.split()[1] in _NO_SYSTEM else said
    # "Full attention" in a header is "full attention" where only the prose has it.
    return name.lower() if name not in original and name.lower() in original else name


def _bigrams(prose: str) -> Counter[str]:
    tokens = re.findall(r"[a-z][a-z\-]+", prose)
    return Counter(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))


_ENSEMBLE = re.compile(r"\bensembles?\b", re.IGNORECASE)
Scored = tuple[str, float, str]  # a row's label, its figure, its cell as printed


def _like_for_like(
    ours: list[Scored], theirs: list[Scored], measured: str
) -> tuple[list[Scored], list[Scored]]:
    """Ensembles against ensembles, single models against single models, where the table has
    both on each side (a BN-Inception ensemble's 20.1% against a single Deep Image model's
    24.88% is no comparison): the kind of the method's best row, else the other kind."""

    def of_kind(rows: list[Scored], pooled: bool) -> list[Scored]:
        return [r for r in rows if bool(_ENSEMBLE.search(r[0])) is pooled]

    kinds = [(of_kind(ours, pooled), of_kind(theirs, pooled)) for pooled in (True, False)]
    both = [(a, b) for a, b in kinds if a and b]
    if not both:
        return ours, theirs
    best = _best(ours, measured)
    return next(((a, b) for a, b in both if best in a), both[0])


_ET_AL = re.compile(r",?\s+et al\.?$")


def _said(
    label: str | None,
    metric: str | None,
    ours: str,
    a: str,
    b: str,
    rival: str,
    unit: str = "",
    caption: str = "",
) -> str:
    """The template every table line is said in: the benchmark, what is measured when the
    table names it, and each figure a cell, as printed, with the unit the table gives it; a
    cell printed without the percent sign its column's other cell has is said with it
    ("20.1%, against 24.88%")."""
    a, b = _pair_said(a, b, unit)
    rival = _rival_said(rival)
    # A measure whose direction few listeners know ("80.97, against 87.72": better?) says it.
    direction = "; lower is better" if _UNSAID_LOWER.search(f"{label} {metric}") else ""
    if metric in COUNTS:  # "On Omniglot, RELAX needs 566 epochs, against 2086 for REBAR."
        on = f"On {label}, " if label else ""
        return f"{on}{ours} needs {a} {metric}, against {b} for {rival}."
    if label is None:
        if metric and (meaning := _defined(metric, caption)):  # "ILM's score, the percentage …"
            return f"{ours}'s {metric}, {meaning}, is {a}, against {b} for {rival}."
        return f"The {metric} of {ours} is {a}, against {b} for {rival}{direction}."
    if metric and metric.lower() not in label.lower():
        return f"On {label}, the {metric} of {ours} is {a}, against {b} for {rival}{direction}."
    return f"On {label}, {ours} scores {a}, against {b} for {rival}{direction}."


def _pair_said(a: str, b: str, unit: str) -> tuple[str, str]:
    """Two cells as said: in one unit, for the ear, with the unit the table gives them."""
    a, b = _for_the_ear(*_same_unit(a, b))
    if unit == "%":
        return (a if a.endswith("%") else f"{a}%"), (b if b.endswith("%") else f"{b}%")
    return (f"{a} {unit}" if unit else a), b


def _rival_said(rival: str) -> str:
    return _ET_AL.sub(" and colleagues", rival)  # a row named for its paper's authors


MAX_MEANING_WORDS = 16


def _defined(metric: str, caption: str) -> str | None:
    """What the caption says a measure is ("We report the score of each model: the
    percentage of infilled stories where the human failed to identify …", "Latency is the
    geometric mean of observed runtimes (in …)"), said after its name; None if it does not."""
    m = re.escape(metric)
    found = re.search(rf"\b{m} (?:is|measures|denotes) (?P<meaning>the [^.;:()]+)", caption, re.I)
    found = found or re.search(
        rf"\b{m}\b[^.:]*:\s*(?P<meaning>the (?:percentage|fraction|proportion|share|number|"
        rf"rate|mean|average) of [^.;:()]+)",
        caption,
        re.IGNORECASE,
    )
    if found is None:
        return None
    meaning = found["meaning"].strip().rstrip(",")
    return meaning if len(meaning.split()) <= MAX_MEANING_WORDS else None


# A unit as a header prints it ("Latency (ms)"), said in words.
_UNIT_WORDS = {
    "ms": "milliseconds", "s": "seconds", "sec": "seconds", "min": "minutes", "h": "hours",
    "hrs": "hours", "kb": "kilobytes", "mb": "megabytes", "gb": "gigabytes", "tb": "terabytes",
}  # fmt: skip
_HEADER_UNIT = re.compile(r"\((?P<unit>[A-Za-z]{1,3})\)")


def _unit_of(head: str, caption: str | None, metric: str | None) -> str:
    """The unit a table gives a measure: in its header ("Latency (ms)"), or where its caption
    defines it ("Latency is the mean runtime (in milliseconds per sentence)"); "" if none."""
    if "(%)" in head:
        return "%"
    aside = _HEADER_UNIT.search(head)
    if aside and (said := _UNIT_WORDS.get(aside["unit"].lower())):
        return said
    if metric and caption:
        defined = re.search(rf"\b{re.escape(metric)}\b[^.]*?\(in (?P<unit>[a-z]+)\b", caption, re.I)
        if defined:
            return defined["unit"]
    closing = _CAPTION_UNIT.search(caption or "")  # "Run time statistics, minutes."
    return closing["unit"].lower() if closing else ""


_CAPTION_UNIT = re.compile(
    r"[,(]\s*(?:in )?(?P<unit>milliseconds|seconds|minutes|hours|days)\)?\.?\s*$", re.I
)


SIGN_LOST_SHARE = 0.25  # how near in size two figures of opposite sign may be
EAR_DECIMALS = 2  # "0.7278, against 0.7142" does not register by ear; "0.73, against 0.71" does


def _for_the_ear(a: str, b: str) -> tuple[str, str]:
    """Two figures printed to more decimals than a listener can hold, rounded to the fewest
    (two at the least, and two significant digits of the smaller, as far as printed) that
    still tell them apart:
    "0.73, against 0.71"; "0.782, against 0.785" where two would make a tie of a gap;
    "0.013, against 0.049", where "0.01, against 0.05" would make 3.7 times a fifth."""
    places = [len(x.rstrip("%").partition(".")[2]) for x in (a, b)]
    if min(places) <= EAR_DECIMALS:
        return a, b
    da, db = Decimal(a.rstrip("%")), Decimal(b.rstrip("%"))
    # the places that keep two significant digits of the smaller figure (0.013: three)
    significant = max((1 - d.adjusted() for d in (da, db) if d and abs(d) < 1), default=0)
    for n in range(max(EAR_DECIMALS, significant), max(places)):
        # half up, as a reader rounds (and the grounding check): 0.745 is 0.75, not 0.74
        ra, rb = (str(d.quantize(Decimal(1).scaleb(-n), ROUND_HALF_UP)) for d in (da, db))
        if ra != rb or da == db:
            return ra + "%" * a.endswith("%"), rb + "%" * b.endswith("%")
    return a, b


def _same_unit(a: str, b: str) -> tuple[str, str]:
    if a.endswith("%") and re.fullmatch(r"\d+(?:\.\d+)?", b):
        return a, f"{b}%"
    if b.endswith("%") and re.fullmatch(r"\d+(?:\.\d+)?", a):
        return f"{a}%", b
    return a, b


def _without(named: str, label: str | None, metric: str | None, a: str, whole: str) -> str | None:
    """ "Take away attention, and DRAW's negative log-likelihood on binarised MNIST is
    87.40, against 80.97 with it." (worded unlike the comparison it follows, which names
    the same benchmark and measure)."""
    parts = _WITHOUT.split(named, maxsplit=1)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return None
    method, part = parts[0].strip(), parts[1].strip()
    on = f" on {label}" if label else ""
    if metric and (not label or metric.lower() not in label.lower()):
        return f"Take away {part}, and {method}'s {metric}{on} is {a}, against {whole} with it."
    return f"Take away {part}, and {method} scores {a}{on}, against {whole} with it."


def _gap(a: float, b: float, measured: str) -> float:
    """How far the method is ahead: relative, and negative where lower would be better
    and it is higher."""
    gap = (a - b) / max(abs(b), 1e-9)
    return -gap if _LOWER_BETTER.search(measured) else gap


def _sign_lost(a: float, b: float) -> bool:
    """Two figures of one measure, near in size and opposite in sign ("119.19, against
    -111.12"): a minus sign lost in transcription, no comparison to read out."""
    return a * b < 0 and abs(abs(a) - abs(b)) <= SIGN_LOST_SHARE * max(abs(a), abs(b))


# "We evaluate our method using four metrics: style-transfer strength, content
# preservation, word overlap, and language fluency."
_METRICS_LISTED = re.compile(
    r"\b(?:metrics|measures)(?: (?:are|were|as follows))?: (?P<listed>[^.:;]+)", re.IGNORECASE
)
_METRIC_HEADING = re.compile(r"\b(?:metrics?|measures)\b", re.IGNORECASE)
_METRIC_WORD = re.compile(r"[a-z0-9]+")


def defined_metrics(paper: Paper) -> list[set[str]]:
    """The measures a paper defines for itself, each as its words: those it lists after
    "metrics:", and the headings under its "Evaluation Metrics" section."""
    named: list[str] = []
    for match in _METRICS_LISTED.finditer(paper.full_text()):
        named += re.split(r",\s*(?:and\s+)?|\s+and\s+", match["listed"])
    parent: int | None = None  # the level of the metrics heading whose children are read
    for section in paper.sections:
        if parent is not None and section.level <= parent:
            parent = None
        if parent is not None and section.level == parent + 1:
            named.append(section.title)
        elif parent is None and _METRIC_HEADING.search(section.title):
            parent = section.level
    return [words for name in named if (words := set(_METRIC_WORD.findall(name.lower())))]


def _best(values: list[tuple[str, float, str]], measured: str) -> tuple[str, float, str]:
    """The best of (name, value, cell): the lowest where lower is better."""
    lower = bool(_LOWER_BETTER.search(measured))
    return min(values, key=lambda v: v[1] if lower else -v[1])


class _Reading:
    def __init__(self, paper: Paper, names: re.Pattern[str], method: str | None):
        # The names a listener can hear: the prose's, and the titles of the works it cites
        # (a benchmark is named in its paper's title; "OvrAcc" is named nowhere).
        titles = [r.title or "" for r in paper.references]
        self.body = paper.full_text()
        self.original = "\n".join([self.body, *titles])
        self.prose = self.original.lower()
        self.words = _bigrams(self.prose)
        self.names = names
        self.method = method
        self.metrics = defined_metrics(paper)

    def defined_metric(self, head: str) -> bool:
        """Whether a column is one of the measures the paper defines for itself ("Transfer
        Strength" of "style-transfer strength"), which no list of known metrics holds."""
        words = set(_METRIC_WORD.findall(head.lower()))
        return bool(words) and any(words <= metric for metric in self.metrics)

    def data_set(self, head: str) -> bool:
        """Whether a column is a data set the prose names as one ("the Amazon dataset",
        "the Goodbooks data"), though its name is a plain word."""
        named = rf"(?<!\w){re.escape(head)}(?: [\w\-]+)? {_SET_WORDS}"
        return re.search(named, self.body, re.IGNORECASE) is not None

    def discussed(self, label: str) -> bool:
        """Whether the paper talks about this benchmark, not only tabulates it."""
        return re.search(rf"(?<!\w){re.escape(label)}(?!\w)", self.body, re.IGNORECASE) is not None

    def heard(self, label: str) -> bool:
        """A benchmark the listener can know: named in the prose or the cited titles, or
        a name of capitals and digits said letter by letter ("GSM8K", "MBPP"); a column
        name made for the table ("OvrAcc", "Comp. Score") is neither."""
        return label.lower() in self.prose or bool(_BENCHMARK_NAME.fullmatch(label))

    def name(self, cell: str, ours: bool, beside: str = "") -> str | None:
        """A system's name as the listener hears it: the method's own name when the
        table's is not in the prose; "DARN" for "DARN 12hl", a set-up of a system the
        prose names; None for a name the prose never uses."""
        label = _clean(_shortened(cell, beside) if beside else cell)
        if ours and (marked := _MARKED_OURS.fullmatch(cell.strip())):
            # "Proposed graph CNN", "GC32 (ours)": the row the authors mark as theirs
            return marked["after"] or f"their {marked['name'] or marked['inside']}"
        said = _as_prose(label, self.prose, self.original, self.words)
        if ours:
            return said or self.method
        # "SGD, dropconnect": a system and its variant, said "SGD with dropconnect" ("for
        # dropout" alone named no system).
        head, *parts = label.split(",")
        if said is None and parts:
            system = _as_prose(head.strip(), self.prose, self.original, self.words)
            for part in reversed(parts):
                variant = _as_prose(part.strip(), self.prose, self.original, self.words)
                said = said or (variant and (f"{system} with {variant}" if system else variant))
        first = label.split()[0].strip(",;:") if label else ""
        if said is None and _BENCHMARK_LIKE.search(first):
            said = _as_prose(first, self.prose, self.original, self.words)
        return said

    def best_named(
        self, rivals: list[tuple[str, float, str]], ours: float, measured: str, beside: str = ""
    ) -> tuple[str, float, str] | None:
        """The best rival (named, its figure, its cell): by its name when the listener can
        know it, else as the best other system (never a weaker one that has a name)."""
        label, value, cell = _best(rivals, measured)
        name = self.name(label, ours=False, beside=beside)
        unnamed = UNNAMED_RIVAL if _gap(ours, value, measured) >= 0 else UNNAMED_LEADER
        return name or unnamed, value, cell

    def columns(self, grid: Grid) -> list[TableLine]:
        """Systems are columns, benchmarks rows: each row, the method against the best
        other column. What a row measures comes from its own label (a caption may name
        the measure of one row only)."""
        mine = [c for c, h in enumerate(grid.header) if c > 0 and self.names.search(h)]
        if len(mine) != 1 or not all(_speakable(h) for h in grid.header[1:] if h):
            return []  # a header merged from rows of set-up ("MHA+MoE 4K 2.8B") is no name
        ours = mine[0]
        rivals = [
            c
            for c in range(1, len(grid.header))
            if c != ours
            and grid.header[c]
            and not self.names.search(grid.header[c])
            and not _NO_RIVAL.search(_clean(grid.header[c]))  # "Reduction", "p": no system
        ]
        # The caption's one measure holds for every row unless a row names its own.
        own = any(metric_of(row[0]) for row in grid.body)
        shared = metric_of(grid.header[0]) or (None if own else sole_metric(grid.caption))
        if shared is None and not own and (count := _COUNT_TO.match(grid.caption or "")):
            shared = count["unit"].lower()  # "Epochs needed to achieve …": each cell a count
        lines = []
        for row in grid.body:
            label = _clean(row[0])
            setting = _SETTING.search(label)  # "RULER @128K": the benchmark, at a length
            name = label[: setting.start()] if setting else label
            metric = metric_of(row[0]) or shared
            # No measure named: the caption says what every figure is ("Epochs needed to …")
            # where the systems are the columns.
            measured = f"{row[0]} {metric or grid.caption or ''}"
            a = figure(row[ours])
            others = [(grid.header[c], _value(row[c]), row[c]) for c in rivals]
            known = [(h, v, cell) for h, v, cell in others if v is not None]
            if a is None or not known or not _speakable(label) or not self.heard(name):
                continue
            name_a = self.name(grid.header[ours], ours=True)
            value = float(a.rstrip("%"))
            rival = self.best_named(known, value, measured, beside=grid.header[ours])
            if name_a is None or rival is None:
                continue
            name_b, b, cell = rival
            if _sign_lost(value, b):
                continue
            said: str | None = f"{name} at {setting.group(1)}" if setting else label
            if _MEASURE_ONLY.match(label) or label.lower() == metric:
                said, metric = None, label.lower()  # "The score of ILM is 45%", not "On Score"
            # The unit is the row's, else the method's column's ("Cosine Similarity (%)").
            unit = _unit_of(row[0], grid.caption, metric) or _unit_of(grid.header[ours], None, None)
            text = _said(said, metric, name_a, a, str(figure(cell)), name_b, unit, grid.caption)
            gap = _gap(value, b, measured)
            lines.append(TableLine(text, gap, discussed=self.discussed(name), rival=name_b))
        return lines

    @staticmethod
    def caption_measure(grid: Grid) -> str | None:
        """What every benchmark column measures: the caption's one measure ("Sentence
        infilling PPL of all models"), where no column is a measure of its own and the
        caption ties it to no column ("For MATH-500, we use the win rate")."""
        heads = [_clean(h) for h in grid.header[1:] if h]
        if any(metric_of(h) for h in heads) or any(h in grid.caption for h in heads):
            return None
        return sole_metric(grid.caption)

    def rows(self, grid: Grid) -> list[TableLine]:
        """Systems are rows, benchmarks or metrics columns; a table whose rows a data set's
        name divides ("Penn Treebank" over its rows, "WikiText" over the rest) is read a
        part at a time, each on its data set."""
        settings = _settings(grid)
        if settings is not None:  # a table in long form: each setting's rows, side by side
            return [
                line
                for keys, part in settings
                if all(self.heard(key) for key in keys)
                for line in self.part_rows(part, " with ".join(keys))
            ]
        parts = _parts(grid)
        if parts is None:
            return self.part_rows(grid, None)
        # A part the prose never names as a data set groups systems ("(a) Sequence models"):
        # its rows are set against each other, on the columns' own data sets.
        return [
            line
            for name, part in parts
            for line in self.part_rows(part, name if self.heard(name) else None)
        ]

    def part_rows(self, grid: Grid, data_set: str | None) -> list[TableLine]:
        """The method's best row against the best other row, in each column that says what
        it holds: a metric ("Top-5 error"), a benchmark ("MT-Bench"), the test split of the
        caption's one measure ("Test" under "Perplexities on …"), or, under a header of
        symbols, that measure ("Negative log-likelihood … on the binarised MNIST data set")."""
        mine = [r for r in grid.body if self.names.search(r[0])]
        others = [r for r in grid.body if r not in mine and not _NO_RIVAL.search(r[0])]
        if not mine or not others:
            return []
        on = data_set or self.caption_names(grid)
        splits = [_clean(h) for h in grid.header[1:] if _SPLIT.match(_clean(h))]
        tested = any(_TEST_SPLIT.match(h) for h in splits)
        lines = []
        for col in range(1, len(grid.header)):
            head = _clean(grid.header[col])
            metric = metric_of(head)
            label: str | None = None
            if _TRAINING.match(head):
                continue  # a fit to the training data ("Train Perplexity"), no result
            if (metric or self.defined_metric(head)) and _speakable(head):
                metric, label = _lowered(head), on  # "max accuracy", "top-5 error"
            elif _speakable(head) and (
                _BENCHMARK_LIKE.search(head)
                and self.heard(head)
                or self.data_set(head)
                or col < len(grid.groups)
                and self.data_set(grid.groups[col])
            ):
                label, metric = head, self.caption_measure(grid)  # a benchmark: its score
            elif head and not _speakable(head) and on and (metric := sole_metric(grid.caption)):
                label = on  # a header of symbols ("−log p"); an empty one may be set-up
            elif (
                _speakable(head)
                and self.discussed(head)
                and (count := _COUNT_TO.match(grid.caption))
            ):
                label, metric = head, count["unit"].lower()  # "Mean episodes to solve": a task
            elif _SPLIT.match(head) and (_TEST_SPLIT.match(head) or not tested):
                metric, label = sole_metric(grid.caption), on  # the held-out figure
                if metric is None:
                    continue
            else:
                continue  # a set-up column (resolution, crops, model size): no result
            measured = f"{head} {metric or ''}"  # each column its own measure, not the caption's
            ours = [(r[0], v, r[col]) for r in mine if (v := _value(r[col])) is not None]
            theirs = [(r[0], v, r[col]) for r in others if (v := _value(r[col])) is not None]
            if not ours or not theirs:
                continue
            ours, theirs = _like_for_like(ours, theirs, measured)
            row_a, a, cell_a = _best(ours, measured)
            name_a = self.name(row_a, ours=True)
            rival = self.best_named(theirs, a, measured)
            if name_a is None or rival is None:
                continue
            name_b, b, cell_b = rival
            if _sign_lost(a, b):
                continue
            unit = _unit_of(grid.header[col], grid.caption, metric)
            a_said, b_said = str(figure(cell_a)), str(figure(cell_b))
            text = _said(label, metric, name_a, a_said, b_said, name_b, unit, grid.caption)
            discussed = bool(label) and self.discussed(head)
            lines.append(TableLine(text, _gap(a, b, measured), discussed=discussed, rival=name_b))
            lines += self.ablation(ours, (row_a, a, cell_a), label, metric, measured)
        return lines

    def leader(self, grid: Grid) -> TableLine | None:
        """Where no row is the authors' own (a paper that sets up a task or benchmark and
        tests others' systems on it), the system that comes out on top of the table's
        summary column ("All constraints", "Average"), or of its one result column, against
        the runner-up; None for a table of fewer than three named systems or no measure."""
        if any(self.names.search(cell) for cell in [*grid.header, *(r[0] for r in grid.body)]):
            return None
        heads = [_clean(h) for h in grid.header]
        results = [
            c
            for c in range(1, len(heads))
            if _speakable(heads[c])
            and not _TRAINING.match(heads[c])
            and (
                metric_of(heads[c])
                or self.heard(heads[c])
                or _SUMMARY.search(heads[c])
                or _PLAIN_HEAD.match(heads[c])
            )
        ]
        summary = [c for c in results if _SUMMARY.search(heads[c])]
        if not summary and len(results) != 1:
            return None
        col = (summary or results)[-1]
        head = heads[col]
        metric = metric_of(head) or sole_metric(grid.caption)
        if metric is None and not (_BENCHMARK_LIKE.search(head) and self.heard(head)):
            return None
        rows = [
            (name, v, r[col])
            for r in grid.body
            if not _NO_RIVAL.search(r[0])
            and (v := _value(r[col])) is not None
            and (name := self.name(r[0], ours=False))
        ]
        if len(rows) < 3:
            return None
        measured = f"{head} {metric or ''}"
        top = _best(rows, measured)
        runner = _best([r for r in rows if r is not top], measured)
        if _sign_lost(top[1], runner[1]):
            return None
        label = (
            None
            if metric_of(head) or _PLAIN_HEAD.match(head)
            else (head if _BENCHMARK_LIKE.search(head) else head.lower())
        )
        on = f"On {label}, " if label else ""
        measure = f" in {_lowered(head) if metric_of(head) else metric}" if metric else ""
        unit = _unit_of(grid.header[col], grid.caption, metric)
        a, b = _pair_said(str(figure(top[2])), str(figure(runner[2])), unit)
        rival = _rival_said(runner[0])
        direction = "; lower is better" if _UNSAID_LOWER.search(measured) else ""
        text = f"{on}{top[0]} comes out on top{measure}: {a}, against {b} for {rival}{direction}."
        gap = _gap(top[1], runner[1], measured)
        return TableLine(text[:1].upper() + text[1:], gap, rival=rival, leader=True)

    def caption_names(self, grid: Grid) -> str | None:
        """The one data set a caption says its figures are on: named with a word for a set
        or as results on it; else by a name the caption or the prose calls a set (a test
        set, data set, benchmark, corpus, leaderboard), no system of the table, no measure
        and not the method, and none for an ablation; else the benchmark it opens on."""
        caption = grid.caption or ""
        data = _CAPTION_DATA.search(caption) or _CAPTION_RESULTS_ON.match(caption)
        if data:  # "… on the binarised MNIST data set", "Results on SHREC'17 (3D shapes)."
            return data[data.lastgroup or 0]
        found = _CAPTION_ON.search(caption) or _CAPTION_LEADERBOARD.match(caption)
        if found is None or _ABLATION.match(caption):
            return self.benchmark_opening(grid)
        name = found.group("data")
        systems = " ".join(row[0] for row in grid.body)
        if metric_of(name) or self.names.search(name) or name in systems or not self.heard(name):
            return None
        # a set, as the caption or the prose calls it ("LLaMA-7B", "ResNet-50" are models)
        called = re.search(rf"{re.escape(name)} {_SET_WORDS}", caption) or self.data_set(name)
        return name if called else None

    def benchmark_opening(self, grid: Grid) -> str | None:
        """The benchmark a caption opens on, where the prose names it too and it is no
        system of the table, no measure and not the method."""
        found = _CAPTION_OPENS.match(grid.caption or "")
        if found is None:
            return None
        name = found.group("data")
        systems = " ".join(row[0] for row in grid.body)
        if metric_of(name) or self.names.search(name) or name in systems:
            return None
        # "LLM evaluation results", "Zero-shot results": a word, unless a digit or the
        # prose calls it a benchmark.
        called = re.search(
            rf"\b{re.escape(name.lower())} (?:benchmark|data ?set|test set|suite)", self.prose
        )
        return name if self.heard(name) and (re.search(r"\d", name) or called) else None

    def ablation(
        self,
        ours: list[tuple[str, float, str]],
        best: tuple[str, float, str],
        label: str | None,
        metric: str | None,
        measured: str,
    ) -> list[TableLine]:
        """The method without a part of it, against the whole ("On binarised MNIST, DRAW
        without attention scores 87.40, against 80.97 with it"): what the part is worth."""
        whole = [o for o in ours if not _WITHOUT.search(o[0])]
        if not whole or _WITHOUT.search(best[0]):
            return []
        lines = []
        for row, value, cell in ours:
            named = _clean(row)
            if not _WITHOUT.search(row) or not _speakable(named):
                continue
            text = _without(named, label, metric, str(figure(cell)), str(figure(best[2])))
            if text is None:
                continue
            lines.append(TableLine(text, _gap(best[1], value, measured)))
        return lines[:1]


def _first_heard(line: TableLine) -> tuple[bool, float]:
    """The benchmarks the paper talks about before those it only tabulates (MoBA's
    long-context RULER before GSM8K), each the widest gap first."""
    return not line.discussed, -abs(line.gap)


# A table that describes the data, not how systems did on it, by its caption's opening:
# "Statistics of evaluation datasets" (its "Intents" column is no system), "Dataset
# statistics", "Characteristics of evaluation datasets" ("Run time statistics" and
# "Reported statistics are F1 …" in a results table's caption are no such thing).
_DESCRIBES_DATA = re.compile(
    r"^(?:(?:data ?sets?|corpus|corpora|data)\s+)+statistics\b|"
    r"^(?:statistics|characteristics) (?:of|on|for) (?:the )?(?:\w+ )?"
    r"(?:data ?sets?|corpus|corpora|data|benchmarks?)\b",
    re.IGNORECASE,
)


def table_lines(paper: Paper, method: str | None, aliases: Sequence[str] = ()) -> list[TableLine]:
    """The comparisons of the paper's tables that set the method against another system:
    benchmarks the prose discusses first, the widest gaps first, at most two a table and
    each table's worst miss past those, so the listener hears both sides."""
    names = (
        _names(method, aliases) if method else _named_by_title(paper) or _uncited(paper) or _MARKED
    )
    reading = _Reading(paper, names, method)
    lines: list[TableLine] = []
    for table in paper.tables:
        grid = Grid.of(table)
        if grid is None or _DESCRIBES_DATA.search(table.caption or ""):
            continue
        found = reading.columns(grid) or reading.rows(grid)
        cited = SourceRef(section=table.section, quote=table.caption or table.label or "a table")
        for line in found:
            line.source = cited
        found.sort(key=_first_heard)
        lines += found[:PER_TABLE]
        misses = [line for line in found[PER_TABLE:] if line.gap < 0]
        if misses:  # where the method trails, kept past the table's widest gaps
            lines.append(min(misses, key=lambda line: line.gap))
    lines.sort(key=_first_heard)
    if not lines:
        return _leaders(paper, reading)
    chosen = lines[: TABLE_LINES - 1]
    worst = min(lines, key=lambda line: line.gap)
    if worst.gap < 0 and worst not in chosen:
        chosen.append(worst)
    return chosen


def _leaders(paper: Paper, reading: _Reading) -> list[TableLine]:
    """The system on top of each table that holds none of the method's rows, where no
    table does: the results of a paper that tests others' systems."""
    lines = []
    for table in paper.tables:
        grid = Grid.of(table)
        if _DESCRIBES_DATA.search(table.caption or ""):
            continue
        if grid is not None and (line := reading.leader(grid)) is not None:
            line.source = SourceRef(
                section=table.section, quote=table.caption or table.label or "a table"
            )
            lines.append(line)
    return lines[:PER_TABLE]
