"""Which submissions an arXiv announcement day lists.

arXiv announces new submissions once per weekday evening, 20:00 US Eastern, Sunday to
Thursday; the listing is dated the next day (Monday to Friday). Each announcement covers the
papers submitted between two consecutive 14:00 Eastern cut-offs on weekdays:

    listing dated Tue D  covers  Fri 14:00 → Mon 14:00  (the weekend's papers)
    listing dated Wed D  covers  Mon 14:00 → Tue 14:00
    …
    listing dated Mon D  covers  Thu 14:00 → Fri 14:00

So "that day's new submissions" are the papers whose first version was submitted inside the
window, which the export API can select with `submittedDate:[FROM TO]` (times in UTC). The
API does not expose the announcement itself; a holiday that delays a mailing shifts papers
into the next listing, which this window then misses, a known and accepted gap. Saturday and
Sunday have no listing at all: the run says "nothing new" and stops.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

EASTERN = ZoneInfo("America/New_York")
CUTOFF = time(14, 0)
ANNOUNCED_AT = time(20, 0)


@dataclass(frozen=True)
class Window:
    """The submission window [start, end) of the listing dated `day`, in UTC."""

    day: date
    start: datetime
    end: datetime

    def query(self) -> str:
        """The export API's submittedDate clause for this window (minute precision, UTC)."""
        # the API's ranges are inclusive; end one minute early so a paper is in one window only
        last = self.end - timedelta(minutes=1)
        return f"submittedDate:[{self.start:%Y%m%d%H%M} TO {last:%Y%m%d%H%M}]"


def has_listing(day: date) -> bool:
    """True for Monday to Friday: arXiv publishes no listing on Saturday or Sunday."""
    return day.weekday() < 5


def _previous_weekday(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _cutoff(day: date) -> datetime:
    return datetime.combine(day, CUTOFF, tzinfo=EASTERN).astimezone(UTC)


def window_for(day: date) -> Window:
    """The submission window of the listing dated `day` (a weekday)."""
    if not has_listing(day):
        raise ValueError(f"arXiv has no listing on {day:%A %Y-%m-%d}")
    closes = _previous_weekday(day)  # the weekday whose 14:00 cut-off closes this listing
    opens = _previous_weekday(closes)
    return Window(day=day, start=_cutoff(opens), end=_cutoff(closes))


def latest_listing_day(now: datetime) -> date:
    """The newest listing already announced at `now` (weekends give Friday's)."""
    eastern = now.astimezone(EASTERN)
    day = eastern.date()
    if eastern.time() >= ANNOUNCED_AT:
        day += timedelta(days=1)  # tonight's announcement is dated tomorrow
    while not has_listing(day):
        day -= timedelta(days=1)
    return day


def announced(day: date, now: datetime) -> bool:
    """True once the listing dated `day` has been announced (20:00 Eastern the evening before)."""
    moment = datetime.combine(day - timedelta(days=1), ANNOUNCED_AT, tzinfo=EASTERN)
    return now >= moment
