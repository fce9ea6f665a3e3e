"""The built wheel installs into a fresh virtualenv and deploys an example on the real engine.

The wheel is built with pip from a clean copy of the package sources, so that a stale ``build/``
directory in the checkout cannot leak old modules into it. The fresh virtualenv gets the wheel
and its dependencies from the package index (not editable, not the project's venv), and the
example runs with nothing of the checkout on its path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks.engine import pulumi_bin_dir
from tests.e2e.harness import REGISTRY_PASSWORD, REPO, StackUnderTest, changes, simulator

pytestmark = pytest.mark.e2e

PACKAGE_SOURCES = ("pyproject.toml", "README.md", "novita_provider")


def run(*command: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in PACKAGE_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(
                REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
        else:
            shutil.copy(REPO / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", out, source)
    [built] = out.glob("novita_pulumi-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    run(sys.executable, "-m", "venv", venv)
    pip = (venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--only-binary", ":all:")
    run(*pip, wheel)
    yield venv


def isolated_env(venv: Path) -> dict[str, str]:
    """Nothing of the checkout or the project's venv on any path."""
    project_bin = str(Path(sys.executable).parent)
    path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != project_bin]
    return {
        "PATH": os.pathsep.join([str(pulumi_bin_dir()), str(venv / "bin"), *path]),
        "PYTHONPATH": "",
        "PULUMI_PYTHON_CMD": str(venv / "bin" / "python"),
        "VIRTUAL_ENV": str(venv),
        # Bytecode beside the installed package is the proof it was imported (see the test).
        "PYTHONDONTWRITEBYTECODE": "",
    }


def test_wheel_carries_types_simulator_and_commands(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "novita_provider/py.typed",
        "novita_provider/__main__.py",
        "novita_provider/simulator/__main__.py",
        "novita_provider/simulator/server.py",
        "novita_provider/review/command.py",
    ):
        assert expected in names
    assert not any(n.startswith(("tests/", "benchmarks/", "examples/")) for n in names)
    [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
    requires = [
        line
        for line in zipfile.ZipFile(wheel).read(metadata).decode().splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    ]
    assert sorted(r.split()[1].split(">")[0].split("<")[0] for r in requires) == [
        "httpx",
        "pulumi",
        "pydantic",
    ]


def test_example_deploys_from_a_fresh_virtualenv(
    fresh_venv: Path, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    env = {**os.environ, **isolated_env(fresh_venv)}
    python = fresh_venv / "bin" / "python"
    # Run outside the checkout: a working directory holding novita_provider/ would shadow it.
    where = run(
        python,
        "-c",
        "import novita_provider; print(novita_provider.__file__)",
        env=env,
        cwd=tmp_path,
    )
    assert Path(where.strip()).is_relative_to(fresh_venv)
    assert "review" in run(python, "-m", "novita_provider", "--help", env=env, cwd=tmp_path)

    project = tmp_path / "src"
    shutil.copytree(REPO / "examples" / "private-image", project)
    settings = (project / "Pulumi.yaml").read_text()
    assert "virtualenv: venv" in settings
    (project / "Pulumi.yaml").write_text(
        settings.replace("virtualenv: venv", f"virtualenv: {fresh_venv}")
    )

    # Bytecode appears beside the installed package only if the engine's processes import it.
    [installed] = fresh_venv.glob("lib/python*/site-packages/novita_provider")
    for cache in installed.rglob("__pycache__"):
        shutil.rmtree(cache)

    started = time.monotonic()
    with simulator(ready_delay=0.0, terminate_delay=0.0) as sim:
        stack = StackUnderTest(
            project,
            tmp_path,
            sim,
            {"registryPassword": REGISTRY_PASSWORD},
            isolated_env(fresh_venv),
        )
        stack.set("registryUsername", "deploy-bot")
        up = stack.up()
        assert changes(up.summary.resource_changes) == {"create": 3}
        assert up.outputs["url"].value.startswith("https://")
        [endpoint] = sim.endpoints()
        assert endpoint["image"]["authId"] == up.outputs["credential_id"].value
        assert changes(stack.preview().change_summary) == {}
        stack.destroy()
        assert sim.endpoints() == [] and sim.registry_auths() == []
    assert (installed / "__pycache__").is_dir()
    assert list((installed / "endpoint").glob("__pycache__/*.pyc")) or list(
        installed.glob("__pycache__/endpoint*.pyc")
    )
    record_property("engine_seconds", round(time.monotonic() - started, 1))
