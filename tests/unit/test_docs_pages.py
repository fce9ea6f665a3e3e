"""The README and the pages under docs/: the front door's two commands, links that resolve, Python
samples that parse, and the onboarding facts a user outside the repository needs."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
PAGES = sorted([README, *(REPO / "docs").rglob("*.md")])
LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", flags=re.MULTILINE | re.DOTALL)


def _rel(page: Path) -> str:
    return str(page.relative_to(REPO))


def test_the_readme_opens_with_the_two_commands() -> None:
    lines = README.read_text().splitlines()
    assert lines[0] == "# novita-pulumi"
    assert lines[2].startswith("    make demo    # ")
    assert lines[3].startswith("    make test    # ")


def test_the_readme_is_a_front_door() -> None:
    assert len(README.read_bytes()) <= 12_000


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_relative_links_resolve(page: Path) -> None:
    broken = [
        target
        for target, _ in LINK.findall(page.read_text())
        if "://" not in target and not (page.parent / target).exists()
    ]
    assert not broken, f"{_rel(page)} links to missing {broken}"


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as -."""
    headings = re.findall(r"^#+ (.*)$", FENCE.sub("", page.read_text()), flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_anchors_resolve(page: Path) -> None:
    broken = [
        f"{target}{anchor}"
        for target, anchor in LINK.findall(page.read_text())
        if anchor
        and "://" not in target
        and target.endswith(".md")
        and anchor[1:] not in _anchors(page.parent / target)
    ]
    assert not broken, f"{_rel(page)} links to missing headings {broken}"


@pytest.mark.parametrize("page", PAGES, ids=_rel)
def test_python_samples_parse(page: Path) -> None:
    for language, code in FENCE.findall(page.read_text()):
        if language == "python":
            # `f(a=1, ...)` elides arguments: valid Python once the trailing `...` goes
            ast.parse(re.sub(r",\s*\.\.\.\s*\)", ")", code), filename=_rel(page))


def _simulator_ports(text: str) -> list[int]:
    return [int(port) for port in re.findall(r"novita_provider\.simulator[^\n]*--port (\d+)", text)]


def test_no_simulator_example_takes_the_demos_port() -> None:
    demo = (REPO / "scripts" / "demo.sh").read_text()
    [demo_port] = re.findall(r'port="\$\{NOVITA_SIM_PORT:-(\d+)\}"', demo)
    examples = {_rel(page): _simulator_ports(page.read_text()) for page in PAGES}
    assert any(examples.values()), "no page shows how to run the simulator"
    clashing = [page for page, ports in examples.items() if int(demo_port) in ports]
    assert not clashing, f"{clashing} start the simulator on the demo's port {demo_port}"


def test_the_readme_shows_the_cli_on_path_and_a_local_backend() -> None:
    text = README.read_text()
    assert 'export PATH="$(make -s -C /path/to/novita-pulumi pulumi):$PATH"' in text
    assert "pulumi login --local" in text and "PULUMI_CONFIG_PASSPHRASE" in text


@pytest.mark.parametrize(
    "install",
    [
        "pip install /path/to/novita-pulumi/sdk/python",
        "npm install /path/to/novita-pulumi/sdk/nodejs/bin",
        "replace github.com/novita-pulumi/novita-pulumi/sdk/go => /path/to/novita-pulumi/sdk/go",
    ],
)
def test_the_native_sdks_install_is_written_down(install: str) -> None:
    assert install in (REPO / "docs" / "guides" / "native-provider.md").read_text()


def test_the_sdk_names_are_the_schemas() -> None:
    import json

    language = json.loads((REPO / "schema.json").read_text())["language"]
    guide = (REPO / "docs" / "guides" / "native-provider.md").read_text()
    assert f'import "{language["go"]["importBasePath"]}"' in guide
    assert f'from "{language["nodejs"]["packageName"]}"' in guide
    assert f"import {language['python']['packageName']} as novita" in guide
