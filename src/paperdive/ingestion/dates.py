"""A PDF paper's date when arXiv does not give one: printed under the title, or in its metadata."""

from __future__ import annotations

import re
from datetime import date

from paperdive.ingestion.layout import TextLine

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
# Capitalised month names only, so that the verb in "results may 2026" never reads as a date.
_MONTH = rf"(?P<month>{'|'.join(sorted(_MONTHS, key=len, reverse=True))})\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)"
_PRINTED_DATES = [
    re.compile(rf"\b{_MONTH} {_DAY}(?:st|nd|rd|th)?,? {_YEAR}\b"),  # November 3, 2026
    re.compile(rf"\b{_DAY} {_MONTH},? {_YEAR}\b"),  # 3 November 2026
    re.compile(rf"\b{_YEAR}-(?P<month_number>[01]\d)-{_DAY}\b"),  # 2026-11-03
    re.compile(rf"\b{_MONTH},? {_YEAR}\b"),  # November 2026: the first of the month
]
_PDF_DATE = re.compile(r"^(?:D:)?(?P<year>\d{4})(?P<month>\d\d)(?P<day>\d\d)")
_EARLIEST = date(1990, 1, 1)  # before this a "paper date" is a misconfigured clock
_MAX_DATE_LINE_CHARS = 80  # a date line is short; long lines are prose that may cite dates


def printed_date(front_matter: list[TextLine], *, today: date) -> date | None:
    """The first plausible date printed on the first page before the paper's first heading."""
    for line in front_matter:
        if line.page != 1 or len(line.text) > _MAX_DATE_LINE_CHARS:
            continue
        for pattern in _PRINTED_DATES:
            found = _plausible(_match_date(pattern.search(line.text)), today=today)
            if found:
                return found
    return None


def metadata_date(creation_date: str | None, *, today: date) -> date | None:
    """The PDF's creationDate ('D:20260311094500Z'), unless it is in the future or before 1990."""
    match = _PDF_DATE.match((creation_date or "").strip())
    if not match:
        return None
    return _plausible(_checked_date(match["year"], match["month"], match["day"]), today=today)


def _match_date(match: re.Match[str] | None) -> date | None:
    if match is None:
        return None
    groups = match.groupdict()
    month = groups.get("month_number") or str(_MONTHS[groups["month"]])
    return _checked_date(groups["year"], month, groups.get("day") or "1")


def _checked_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _plausible(found: date | None, *, today: date) -> date | None:
    return found if found is not None and _EARLIEST <= found <= today else None
