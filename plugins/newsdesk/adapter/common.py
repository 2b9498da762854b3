"""Small helpers shared by the adapter modules."""

from __future__ import annotations

import os


def source(content) -> str:
    """The content's source file, relative to the working folder, for error messages."""
    return os.path.relpath(content.source_path) if content.source_path else "<unknown>"
