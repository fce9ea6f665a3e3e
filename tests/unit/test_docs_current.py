"""The reference docs under docs/ are what ``make docs`` renders from today's declarations, every
resource and function has its page, and the pages name every setting the provider reads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

import pytest
from pydantic import BaseModel, Field

from novita_provider.codegen import docs
from novita_provider.core.fields import Prop, Spec
from novita_provider.registry import RESOURCES

REPO = Path(__file__).resolve().parents[2]


def test_every_page_is_current() -> None:
    stale = docs.stale(REPO)
    assert not stale, f"run `make docs`: not current: {', '.join(map(str, stale))}"


def test_every_resource_and_function_has_a_page() -> None:
    expected = [docs.resource_page_name(kind) for kind in RESOURCES]
    expected += [docs.function_page_name(lookup) for lookup in docs.lookups()]
    missing = [path for path in expected if not (REPO / path).is_file()]
    assert not missing, f"no page for: {', '.join(map(str, missing))} (run `make docs`)"
    assert {p.name for p in expected} >= {"endpoint.md", "get_clusters.md"}


def test_a_page_without_its_block_or_missing_is_stale(tmp_path: Path) -> None:
    docs.write(tmp_path)
    assert docs.stale(tmp_path) == []
    page = tmp_path / docs.resource_page_name(RESOURCES[0])
    page.write_text(page.read_text().replace("replace", "update in place", 1))
    assert docs.stale(tmp_path) == [docs.resource_page_name(RESOURCES[0])]
    page.unlink()
    assert docs.resource_page_name(RESOURCES[0]) in docs.stale(tmp_path)


def test_hand_written_text_around_blocks_is_kept(tmp_path: Path) -> None:
    page = tmp_path / docs.resource_page_name(RESOURCES[0])
    page.parent.mkdir(parents=True)
    page.write_text("Intro by hand.\n\n" + docs.splice("", "reference", "old") + "\nNotes.\n")
    docs.write(tmp_path)
    text = page.read_text()
    assert text.startswith("Intro by hand.\n\n<!-- BEGIN GENERATED: reference")
    assert text.endswith("<!-- END GENERATED: reference -->\n\nNotes.\n")
    assert "old" not in text and f"# {RESOURCES[0].type_name}" in text


class PartSpec(BaseModel):
    size: Annotated[int, Field(ge=1, le=9)] = 3
    """How big."""


class _DemoSpec(Spec):
    """A demo resource."""

    name: Annotated[str, Field(max_length=10)]
    zone: Annotated[str, Prop(replaces=True)]
    """Where it lives."""
    token: Annotated[str, Field(min_length=1), Prop(secret=True)]
    wait: Annotated[bool, Prop(local=True)] = True
    parts: list[PartSpec] = Field(default_factory=list)


class _DemoOutputs(BaseModel):
    address: str
    """Where it answers."""


def _demo_kind(**extra: Any) -> Any:
    class DemoKind:
        type_name: ClassVar[str] = "Demo"
        spec = _DemoSpec
        computed_outputs: ClassVar[tuple[str, ...]] = ("address",)
        autonamed: ClassVar[bool] = True

    for key, value in extra.items():
        setattr(DemoKind, key, value)
    return DemoKind


def _row(page: str, field: str) -> str:
    [line] = [line for line in page.splitlines() if line.startswith(f"| `{field}`")]
    return line


def test_a_resource_page_shows_types_limits_flags_and_descriptions() -> None:
    page = docs.render_resource(_demo_kind())
    assert "optional: the resource name plus a random suffix" in _row(page, "name")
    assert "At most 10 characters." in _row(page, "name")
    assert "| replace | Where it lives. |" in _row(page, "zone")
    assert "**secret**" in _row(page, "token") and "At least 1 character." in _row(page, "token")
    assert "| `True` | provider only, no API call |" in _row(page, "wait")
    assert "list[[DemoPartArgs](#demopartargs)] | `[]` | update in place" in _row(page, "parts")
    assert "### DemoPartArgs" in page and "As an output: `DemoPart`" in page
    assert "| `size` | int | `3` | 1 to 9. How big. |" in page
    assert "| `address` | str |" in page and "Where it answers" not in page


def test_a_declared_output_model_is_rendered_with_its_descriptions() -> None:
    page = docs.render_resource(_demo_kind(output_spec=_DemoOutputs))
    assert "| `address` | str | **required** | Where it answers. |" in page


def test_settings_name_each_config_key_with_its_environment_variable() -> None:
    settings = {s.key: s for s in docs.settings()}
    assert settings["novita:apiKey"].env == "NOVITA_API_KEY" and settings["novita:apiKey"].secret
    assert settings["novita:apiUrl"].env == "NOVITA_API_URL"
    assert all(s.env for s in settings.values()), "a setting without its environment variable"


def _strings_in_package(pattern: str) -> set[str]:
    found: set[str] = set()
    for source in (REPO / "novita_provider").rglob("*.py"):
        found.update(re.findall(pattern, source.read_text()))
    return found


@pytest.mark.parametrize(
    ("pattern", "what"),
    [(r'"(novita:[a-z][A-Za-z]+)"', "config key"), (r'"(NOVITA_[A-Z_]+)"', "environment variable")],
)
def test_the_configuration_page_names_everything_the_package_reads(pattern: str, what: str) -> None:
    page = (REPO / "docs" / "installation-configuration.md").read_text()
    missing = sorted(name for name in _strings_in_package(pattern) if f"`{name}" not in page)
    assert not missing, f"docs/installation-configuration.md names no {what} {missing}"


def test_mappings_unions_and_enumerations_are_python_types() -> None:
    class Other(BaseModel):
        x: int

    class Odd(BaseModel):
        labels: dict[str, Annotated[int, Field(ge=0)]]
        either: PartSpec | Other
        mode: Literal["a", "b"] | None = None

    odd = docs.rows(Odd, lambda m: m.__name__)
    found = {row.name: row.shape.text for row in odd}
    assert found == {
        "`labels`": "dict[str, int]",
        "`either`": "[PartSpec](#partspec) | [Other](#other)",
        "`mode`": 'Literal["a", "b"]',
    }
    assert "| `either` | [PartSpec](#partspec) \\| [Other](#other) |" in docs.table(odd)
