"""What an editor's type checker sees (issue #11): ``mypy --strict`` accepts a stack that uses
every output of every resource, and names the mistake in stacks that misuse them.

One mypy run checks every sample (mypy's start-up dominates), then each file's messages are
asserted on their own. The package is found through ``mypy_path``, as a user's checker finds
an installed one (the project's editable install hides it from mypy)."""

from __future__ import annotations

import ast
import dataclasses
import inspect
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api as mypy_api

from novita_provider import (
    Endpoint,
    EndpointArgs,
    NetworkVolume,
    NetworkVolumeArgs,
    RegistryCredential,
    RegistryCredentialArgs,
)

REPO = Path(__file__).resolve().parents[2]
HEADER = "import pulumi\nfrom novita_provider import *\n"
PROGRAM = """\
worker = EndpointWorkerConfigArgs(
    min_num=0, max_num=1, free_timeout=60, max_concurrent=1, request_timeout=60
)
policy = EndpointPolicyArgs(type="queue", value=3)
endpoint = Endpoint(
    "e",
    image={"image": "acme/app:1"},
    products=["SL-serverless-3"],
    worker_config=worker,
    policy=policy,
    ports=[{"port": 8000}],
    health_check={"path": "/health"},
)
volume = NetworkVolume("v", cluster_id="c", size_gb=10)
"""

MISTAKES: dict[str, tuple[str, list[str]]] = {
    # name: (code appended to a valid program, fragments one error must contain)
    "valid_program": ("", []),
    "policy_type": (
        'EndpointPolicyArgs(type="fifo", value=1)',
        ['Argument "type" to "EndpointPolicyArgs"', "fifo"],
    ),
    "misspelled_keyword": (
        'Endpoint("x", imag={"image": "a"}, products=["p"], worker_config=worker, '
        'policy=policy, ports=[{"port": 80}], health_check={"path": "/"})',
        ['Unexpected keyword argument "imag"', 'did you mean "image"'],
    ),
    "mount_type": (
        'EndpointVolumeMountArgs(type="nfs", mount_path="/data")',
        ['Argument "type" to "EndpointVolumeMountArgs"', "nfs"],
    ),
    "dict_mount_type": (
        'mount: EndpointVolumeMountArgsDict = {"type": "nfs", "mount_path": "/data"}',
        ['TypedDict item "type"', "nfs"],
    ),
    "dict_misspelled_field": (
        'health: EndpointHealthCheckArgsDict = {"pth": "/health"}',
        ['"EndpointHealthCheckArgsDict"', '"pth"'],
    ),
    "missing_output": (
        "endpoint.policy.apply(lambda p: p.kind)",
        ['"EndpointPolicy" has no attribute "kind"'],
    ),
    "misspelled_output": ("volume.cluster_idd", ['"NetworkVolume" has no attribute "cluster_idd"']),
    "output_is_typed": (
        "endpoint.worker_config.apply(lambda w: w.max_num.upper())",
        ['"int" has no attribute "upper"'],
    ),
    "volume_keyword": (
        'NetworkVolume("w", cluster_id="c", size=10)',
        ['Unexpected keyword argument "size"'],
    ),
    "credential_keyword": (
        'RegistryCredential("r", username="u", pasword="p")',
        ['Unexpected keyword argument "pasword"', 'did you mean "password"'],
    ),
}


@pytest.fixture(scope="module")
def mypy_messages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """mypy --strict's error lines per sample file, from one run over all of them."""
    root = tmp_path_factory.mktemp("typing")
    files = {"sample_stack": root / "sample_stack.py"}
    files["sample_stack"].write_text((REPO / "tests" / "typing" / "sample_stack.py").read_text())
    for name, (code, _) in MISTAKES.items():
        files[name] = root / f"{name}.py"
        files[name].write_text(HEADER + PROGRAM + code + "\n")
    config = root / "mypy.ini"
    config.write_text(f"[mypy]\nstrict = True\nmypy_path = {REPO}\n")
    stdout, stderr, _ = mypy_api.run(
        [
            "--config-file",
            str(config),
            "--cache-dir",
            str(REPO / ".mypy_cache" / "typing-samples"),
            "--no-error-summary",
            "--disable-error-code=import-untyped",
            *(str(path) for path in files.values()),
        ]
    )
    assert not stderr
    messages: dict[str, list[str]] = {name: [] for name in files}
    for line in stdout.splitlines():
        name = Path(line.split(":", 1)[0]).stem
        if ": error:" in line:
            messages[name].append(line.split(": error:", 1)[1])
    return messages


def test_a_stack_using_every_output_passes(mypy_messages: dict[str, list[str]]) -> None:
    assert mypy_messages["sample_stack"] == []
    assert mypy_messages["valid_program"] == []  # what each mistake below adds one line to


@pytest.mark.parametrize("name", sorted(set(MISTAKES) - {"valid_program"}))
def test_each_mistake_fails_naming_it(mypy_messages: dict[str, list[str]], name: str) -> None:
    errors = mypy_messages[name]
    assert errors, f"mypy accepted {MISTAKES[name][0]!r}"
    assert any(all(f in error for f in MISTAKES[name][1]) for error in errors), errors


@pytest.mark.parametrize(
    ("resource", "args"),
    [
        (Endpoint, EndpointArgs),
        (NetworkVolume, NetworkVolumeArgs),
        (RegistryCredential, RegistryCredentialArgs),
    ],
)
def test_keyword_overload_lists_every_input(resource: type, args: type) -> None:
    """The typed keyword form and the ``*Args`` class declare the same inputs, the same ones
    required."""
    # The overloads exist for type checkers only (under TYPE_CHECKING): read them from source.
    module = ast.parse(inspect.getsource(inspect.getmodule(resource)))  # type: ignore[arg-type]
    [cls] = [n for n in module.body if isinstance(n, ast.ClassDef) and n.name == resource.__name__]
    inits = [
        node
        for node in ast.walk(cls)
        if isinstance(node, ast.FunctionDef)
        and node.name == "__init__"
        and any(ast.unparse(d) == "overload" for d in node.decorator_list)
    ]
    [_, keyword_form] = inits
    keyword_defaults = keyword_form.args.kw_defaults
    keywords = {
        arg.arg: default is None
        for arg, default in zip(keyword_form.args.kwonlyargs, keyword_defaults, strict=True)
    }
    fields = {
        f.name: f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        for f in dataclasses.fields(args)
    }
    assert keywords == fields
    assert "adopt_id" in fields


def test_importing_the_package_loads_neither_pydantic_nor_httpx() -> None:
    """The package runs in the user's program: the implementation stays in the provider."""
    code = "import sys, novita_provider; print(sorted({'pydantic', 'httpx'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
