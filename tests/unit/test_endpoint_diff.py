"""Diff decisions: nothing, update in place, or replace (and in which order)."""

from __future__ import annotations

from typing import Any

from pulumi.output import Unknown

from novita_provider.core.kind import Changes
from novita_provider.endpoint.kind import EndpointKind
from novita_provider.endpoint.spec import EndpointSpec

from .test_endpoint_spec import inputs, no_client


def diff_endpoint(olds: dict[str, Any], news: dict[str, Any]) -> Changes:
    return EndpointKind(no_client).diff(olds, news)


def stored(**overrides: Any) -> dict[str, Any]:
    """Outputs as the provider stores them after reading the endpoint back."""
    outputs = EndpointSpec.model_validate(inputs(**overrides)).model_dump()
    if outputs["app_name"] is None:
        outputs["app_name"] = "ep-1"
    outputs.update(url="https://ep-1.runsync.novita.dev", state="serving", state_message="")
    return outputs


def test_same_inputs_no_change_even_with_float_integers() -> None:
    olds = stored()
    news = inputs()
    news["worker_config"] = {**news["worker_config"], "max_num": 2.0}
    diff = diff_endpoint(olds, news)
    assert diff.changed == ()


def test_worker_change_updates_in_place() -> None:
    news = inputs()
    news["worker_config"] = {**news["worker_config"], "max_num": 5}
    diff = diff_endpoint(stored(), news)
    assert diff.changed == ("worker_config",)
    assert diff.replaces == ()


def test_product_change_replaces_create_before_delete() -> None:
    diff = diff_endpoint(stored(), inputs(products=["SL-serverless-1"]))
    assert diff.replaces == ("products",)
    assert diff.delete_before_replace is False


def test_replacement_keeping_a_fixed_app_name_deletes_first() -> None:
    diff = diff_endpoint(stored(app_name="chat"), inputs(app_name="chat", rootfs_size=200))
    assert diff.replaces == ("rootfs_size",)
    assert diff.delete_before_replace is True


def test_app_name_change_replaces_side_by_side() -> None:
    diff = diff_endpoint(stored(app_name="chat"), inputs(app_name="chat-v2"))
    assert diff.replaces == ("app_name",)
    assert diff.delete_before_replace is False


def test_unset_app_name_accepts_the_server_default() -> None:
    assert diff_endpoint(stored(), inputs()).changed == ()


def test_unknown_value_counts_as_change() -> None:
    news = inputs()
    news["image"] = {"image": "x", "auth_id": Unknown()}
    diff = diff_endpoint(stored(), news)
    assert diff.changed == ("image",)
    assert diff.replaces == ()
    # Shown as the values that change, not as the image's deletion.
    assert diff.detailed() == {"image.image": ("update", False), "image.auth_id": ("add", False)}


def test_unknown_product_may_replace() -> None:
    diff = diff_endpoint(stored(), inputs(products=[Unknown()]))
    assert diff.replaces == ("products",)


def test_readiness_settings_are_a_change_but_not_a_replacement() -> None:
    diff = diff_endpoint(stored(), inputs(wait_for_ready=False))
    assert diff.changed == ("wait_for_ready",)
    assert diff.replaces == ()


def test_cluster_change_replaces() -> None:
    diff = diff_endpoint(stored(cluster_id="as-sgp-2"), inputs(cluster_id="us-dallas-nas-2"))
    assert diff.replaces == ("cluster_id",)


def test_detailed_diff_names_each_changed_value_by_path() -> None:
    news = inputs(envs=[{"key": "MODEL", "value": "qwen"}])
    news["worker_config"] = {**news["worker_config"], "max_num": 5}
    assert diff_endpoint(stored(), news).detailed() == {
        "envs": ("add", False),
        "worker_config.max_num": ("update", False),
    }


def test_detailed_diff_marks_replacing_paths_and_unknown_leaves() -> None:
    assert diff_endpoint(stored(), inputs(products=["SL-serverless-1"])).detailed() == {
        "products[0]": ("update", True)
    }
    news = inputs()
    news["image"] = {**news["image"], "auth_id": Unknown()}
    assert diff_endpoint(stored(), news).detailed() == {"image.auth_id": ("add", False)}
