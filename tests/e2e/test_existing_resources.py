"""Existing resources brought under management (issue #9): the generated program adopts a whole
account. One stack session: generate, adopt, preview, replace after adoption, destroy."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from novita_provider.simulator import SimulatorServer

from .account import CLUSTER, api_client, make_endpoint
from .harness import API_KEY, REPO, StackUnderTest, changes

pytestmark = pytest.mark.e2e

MakeStack = Callable[..., StackUnderTest]
PASSWORDS = ("adopt-pw-one-5e1c", "adopt-pw-two-90ab")
HF_TOKEN = "hf-secret-token-a7d3"
DB_PASSWORD = "db-secret-password-44f0"
WRITES = {
    "/endpoint/create",
    "/endpoint/delete",
    "/repository/auth/save",
    "/repository/auth/delete",
    "/networkstorage/create",
    "/networkstorage/delete",
}


def make_account(sim: SimulatorServer) -> None:
    """3 endpoints, 2 credentials, 2 volumes; one endpoint pulls with a credential and mounts
    a volume, one holds secret env values."""
    client = api_client(sim)
    try:
        client.create_registry_auth("deploy-bot", "bot", PASSWORDS[0])
        client.create_registry_auth("ci-bot", "ci", PASSWORDS[1])
        data = client.create_network_storage(CLUSTER, "model-data", 20)
        client.create_network_storage(CLUSTER, "scratch", 10)
        auth = client.find_registry_auth(name="deploy-bot")
        assert auth is not None
        make_endpoint(
            client,
            "llm",
            image={"image": "registry.example.com/team/llm:1", "auth_id": auth.id},
            cluster_id=CLUSTER,
            volume_mounts=[{"type": "network", "id": data.storage_id, "mount_path": "/data"}],
        )
        make_endpoint(
            client,
            "embedder",
            envs=[
                {"key": "HF_TOKEN", "value": HF_TOKEN},
                {"key": "DB_PASSWORD", "value": DB_PASSWORD},
                {"key": "LOG_LEVEL", "value": "info"},
            ],
        )
        make_endpoint(client, "reranker", app_name="rerank")
    finally:
        client.close()


def run_import(sim: SimulatorServer, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NOVITA_API_KEY": API_KEY, "NOVITA_API_URL": sim.api_url}
    return subprocess.run(
        [sys.executable, "-m", "novita_provider", "import", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def secret_values(printed: str) -> dict[str, str]:
    """The values the user fills in for each printed `pulumi config set --secret` line."""
    values = {}
    for line in printed.splitlines():
        words = line.split()
        if words[:4] != ["pulumi", "config", "set", "--secret"] or words[4] == "novita:apiKey":
            continue
        hint = line.split("<", 1)[1]
        if "deploy-bot" in hint:
            values[words[4]] = PASSWORDS[0]
        elif "ci-bot" in hint:
            values[words[4]] = PASSWORDS[1]
        elif "HF_TOKEN" in hint:
            values[words[4]] = HF_TOKEN
        elif "DB_PASSWORD" in hint:
            values[words[4]] = DB_PASSWORD
    return values


def test_generated_program_adopts_the_account(
    project_stack: MakeStack, sim: SimulatorServer, tmp_path: Path
) -> None:
    make_account(sim)
    before = {e["id"] for e in sim.endpoints()}
    out = tmp_path / "generated"
    result = run_import(sim, out)
    generated = {name: (out / name).read_text() for name in ("__main__.py", "Pulumi.yaml")}
    for secret in (*PASSWORDS, HF_TOKEN, DB_PASSWORD, API_KEY):
        assert secret not in result.stdout + result.stderr
        assert all(secret not in text for text in generated.values())
    program = generated["__main__.py"]
    assert "image={'image': 'registry.example.com/team/llm:1', 'auth_id': deploy_bot.id}" in program
    assert "'id': model_data.id" in program and "cluster_id=model_data.cluster_id" in program
    assert "'LOG_LEVEL', 'value': 'info'" in program
    secrets = secret_values(result.stdout)
    assert len(secrets) == 4, result.stdout

    stack = project_stack(out, secrets=secrets)
    sim.clear_requests()
    up = stack.up()
    assert changes(up.summary.resource_changes) == {"create": 8}  # 7 adopted + the stack
    assert not WRITES & {call["path"] for call in sim.requests()}
    assert {e["id"] for e in sim.endpoints()} == before
    assert changes(stack.preview().change_summary) == {}
    state = stack.export()
    assert all(secret not in state for secret in (*PASSWORDS, HF_TOKEN, DB_PASSWORD))

    # After adoption, a change that replaces creates a new endpoint: adopt_id is not reused.
    reranker = next(e for e in sim.endpoints() if e["name"] == "reranker")
    (stack.dir / "__main__.py").write_text(_replace_products(program, "reranker"))
    up = stack.up()
    assert changes(up.summary.resource_changes) == {"replace": 1}
    after = [e for e in sim.endpoints() if e["name"] == "reranker"]
    assert len(after) == 1 and after[0]["id"] != reranker["id"]

    stack.destroy()
    assert sim.endpoints() == [] and sim.registry_auths() == [] and sim.network_storages() == []


def _replace_products(program: str, name: str) -> str:
    """The program with endpoint ``name`` on another GPU product (a replacement)."""
    start = program.index(f"{name} = Endpoint(")
    end = program.index("\n)\n", start)
    block = program[start:end].replace("'SL-serverless-1'", "'SL-serverless-2'")
    return program[:start] + block + program[end:]
