"""`paperdive` with a scripted voice engine ("fake:a", "fake:b") in place of the real ones.

The fault matrix runs this as a child process, exactly like the `paperdive` command, so it
sees what a user sees (one line on stderr, the exit status) without minutes of synthesis.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "voice"))

from voice_fakes import FakeEngine  # noqa: E402

from paperdive import tts  # noqa: E402
from paperdive.cli import main  # noqa: E402

if __name__ == "__main__":
    tts.ENGINES["fake"] = FakeEngine
    main()
