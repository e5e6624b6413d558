"""Publishing: the show library, the podcast feed, the static site and a preview server."""

from paperdive.publishing.build import PublishResult, publish
from paperdive.publishing.library import Library
from paperdive.publishing.serve import serve

__all__ = ["Library", "PublishResult", "publish", "serve"]
