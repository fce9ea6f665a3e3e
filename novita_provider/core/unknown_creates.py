"""Creates whose outcome stayed unknown, remembered until the next ``pulumi up`` settles them.

When a create's answer is lost and looking for what it made fails too, the engine records
nothing: the next ``up`` would check the inputs afresh (a new random autoname) and create a
second resource. So the provider notes the name here, in ``.novita-unknown-creates.json`` in
the project directory (the provider process's working directory). The next ``check`` of a
resource with that autoname prefix reuses the name, and ``create`` first looks the resource up
by it and adopts what it finds. Entries hold a type and a name, never a secret.

Limitation: the file is per directory, not per stack; a lost file (a fresh CI checkout) means the
next ``up`` cannot know, and the error message names the resource to look for instead.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

FILE_NAME = ".novita-unknown-creates.json"
FILE_ENV = "NOVITA_UNKNOWN_CREATES_FILE"
_lock = threading.Lock()


def _path() -> Path:
    return Path(os.environ.get(FILE_ENV) or FILE_NAME)


def _load() -> list[dict[str, str]]:
    try:
        data = json.loads(_path().read_text())
    except (OSError, ValueError):
        return []
    return [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []


def _save(entries: list[dict[str, str]]) -> None:
    path = _path()
    if entries:
        path.write_text(json.dumps(entries, indent=1) + "\n")
    elif path.exists():
        path.unlink()


def record(type_name: str, name: str) -> None:
    with _lock:
        entries = _load()
        if {"type": type_name, "name": name} not in entries:
            _save([*entries, {"type": type_name, "name": name}])


def forget(type_name: str, name: str) -> None:
    with _lock:
        entries = _load()
        if {"type": type_name, "name": name} in entries:
            _save([e for e in entries if e != {"type": type_name, "name": name}])


def is_pending(type_name: str, name: str) -> bool:
    with _lock:
        return {"type": type_name, "name": name} in _load()


def pending_autoname(type_name: str, prefix: str) -> str | None:
    """A remembered name made from this autoname prefix (``web`` -> ``web-1a2b3c4``)."""
    with _lock:
        for entry in _load():
            name = entry.get("name", "")
            if entry.get("type") == type_name and name.rsplit("-", 1)[0] == prefix:
                return name
    return None
