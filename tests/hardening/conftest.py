"""Hostile inputs on localhost and files the tests build: the hardening suite's fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))  # cli_helpers
