"""Registry credentials, network volumes and the example stacks on the real engine (issue #3)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest
from pulumi import automation as auto

from novita_provider.api.client import NovitaClient
from novita_provider.api.settings import ProviderSettings
from novita_provider.simulator import SimulatorServer

from .harness import API_KEY, REGISTRY_PASSWORD, REPO, SECRET_ENV_VALUE, StackUnderTest, changes

pytestmark = pytest.mark.e2e

MakeStack = Callable[..., StackUnderTest]
EXAMPLE_SECRETS = {
    "private-image": {"registryPassword": REGISTRY_PASSWORD},
    "network-volume": {},
    "production": {"registryPassword": REGISTRY_PASSWORD, "hfToken": SECRET_ENV_VALUE},
}


def assert_simulator_empty(sim: SimulatorServer) -> None:
    assert sim.endpoints() == []
    assert sim.registry_auths() == []
    assert sim.network_storages() == []


@pytest.mark.parametrize("example", sorted(EXAMPLE_SECRETS))
def test_example_up_noop_destroy(project_stack: MakeStack, example: str) -> None:
    stack = project_stack(REPO / "examples" / example, secrets=EXAMPLE_SECRETS[example])
    if "registryPassword" in EXAMPLE_SECRETS[example]:
        stack.set("registryUsername", "deploy-bot")
    up = stack.up()
    assert "create" in changes(up.summary.resource_changes)
    assert changes(stack.preview().change_summary) == {}
    stack.destroy()
    assert_simulator_empty(stack.sim)


def test_registry_password_rotation_moves_the_endpoint_then_deletes_the_old(
    project_stack: MakeStack,
) -> None:
    stack = project_stack(
        REPO / "examples" / "private-image", secrets={"registryPassword": REGISTRY_PASSWORD}
    )
    stack.set("registryUsername", "deploy-bot")
    first = stack.up().outputs["credential_id"].value

    stack.sim.clear_requests()
    stack.set("registryPassword", "rotated-password-9e1f", secret=True)
    up = stack.up()
    second = up.outputs["credential_id"].value
    assert second != first
    assert changes(up.summary.resource_changes) == {"replace": 1, "update": 1}
    [endpoint] = stack.sim.endpoints()
    assert endpoint["image"]["authId"] == second
    assert [a["id"] for a in stack.sim.registry_auths()] == [second]
    deletes = stack.api_calls("/repository/auth/delete")
    assert [(d["body"], d["reason"]) for d in deletes] == [({"id": first}, None)]
    stack.destroy()
    assert_simulator_empty(stack.sim)


def test_volume_grows_in_place_refuses_to_shrink_and_moves_clusters(
    project_stack: MakeStack,
) -> None:
    stack = project_stack(REPO / "examples" / "network-volume")
    first = stack.up().outputs["volume_id"].value
    [endpoint] = stack.sim.endpoints()
    first_endpoint = endpoint["id"]

    stack.set("volumeSize", 80)
    up = stack.up()
    assert up.outputs["volume_id"].value == first
    assert changes(up.summary.resource_changes) == {"update": 1}
    [volume] = stack.sim.network_storages()
    assert volume["storageSize"] == 80

    stack.set("volumeSize", 60)
    stack.sim.clear_requests()
    with pytest.raises(auto.CommandError) as failure:
        stack.preview()
    assert "size_gb" in str(failure.value)
    assert "can only grow" in str(failure.value)
    assert [c for c in stack.api_calls() if c["method"] == "POST"] == []
    stack.set("volumeSize", 80)

    # Moving clusters: a new volume and endpoint in the new cluster, then the old ones go; the
    # simulator keeps the old volume bound for a moment after its endpoint's deletion.
    stack.sim.configure(storage_release_delay=1.5)
    stack.set("cluster", "us-dallas-nas-2")
    up = stack.up()
    second = up.outputs["volume_id"].value
    assert second != first
    [volume] = stack.sim.network_storages()
    assert (volume["storageId"], volume["clusterId"]) == (second, "us-dallas-nas-2")
    [endpoint] = stack.sim.endpoints()
    assert endpoint["id"] != first_endpoint
    assert endpoint["clusterID"] == "us-dallas-nas-2"
    stack.destroy()
    assert_simulator_empty(stack.sim)


def test_destroy_waits_out_a_volume_still_bound_after_its_endpoint(
    project_stack: MakeStack,
) -> None:
    stack = project_stack(REPO / "examples" / "network-volume")
    stack.up()
    stack.sim.configure(storage_release_delay=2.0)
    stack.sim.clear_requests()
    stack.destroy()
    assert_simulator_empty(stack.sim)
    reasons = [c["reason"] for c in stack.api_calls("/networkstorage/delete")]
    assert "NETWORK_STORAGE_IN_USE" in reasons
    assert reasons[-1] is None


def test_registry_password_and_secret_env_are_not_in_state(project_stack: MakeStack) -> None:
    stack = project_stack(
        REPO / "examples" / "production",
        secrets={"registryPassword": REGISTRY_PASSWORD, "hfToken": SECRET_ENV_VALUE},
    )
    stack.set("registryUsername", "deploy-bot")
    stack.up()
    stack.refresh()
    exported = stack.export()
    assert REGISTRY_PASSWORD not in exported
    assert SECRET_ENV_VALUE not in exported
    # ...yet they reached Novita
    [endpoint] = stack.sim.endpoints()
    assert {"key": "HF_TOKEN", "value": SECRET_ENV_VALUE} in endpoint["envs"]
    stack.destroy()


PROGRAM = """
import pulumi
from novita_provider import Endpoint

