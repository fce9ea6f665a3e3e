"""Driving the real Pulumi engine (Automation API, ``file://`` backend) for the benchmark.

:func:`engine_env` here builds the environment, and ``tests/e2e/harness.py`` imports it, so the
tests and the benchmark run the engine alike: a private ``PULUMI_HOME``, a local backend, a
passphrase, no update check or plugin download, the venv's Python, ``PYTHONPATH`` for this
checkout (the baselines' ``benchmarks`` modules; ``NOVITA_BENCH_PROVIDER_DIR`` first, to measure
another ``novita_provider``) and, with profiling on, the wrapper directory
``benchmarks/profiling`` first on ``PATH``."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pulumi import automation as auto

from .stacks import COUNT_KEY, REPO, Kind, write_project

API_KEY = "bench-secret-key-7c21e0"
PASSPHRASE = "novita-bench-passphrase"
STACK_NAME = "bench"
PROFILE_WRAPPER_DIR = Path(__file__).resolve().parent / "profiling"
PROFILE_DIR_ENV = "NOVITA_BENCH_PROFILE_DIR"
PROFILE_TAG_ENV = "NOVITA_BENCH_PROFILE_TAG"
PYTHON_ENV = "NOVITA_BENCH_PYTHON"
PROVIDER_DIR_ENV = "NOVITA_BENCH_PROVIDER_DIR"
"""A directory holding another ``novita_provider`` package (e.g. a release's) to measure
instead of this checkout's, in the stacks' programs and provider processes."""

Operation = Literal["up", "preview", "refresh", "destroy"]
OPERATIONS: tuple[Operation, ...] = ("up", "preview", "refresh", "destroy")


@functools.cache
def pulumi_bin_dir() -> Path:
    """The directory holding ``pulumi`` and its companions (built on first use)."""
    result = subprocess.run(
        ["bash", str(REPO / "scripts" / "ensure-pulumi.sh")],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return Path(result.stdout.strip().splitlines()[-1])


def engine_env(home: Path, backend: Path, *, profile_dir: Path | None = None) -> dict[str, str]:
    """Environment for the CLI, the program and the provider process it starts."""
    path = [str(pulumi_bin_dir()), str(Path(sys.executable).parent), os.environ.get("PATH", "")]
    env = {
        "PULUMI_HOME": str(home),
        "PULUMI_BACKEND_URL": backend.as_uri(),
        "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
        "PULUMI_SKIP_UPDATE_CHECK": "true",
        "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        "PULUMI_PYTHON_CMD": sys.executable,
        "PYTHONPATH": os.pathsep.join(
            p
            for p in (os.environ.get(PROVIDER_DIR_ENV), str(REPO), os.environ.get("PYTHONPATH"))
            if p
        ),
        # The key comes from stack config, as in the end-to-end tests.
        "NOVITA_API_KEY": "",
        # Python caches compiled modules unless this is non-empty. This machine sets it to 1,
        # which made every program and provider process compile this checkout's modules from
        # source (about 20 ms for the provider's), a cost an installed package never has (pip
        # compiles it at install).
        "PYTHONDONTWRITEBYTECODE": "",
    }
    if profile_dir is not None:
        path.insert(0, str(PROFILE_WRAPPER_DIR))
        env[PROFILE_DIR_ENV] = str(profile_dir)
        env[PYTHON_ENV] = sys.executable
    env["PATH"] = os.pathsep.join(path)
    return env


@dataclass
class Timed:
    """One engine operation: the seconds of its own CLI process, the wall-clock seconds of the
    whole Automation API call, and the change summary the engine reported."""

    seconds: float
    changes: dict[str, int]
    wall_seconds: float = 0.0


class TimedCommand(auto.PulumiCommand):
    """The CLI as the Automation API runs it, timing each run by its verb.

    An operation is timed by its own CLI process: the Automation API adds calls of its own
    (``up`` is followed by ``stack output`` and ``stack history``, about 0.6 s here, and
    ``refresh`` and ``destroy`` by ``stack history``, about 0.25 s), the same for every stack,
    which only dilutes the ratios. None of it is the engine's or the provider's work.
    """

    def __init__(self, root: str | None = None) -> None:
        super().__init__(root=root)
        self.seconds: dict[str, float] = {}

    def run(
        self,
        args: list[str],
        cwd: str,
        additional_env: Mapping[str, str],
        on_output: Callable[[str], Any] | None = None,
        on_error: Callable[[str], Any] | None = None,
    ) -> auto.CommandResult:
        verb = next((a for a in args if not a.startswith("-")), "")
        start = time.perf_counter()
        try:
            return super().run(args, cwd, additional_env, on_output, on_error)
        finally:
            self.seconds[verb] = time.perf_counter() - start


@dataclass
class BenchStack:
    """A generated project (``kind``) in ``workdir``, deployed to a fresh local stack."""

    kind: Kind
    workdir: Path
    api_url: str
    profile_dir: Path | None = None
    parallel: int | None = None  # None: the engine's default
    extra_env: dict[str, str] = field(default_factory=dict)
    output: list[str] = field(default_factory=list)
    stack: auto.Stack = field(init=False)
    command: TimedCommand = field(init=False)

    def __post_init__(self) -> None:
        project = write_project(self.kind, self.workdir / "project")
        (self.workdir / "state").mkdir(parents=True, exist_ok=True)
        env = engine_env(
            self.workdir / "home", self.workdir / "state", profile_dir=self.profile_dir
        )
        env.update(self.extra_env)
        os.environ["PATH"] = env["PATH"]  # LocalWorkspace passes env_vars, but the CLI checks PATH
        # Given a root, the Automation API puts the CLI's own directory first on PATH, where the
        # bundled pulumi-resource-pulumi-python would shadow the profiling wrapper: when
        # profiling, run `pulumi` from PATH (the wrapper's directory, then the CLI's) instead.
        self.command = TimedCommand(
            None if self.profile_dir is not None else str(pulumi_bin_dir().parent)
        )
        self.stack = auto.create_stack(
            STACK_NAME,
            work_dir=str(project),
            opts=auto.LocalWorkspaceOptions(env_vars=env, pulumi_command=self.command),
        )
        self.stack.set_config("novita:apiUrl", auto.ConfigValue(self.api_url))
        self.stack.set_config("novita:apiKey", auto.ConfigValue(API_KEY, secret=True))

    def set_count(self, count: int) -> None:
        self.stack.set_config(COUNT_KEY, auto.ConfigValue(str(count)))

    def run(self, operation: Operation, *, profile_tag: str = "") -> Timed:
        """Run one operation and time it (by its own CLI process; see :class:`TimedCommand`)."""
        env = self.stack.workspace.env_vars
        if self.profile_dir is not None and isinstance(env, dict):
            env[PROFILE_TAG_ENV] = profile_tag or operation
        self.output.clear()
        self.command.seconds.clear()
        start = time.perf_counter()
        try:
            summary = _RUNNERS[operation](self.stack, self.output.append, self.parallel)
        except auto.CommandError as exc:
            tail = "".join(self.output[-40:])
            raise RuntimeError(
                f"{self.kind} stack: pulumi {operation} failed: {exc}\n{tail}"
            ) from None
        wall = time.perf_counter() - start
        return Timed(self.command.seconds.get(operation, wall), changes(summary), wall)

    def run_cli(self, operation: Operation, extra_args: list[str]) -> float:
        """Run one operation with the CLI directly (for flags the Automation API does not pass,
        such as ``--profiling``) and return its wall-clock seconds."""
        args = [str(pulumi_bin_dir() / "pulumi"), operation, "--stack", STACK_NAME]
        args += ["--non-interactive", "--color", "never"]
        if operation != "preview":
            args += ["--yes", "--skip-preview"]
        if self.parallel is not None:
            args += ["--parallel", str(self.parallel)]
        env = {**os.environ, **(self.stack.workspace.env_vars or {})}
        start = time.perf_counter()
        result = subprocess.run(
            args + extra_args,
            cwd=self.stack.workspace.work_dir,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            tail = "\n".join(result.stdout.splitlines()[-40:])
            raise RuntimeError(f"{self.kind} stack: pulumi {operation} failed:\n{tail}")
        return seconds

    def checkpoint_file(self) -> Path:
        """The stack's checkpoint in the local backend (what the engine rewrites as it goes)."""
        stacks_dir = self.workdir / "state" / ".pulumi" / "stacks"
        found = sorted(stacks_dir.glob(f"**/{STACK_NAME}.json"))
        if not found:
            raise FileNotFoundError(f"{self.kind} stack: no checkpoint under {self.workdir}")
        return found[0]

    def remove(self) -> None:
        """Destroy what is left (best effort) and delete the work directory."""
        try:
            self.stack.destroy(color="never")
            self.stack.workspace.remove_stack(STACK_NAME)
        except auto.CommandError:
            pass
        shutil.rmtree(self.workdir, ignore_errors=True)


def _up(stack: auto.Stack, out: Callable[[str], None], parallel: int | None) -> Any:
    return stack.up(on_output=out, color="never", parallel=parallel).summary.resource_changes


def _preview(stack: auto.Stack, out: Callable[[str], None], parallel: int | None) -> Any:
    return stack.preview(on_output=out, color="never", parallel=parallel).change_summary


def _refresh(stack: auto.Stack, out: Callable[[str], None], parallel: int | None) -> Any:
    return stack.refresh(on_output=out, color="never", parallel=parallel).summary.resource_changes


def _destroy(stack: auto.Stack, out: Callable[[str], None], parallel: int | None) -> Any:
    return stack.destroy(on_output=out, color="never", parallel=parallel).summary.resource_changes


Runner = Callable[[auto.Stack, Callable[[str], None], int | None], Any]
_RUNNERS: dict[Operation, Runner] = {
    "up": _up,
    "preview": _preview,
    "refresh": _refresh,
    "destroy": _destroy,
}


def engine_default_parallel() -> int:
    """What ``pulumi up`` uses without ``--parallel``: ``$PULUMI_PARALLEL``, else 4 x GOMAXPROCS
    (the CPUs this process may use; pkg/cmd/pulumi/operations/up.go)."""
    try:
        value = int(os.environ.get("PULUMI_PARALLEL", "0"))
    except ValueError:
        value = 0
    return value if value > 0 else 4 * len(os.sched_getaffinity(0))


def changes(summary: Any) -> dict[str, int]:
    """A change summary without the unchanged count: ``{}`` means no changes."""
    result: dict[str, int] = {}
    for op, n in (summary or {}).items():
        name = str(getattr(op, "value", op))
        if name != "same" and n:
            result[name] = int(n)
    return result
