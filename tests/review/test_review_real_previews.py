"""``review`` on real ``pulumi preview --json`` output from the engine against the simulator."""

from __future__ import annotations

import re

import pytest

from novita_provider.__main__ import main
from novita_provider.review import parse_preview, render_review

from .conftest import RealPreview
from .preview_program import HF_TOKEN, REGISTRY_PASSWORD, ROTATED_HF_TOKEN, ROTATED_PASSWORD

pytestmark = pytest.mark.e2e

Previews = dict[str, RealPreview]


def review(previews: Previews, name: str) -> str:
    return render_review(parse_preview(previews[name].json))


def masked_names(text: str) -> str:
    """Autonames and ids vary per run: replace them for snapshot comparisons."""
    text = re.sub(r"\b(api|chat|models|registry)-[0-9a-f]{7}\b", r"\1-XXXXXXX", text)
    return re.sub(r"https://ep-[0-9a-f]+-[\w-]+\.runsync\.novita\.dev", "https://URL", text)


def test_fresh_stack_lists_every_resource_to_create(real_previews: Previews) -> None:
    text = review(real_previews, "fresh")
    assert text.startswith(
        "### Pulumi preview: 4 to create, 0 to update, 0 to replace, 0 to delete"
    )
    for title in (
        "#### create `models` (NetworkVolume)",
        "#### create `registry` (RegistryCredential)",
        "#### create `api` (Endpoint)",
        "#### create `chat` (Endpoint)",
    ):
        assert title in text
    assert "- `password`: `[secret]`" in text
    assert "- `envs`: `[secret]`" in text  # chat's envs carry a secret: all of them are masked
    assert "- `image.auth_id`: (known after apply)" in text
    assert REGISTRY_PASSWORD not in text
    assert "Consequences" not in text
    assert "__provider" not in text


def test_in_place_update_shows_each_changed_field(real_previews: Previews) -> None:
    text = review(real_previews, "update")
    assert masked_names(text) == (
        "### Pulumi preview: 0 to create, 1 to update, 0 to replace, 0 to delete\n"
        "\n"
        "#### update `api` (Endpoint)\n"
        "\n"
        "- `envs[0].value`: `info` -> `debug`\n"
        "- `worker_config.max_num`: `2` -> `4`\n"
    )


def test_product_change_replaces_and_warns_of_a_new_url(real_previews: Previews) -> None:
    text = review(real_previews, "replace_product")
    assert text.startswith(
        "### Pulumi preview: 0 to create, 0 to update, 1 to replace, 0 to delete"
    )
    assert "#### replace `api` (Endpoint)" in text
    assert "Replaced because of changes to `products`." in text
    assert "- `products[0]`: `SL-serverless-3` -> `SL-serverless-2` (forces replacement)" in text
    assert "- `name`" not in text  # an endpoint keeps its display name across a replacement
    assert "**New URL:** endpoint `api`" in text
    assert re.search(r"from the old one `https://ep-[0-9a-f]+-ep-[0-9a-f]+\.runsync", text)
    assert "Downtime" not in text


def test_replace_keeping_the_app_name_warns_of_downtime(real_previews: Previews) -> None:
    text = review(real_previews, "replace_keeping_app_name")
    assert "#### replace `chat` (Endpoint)" in text
    assert "**Downtime:** endpoint `chat` is deleted before its replacement is created" in text
    assert "app name `review-chat`" in text
    assert "New URL" not in text


def test_volume_cluster_change_warns_of_data_loss(real_previews: Previews) -> None:
    text = review(real_previews, "volume_cluster")
    assert "#### replace `models` (NetworkVolume)" in text
    assert "- `cluster_id`: `as-sgp-2` -> `us-dallas-nas-2` (forces replacement)" in text
    assert "**Data loss:** network volume `models`" in text


def test_password_rotation_masks_the_secret_and_explains_the_rotation(
    real_previews: Previews,
) -> None:
    raw = real_previews["password_rotation"].json
    text = review(real_previews, "password_rotation")
    assert text.startswith(
        "### Pulumi preview: 0 to create, 1 to update, 1 to replace, 0 to delete"
    )
    assert (
        "- `password`: `[secret]` -> `[secret]` (changed; secret values are not compared)" in text
    )
    assert "**Credential rotation:** registry credential `registry`" in text
    assert "endpoints that use it (`api`) switch to the new id" in text
    assert "- `image.auth_id`: `ra-" in text and "-> (known after apply)" in text
    for secret in (REGISTRY_PASSWORD, ROTATED_PASSWORD):
        assert secret not in raw
        assert secret not in text


def test_secret_env_change_is_flagged_without_its_value(real_previews: Previews) -> None:
    """The provider's detailed diff names the changed entry; its values stay masked."""
    raw = real_previews["secret_env_rotation"].json
    text = review(real_previews, "secret_env_rotation")
    assert masked_names(text) == (
        "### Pulumi preview: 0 to create, 1 to update, 0 to replace, 0 to delete\n"
        "\n"
        "#### update `chat` (Endpoint)\n"
        "\n"
        "- `envs[1].value`: `[secret]` -> `[secret]` (changed; secret values are not compared)\n"
    )
    for secret in (HF_TOKEN, ROTATED_HF_TOKEN):
        assert secret not in raw


def test_check_failure_names_the_property_and_fails(
    real_previews: Previews,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    preview = real_previews["check_failure"]
    assert preview.exit_code != 0
    text = review(real_previews, "check_failure")
    assert "**The preview failed:**" in text
    assert (
        "- `api` (Endpoint): `worker_config.max_num`: must be between 0 and 100 "
        "(Novita's limit), got 999"
    ) in text
    assert "<nil>" not in text
    assert "Resource monitor has terminated" not in text

    path = tmp_path_factory.mktemp("json") / "preview.json"
    path.write_text(preview.json)
    assert main(["review", str(path)]) == 1
    assert "worker_config.max_num" in capsys.readouterr().out


def test_successful_previews_exit_zero(real_previews: Previews) -> None:
    for name, preview in real_previews.items():
        if name != "check_failure":
            assert preview.exit_code == 0, name
            assert not parse_preview(preview.json).has_errors, name


def test_no_secret_value_reaches_any_review(real_previews: Previews) -> None:
    secrets = (REGISTRY_PASSWORD, ROTATED_PASSWORD, HF_TOKEN, ROTATED_HF_TOKEN)
    for name in real_previews:
        text = review(real_previews, name)
        assert not [s for s in secrets if s in text], name
