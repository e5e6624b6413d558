"""User-facing errors, and the one place any failure becomes the one line a user reads."""

from __future__ import annotations

import errno
import re
import sqlite3

from paperdive.urls import public_url


class PaperdiveError(Exception):
    """An expected failure the CLI reports as one line, without a traceback."""


class IngestError(PaperdiveError):
    pass


class WriteError(PaperdiveError):
    pass


class LLMError(PaperdiveError):
    pass


class VoiceError(PaperdiveError):
    pass


class PublishError(PaperdiveError):
    pass


class ConfigError(PaperdiveError):
    pass


class LibraryError(PaperdiveError):
    """The show library (its folders, index or locks) cannot be used as it is."""


URL = re.compile(r"https?://[^\s'\"<>]+")
DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def _os_error(exc: OSError) -> str:
    path = f" {exc.filename}" if exc.filename else ""
    if exc.errno in DISK_FULL:
        where = f" (writing{path})" if path else ""
        return f"the disk is full{where}: free some space and run again; finished work is kept"
    if exc.errno == errno.EROFS:
        return f"cannot write{path}: the file system is read-only"
    if exc.errno in READ_ONLY:
        return f"cannot access{path}: permission denied"
    return f"{exc.strerror or type(exc).__name__}{':' if path else ''}{path}"


def _unexpected(exc: BaseException) -> str:
    detail = str(exc).strip().splitlines()
    reason = f"{type(exc).__name__}: {detail[0]}" if detail else type(exc).__name__
    return f"unexpected {reason} (set PAPERDIVE_DEBUG=1 to see where)"


def describe(exc: BaseException) -> str:
    """One line for any failure: what went wrong and, where it helps, what to do.

    Messages never carry a URL's credentials or signed query: URLs are shown in public form.
    """
    if isinstance(exc, PaperdiveError):
        text = str(exc)
    elif isinstance(exc, OSError) and exc.errno is not None:
        text = _os_error(exc)
    elif isinstance(exc, sqlite3.Error):
        text = f"the show library's index failed: {exc}"
    elif isinstance(exc, MemoryError):
        text = "out of memory"
    else:
        text = _unexpected(exc)
    text = URL.sub(lambda m: public_url(m.group(0)), text)
    return " ".join(text.split())
