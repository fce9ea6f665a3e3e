"""Drive the real Pulumi engine (Automation API, file:// backend) against the simulator."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pulumi import automation as auto

from benchmarks.engine import engine_env, pulumi_bin_dir
from novita_provider.simulator import SimulatorServer

REPO = Path(__file__).resolve().parents[2]
API_KEY = "e2e-secret-key-3f9a1c"
REGISTRY_PASSWORD = "e2e-registry-password-77c2"
SECRET_ENV_VALUE = "e2e-hf-token-b51d"


class StackUnderTest:
    """A copy of a project directory, deployed to a fresh local stack against ``sim``."""

    def __init__(
        self,
        project: Path,
        workdir: Path,
        sim: SimulatorServer,
        secrets: dict[str, str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        secrets = secrets or {}
        self.sim = sim
        self.dir = workdir / "project"
        shutil.copytree(project, self.dir, ignore=shutil.ignore_patterns(".venv", "Pulumi.*.yaml"))
        (workdir / "state").mkdir()
        self.env = {**engine_env(workdir / "home", workdir / "state"), **(env or {})}
        self.stack = auto.create_stack(
            "test",
            work_dir=str(self.dir),
            opts=auto.LocalWorkspaceOptions(
                env_vars=self.env,
                pulumi_command=auto.PulumiCommand(root=str(pulumi_bin_dir().parent)),
            ),
        )
        self.stack.set_config("novita:apiUrl", auto.ConfigValue(sim.api_url))
        self.stack.set_config("novita:apiKey", auto.ConfigValue(API_KEY, secret=True))
        for key, value in secrets.items():
            self.set(key, value, secret=True)
        self.output: list[str] = []

    def set(self, key: str, value: str | int, *, secret: bool = False) -> None:
        self.stack.set_config(key, auto.ConfigValue(str(value), secret=secret))

    def _collect(self) -> Callable[[str], None]:
        return self.output.append

    def up(self) -> auto.UpResult:
        return self.stack.up(on_output=self._collect(), color="never")

    def preview(self) -> auto.PreviewResult:
        return self.stack.preview(on_output=self._collect(), color="never", diff=True)

    def refresh(self) -> auto.RefreshResult:
        return self.stack.refresh(on_output=self._collect(), color="never")

    def destroy(self) -> auto.DestroyResult:
        return self.stack.destroy(on_output=self._collect(), color="never")

    def export(self, *, show_secrets: bool = False) -> str:
        """``pulumi stack export`` output, as the CLI prints it."""
        flag = "--show-secrets" if show_secrets else "--show-secrets=false"
        result = self.stack._run_pulumi_cmd_sync(["stack", "export", flag, "--stack", "test"])
        return result.stdout

    def api_calls(self, path: str | None = None) -> list[dict[str, Any]]:
        calls = self.sim.requests()
        return [c for c in calls if path is None or c["path"] == path]


def changes(summary: Mapping[Any, int] | None) -> dict[str, int]:
    """A change summary without the unchanged count: ``{}`` means no changes."""
    return {
        str(getattr(op, "value", op)): n
        for op, n in (summary or {}).items()
        if str(getattr(op, "value", op)) != "same" and n
    }


@contextmanager
def simulator(**kwargs: Any) -> Iterator[SimulatorServer]:
    sim = SimulatorServer(api_key=API_KEY, **kwargs).start()
    try:
        yield sim
    finally:
        sim.stop()
