"""A day's new submissions in the show's categories, through the arXiv export API.

One search per page: `(cat:A OR cat:B) AND submittedDate:[FROM TO]`, sorted by submission
date, 200 entries a page, at most one request every 3 seconds (the shared arXiv pacer), with
the fetcher's backoff on 429/503 and its descriptive User-Agent. The API sometimes answers a
page with no entries although the total says more exist; such a page is asked again a few
times before the listing is declared incomplete.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from urllib.parse import urlencode

from pydantic import BaseModel, Field

from paperdive.daily.window import Window
from paperdive.errors import IngestError, PaperdiveError
from paperdive.ingestion.fetch import Fetcher, Pacer

DEFAULT_API = "https://export.arxiv.org/api/query"
PAGE_SIZE = 200
MAX_PAPERS = 5000  # far above a busy day in cs.AI+cs.CL; a guard against a runaway answer
_PAGE_MAX_BYTES = 20_000_000
_EMPTY_PAGE_RETRIES = 3
_CATEGORY = re.compile(r"[a-z-]+(\.[A-Za-z-]+)?")


class ArxivUnavailable(PaperdiveError):
    """The arXiv API could not be reached or answered nonsense, after retries."""


class ListedPaper(BaseModel):
    """One new submission as the listing shows it: enough to rank it and to name it."""

    arxiv_id: str
    title: str
    abstract: str
    authors: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    primary_category: str = ""
    submitted: datetime | None = None

    @property
    def text(self) -> str:
        return f"{self.title}. {self.abstract}"

    @property
    def abs_url(self) -> str:
        return f"https://arxiv.org/abs/{self.arxiv_id}"


def check_categories(categories: Sequence[str]) -> list[str]:
    """The categories as given, refusing anything that is not an arXiv category name."""
    if not categories:
        raise PaperdiveError("no arXiv categories: set [show] arxiv_categories in paperdive.toml")
    for category in categories:
        if not _CATEGORY.fullmatch(category):
            raise PaperdiveError(f"{category!r} is not an arXiv category (e.g. cs.AI, cs.CL)")
    return list(categories)


def search_query(categories: Sequence[str], window: Window) -> str:
    cats = " OR ".join(f"cat:{c}" for c in check_categories(categories))
    return f"({cats}) AND {window.query()}"


def page_url(api: str, query: str, start: int, size: int = PAGE_SIZE) -> str:
    params = {
        "search_query": query,
        "start": start,
        "max_results": size,
        "sortBy": "submittedDate",
        "sortOrder": "ascending",
    }
    return f"{api}?{urlencode(params)}"


def bare_id(entry_id: str) -> str:
    """The bare id: 2501.04682 from http://arxiv.org/abs/2501.04682v1."""
    tail = entry_id.split("/abs/", 1)[-1]
    return re.sub(r"v\d+$", "", tail)


def parse_page(body: bytes) -> tuple[int, list[ListedPaper]]:
    """(total results, papers) of one Atom page; ArxivUnavailable when it is not Atom."""
    from arxiv import _feed as arxiv_feed

    feed = arxiv_feed.parse(body)
    if feed.malformed:
        raise ArxivUnavailable("the arXiv API answered with something that is not an Atom feed")
    papers = [
        ListedPaper(
            arxiv_id=bare_id(result.entry_id),
            title=" ".join(result.title.split()),
            abstract=" ".join(result.summary.split()),
            authors=[author.name for author in result.authors],
            categories=list(result.categories),
            primary_category=result.primary_category,
            submitted=result.published,
        )
        for result in feed.results
    ]
    return feed.header.total_results, papers


def list_new(
    categories: Sequence[str],
    window: Window,
    *,
    api: str = DEFAULT_API,
    fetcher: Fetcher,
    pacer: Pacer,
) -> list[ListedPaper]:
    """Every paper first submitted inside `window` in any of `categories`, oldest first.

    Raises ArxivUnavailable (one line, nothing else done) when the API stays unreachable.
    """
    query = search_query(categories, window)
    seen: dict[str, ListedPaper] = {}
    start, total = 0, None
    empty_pages = 0
    while total is None or start < min(total, MAX_PAPERS):
        url = page_url(api, query, start)
        try:
            body = fetcher.get(
                url, what="the arXiv listing", max_bytes=_PAGE_MAX_BYTES, pacer=pacer
            )
        except IngestError as exc:
            raise ArxivUnavailable(f"arXiv API unavailable: {exc}") from None
        page_total, papers = parse_page(body)
        total = page_total if total is None else max(total, page_total)
        if not papers:
            if start >= total:
                break
            empty_pages += 1  # a known API hiccup: a page of nothing inside the total
            if empty_pages > _EMPTY_PAGE_RETRIES:
                raise ArxivUnavailable(
                    f"arXiv API unavailable: it kept answering empty pages at {start} of {total}"
                )
            continue
        empty_pages = 0
        for paper in papers:
            seen.setdefault(paper.arxiv_id, paper)
        start += len(papers)
    return list(seen.values())
