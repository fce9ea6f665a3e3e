"""Readiness polling with a fake clock: schedule, failure and timeout messages."""

from __future__ import annotations

from typing import Any, cast

import pytest

from novita_provider.api import models as api
from novita_provider.api.client import NovitaClient
from novita_provider.endpoint.readiness import wait_until_serving
from novita_provider.endpoint.spec import EndpointSpec
from novita_provider.errors import EndpointNotReadyError

from .test_endpoint_spec import inputs, read_shape


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class FakeClient:
    """Serves the endpoint in ``state`` until ``ready_at`` on the fake clock."""

    def __init__(self, clock: FakeClock, ready_at: float, final: str = "serving") -> None:
        self.clock, self.ready_at, self.final = clock, ready_at, final
        self.calls = 0
        self.shape = read_shape(EndpointSpec.model_validate(inputs()))

    def get_endpoint(self, endpoint_id: str) -> api.Endpoint:
        self.calls += 1
        state = self.final if self.clock.now >= self.ready_at else "initializing"
        message = "CUDA error: out of memory" if state == "failed" else ""
        shape: dict[str, Any] = {**self.shape, "state": {"state": state, "message": message}}
        return api.Endpoint.model_validate(shape)


def wait(fake: FakeClient, clock: FakeClock, timeout: float = 600) -> api.Endpoint:
    return wait_until_serving(
        cast(NovitaClient, fake), "ep-1", timeout, sleep=clock.sleep, clock=clock
    )


def test_a_ready_endpoint_costs_one_call() -> None:
    clock = FakeClock()
    fake = FakeClient(clock, ready_at=0)
    assert wait(fake, clock).state.state == "serving"
    assert fake.calls == 1


def test_polls_every_second_then_back_off() -> None:
    clock = FakeClock()
    fake = FakeClient(clock, ready_at=5.0)
    wait(fake, clock)
    assert clock.sleeps == [1.0] * 5  # seen the second it is ready
    clock = FakeClock()
    fake = FakeClient(clock, ready_at=120)
    wait(fake, clock)
    assert clock.sleeps[:10] == [1.0] * 5 + [2.0] * 5
    assert set(clock.sleeps[10:]) == {5.0}
    assert clock.now - 120 < 5.0


def test_failure_carries_novitas_state_message() -> None:
    clock = FakeClock()
    with pytest.raises(EndpointNotReadyError, match="state failed: CUDA error: out of memory"):
        wait(FakeClient(clock, ready_at=3, final="failed"), clock)


def test_timeout_names_the_wait_and_the_last_state() -> None:
    clock = FakeClock()
    with pytest.raises(EndpointNotReadyError, match="not serving after 30 s: state initializing"):
        wait(FakeClient(clock, ready_at=1000), clock, timeout=30)
    assert clock.now == 30
