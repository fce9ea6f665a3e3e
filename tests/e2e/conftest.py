from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from novita_provider.simulator import SimulatorServer

from .harness import REGISTRY_PASSWORD, REPO, StackUnderTest, simulator


@pytest.fixture
def sim() -> Iterator[SimulatorServer]:
    with simulator(ready_delay=0.0, terminate_delay=0.0) as server:
        yield server


@pytest.fixture
def root_stack(tmp_path: Path, sim: SimulatorServer) -> StackUnderTest:
    """The repository's root stack, copied to a temporary directory."""
    project = tmp_path / "src"
    project.mkdir()
    (project / "__main__.py").write_text((REPO / "__main__.py").read_text())
    settings = (REPO / "Pulumi.yaml").read_text()
    settings = settings.replace("virtualenv: .venv", f"virtualenv: {sys.prefix}")
    (project / "Pulumi.yaml").write_text(settings)
    return StackUnderTest(project, tmp_path, sim, {"registryPassword": REGISTRY_PASSWORD})


@pytest.fixture
def project_stack(tmp_path: Path, sim: SimulatorServer) -> Callable[..., StackUnderTest]:
    """A stack of a project directory (an example, or one written by the test)."""

    def make(
        source: Path | None = None,
        *,
        program: str | None = None,
        secrets: dict[str, str] | None = None,
        env: dict[str, str] | None = None,
    ) -> StackUnderTest:
        project = tmp_path / "src"
        if source is not None:
            shutil.copytree(source, project, ignore=shutil.ignore_patterns("venv", "Pulumi.*.yaml"))
        else:
            project.mkdir()
            (project / "Pulumi.yaml").write_text(
                "name: scratch\nruntime:\n  name: python\n  options:\n    virtualenv: venv\n"
            )
            (project / "__main__.py").write_text(program or "")
        settings = (project / "Pulumi.yaml").read_text()
        settings = settings.replace("virtualenv: venv", f"virtualenv: {sys.prefix}")
        (project / "Pulumi.yaml").write_text(settings)
        return StackUnderTest(project, tmp_path, sim, secrets, env)

    return make
