"""`python -m novita_provider.simulator`: the listening line, env API key, clean stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from novita_provider.simulator import SimulatorServer
from novita_provider.simulator.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
LINE_PREFIX = "Novita API simulator listening on http://"


def _start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "novita_provider.simulator", "--port", "0", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def run_cli() -> Iterator[list[subprocess.Popen[str]]]:
    processes: list[subprocess.Popen[str]] = []
    yield processes
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)


def _url(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith(LINE_PREFIX), line
    return line.strip().removeprefix("Novita API simulator listening on ")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_cli_serves_and_stops(run_cli: list[subprocess.Popen[str]], stop_signal: int) -> None:
    process = _start("--api-key", "cli-secret", "--ready-delay", "0")
    run_cli.append(process)
    url = _url(process)
    api = url + "/gpu-instance/openapi/v1"
    ok = httpx.get(api + "/endpoint/limit", headers={"Authorization": "Bearer cli-secret"})
    assert ok.status_code == 200
    denied = httpx.get(api + "/endpoint/limit", headers={"Authorization": "Bearer sim-key"})
    assert denied.status_code == 401
    process.send_signal(stop_signal)
    stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    assert "cli-secret" not in stdout + stderr
    assert stdout == ""


def test_cli_api_key_from_env_and_state(
    run_cli: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    process = _start("--state", str(state), env={"NOVITA_SIM_API_KEY": "env-secret"})
    run_cli.append(process)
    api = _url(process) + "/gpu-instance/openapi/v1"
    response = httpx.get(api + "/endpoints", headers={"Authorization": "Bearer env-secret"})
    assert response.json() == {"endpoints": [], "total": 0}
    process.terminate()
    stdout, stderr = process.communicate(timeout=10)
    assert process.returncode == 0, stderr
    assert "env-secret" not in stdout + stderr


def test_cli_port_in_use_fails_cleanly() -> None:
    with SimulatorServer() as busy:
        result = subprocess.run(
            [sys.executable, "-m", "novita_provider.simulator", "--port", str(busy.port)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert "cannot start" in result.stderr
    assert result.stdout == ""


def test_cli_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "novita_provider.simulator", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    for option in (
        "--host",
        "--port",
        "--api-key",
        "--state",
        "--ready-delay",
        "--terminate-delay",
        "--storage-release-delay",
        "--fault-rate",
        "--fault-seed",
        "--fault-kinds",
        "--fault-routes",
        "--faults",
        "--all-shape-variants",
        "--omit-empty",
        "--page-base",
        "--page-size-cap",
        "--list-order",
        "--storage-id-key",
        "--extra-fields",
    ):
        assert option in result.stdout


def test_cli_fault_flags_and_release_delay(run_cli: list[subprocess.Popen[str]]) -> None:
    process = _start(
        "--storage-release-delay",
        "7",
        "--fault-rate",
        "1",
        "--fault-seed",
        "4",
        "--fault-kinds",
        "503,429-retry-after",
        "--fault-routes",
        "GET /clusters, POST /networkstorage/create",
    )
    run_cli.append(process)
    url = _url(process)
    assert httpx.get(url + "/_sim/config").json()["storageReleaseDelay"] == 7.0
    stats = httpx.get(url + "/_sim/faults").json()
    assert stats["seed"] == 4
    assert [(r["route"], r["kinds"], r["rate"]) for r in stats["rules"]] == [
        ("GET /clusters", ["503", "429-retry-after"], 1.0),
        ("POST /networkstorage/create", ["503", "429-retry-after"], 1.0),
    ]
    api = url + "/gpu-instance/openapi/v1"
    headers = {"Authorization": "Bearer sim-key"}
    assert httpx.get(api + "/clusters", headers=headers).status_code in (503, 429)
    assert httpx.get(api + "/repository/auths", headers=headers).status_code == 200
    process.terminate()
    process.communicate(timeout=10)


def test_cli_faults_json_and_default_release_delay(run_cli: list[subprocess.Popen[str]]) -> None:
    config = {"seed": 9, "rules": [{"route": "*", "kinds": ["502"], "rate": 1}]}
    process = _start("--faults", json.dumps(config))
    run_cli.append(process)
    url = _url(process)
    assert httpx.get(url + "/_sim/config").json()["storageReleaseDelay"] == 3.0
    stats = httpx.get(url + "/_sim/faults").json()
    assert (stats["seed"], stats["rules"][0]["kinds"]) == (9, ["502"])
    headers = {"Authorization": "Bearer sim-key"}
    response = httpx.get(url + "/gpu-instance/openapi/v1/clusters", headers=headers)
    assert response.status_code == 502
    process.terminate()
    process.communicate(timeout=10)


@pytest.mark.parametrize(
    ("args", "code", "text"),
    [
        (["--faults", "{"], 1, "malformed JSON"),
        (["--faults", '{"rules": [{"route": "GET /x", "kinds": ["500"], "rate": 1}]}'], 1, "route"),
        (["--fault-rate", "2"], 1, "rate"),
        (["--fault-rate", "1", "--fault-kinds", "teapot"], 1, "kinds"),
        (["--fault-kinds", "500"], 2, "need --fault-rate"),
        (["--faults", '{"rules": []}', "--fault-rate", "1"], 2, "cannot be combined"),
        (["--page-size-cap", "500"], 1, "page_size_cap"),
        (["--page-base", "2"], 2, "--page-base"),
        (["--list-order", "random"], 2, "--list-order"),
        (["--storage-id-key", "uuid"], 2, "--storage-id-key"),
    ],
)
def test_cli_bad_fault_options(
    args: list[str], code: int, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """In-process (`main(argv)`): these fail before serving, so no subprocess is needed."""
    returned: object
    try:
        returned = main(["--port", "0", *args])
    except SystemExit as exit_:
        returned = exit_.code
    captured = capsys.readouterr()
    assert returned == code, captured.err
    assert text in captured.err
    assert captured.out == ""


def test_cli_shape_flags(run_cli: list[subprocess.Popen[str]]) -> None:
    process = _start("--omit-empty", "--page-size-cap", "10", "--storage-id-key", "id")
    run_cli.append(process)
    url = _url(process)
    config = httpx.get(url + "/_sim/config").json()
    assert (config["omitEmpty"], config["pageSizeCap"], config["storageIdKey"]) == (True, 10, "id")
    assert (config["pageBase"], config["listOrder"], config["extraFields"]) == (
        1,
        "oldest-first",
        False,
    )
    headers = {"Authorization": "Bearer sim-key"}
    assert httpx.get(url + "/gpu-instance/openapi/v1/endpoints", headers=headers).json() == {}
    process.terminate()
    process.communicate(timeout=10)


def test_cli_all_shape_variants_with_an_override(run_cli: list[subprocess.Popen[str]]) -> None:
    process = _start(
        "--all-shape-variants",
        "--list-order",
        "oldest-first",
        "--page-base",
        "1",
        "--no-omit-empty",
    )
    run_cli.append(process)
    config = httpx.get(_url(process) + "/_sim/config").json()
    assert (config["omitEmpty"], config["extraFields"]) == (False, True)
    assert (config["pageBase"], config["pageSizeCap"]) == (1, 10)
    assert (config["listOrder"], config["storageIdKey"]) == ("oldest-first", "id")
    process.terminate()
    process.communicate(timeout=10)
