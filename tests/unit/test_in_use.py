"""Deleting what the API still reports in use: bounded retries, then one clear error."""

from __future__ import annotations

import pytest

from novita_provider.core.in_use import delete_when_released
from novita_provider.errors import NovitaApiError, NovitaError

from .test_readiness import FakeClock


def in_use(times: int) -> tuple[list[int], object]:
    calls: list[int] = []

    def delete() -> None:
        calls.append(1)
        if len(calls) <= times:
            raise NovitaApiError(
                "delete registry credential ra-1", 400, "IMAGE_AUTH_IN_USE", "used by ep-1"
            )

    return calls, delete


def test_retries_until_released() -> None:
    clock = FakeClock()
    calls, delete = in_use(times=3)
    delete_when_released(
        delete,  # type: ignore[arg-type]
        in_use_reason="IMAGE_AUTH_IN_USE",
        what="registry credential registry-1",
        timeout=60,
        sleep=clock.sleep,
        clock=clock,
    )
    assert len(calls) == 4
    assert clock.sleeps == [1.0, 1.0, 1.0]


def test_gives_up_at_the_timeout_with_one_clear_line() -> None:
    clock = FakeClock()
    _, delete = in_use(times=1000)
    with pytest.raises(NovitaError) as failure:
        delete_when_released(
            delete,  # type: ignore[arg-type]
            in_use_reason="IMAGE_AUTH_IN_USE",
            what="registry credential registry-1",
            timeout=20,
            sleep=clock.sleep,
            clock=clock,
        )
    assert str(failure.value) == (
        "registry credential registry-1 is still in use after 20 s of retrying (used by ep-1); "
        "remove what uses it, or raise delete_timeout_seconds"
    )
    assert clock.now == 20


def test_already_gone_is_success_and_other_errors_pass_through() -> None:
    def gone() -> None:
        raise NovitaApiError("delete network volume ns-1", 400, "NETWORK_STORAGE_NOT_FOUND", "")

    delete_when_released(gone, in_use_reason="NETWORK_STORAGE_IN_USE", what="v", timeout=5)

    def forbidden() -> None:
        raise NovitaApiError("delete network volume ns-1", 403, "FORBIDDEN", "no")

    with pytest.raises(NovitaApiError, match="FORBIDDEN"):
        delete_when_released(forbidden, in_use_reason="NETWORK_STORAGE_IN_USE", what="v", timeout=5)
