"""No leaks after a `pulumi up` killed mid-create (issue #9): the documented recovery,
`python -m novita_provider recover`, then `pulumi up`, leaves exactly the program's endpoints."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.engine import engine_env

from .harness import API_KEY, REPO, simulator

pytestmark = pytest.mark.e2e

N = 3
PROGRAM = """
from novita_provider import Endpoint

for i in range(3):
    Endpoint(
        f"worker-{i}",
        image={"image": "registry.example.com/team/worker:1"},
        products=["SL-serverless-1"],
        worker_config={"min_num": 0, "max_num": 1, "free_timeout": 60, "max_concurrent": 1,
                       "request_timeout": 60},
        policy={"type": "queue", "value": 10},
        ports=[{"port": 8000}],
        health_check={"path": "/health"},
    )
"""


def test_killed_up_then_recover_leaves_exactly_the_programs_endpoints(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(
        f"name: killed\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
    )
    (project / "__main__.py").write_text(PROGRAM)
    env = {**os.environ, **engine_env(tmp_path / "home", tmp_path / "state")}
    (tmp_path / "state").mkdir()

    def pulumi(*args: str) -> str:
        result = subprocess.run(
            ["pulumi", *args], cwd=project, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    # Endpoints stay `initializing` until the test lets them become ready.
    with simulator(ready_delay=3600.0, terminate_delay=0.0) as sim:
        pulumi("stack", "init", "test")
        pulumi("config", "set", "novita:apiUrl", sim.api_url)
        pulumi("config", "set", "--secret", "novita:apiKey", API_KEY)
        up = subprocess.Popen(
            ["pulumi", "up", "--yes", "--skip-preview"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while len(sim.endpoints()) < N:  # polling for a state, not asserting on timing
            assert time.monotonic() < deadline, "the endpoints were never created"
            time.sleep(0.1)
        up.send_signal(signal.SIGKILL)  # as a CI job timeout does
        up.wait()
        _kill_group(up.pid)
        assert len(sim.endpoints()) == N  # made, initializing, and not in the state

        sim.configure(ready_delay=0.0)
        recover = subprocess.run(
            [sys.executable, "-m", "novita_provider", "recover"],
            cwd=project,
            env={**env, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
        )
        assert recover.returncode == 0, recover.stdout + recover.stderr
        assert recover.stdout.count("deleted ep-") == N, recover.stdout
        assert API_KEY not in recover.stdout + recover.stderr

        pulumi("up", "--yes", "--skip-preview")
        names = Counter(e["name"] for e in sim.endpoints())
        assert len(names) == N and set(names.values()) == {1}
        assert {name.rsplit("-", 1)[0] for name in names} == {f"worker-{i}" for i in range(N)}
        pulumi("preview", "--expect-no-changes")  # every endpoint is tracked
        pulumi("destroy", "--yes", "--skip-preview")
        assert sim.endpoints() == []


def _kill_group(pid: int) -> None:
    """The language host and provider processes, if the CLI's death left any."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
