"""The preview server: podcast MIME types and byte ranges, so a browser can seek the MP3."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from paperdive.errors import PublishError
from paperdive.publishing import PublishResult
from paperdive.publishing.serve import make_server

pytestmark = [pytest.mark.network_server, pytest.mark.enable_socket]

MP3 = "/episodes/how-deepseek-made-one-user-faster/episode.mp3"


@pytest.fixture
def server(published: PublishResult) -> Iterator[tuple[str, int]]:
    httpd = make_server(published.site, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[:2]
    httpd.shutdown()
    httpd.server_close()


def get(server: tuple[str, int], path: str, **headers: str) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection(*server, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("/", "text/html"),
        ("/feed.xml", "application/rss+xml"),
        (MP3, "audio/mpeg"),
        ("/episodes/how-deepseek-made-one-user-faster/transcript.vtt", "text/vtt"),
        ("/episodes/how-deepseek-made-one-user-faster/chapters.json", "application/json"),
        ("/static/player.js", "text/javascript"),
    ],
)
def test_files_are_served_with_their_types(server: tuple[str, int], path: str, mime: str) -> None:
    status, headers, _ = get(server, path)
    assert status == 200
    assert headers["content-type"].split(";")[0] == mime


def test_byte_ranges_let_a_player_seek(server: tuple[str, int], published: PublishResult) -> None:
    whole = (published.site / MP3.lstrip("/")).read_bytes()
    status, headers, body = get(server, MP3, Range="bytes=100-199")
    assert (status, body) == (206, whole[100:200])
    assert headers["content-range"] == f"bytes 100-199/{len(whole)}"
    assert headers["accept-ranges"] == "bytes"
    assert get(server, MP3, Range="bytes=-10")[2] == whole[-10:]
    assert get(server, MP3, Range="bytes=50-")[2] == whole[50:]
    status, headers, _ = get(server, MP3, Range=f"bytes={len(whole)}-")
    assert status == 416 and headers["content-range"] == f"bytes */{len(whole)}"
    assert get(server, MP3)[2] == whole
    assert get(server, MP3, Range="bytes=0-1,5-6")[:3:2] == (200, whole)  # multi-range: ignored


def test_nothing_outside_the_site_is_served(server: tuple[str, int]) -> None:
    assert get(server, "/../library.sqlite")[0] == 404
    assert get(server, "/%2e%2e/library.sqlite")[0] == 404


def test_serving_a_folder_without_a_site_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="run `paperdive publish` first"):
        make_server(tmp_path, "127.0.0.1", 0)
