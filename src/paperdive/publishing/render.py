"""The Jinja environment and the small formatting rules that the feed and pages share."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import format_datetime

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from paperdive.urls import public_link

# Characters XML 1.0 forbids even when escaped; LLM output occasionally contains them.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
RELATIVE_DATE_DAYS = 7  # older episodes show their date instead of "N days ago"


def strip_invalid_xml(value: object) -> object:
    if isinstance(value, Markup):
        return Markup(XML_INVALID.sub("", value))
    if isinstance(value, str):
        return XML_INVALID.sub("", value)
    return value


def clock(seconds: float) -> str:
    """01:30 or 1:02:03: the timestamp a listener reads."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def hms(seconds: float) -> str:
    """HH:MM:SS for itunes:duration."""
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"


def npt(seconds: float) -> str:
    """HH:MM:SS.mmm, the Podlove Simple Chapters time format."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def length(seconds: float) -> str:
    """'24 min' or '1 hr 5 min'."""
    minutes = max(1, round(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours} hr {minutes} min" if hours else f"{minutes} min"


def relative_date(moment: datetime, now: datetime) -> str:
    """'just now', '9 hr ago', '2 days ago', else the date; dates.js repeats this in the page."""
    seconds = (now - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} hr ago"
    days = int(seconds // 86400)
    if days < RELATIVE_DATE_DAYS:
        return f"{days} day ago" if days == 1 else f"{days} days ago"
    return long_date(moment)


def long_date(moment: datetime) -> str:
    moment = moment.astimezone(UTC) if isinstance(moment, datetime) else moment
    return f"{moment:%b} {moment.day}, {moment.year}"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def rfc822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("paperdive.publishing", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=strip_invalid_xml,
    )
    env.filters.update(
        clock=clock,
        hms=hms,
        npt=npt,
        length=length,
        long_date=long_date,
        iso=iso,
        rfc822=rfc822,
        safe_url=public_link,
    )
    return env
