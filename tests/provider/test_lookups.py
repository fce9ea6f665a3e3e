"""get_clusters / get_endpoint_limits against the simulator, configured from the environment."""

from __future__ import annotations

import pytest

from novita_provider import get_clusters, get_endpoint_limits
from novita_provider.simulator import SimulatorServer

from .conftest import API_KEY


@pytest.fixture(autouse=True)
def environment(sim: SimulatorServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOVITA_API_URL", sim.api_url)
    monkeypatch.setenv("NOVITA_API_KEY", API_KEY)


def test_clusters_filter_by_storage_support_and_gpu_type() -> None:
    every = {c.id for c in get_clusters()}
    with_storage = {c.id for c in get_clusters(supports_network_storage=True)}
    without = {c.id for c in get_clusters(supports_network_storage=False)}
    assert with_storage and without
    assert with_storage | without == every
    assert not with_storage & without
    gpu = get_clusters()[0].available_gpu_type[0]
    assert all(gpu in c.available_gpu_type for c in get_clusters(gpu_type=gpu))
    assert get_clusters(gpu_type="NVIDIA Imaginary 9000") == []


def test_endpoint_limits() -> None:
    limits = get_endpoint_limits()
    assert limits.min_worker_num <= limits.max_worker_num
    assert limits.cuda_version_list


def test_a_failing_lookup_stops_the_program_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pulumi

    monkeypatch.setenv("NOVITA_API_KEY", "wrong-key-1234")
    with pytest.raises(pulumi.RunError) as failure:
        get_clusters()
    assert str(failure.value).startswith("list clusters failed: UNAUTHORIZED")
    assert "wrong-key-1234" not in str(failure.value)
