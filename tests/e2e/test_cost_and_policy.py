"""What a change costs, on the real engine: the review's Cost section for a max_num change, a
deletion, and the policy pack enforcing a budget through `pulumi preview --policy-pack`.

One stack, deployed once; every scenario changes config, previews, and puts it back.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pytest

from benchmarks.engine import pulumi_bin_dir
from novita_provider.policy.command import PACK_DIR
from tests.e2e.harness import StackUnderTest, simulator

pytestmark = pytest.mark.e2e

PROGRAM = """
import pulumi

from novita_provider import (
    Endpoint,
    EndpointArgs,
    EndpointEnvArgs,
    EndpointHealthCheckArgs,
    EndpointImageArgs,
    EndpointPolicyArgs,
    EndpointPortArgs,
    EndpointWorkerConfigArgs,
    NetworkVolume,
    NetworkVolumeArgs,
)

config = pulumi.Config()
api = Endpoint(
    "api",
    EndpointArgs(
        image=EndpointImageArgs(image="vllm/vllm-openai:v0.6.3"),
        products=["SL-serverless-3"],
        worker_config=EndpointWorkerConfigArgs(
            min_num=config.get_int("minWorkers") or 0,
            max_num=config.get_int("maxWorkers") or 2,
            free_timeout=300,
            max_concurrent=8,
            request_timeout=600,
            gpu_num=2,
        ),
        policy=EndpointPolicyArgs(type="queue", value=30),
        ports=[EndpointPortArgs(port=8000)],
        health_check=EndpointHealthCheckArgs(path="/health"),
        envs=[EndpointEnvArgs(key="HF_TOKEN", value=config.get("plainToken") or "")]
        if config.get("plainToken")
        else [],
        wait_for_ready=False,
    ),
)
if not config.get_bool("dropVolume"):
    NetworkVolume(
        "models",
        NetworkVolumeArgs(cluster_id="us-dallas-nas-2", size_gb=100),
        pulumi.ResourceOptions(protect=False),
    )
