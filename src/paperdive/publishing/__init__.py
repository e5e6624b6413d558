"""Publishing: the podcast feed, the static site and a preview server, rendered from a library.

Names are imported on first use, so the voice stage can write transcript files without
loading the site's renderer.
"""

from importlib import import_module
from typing import Any

_API = {
    "PublishResult": "paperdive.publishing.build",
    "publish": "paperdive.publishing.build",
    "make_server": "paperdive.publishing.serve",
    "run_server": "paperdive.publishing.serve",
    "server_url": "paperdive.publishing.serve",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'paperdive.publishing' has no attribute {name!r}")
