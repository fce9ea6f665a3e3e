"""Capture the golden states of a release: run this at the release's commit, commit the output.

    python -m tests.golden_state.capture 0.1.0

For the root stack and each example it starts a simulator persisting to
``<release>/<stack>.simulator.json``, runs ``pulumi up`` on the real engine, and writes
``pulumi stack export --show-secrets`` to ``<release>/<stack>.deployment.json``. The two files
together let a later release import the stack and refresh and destroy what it recorded.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from novita_provider.simulator import SimulatorServer
from tests.e2e.harness import API_KEY, REGISTRY_PASSWORD, REPO, SECRET_ENV_VALUE, StackUnderTest

HERE = Path(__file__).resolve().parent
STACKS: dict[str, tuple[Path, dict[str, str], dict[str, str]]] = {
    # name: (project directory, secret config, plain config)
    "root": (REPO, {"registryPassword": REGISTRY_PASSWORD}, {}),
    "private-image": (
        REPO / "examples" / "private-image",
        {"registryPassword": REGISTRY_PASSWORD},
        {"registryUsername": "deploy-bot"},
    ),
    "network-volume": (REPO / "examples" / "network-volume", {}, {}),
    "production": (
        REPO / "examples" / "production",
        {"registryPassword": REGISTRY_PASSWORD, "hfToken": SECRET_ENV_VALUE},
        {"registryUsername": "deploy-bot"},
    ),
}


def _project_copy(source: Path, into: Path) -> Path:
    project = into / "src"
    project.mkdir()
    for name in ("Pulumi.yaml", "__main__.py"):
        shutil.copy(source / name, project / name)
    settings = (project / "Pulumi.yaml").read_text()
    for venv in ("virtualenv: .venv", "virtualenv: venv"):
        settings = settings.replace(venv, f"virtualenv: {sys.prefix}")
    (project / "Pulumi.yaml").write_text(settings)
    return project


def capture(release: str) -> None:
    out = HERE / release
    out.mkdir(parents=True, exist_ok=True)
    for name, (source, secrets, plain) in STACKS.items():
        sim_state = out / f"{name}.simulator.json"
        sim_state.unlink(missing_ok=True)
        with (
            tempfile.TemporaryDirectory() as tmp,
            SimulatorServer(api_key=API_KEY, state_file=str(sim_state)) as sim,
        ):
            work = Path(tmp)
            stack = StackUnderTest(_project_copy(source, work), work, sim, secrets)
            for key, value in plain.items():
                stack.set(key, value)
            stack.up()
            deployment = json.loads(stack.export(show_secrets=True))
            (out / f"{name}.deployment.json").write_text(json.dumps(deployment, indent=2) + "\n")
        print(f"captured {name}: {len(deployment['deployment']['resources'])} resources")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("release", help="the release these states come from, e.g. 0.1.0")
    capture(parser.parse_args().release)


if __name__ == "__main__":
    main()
