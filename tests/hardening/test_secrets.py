"""A source URL's credentials and signed token never reach anything stored or published."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from cli_helpers import paperdive

from paperdive.urls import public_link, public_url

USER, PASSWORD, TOKEN = "reader", "pa55-w0rd-xyz", "tok-9f3c2e71a0"
SECRETS = (PASSWORD, TOKEN, f"{USER}:")


@pytest.mark.parametrize(
    "url, public",
    [
        ("https://u:p@host.org/a/paper.pdf?token=abc#page=2", "https://host.org/a/paper.pdf"),
        (
            "https://bucket.s3.amazonaws.com/p.pdf?X-Amz-Signature=f00&X-Amz-Credential=k",
            "https://bucket.s3.amazonaws.com/p.pdf",
        ),
        ("https://openreview.net/pdf?id=4eUb1Xx&sig=zz", "https://openreview.net/pdf?id=4eUb1Xx"),
        ("HTTP://Host.ORG:8080/x.pdf?api_key=1", "http://host.org:8080/x.pdf"),
        ("https://[::1]:8443/x.pdf?session=1", "https://[::1]:8443/x.pdf"),
        ("2401.06066", "2401.06066"),
        ("/home/me/paper.pdf", "/home/me/paper.pdf"),
    ],
)
def test_public_url_keeps_only_scheme_host_path_and_document_ids(url: str, public: str) -> None:
    assert public_url(url) == public


def test_an_id_parameter_long_enough_to_be_a_token_is_dropped() -> None:
    assert public_url(f"https://h.org/pdf?id={'a' * 200}") == "https://h.org/pdf"


def test_links_are_made_public_and_only_web_links_survive() -> None:
    assert public_link("https://u:p@h.org/x?token=1") == "https://h.org/x"
    assert public_link("javascript:alert(1)") is None


class _ProtectedPdf(BaseHTTPRequestHandler):
    """Serves the sample PDF only with the right Basic credentials and token."""

    pdf = b""

    def log_message(self, *_: object) -> None:
        pass

    def do_GET(self) -> None:
        expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        query = parse_qs(urlsplit(self.path).query)
        if self.headers.get("authorization") != expected or query.get("token") != [TOKEN]:
            self.send_error(403)
            return
        self.send_response(200)
        self.send_header("content-type", "application/pdf")
        self.send_header("content-length", str(len(self.pdf)))
        self.end_headers()
        self.wfile.write(self.pdf)


@pytest.fixture
def protected_server() -> Iterator[str]:
    from paperdive.sample import sample_pdf

    _ProtectedPdf.pdf = sample_pdf().read_bytes()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ProtectedPdf)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _files_holding_secrets(root: Path) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.relative_to(root)}: {s}" for s in SECRETS if s.encode() in data]
    return found


@pytest.mark.network_server
@pytest.mark.slow
def test_a_signed_url_episode_publishes_the_public_link_and_no_secret(
    tmp_path: Path, protected_server: str
) -> None:
    source = f"http://{USER}:{PASSWORD}@{protected_server}/papers/sample.pdf?token={TOKEN}"
    command = ["episode", source, "--format", "brief", "--minutes", "1", "--voices", "fast"]
    library = tmp_path / "show"
    for _run in ("first", "resumed"):
        result = paperdive(*command, "--out", "show", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert not any(s in result.stdout + result.stderr for s in SECRETS)
    assert _files_holding_secrets(library) == []
    public = f"http://{protected_server}/papers/sample.pdf"
    assert public in (library / "site" / "feed.xml").read_text()
    assert len(list((library / "episodes").iterdir())) == 1  # found again by its public form
