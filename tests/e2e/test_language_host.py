"""Our language host (``tools/pulumi-cli/cmd/pulumi-language-python``) ends on SIGINT even when it
was started with SIGINT ignored.

The engine stops the language host with SIGINT when the program is done and kills it only 5 s
later. Every process below a background job of a non-interactive shell (``make test &``,
``nohup``) starts with SIGINT ignored; before the host asked for the signal itself, each ``up`` and
``preview`` there took 5 s longer.
"""

from __future__ import annotations

import signal
import subprocess

import pytest

from benchmarks.engine import pulumi_bin_dir

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("inherited", ["default", "ignored"])
def test_the_language_host_ends_on_sigint(inherited: str) -> None:
    # `trap '' INT` then exec: the host starts with SIGINT ignored, as under `make test &`.
    trap = "trap '' INT; " if inherited == "ignored" else ""
    host_bin = pulumi_bin_dir() / "pulumi-language-python"
    host = subprocess.Popen(
        ["bash", "-c", f'{trap}exec "$0" 127.0.0.1:1', str(host_bin)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert host.stdout is not None
        assert host.stdout.readline().strip().isdigit()  # serving: its port, as the engine reads
        host.send_signal(signal.SIGINT)
        assert host.wait(timeout=30) == 0
    finally:
        host.kill()
        host.wait()
