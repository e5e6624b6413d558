"""The episode folder: atomic file writes and a stage cache keyed by a hash of inputs.

A stage's artifact is reused only when the hash of everything it was built from is the
one recorded beside it, so a killed run resumes at the first unfinished stage and a
changed input (a new --minutes, an edited script) re-runs exactly the stages after it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from paperdive.models import SCHEMA_VERSION, Paper

M = TypeVar("M", bound=BaseModel)

STAGES_FILE = "stages.json"
PAPER_FILE = re.compile(r"paper(-\d{2,})?")


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write so a reader sees the old file or the new one, never half of either."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide published files from a web server
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.filename is None:  # a failed write names no file: name the one being written
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_replace(finished: Path, path: Path) -> None:
    """Put a finished file (on the same file system) in place of `path` in one step."""
    with finished.open("rb") as fh:
        os.fsync(fh.fileno())
    finished.chmod(0o644)
    os.replace(finished, path)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def content_hash(*parts: Any) -> str:
    """Stable short hash of JSON-able values, pydantic models, bytes or files."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, BaseModel):
            data = part.model_dump_json().encode()
        elif isinstance(part, bytes):
            data = part
        elif isinstance(part, Path) and part.is_file():
            data = _file_digest(part)
        elif isinstance(part, Path):
            data = str(part).encode()
        else:
            data = json.dumps(part, sort_keys=True, default=str).encode()
        h.update(hashlib.sha256(data).digest())
    return h.hexdigest()[:16]


def _file_digest(path: Path) -> bytes:
    """sha256 of a file read in chunks, so a multi-GB model is never held in memory."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").digest()


class EpisodeDir:
    """One episode's folder: artifacts (`<name>.json`), audio, and the stage ledger."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"EpisodeDir({str(self.path)!r})"

    def file(self, name: str) -> Path:
        return self.path / name

    def has(self, name: str) -> bool:
        return (self.path / f"{name}.json").is_file()

    def save(self, name: str, artifact: BaseModel) -> Path:
        target = self.path / f"{name}.json"
        atomic_write_text(target, artifact.model_dump_json(indent=2))
        return target

    def load(self, name: str, model: type[M]) -> M:
        return model.model_validate_json((self.path / f"{name}.json").read_text("utf-8"))

    @staticmethod
    def paper_names(count: int) -> list[str]:
        """Artifact names for an episode's papers: "paper", or "paper-01", "paper-02", … ."""
        return ["paper"] if count == 1 else [f"paper-{i:02d}" for i in range(1, count + 1)]

    def papers(self) -> list[Paper]:
        """The papers this episode was made from, in the order they were given."""
        names = sorted(
            p.stem for p in self.path.glob("paper*.json") if PAPER_FILE.fullmatch(p.stem)
        )
        return [self.load(name, Paper) for name in names]

    def _ledger(self) -> dict[str, str]:
        ledger = self.path / STAGES_FILE
        if not ledger.is_file():
            return {}
        try:
            entries = json.loads(ledger.read_text("utf-8"))
        except json.JSONDecodeError:
            return {}
        return {str(k): str(v) for k, v in entries.items()} if isinstance(entries, dict) else {}

    def stage_hash(self, name: str) -> str | None:
        return self._ledger().get(name)

    def mark(self, name: str, input_hash: str) -> None:
        ledger = self._ledger()
        ledger[name] = input_hash
        atomic_write_text(self.path / STAGES_FILE, json.dumps(ledger, indent=2, sort_keys=True))

    def cached(
        self,
        name: str,
        model: type[M],
        input_hash: str,
        build: Callable[[], M],
        *,
        force: bool = False,
    ) -> M:
        """Return the saved artifact when it was built from the same inputs, else build it.

        The ledger entry is written only after the artifact is safely on disk, so a kill
        between the two re-runs the stage instead of trusting a stale file.
        """
        if not force and self.stage_hash(name) == input_hash and self.has(name):
            try:
                saved = self.load(name, model)
            except ValueError:
                saved = None  # unreadable artifact: rebuild it
            if (
                saved is not None
                and getattr(saved, "schema_version", SCHEMA_VERSION) == SCHEMA_VERSION
            ):
                return saved
        artifact = build()
        self.save(name, artifact)
        self.mark(name, input_hash)
        return artifact
