"""Turn ``pulumi preview --json`` into Markdown a reviewer can read in a pull request.

Pure functions over the engine's JSON (stdlib only): :func:`parse_preview` reads it,
:func:`render_review` renders it. ``python -m novita_provider review`` is the command.
"""

from .markdown import render_review
from .preview import Preview, PreviewError, ResourceStep, parse_preview

__all__ = ["Preview", "PreviewError", "ResourceStep", "parse_preview", "render_review"]
