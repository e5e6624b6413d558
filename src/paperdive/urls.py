"""The one place a URL is made fit to store or publish: no credentials, no signed tokens.

A source link like `https://user:pw@host/paper.pdf?token=…&X-Amz-Signature=…` must reach
paper.json, the library, the feed and the page as `https://host/paper.pdf`. Query
parameters survive only when they are known to name the document itself (OpenReview's
`pdf?id=…`); everything else in a query is presumed secret.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Keys that identify a document on common paper hosts; never a credential.
DOCUMENT_QUERY_KEYS = frozenset({"id", "noteid", "paperid", "doi", "version", "v"})
_MAX_KEPT_VALUE = 64  # a long opaque value is more likely a token than an id


def public_url(url: str) -> str:
    """`url` with userinfo, fragment and every query parameter but document ids removed.

    Anything that is not an http(s) URL with a host is returned unchanged (a local path or
    an arXiv id carries no secret of this kind).
    """
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return text
    host = parts.hostname
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # a malformed port: keep none of it
        port = None
    netloc = f"{host}:{port}" if port else host
    kept = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=False)
        if key.lower() in DOCUMENT_QUERY_KEYS and len(value) <= _MAX_KEPT_VALUE
    ]
    return urlunsplit((parts.scheme.lower(), netloc, parts.path, urlencode(kept), ""))


def public_link(url: str | None) -> str | None:
    """A link safe to put in an href: an absolute http(s) URL made public, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None  # `javascript:`, relative and schemeless links are never emitted
    return public_url(url)
