from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from novita_provider.simulator import SimulatorServer

from .harness import REPO, StackUnderTest, simulator


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
    return StackUnderTest(project, tmp_path, sim)
