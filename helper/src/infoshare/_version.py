"""The helper's version, written into every record it seals."""

__version__ = "0.3.0"
