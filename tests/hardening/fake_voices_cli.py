"""`paperdive` with a scripted voice engine ("fake:a", "fake:b") in place of the real ones.

The fault matrix runs this as a child process, exactly like the `paperdive` command, so it
sees what a user sees (one line on stderr, the exit status) without minutes of synthesis.
With PEAK_FILE set, the process writes its peak resident memory (VmHWM, in kB) there as it
exits: its own, where wait4's figure would include the parent's size at fork.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "voice"))

from voice_fakes import FakeEngine  # noqa: E402

from paperdive import tts  # noqa: E402
from paperdive.cli import main  # noqa: E402


def _write_peak(path: str) -> None:
    status = Path("/proc/self/status").read_text()
    peak = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    Path(path).write_text(peak)


if __name__ == "__main__":
    if os.environ.get("PEAK_FILE"):
        atexit.register(_write_peak, os.environ["PEAK_FILE"])
    tts.ENGINES["fake"] = FakeEngine
    main()
