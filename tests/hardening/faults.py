"""Running `paperdive` the way the fault matrix needs: as a child process, measured.

`run` reports the exit status, stderr's lines, wall time and the command's own peak
resident memory (VmHWM, which it writes as it exits), optionally inside a private mount
namespace (`unshare -rm`) where a test can give the library a tiny disk or make it
read-only without root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

FAKE_CLI = Path(__file__).with_name("fake_voices_cli.py")
FAKE_SETTINGS = """\
library = "show"
[hosts.explainer]
name = "Nora"
voice = "fake:a"
[hosts.skeptic]
name = "Theo"
voice = "fake:b"
"""
# Runs inside `unshare -rm`: $1 is the library, $2 what to do to it ("full" puts it on a
# disk of its own filled to the brim; "ro" makes it read-only), then the command; afterwards
# the library as the command left it is copied to $AFTER, outside the private mounts.
NAMESPACE = r"""
lib=$1; how=$2; shift 2
case $how in
  full)
    size=$(( $(du -sb "$lib" | cut -f1) + 8 * 1024 * 1024 ))
    copy=$(mktemp -d) && cp -a "$lib/." "$copy" &&
    mount -t tmpfs -o "size=$size" tmpfs "$lib" && cp -a "$copy/." "$lib" || exit 99
    rm -rf "$copy"
    avail=$(df --output=avail -B1 "$lib" | tail -1)
    head -c $((avail - 64 * 1024)) /dev/zero > "$lib/.filler" 2>/dev/null ;;
  ro)
    mount --bind "$lib" "$lib" && mount -o remount,bind,ro "$lib" || exit 99 ;;
esac
"$@"
status=$?
rm -f "$lib/.filler"
[ -n "$AFTER" ] && cp -a "$lib/." "$AFTER"
exit $status
"""


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    errors: list[str]  # stderr, line by line
    seconds: float
    peak_mb: float

    def one_line(self) -> str:
        """The single error line, asserting that is all there was and that it failed."""
        assert self.code != 0, f"expected a failure, got exit 0: {self.stdout}"
        assert len(self.errors) == 1, "\n".join(self.errors)
        assert self.errors[0].startswith("error: "), self.errors[0]
        assert "Traceback" not in self.errors[0]
        return self.errors[0]


def run(
    *args: str,
    cwd: Path,
    timeout: float = 120,
    namespace: tuple[Path, str] | None = None,
    after: Path | None = None,
    env: dict[str, str] | None = None,
) -> Outcome:
    """`paperdive ARGS` (with fake voices) in `cwd`; killed after `timeout` seconds.

    `namespace=(library, "full")` runs it with the library on a disk of its own filled to
    the brim, `(library, "ro")` with the library read-only; `after` receives the library as
    the command left it there.
    """
    command = [sys.executable, str(FAKE_CLI), *args]
    if namespace is not None:
        if shutil.which("unshare") is None:
            pytest.skip("unshare is not installed")
        library, how = namespace
        command = ["unshare", "-rm", "sh", "-c", NAMESPACE, "sh", str(library), how, *command]
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        tempfile.NamedTemporaryFile("r") as peak,
    ):
        started = time.monotonic()
        child = subprocess.Popen(
            command,
            cwd=cwd,
            stdout=out,
            stderr=err,
            text=True,
            env={
                **os.environ,
                "COLUMNS": "200",
                "AFTER": str(after or ""),
                "PEAK_FILE": peak.name,
                **(env or {}),
            },
        )
        try:
            child.wait(timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            pytest.fail(f"paperdive {' '.join(args)} ran past {timeout} s")
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
        peak_kb = peak.read().strip()
    if namespace is not None and ("unshare:" in stderr or child.returncode == 99):
        pytest.skip(f"no private mount namespace here: {stderr.strip()}")
    assert peak_kb, f"paperdive {' '.join(args)} did not report its memory: {stderr}"
    return Outcome(
        child.returncode, stdout, stderr.strip().splitlines(), seconds, int(peak_kb) / 1024
    )
