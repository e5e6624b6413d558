"""paperdive: AI research papers in, checked two-host podcast episodes out.

The library API, imported lazily so `import paperdive` stays cheap (no voice models load):

    from paperdive import ingest, write_script, voice_episode, publish, make_episode
"""

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "ingest": "paperdive.ingestion",
    "sample_pdf": "paperdive.sample",
    "write_script": "paperdive.writing",
    "current_script": "paperdive.writing",
    "voice_episode": "paperdive.audio",
    "publish": "paperdive.publishing",
    "Library": "paperdive.library",
    "make_episode": "paperdive.episode",
    "load_settings": "paperdive.config",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'paperdive' has no attribute {name!r}")
