"""A localhost preview server for the built site, with byte ranges so audio seeking works."""

from __future__ import annotations

import contextlib
import errno
import functools
import re
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO

from paperdive.errors import PublishError

RANGE = re.compile(r"bytes=(\d*)-(\d*)")
MIME_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".json": "application/json",
    ".xml": "application/rss+xml",
    ".js": "text/javascript",
    ".css": "text/css",
    ".png": "image/png",
}


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with podcast MIME types and single `Range: bytes=` requests (206)."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-cache")
        # Web players on other origins fetch transcripts and chapters (the namespace asks for CORS).
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    remaining: int | None = None  # bytes of the requested range still to send

    def send_head(self) -> BinaryIO | None:  # a file to send, or None
        match = RANGE.fullmatch(self.headers.get("Range", "").strip())
        path = Path(self.translate_path(self.path))
        if not match or match.groups() == ("", "") or not path.is_file():
            return super().send_head()  # no single byte range: the whole file, 200
        size = path.stat().st_size
        span = self._span(match, size)
        if span is None:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        start, end = span
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        self.remaining = end - start + 1
        return handle

    @staticmethod
    def _span(match: re.Match[str], size: int) -> tuple[int, int] | None:
        """(first, last) byte of the range, or None when it cannot be satisfied."""
        first, last = match.groups()
        if first == "":  # a suffix: the last N bytes
            start, end = max(0, size - int(last)), size - 1
        else:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
        return (start, end) if start <= end and start < size else None

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:  # type: ignore[override]
        remaining = self.remaining
        if remaining is None:
            super().copyfile(source, outputfile)
            return
        try:
            while remaining > 0:
                chunk = source.read(min(64 * 1024, remaining))
                if not chunk:
                    break
                outputfile.write(chunk)
                remaining -= len(chunk)
        finally:
            self.remaining = None


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server bound to host:port (port 0 picks a free one); call serve_forever() on it."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise PublishError(f"no site in {site_dir}: run `paperdive publish` first")
    # The directory is looked up on every request, so a publish that swaps the site in is
    # served at once.
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PublishError(
                f"port {port} on {host} is in use: pick another with --port (0 picks a free one)"
            ) from None
        raise PublishError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def server_url(server: ThreadingHTTPServer) -> str:
    """Where the bound server answers (the real port, when 0 was asked for)."""
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}/"


def run_server(server: ThreadingHTTPServer) -> None:
    """Serve until interrupted."""
    with server, contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
