"""`make generate` and `make check-generated`: the surface generator
(:mod:`novita_provider.codegen.surface`), run without executing any package ``__init__``.

The packages' ``__init__`` modules import the generated modules (``novita_provider`` exports the
resource classes), so importing the generator the usual way fails when a generated file is
missing or broken, which is exactly when it must run. Here every package of ``novita_provider``
is registered bare (its directory, no ``__init__`` code), and only what the generator needs is
imported: the declarations, the kinds, the registry.
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bare_packages(top: Path) -> None:
    for init in sorted(top.rglob("__init__.py")):
        name = ".".join(init.parent.relative_to(top.parent).parts)
        package = types.ModuleType(name)
        package.__path__ = [str(init.parent)]
        package.__package__ = name
        sys.modules[name] = package


if __name__ == "__main__":
    _bare_packages(ROOT / "novita_provider")
    from novita_provider.codegen import surface

    sys.exit(surface.main())
