"""How the two hosts share an episode's words.

The skeptic carries a real share: the plan gives each chapter the share of its words the
skeptic speaks (about 40 percent in a deep dive, more in the chapter that makes the skeptic's
case), the chapter request states it as a band, and once the conversation is stitched and
revised the episode's shares are measured. A host outside the show's band is said in the
review, with the chapters furthest off; nothing is rewritten to force it.
"""

from __future__ import annotations

from paperdive.models import ChapterPlan, CheckItem, HostRole, Script, ScriptFormat

SHOW_BAND = (0.30, 0.70)  # each host's share of an episode's words
# The skeptic's share of a chapter's words (percent) when the plan gives none, and the
# shares a plan may give; critiques and debates lean on the skeptic.
SKEPTIC_SHARE: dict[str, int] = {"critique": 50, "debate": 50, "digest": 35}
DEFAULT_SKEPTIC_SHARE = 40
SHARE_LIMITS = (30, 60)
SKEPTIC_HEAVY_LIMITS = (40, 65)
SPREAD = 5  # a chapter is asked for its share give or take this many points
WORST_SHOWN = 2  # chapters named in the review as furthest off


def skeptic_heavy(format: ScriptFormat | str) -> bool:
    return format in ("critique", "debate")


def share_limits(format: ScriptFormat | str) -> tuple[int, int]:
    return SKEPTIC_HEAVY_LIMITS if skeptic_heavy(format) else SHARE_LIMITS


def default_share(format: ScriptFormat | str) -> int:
    return SKEPTIC_SHARE.get(str(format), DEFAULT_SKEPTIC_SHARE)


def planned_share(share: int | None, format: ScriptFormat | str) -> int:
    """The skeptic's share the plan gave a chapter, within the format's limits."""
    low, high = share_limits(format)
    return min(max(share if share is not None else default_share(format), low), high)


def share_band(chapter: ChapterPlan, format: ScriptFormat | str) -> tuple[int, int]:
    """The band (percent) a chapter request asks the skeptic's words to fall in."""
    share = planned_share(chapter.skeptic_share, format)
    return share - SPREAD, share + SPREAD


def host_words(script: Script, chapter: int | None = None) -> dict[HostRole, int]:
    words: dict[HostRole, int] = {"explainer": 0, "skeptic": 0}
    for turn in script.turns:
        if chapter is None or turn.chapter == chapter:
            words[turn.host] += len(turn.text.split())
    return words


def balance_item(script: Script) -> CheckItem | None:
    """A flagged review item when a host speaks less than the show's band allows (the
    other then speaks more), naming the chapters where that host said least; else None."""
    words = host_words(script)
    total = sum(words.values())
    if not total:
        return None
    quiet: HostRole = min(words, key=lambda h: words[h])
    loud: HostRole = "explainer" if quiet == "skeptic" else "skeptic"
    if words[quiet] / total >= SHOW_BAND[0]:
        return None
    names = script.hosts
    turns = {h: sum(1 for t in script.turns if t.host == h) for h in words}
    shares: list[tuple[float, int]] = []
    for number in sorted({t.chapter for t in script.turns}):
        counted = host_words(script, number)
        if sum(counted.values()):
            shares.append((counted[quiet] / sum(counted.values()), number))
    worst = sorted(shares)[:WORST_SHOWN]
    where = ", ".join(
        f"chapter {n + 1} ({round(100 * s)}%)" for s, n in sorted(worst, key=lambda x: x[1])
    )
    first_turn = next(
        (i for i, t in enumerate(script.turns) if worst and t.chapter == worst[0][1]), 0
    )
    low, high = (round(100 * b) for b in SHOW_BAND)
    return CheckItem(
        kind="balance",
        turn=first_turn,
        text=(
            f"{names[loud]} {_percent(words[loud], total)} ({turns[loud]} turns), "
            f"{names[quiet]} {_percent(words[quiet], total)} ({turns[quiet]} turns) "
            f"of {total} words"
        ),
        status="flagged",
        note=(
            f"Each host should speak {low}–{high}% of the words; {names[quiet]} "
            f"({quiet}) said least in {where}."
        ),
    )


def _percent(part: int, total: int) -> str:
    return f"{round(100 * part / total)}%"