config = pulumi.Config()
Endpoint(
    "broken",
    image={{"image": "nginx:1.27", "auth_id": config.get("authId")}},
    products=["SL-serverless-1"],
    worker_config={{"min_num": 1, "max_num": 1, "free_timeout": 60, "max_concurrent": 1,
                   "request_timeout": 60}},
    policy={{"type": "queue", "value": 5}},
    ports=[{{"port": 80}}],
    health_check={{"path": "/"}},
    cluster_id=config.get("cluster"),
    volume_mounts={mounts},
)
"""


@pytest.mark.parametrize(
    ("config", "mounts", "expected"),
    [
        ({"authId": "ra-doesnotexist"}, "[]", "RESOURCE_NOT_FOUND"),
        (
            {"cluster": "as-sgp-2"},
            '[{"type": "network", "id": "ns-doesnotexist", "mount_path": "/m"}]',
            "NETWORK_STORAGE_NOT_FOUND",
        ),
    ],
)
def test_dangling_references_fail_with_novitas_reason(
    project_stack: MakeStack, config: dict[str, str], mounts: str, expected: str
) -> None:
    stack = project_stack(program=textwrap.dedent(PROGRAM.format(mounts=mounts)))
    for key, value in config.items():
        stack.set(key, value)
    with pytest.raises(auto.CommandError) as failure:
        stack.up()
    assert expected in str(failure.value)
    assert "Traceback" not in str(failure.value)
    assert stack.sim.endpoints() == []


def test_cluster_mismatch_fails_with_novitas_reason(project_stack: MakeStack) -> None:
    program = textwrap.dedent(
        """
        from novita_provider import Endpoint, NetworkVolume

        volume = NetworkVolume("vol", cluster_id="as-sgp-2", size_gb=20)
        Endpoint(
            "mismatch",
            image={"image": "nginx:1.27"},
            products=["SL-serverless-1"],
            worker_config={"min_num": 1, "max_num": 1, "free_timeout": 60,
                           "max_concurrent": 1, "request_timeout": 60},
            policy={"type": "queue", "value": 5},
            ports=[{"port": 80}],
            health_check={"path": "/"},
            cluster_id="us-dallas-nas-2",
            volume_mounts=[{"type": "network", "id": volume.id, "mount_path": "/m"}],
        )
        """
    )
    stack = project_stack(program=program)
    with pytest.raises(auto.CommandError) as failure:
        stack.up()
    message = str(failure.value)
    assert "VALIDATOR_PARAM" in message
    assert "clusterID" in message
    assert stack.sim.endpoints() == []
    stack.destroy()
    assert_simulator_empty(stack.sim)


def test_refresh_notices_a_credential_changed_in_the_console(project_stack: MakeStack) -> None:
    stack = project_stack(
        REPO / "examples" / "private-image", secrets={"registryPassword": REGISTRY_PASSWORD}
    )
    stack.set("registryUsername", "deploy-bot")
    credential_id = stack.up().outputs["credential_id"].value

    stack.sim.edit_registry_auth(credential_id, {"password": "changed-in-the-console"})
    assert changes(stack.refresh().summary.resource_changes) == {"update": 1}
    # the program's password wins again: a new credential, the endpoint moved to it
    assert changes(stack.preview().change_summary) == {"replace": 1, "update": 1}
    up = stack.up()
    assert up.outputs["credential_id"].value != credential_id
    [auth] = stack.sim.registry_auths()
    assert auth["password"] == REGISTRY_PASSWORD
    stack.destroy()
    assert_simulator_empty(stack.sim)


def test_a_credential_name_already_on_the_account_is_a_clear_error(
    project_stack: MakeStack,
) -> None:
    program = textwrap.dedent(
        """
        from novita_provider import RegistryCredential

        RegistryCredential("registry", name="team-registry", username="bot", password="pw")
        """
    )
    stack = project_stack(program=program)
    # someone else on the account already has a credential of that name
    settings = ProviderSettings(api_url=stack.sim.api_url, api_key=API_KEY)
    NovitaClient(settings).create_registry_auth("team-registry", "someone-else", "their-pw")
    with pytest.raises(auto.CommandError) as failure:
        stack.up()
    message = str(failure.value)
    assert "a credential with this name already exists on the Novita account" in message
    assert "Traceback" not in message
    [auth] = stack.sim.registry_auths()
    assert auth["username"] == "someone-else"  # untouched