"""


@dataclass(frozen=True)
class Run:
    stdout: str
    stderr: str
    code: int


def pulumi(stack: StackUnderTest, *args: str) -> Run:
    result = subprocess.run(
        [str(pulumi_bin_dir() / "pulumi"), *args, "--stack", "test"],
        cwd=stack.dir,
        env={**os.environ, **stack.env},
        capture_output=True,
        text=True,
        check=False,
    )
    return Run(result.stdout, result.stderr, result.returncode)


def review(stack: StackUnderTest, preview: str, *flags: str) -> Run:
    result = subprocess.run(
        [sys.executable, "-m", "novita_provider", "review", "-", "--stack", "test", *flags],
        cwd=stack.dir,
        env={**os.environ, **stack.env},
        input=preview,
        capture_output=True,
        text=True,
        check=False,
    )
    return Run(result.stdout, result.stderr, result.returncode)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackUnderTest]:
    workdir = tmp_path_factory.mktemp("cost-stack")
    project = workdir / "src"
    project.mkdir()
    (project / "Pulumi.yaml").write_text(
        f"name: cost\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
    )
    (project / "__main__.py").write_text(PROGRAM)
    with simulator(ready_delay=0.0, terminate_delay=0.0) as sim:
        deployed = StackUnderTest(project, workdir, sim)
        # $2.50 per GPU-hour for the serverless product, $0.07 per GB-month of storage.
        for path, value in (("novita:prices.SL-serverless-3", "2.5"),):
            assert pulumi(deployed, "config", "set", "--path", path, value).code == 0
        assert (
            pulumi(
                deployed, "config", "set", "--path", "novita:prices.storage-gb-month", "0.07"
            ).code
            == 0
        )
        deployed.up()
        yield deployed
        deployed.destroy()


def preview_with(stack: StackUnderTest, **config: str) -> str:
    for key, value in config.items():
        stack.set(key, value)
    try:
        result = pulumi(stack, "preview", "--json")
        assert result.code == 0, result.stderr
        return result.stdout
    finally:
        for key in config:
            assert pulumi(stack, "config", "rm", key).code == 0


def test_max_num_2_to_10_shows_the_exact_ceiling_delta(stack: StackUnderTest) -> None:
    preview = preview_with(stack, maxWorkers="10")
    shown = review(stack, preview)
    assert shown.code == 0, shown.stderr
    text = shown.stdout
    assert "### Cost (estimates)" in text
    # 2 -> 10 workers x 2 GPUs x $2.50: ceiling $10.00 -> $50.00 per hour, +$40.00/h.
    row = next(line for line in text.splitlines() if line.startswith("| `api` (Endpoint)"))
    assert row == (
        "| `api` (Endpoint) | update | $0.00 to $10.00 | $0.00 to $50.00 "
        "| ceiling +$40.00 | ceiling +$28,800.00 |"
    )
    # The stack total counts the unchanged volume: 100 GB x $0.07 / 720 h.
    total = next(line for line in text.splitlines() if line.startswith("| **stack total**"))
    assert "ceiling +$40.00" in total and "+ unknown" not in total
    assert "config novita:prices.SL-serverless-3: $2.50/h" in text
    figures = json.loads(review(stack, preview, "--json").stdout)["cost"]
    api = next(r for r in figures["resources"] if r["name"] == "api")
    assert (api["before"]["ceilingPerHour"], api["after"]["ceilingPerHour"]) == ("10.0", "50.0")
    assert figures["estimate"] is True


def test_deleting_shows_the_saving(stack: StackUnderTest) -> None:
    text = review(stack, preview_with(stack, dropVolume="true")).stdout
    row = next(line for line in text.splitlines() if line.startswith("| `models`"))
    # 100 GB x $0.07 per GB-month = $7.00 a month.
    assert "| delete |" in row and "-$7.00 (saving)" in row


def test_unknown_prices_are_listed_not_hidden(stack: StackUnderTest) -> None:
    assert pulumi(stack, "config", "rm", "--path", "novita:prices.SL-serverless-3").code == 0
    try:
        text = review(stack, preview_with(stack, maxWorkers="3")).stdout
    finally:
        pulumi(stack, "config", "set", "--path", "novita:prices.SL-serverless-3", "2.5")
    assert "Unknown prices (left out of the totals):" in text
    assert "pulumi config set --path 'novita:prices.SL-serverless-3' <USD>" in text


def policy_preview(stack: StackUnderTest, config: Mapping[str, object], **settings: str) -> Run:
    path = stack.dir / "policy-config.json"
    path.write_text(json.dumps(config))
    for key, value in settings.items():
        stack.set(key, value)
    try:
        return pulumi(
            stack,
            "preview",
            "--policy-pack",
            str(PACK_DIR),
            "--policy-pack-config",
            str(path),
        )
    finally:
        for key in settings:
            pulumi(stack, "config", "rm", key)


def test_budget_below_the_ceiling_fails_naming_rule_limit_and_estimate(
    stack: StackUnderTest,
) -> None:
    budget = {"max-hourly-usd": {"enforcementLevel": "mandatory", "limit": 10}}
    failed = policy_preview(stack, budget, maxWorkers="10")
    output = failed.stdout + failed.stderr
    assert failed.code != 0, output
    assert "max-hourly-usd" in output
    assert "exceeds the limit $10.00/h" in output
    assert "`api` $50.00/h" in output  # the resource and its estimate


def test_within_budget_passes_and_advisory_rules_warn(stack: StackUnderTest) -> None:
    config = {
        "max-hourly-usd": {"enforcementLevel": "mandatory", "limit": 100},
        "no-always-on-workers": {"enforcementLevel": "advisory"},
        "secret-env-values": {"enforcementLevel": "advisory"},
    }
    passed = policy_preview(stack, config, minWorkers="1", plainToken="hf_plain_value")
    output = passed.stdout + passed.stderr
    assert passed.code == 0, output
    assert "no-always-on-workers" in output and "keeps 1 worker(s) running" in output
    assert "env HF_TOKEN looks secret but is not a Pulumi secret" in output
    assert "protect-network-volumes" in output  # advisory by default
    assert "hf_plain_value" not in output
