"""Running the `paperdive` command the way a user does, from the tests of this folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def paperdive(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "paperdive.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": "120"},
    )
