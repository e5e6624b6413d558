"""A localhost stand-in for the arXiv export API: Atom pages like the recorded responses.

It answers `search_query=(cat:A OR cat:B) AND submittedDate:[FROM TO]` with paging
(`start`, `max_results`, sorted by submission date) and `id_list=...`, and can be told to
fail: a list of HTTP statuses to answer first, or a status to answer always.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

ATOM_HEAD = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" \
xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/fixture</id>
  <title>arXiv Query: {query}</title>
  <updated>2026-04-12T22:09:27Z</updated>
  <opensearch:itemsPerPage>{size}</opensearch:itemsPerPage>
  <opensearch:totalResults>{total}</opensearch:totalResults>
  <opensearch:startIndex>{start}</opensearch:startIndex>
"""

ENTRY = """  <entry>
    <id>http://arxiv.org/abs/{id}v1</id>
    <title>{title}</title>
    <updated>{when}</updated>
    <link href="https://arxiv.org/abs/{id}v1" rel="alternate" type="text/html"/>
    <link href="https://arxiv.org/pdf/{id}v1" rel="related" type="application/pdf" title="pdf"/>
    <summary>{abstract}</summary>
{categories}    <published>{when}</published>
    <arxiv:primary_category term="{primary}"/>
{authors}  </entry>
"""


@dataclass
class FixturePaper:
    arxiv_id: str
    title: str
    abstract: str
    submitted: datetime
    categories: list[str] = field(default_factory=lambda: ["cs.AI"])
    authors: list[str] = field(default_factory=lambda: ["A. Author"])

    def atom(self) -> str:
        when = self.submitted.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return ENTRY.format(
            id=self.arxiv_id,
            title=escape(self.title),
            abstract=escape(self.abstract),
            when=when,
            primary=self.categories[0],
            categories="".join(
                f'    <category term="{c}" scheme="http://arxiv.org/schemas/atom"/>\n'
                for c in self.categories
            ),
            authors="".join(
                f"    <author>\n      <name>{escape(a)}</name>\n    </author>\n"
                for a in self.authors
            ),
        )


_RANGE = re.compile(r"submittedDate:\[(\d{12}) TO (\d{12})\]")
_CAT = re.compile(r"cat:([\w.-]+)")


class FakeArxiv:
    def __init__(self, papers: list[FixturePaper]) -> None:
        self.papers = papers
        self.requests: list[str] = []
        self.agents: list[str] = []
        self.fail_first: list[int] = []  # statuses answered before any real page
        self.fail_always: int | None = None
        self.url = ""

    def answer(self, path: str) -> tuple[int, str]:
        self.requests.append(path)
        if self.fail_always is not None:
            return self.fail_always, "unavailable"
        if self.fail_first:
            return self.fail_first.pop(0), "slow down"
        params = {k: v[0] for k, v in parse_qs(urlparse(path).query).items()}
        if "id_list" in params:
            wanted = params["id_list"].split(",")
            found = [p for p in self.papers if p.arxiv_id in wanted]
            return 200, self.feed(params["id_list"], found, len(found), 0)
        query = params.get("search_query", "")
        window = _RANGE.search(query)
        cats = set(_CAT.findall(query))
        matched = [p for p in self.papers if cats & set(p.categories)]
        if window:
            low = datetime.strptime(window.group(1), "%Y%m%d%H%M").replace(tzinfo=UTC)
            high = datetime.strptime(window.group(2), "%Y%m%d%H%M").replace(tzinfo=UTC, second=59)
            matched = [p for p in matched if low <= p.submitted <= high]
        matched.sort(key=lambda p: p.submitted)
        start, size = int(params.get("start", 0)), int(params.get("max_results", 10))
        return 200, self.feed(query, matched[start : start + size], len(matched), start)

    def feed(self, query: str, papers: list[FixturePaper], total: int, start: int) -> str:
        head = ATOM_HEAD.format(query=escape(query), size=len(papers), total=total, start=start)
        return head + "".join(p.atom() for p in papers) + "</feed>\n"


@contextmanager
def serve(fake: FakeArxiv) -> Iterator[FakeArxiv]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            fake.agents.append(self.headers.get("user-agent", ""))
            status, body = fake.answer(self.path)
            data = body.encode()
            self.send_response(status)
            self.send_header("content-type", "application/atom+xml; charset=utf-8")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/api/query"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
