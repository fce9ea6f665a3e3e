"""Errors and warnings of a preview as one line each, check failures with their property path.

The engine words a check failure as ``<type> resource '<name>': property <path> value {<v>} has a
problem: <reason>``; for nested paths ``<v>`` is always ``<nil>``, so it is dropped, and a real
value is kept. This provider reports nested failures without a property instead, as ``<type>
resource '<name>' has a problem: <path>: <reason>``; both read the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .kinds import short_type
from .preview import Diagnostic

CHECK_FAILURE: Final = re.compile(
    r"^(?:error: )?(?P<type>\S+) resource '(?P<name>[^']*)': property (?P<path>\S+)"
    r" value \{(?P<value>.*?)\} has a problem: (?P<reason>.*)$"
)
NESTED_CHECK_FAILURE: Final = re.compile(
    r"^(?:error: )?(?P<type>\S+) resource '(?P<name>[^']*)' has a problem: "
    r"(?P<path>[A-Za-z_]\w*(?:\[\d+\])*(?:\.\w+(?:\[\d+\])*)*): (?P<reason>.*)$"
)
SEVERITY_PREFIX: Final = re.compile(r"^(?:error|warning): ")
# Follows any failed program or check; says nothing of its own.
NOISE: Final = ("Resource monitor has terminated, shutting down",)
SHOWN_SEVERITIES: Final = ("error", "warning")


@dataclass(frozen=True)
class Problem:
    severity: str
    text: str
    """Markdown, one line."""


def problems(diagnostics: tuple[Diagnostic, ...]) -> list[Problem]:
    """Errors first, then warnings; the engine's follow-up noise left out when others exist."""
    found = []
    for diagnostic in diagnostics:
        if diagnostic.severity not in SHOWN_SEVERITIES:
            continue
        for line in diagnostic.message.strip().splitlines() or [""]:
            text = _line(line.strip(), diagnostic.urn)
            if text:
                found.append(Problem(diagnostic.severity, text))
    if len(found) > 1:
        found = [p for p in found if not any(n in p.text for n in NOISE)] or found[:1]
    return sorted(found, key=lambda p: SHOWN_SEVERITIES.index(p.severity))


def _line(line: str, urn: str | None) -> str:
    match = CHECK_FAILURE.match(line)
    if match:
        value = match["value"]
        shown = "" if value in {"", "<nil>"} else f" (value `{value}`)"
        return (
            f"`{match['name']}` ({short_type(match['type'])}): `{match['path']}`{shown}: "
            f"{match['reason']}"
        )
    nested = NESTED_CHECK_FAILURE.match(line)
    if nested and ("." in nested["path"] or "[" in nested["path"]):
        return (
            f"`{nested['name']}` ({short_type(nested['type'])}): `{nested['path']}`: "
            f"{nested['reason']}"
        )
    line = SEVERITY_PREFIX.sub("", line)
    if not line:
        return ""
    where = f"`{urn.rsplit('::', 1)[-1]}`: " if urn and "pulumi:pulumi:Stack" not in urn else ""
    return f"{where}{line}"
