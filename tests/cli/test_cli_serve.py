"""`paperdive serve` as a user runs it: the address it prints is the one it listens on."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from cli_helpers import paperdive

pytestmark = [pytest.mark.network_server, pytest.mark.enable_socket]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "show" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>show</title>")
    return site


def test_port_0_prints_the_port_it_bound(tmp_path: Path, site: Path) -> None:
    server = subprocess.Popen(
        [sys.executable, "-m", "paperdive.cli", "serve", "--port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert url and url.group(1) != "0", line
        with urllib.request.urlopen(url.group(0), timeout=10) as response:
            assert b"<title>show</title>" in response.read()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_busy_port_is_one_line(tmp_path: Path, site: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = paperdive("serve", "--port", str(port), cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stdout == ""  # no address printed for a server that never listened
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"error: port {port} on 127.0.0.1 is in use: pick another with --port")


def test_no_site_yet_is_one_line(tmp_path: Path) -> None:
    result = paperdive("serve", "--port", "0", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "run `paperdive publish` first" in line
