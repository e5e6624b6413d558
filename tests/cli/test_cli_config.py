"""paperdive.toml as a user writes it: a typo or a file that is not TOML is one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import paperdive


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('[show]\ntitel = "My show"\n', "show.titel"),
        ('[hosts.explainer]\nname = "Ada"\nvoice = "kokoro:jm_kumo"\nvoise = "x"\n', "voise"),
        ('libary = "elsewhere"\n', "libary"),
    ],
)
def test_an_unknown_setting_is_named(tmp_path: Path, toml: str, key: str) -> None:
    (tmp_path / "paperdive.toml").write_text(toml)
    result = paperdive("publish", cwd=tmp_path)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: unknown setting") and key in line


def test_a_binary_settings_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "paperdive.toml").write_bytes(bytes(range(256)) * 4)
    result = paperdive("publish", cwd=tmp_path)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line == "error: paperdive.toml is not a text file (TOML must be UTF-8)"
