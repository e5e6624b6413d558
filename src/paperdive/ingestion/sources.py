"""Tell what kind of source the user gave: an arXiv id or URL, a PDF URL or a local file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from paperdive.errors import IngestError

_VERSION = r"(?P<version>v[1-9]\d*)?"  # versions count from v1
_NEW_ID = re.compile(r"^(?P<id>\d{4}\.\d{4,5})" + _VERSION + "$")
_OLD_ID = re.compile(
    r"^(?P<id>[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/(?P<yymm>\d{4})\d{3})" + _VERSION + "$"
)
_FIRST_NEW_ID = 704  # April 2007: before it, ids were archive/YYMMNNN
_FIRST_OLD_ID = 9108  # August 1991, arXiv's first month
_ARXIV_HOSTS = {"arxiv.org", "www.arxiv.org", "export.arxiv.org"}
_ARXIV_PATH = re.compile(r"^/(?:abs|pdf)/(?P<rest>.+?)(?:\.pdf)?/?$")
_LOOKS_LIKE_ID = re.compile(r"^(?:arxiv:)?[\w.\-/]+$", re.I)


@dataclass(frozen=True)
class Source:
    kind: Literal["arxiv", "pdf_url", "local_pdf"]
    value: str  # the arXiv id (with version if given), the URL, or the file path


def classify(source: str | os.PathLike[str]) -> Source:
    if isinstance(source, os.PathLike):
        return Source("local_pdf", str(Path(source)))
    text = source.strip()
    if not text:
        raise IngestError("no source given: pass an arXiv id, a PDF URL or a path to a PDF")
    parsed = urlparse(text)
    if parsed.scheme in ("http", "https"):
        if parsed.hostname in _ARXIV_HOSTS:
            return Source("arxiv", _arxiv_id_from_path(parsed.path, text))
        return Source("pdf_url", text)
    if (path := _existing_path(text)) is not None:
        return Source("local_pdf", str(path))
    if parsed.scheme and len(parsed.scheme) > 1 and parsed.scheme != "arxiv":
        raise IngestError(f"unsupported source {text!r}: only http(s) URLs can be downloaded")
    if text.lower().endswith(".pdf"):
        return Source("local_pdf", text)  # reported as missing when it is read
    candidate = re.sub(r"^arxiv:", "", text, flags=re.I)
    if valid_arxiv_id(candidate):
        return Source("arxiv", candidate)
    if _LOOKS_LIKE_ID.match(text) and re.search(r"\d{4}", text):
        raise IngestError(
            f"malformed arXiv id {text!r}: expected e.g. 2401.06066, 2401.06066v2 or hep-th/9901001"
        )
    raise IngestError(f"{text!r} is not an existing file, a URL or an arXiv id")


def _existing_path(text: str) -> Path | None:
    try:
        path = Path(text).expanduser()
        return path if path.exists() else None
    except (OSError, ValueError, RuntimeError):  # too long, NUL bytes, "~nobody"
        return None


def valid_arxiv_id(text: str) -> bool:
    """An id arXiv could have issued: a real month in its scheme's era, a version from v1."""
    match = _NEW_ID.match(text)
    if match:
        year_month, serial = match["id"].split(".")
        # 4-digit serials until December 2014 (1412), 5-digit ones from January 2015 (1501)
        expected_digits = 5 if int(year_month) >= 1501 else 4
        return (
            int(year_month) >= _FIRST_NEW_ID
            and 1 <= int(year_month[2:]) <= 12
            and len(serial) == expected_digits
        )
    match = _OLD_ID.match(text)
    if match:
        yymm = int(match["yymm"])
        in_era = yymm >= _FIRST_OLD_ID or yymm < _FIRST_NEW_ID  # 9108…9912, then 0001…0703
        return in_era and 1 <= yymm % 100 <= 12
    return False


def _arxiv_id_from_path(path: str, url: str) -> str:
    match = _ARXIV_PATH.match(path)
    if match and valid_arxiv_id(match["rest"]):
        return match["rest"]
    raise IngestError(f"cannot find an arXiv id in {url!r}; expected arxiv.org/abs/ID or /pdf/ID")
