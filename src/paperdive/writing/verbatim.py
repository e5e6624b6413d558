"""Words a pass over the script must leave as they are: a paper's title ("Attention is not
all you need" is no negation to contract), the method's map ("…, or SFT," breaks up a list).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

# Private-use characters: no pass reads them as letters, digits or punctuation (the sentence
# splitter's own placeholder is U+2063, so a mark made of it would not survive a split).
_OPEN, _CLOSE = "\ue000", "\ue001"


def keeping(
    texts: list[str], kept: Sequence[str | None], change: Callable[[list[str]], list[str]]
) -> list[str]:
    """`change` applied to `texts`, with every string of `kept` left as it was."""
    marks = {f"{_OPEN}{i}{_CLOSE}": k for i, k in enumerate(kept) if k}
    hidden = texts
    for mark, words in marks.items():
        hidden = [text.replace(words, mark) for text in hidden]
    changed = change(hidden)
    for mark, words in marks.items():
        changed = [text.replace(mark, words) for text in changed]
    return changed
