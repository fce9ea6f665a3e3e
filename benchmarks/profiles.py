"""Reading the provider-process profiles that ``--profile`` writes (see ``profile_provider.py``).

Times are wall-clock and summed over the process's threads (up to 4 gRPC workers run at once), so
a row can exceed the operation's duration; a blocked thread's time (sleeping between readiness
polls, waiting for the API) counts too.
"""

from __future__ import annotations

import pstats
from pathlib import Path
from typing import Any

from .stacks import REPO

# (label, file suffix, function names) of the rows of the breakdown, in print order.
BREAKDOWN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("process lifetime (main thread)", "runpy>", ("run_module",)),
    ("gRPC Check", "pulumi/dynamic/__main__.py", ("Check",)),
    ("gRPC Diff", "pulumi/dynamic/__main__.py", ("Diff",)),
    ("gRPC Create", "pulumi/dynamic/__main__.py", ("Create",)),
    ("gRPC Read", "pulumi/dynamic/__main__.py", ("Read",)),
    ("gRPC Update", "pulumi/dynamic/__main__.py", ("Update",)),
    ("gRPC Delete", "pulumi/dynamic/__main__.py", ("Delete",)),
    ("  unpickle + configure provider", "pulumi/dynamic/__main__.py", ("get_provider",)),
    ("    of which importing novita_provider", "novita_provider/__init__.py", ("<module>",)),
    ("  HTTP requests (httpx)", "httpx/_client.py", ("request",)),
    ("  httpx.Client transport (SSL context)", "httpx/_client.py", ("_init_transport",)),
    ("  sleeping between polls", "~", ("<built-in method time.sleep>",)),
    ("  (de)serializing properties", "pulumi/runtime/rpc.py", ("serialize_properties",)),
    ("", "pulumi/runtime/rpc.py", ("deserialize_properties",)),
    ("  pydantic model_validate", "pydantic/main.py", ("model_validate",)),
)


def load(directory: Path) -> dict[str, pstats.Stats]:
    """Merged stats per tag (``<phase>-<kind>-<operation>-n<N>-r<run>``), from every process."""
    groups: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*.prof")):
        groups.setdefault(path.name.rsplit(".", 2)[0], []).append(str(path))
    return {tag: pstats.Stats(*paths) for tag, paths in groups.items()}


def _rows(stats: pstats.Stats) -> dict[tuple[str, int, str], tuple[int, int, float, float]]:
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    return {key: (cc, nc, tt, ct) for key, (cc, nc, tt, ct, _callers) in raw.items()}


def breakdown(stats: pstats.Stats) -> list[dict[str, Any]]:
    """The rows of :data:`BREAKDOWN` found in ``stats``: calls and cumulative seconds."""
    rows = _rows(stats)
    result: list[dict[str, Any]] = []
    label = ""
    for row_label, suffix, names in BREAKDOWN:
        label = row_label or label
        calls, seconds = 0, 0.0
        for (file, _line, func), (_cc, nc, _tt, ct) in rows.items():
            if file.endswith(suffix) and func in names:
                calls += nc
                seconds += ct
        if calls:
            if result and result[-1]["what"] == label:  # continuation row: add up
                result[-1]["calls"] += calls
                result[-1]["seconds"] = round(result[-1]["seconds"] + seconds, 3)
            else:
                result.append({"what": label, "calls": calls, "seconds": round(seconds, 3)})
    return result


def top(stats: pstats.Stats, count: int = 25) -> list[dict[str, Any]]:
    """The ``count`` functions with the most cumulative time."""
    entries: list[dict[str, Any]] = [
        {
            "function": f"{_short(file)}:{line}({func})",
            "calls": nc,
            "tottime_s": round(tt, 4),
            "cumtime_s": round(ct, 4),
        }
        for (file, line, func), (_cc, nc, tt, ct) in _rows(stats).items()
    ]
    entries.sort(key=lambda e: e["cumtime_s"], reverse=True)
    return entries[:count]


def summarize(directory: Path) -> dict[str, dict[str, Any]]:
    """Per tag: the breakdown and the top functions (for the JSON report)."""
    return {
        tag: {"breakdown": breakdown(stats), "top": top(stats)}
        for tag, stats in load(directory).items()
    }


def print_summary(summary: dict[str, dict[str, Any]]) -> None:
    for tag, data in summary.items():
        if tag.startswith(("warmup-", "template-")):
            continue
        print(f"-- provider process, {tag} (wall s summed over threads)")
        for row in data["breakdown"]:
            print(f"   {row['what']:<40} {row['calls']:>6} calls {row['seconds']:>9.3f} s")


def _short(file: str) -> str:
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file
