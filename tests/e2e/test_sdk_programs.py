"""The generated TypeScript and Go SDKs, used: each compiles (``scripts/check-sdks.sh``: go
build, tsc, Python import), and an inline Automation API program in each language
(``sdk_programs/``) deploys an endpoint with a registry credential and a network volume
through the native provider, previews empty and destroys it, against the simulator."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.engine import engine_env, pulumi_bin_dir
from novita_provider.simulator import SimulatorServer

from .harness import API_KEY, REGISTRY_PASSWORD, REPO

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def sdk_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The SDKs generated from schema.json and checked, with the programs compiled against them
    (installs go to caches: npm's under ~/.cache/novita-pulumi, Go's own)."""
    work = tmp_path_factory.mktemp("check-sdks")
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "check-sdks.sh"), "--keep", str(work)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    return work


def test_generated_sdks_build(sdk_build: Path) -> None:
    assert (sdk_build / "sdk" / "nodejs" / "bin" / "endpoint.d.ts").is_file()
    assert (sdk_build / "programs" / "go" / "sdk-program").is_file()


def program_command(sdk_build: Path, language: str) -> list[str]:
    if language == "go":
        return [str(sdk_build / "programs" / "go" / "sdk-program")]
    return ["node", str(sdk_build / "programs" / "nodejs" / "bin" / "index.js")]


@pytest.mark.parametrize("language", ["nodejs", "go"])
def test_program_deploys_previews_empty_and_destroys(
    sdk_build: Path, language: str, sim: SimulatorServer, tmp_path: Path
) -> None:
    (tmp_path / "state").mkdir()
    env = {
        **os.environ,
        **engine_env(tmp_path / "home", tmp_path / "state"),
        "PATH": f"{pulumi_bin_dir()}{os.pathsep}{os.environ['PATH']}",
        "NOVITA_PLUGIN_DIR": str(REPO / "bin"),
        "NOVITA_PROVIDER_PYTHON": sys.executable,
        "NOVITA_TEST_API_URL": sim.api_url,
        "NOVITA_TEST_API_KEY": API_KEY,
        "NOVITA_TEST_REGISTRY_PASSWORD": REGISTRY_PASSWORD,
    }
    for name in ("NOVITA_API_KEY", "NOVITA_API_URL"):  # the settings come from stack config
        env.pop(name, None)
    done = subprocess.run(
        program_command(sdk_build, language),
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["up"] == {"create": 4}  # the stack, a volume, a credential, an endpoint
    assert report["preview"] == {}
    assert report["destroy"] == {"delete": 4}
    outputs = report["outputs"]
    assert outputs["state"] == "serving"
    create = next(c for c in sim.requests() if c["path"] == "/endpoint/create")["body"]["endpoint"]
    assert create["image"]["authId"] == outputs["credentialId"]
    assert create["volumeMounts"][0]["id"] == outputs["volumeId"]
    assert sim.endpoints() == [] and sim.registry_auths() == [] and sim.network_storages() == []
    assert API_KEY not in done.stdout + done.stderr
