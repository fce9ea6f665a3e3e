"""Real ``pulumi preview --json`` documents, produced once per session on the real engine.

One stack is deployed against the simulator; each scenario changes config, previews, and puts
the config back. The JSON of every scenario is kept for the tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.engine import pulumi_bin_dir
from tests.e2e.harness import StackUnderTest, simulator

from .preview_program import (
    BASE_CONFIG,
    HF_TOKEN,
    PROGRAM,
    REGISTRY_PASSWORD,
    ROTATED_HF_TOKEN,
    ROTATED_PASSWORD,
)


@dataclass(frozen=True)
class RealPreview:
    json: str
    exit_code: int


def preview_json(stack: StackUnderTest) -> RealPreview:
    """``pulumi preview --json`` as a CI job would run it (the Automation API has no JSON)."""
    result = subprocess.run(
        [str(pulumi_bin_dir() / "pulumi"), "preview", "--json", "--stack", "test"],
        cwd=stack.dir,
        env={**os.environ, **stack.env},
        capture_output=True,
        text=True,
        check=False,
    )
    return RealPreview(result.stdout, result.returncode)


# scenario -> (config changes, secret config changes)
SCENARIOS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "update": ({"apiMaxWorkers": "4", "apiLogLevel": "debug"}, {}),
    "replace_product": ({"apiProduct": "SL-serverless-2"}, {}),
    "replace_keeping_app_name": ({"chatProduct": "SL-serverless-2"}, {}),
    "volume_cluster": ({"volumeCluster": "us-dallas-nas-2"}, {}),
    "password_rotation": ({}, {"registryPassword": ROTATED_PASSWORD}),
    "secret_env_rotation": ({}, {"hfToken": ROTATED_HF_TOKEN}),
    "check_failure": ({"apiMaxWorkers": "999"}, {}),
}


@pytest.fixture(scope="session")
def real_previews(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, RealPreview]]:
    workdir = tmp_path_factory.mktemp("review-stack")
    project = workdir / "src"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(
        f"name: review\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
    )
    (project / "__main__.py").write_text(PROGRAM)
    previews: dict[str, RealPreview] = {}
    with simulator(ready_delay=0.0, terminate_delay=0.0) as sim:
        base_secrets = {"registryPassword": REGISTRY_PASSWORD, "hfToken": HF_TOKEN}
        stack = StackUnderTest(Path(project), workdir, sim, base_secrets)
        for key, value in BASE_CONFIG.items():
            stack.set(key, value)
        previews["fresh"] = preview_json(stack)
        stack.up()
        for name, (plain, secrets) in SCENARIOS.items():
            for key, value in plain.items():
                stack.set(key, value)
            for key, value in secrets.items():
                stack.set(key, value, secret=True)
            previews[name] = preview_json(stack)
            for key in plain:
                stack.set(key, BASE_CONFIG[key])
            for key in secrets:
                stack.set(key, base_secrets[key], secret=True)
        stack.destroy()
    yield previews
