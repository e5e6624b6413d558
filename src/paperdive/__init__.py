"""paperdive: AI research papers in, checked two-host podcast episodes out."""

__version__ = "0.1.0"
