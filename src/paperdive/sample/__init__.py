"""The project's own sample paper, built on demand: the input of the offline demo episode."""

from __future__ import annotations

import hashlib
import tempfile
from importlib import resources
from pathlib import Path

import reportlab

from paperdive.sample.build import SOURCE, load_source, render
from paperdive.store import atomic_write_bytes

__all__ = ["sample_pdf"]


def sample_pdf(dest_dir: Path | None = None) -> Path:
    """Path of the sample paper PDF, rendered once per version of its text and layout."""
    folder = (
        Path(dest_dir) if dest_dir is not None else Path(tempfile.gettempdir()) / "paperdive-sample"
    )
    # one folder per version keeps the file name (and so an episode's slug) stable
    target = folder / _version() / "sample-paper.pdf"
    if not target.is_file():
        atomic_write_bytes(target, render(load_source()))
    return target


def _version() -> str:
    """Changes whenever the paper's text, the renderer or reportlab changes."""
    package = resources.files(__package__)
    digest = hashlib.sha256(reportlab.Version.encode())
    for name in (SOURCE, "build.py"):
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:12]
