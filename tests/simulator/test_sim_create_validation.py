"""POST /endpoint/create: every validation rule of sections 1.1 and 1.2."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .sim_helpers import assert_error, create_body, create_storage, get, set_path

E = "endpoint"
WC = "endpoint.workerConfig"


def post(api: httpx.Client, body: Any) -> httpx.Response:
    return api.post("/endpoint/create", json=body)


def with_value(path: str, value: Any, **overrides: Any) -> dict[str, Any]:
    return set_path(create_body(**overrides), path, value)


def test_valid_body_is_accepted(api: httpx.Client) -> None:
    response = post(api, create_body())
    assert response.status_code == 200
    endpoint_id = response.json()["id"]
    assert response.json() == {"id": endpoint_id}
    assert endpoint_id.startswith("ep-") and len(endpoint_id) == 15
    assert get(api, endpoint_id).status_code == 200


def test_ids_are_unique(api: httpx.Client) -> None:
    ids = {post(api, create_body()).json()["id"] for _ in range(20)}
    assert len(ids) == 20


@pytest.mark.parametrize(
    "path",
    [
        "endpoint",
        f"{E}.workerConfig",
        f"{E}.ports",
        f"{E}.policy",
        f"{E}.image",
        f"{E}.products",
        f"{E}.rootfsSize",
        f"{E}.volumeMounts",
        f"{E}.healthy",
        f"{WC}.minNum",
        f"{WC}.maxNum",
        f"{WC}.freeTimeout",
        f"{WC}.maxConcurrent",
        f"{WC}.gpuNum",
        f"{WC}.requestTimeout",
        f"{E}.ports.0.port",
        f"{E}.policy.type",
        f"{E}.policy.value",
        f"{E}.image.image",
        f"{E}.products.0.id",
        f"{E}.volumeMounts.0.type",
        f"{E}.volumeMounts.0.mountPath",
        f"{E}.volumeMounts.0.size",
        f"{E}.envs.0.key",
        f"{E}.healthy.path",
    ],
)
def test_missing_required_field(api: httpx.Client, path: str) -> None:
    body = set_path(create_body(), path)
    field = path.replace(".0.", "[0].")
    assert_error(post(api, body), "VALIDATOR_PARAM", field)


@pytest.mark.parametrize("path", [f"{E}.workerConfig", f"{E}.image.image", f"{WC}.minNum"])
def test_null_required_field_counts_as_missing(api: httpx.Client, path: str) -> None:
    assert_error(post(api, with_value(path, None)), "VALIDATOR_PARAM", path)


@pytest.mark.parametrize("path", [f"{E}.name", f"{E}.appName", f"{E}.clusterID", f"{E}.envs"])
def test_optional_fields_may_be_absent(api: httpx.Client, path: str) -> None:
    body = create_body(appName="app-x", clusterID="")
    set_path(body, path)
    assert post(api, body).status_code == 200


def test_optional_image_fields_may_be_absent(api: httpx.Client) -> None:
    response = post(api, create_body(image={"image": "nginx:1"}))
    assert response.status_code == 200
    image = get(api, response.json()["id"]).json()["endpoint"]["image"]
    assert image == {"image": "nginx:1", "authId": "", "command": ""}


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("extra", "extra"),
        (f"{E}.extra", f"{E}.extra"),
        (f"{E}.type", f"{E}.type"),
        (f"{E}.clusterIDs", f"{E}.clusterIDs"),
        (f"{E}.id", f"{E}.id"),
        (f"{WC}.extra", f"{WC}.extra"),
        (f"{E}.ports.0.extra", f"{E}.ports[0].extra"),
        (f"{E}.policy.extra", f"{E}.policy.extra"),
        (f"{E}.image.extra", f"{E}.image.extra"),
        (f"{E}.products.0.extra", f"{E}.products[0].extra"),
        (f"{E}.volumeMounts.0.extra", f"{E}.volumeMounts[0].extra"),
        (f"{E}.envs.0.extra", f"{E}.envs[0].extra"),
        (f"{E}.healthy.initialDelay", f"{E}.healthy.initialDelay"),
    ],
)
def test_unknown_field(api: httpx.Client, path: str, field: str) -> None:
    response = post(api, with_value(path, 1))
    assert_error(response, "VALIDATOR_PARAM", field)
    assert "unknown field" in response.json()["message"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (f"{WC}.minNum", "1"),
        (f"{WC}.minNum", True),
        (f"{WC}.maxNum", 2.5),
        (f"{WC}.maxNum", "2"),
        (f"{WC}.gpuNum", "1"),
        (f"{WC}.gpuNum", False),
        (f"{WC}.requestTimeout", "100"),
        (f"{WC}.freeTimeout", 1.5),
        (f"{WC}.freeTimeout", True),
        (f"{WC}.freeTimeout", "3e2"),
        (f"{WC}.maxConcurrent", "one"),
        (f"{WC}.maxConcurrent", [1]),
        (f"{E}.policy.value", "sixty"),
        (f"{E}.policy.value", True),
        (f"{E}.rootfsSize", "100"),
        (f"{E}.volumeMounts.0.size", "30"),
        (f"{E}.ports.0.port", 8080),
        (f"{E}.ports", {"port": "8080"}),
        (f"{E}.products", "SL-serverless-1"),
        (f"{E}.workerConfig", [1]),
        (f"{E}.image", "nginx:1"),
        (f"{E}.image.image", 5),
        (f"{E}.image.authId", 5),
        (f"{E}.name", 5),
        (f"{E}.appName", True),
        (f"{E}.clusterID", 5),
        (f"{E}.envs", {"A": "1"}),
        (f"{E}.envs.0.value", 5),
        (f"{E}.healthy.path", 5),
        (f"{E}.policy.type", 1),
    ],
)
def test_wrong_type(api: httpx.Client, path: str, value: Any) -> None:
    field = path.replace(".0.", "[0].").removesuffix(".0")
    assert_error(post(api, with_value(path, value)), "VALIDATOR_PARAM", field)


@pytest.mark.parametrize(
    ("path", "value", "stored"),
    [
        (f"{WC}.freeTimeout", "300", "300"),
        (f"{WC}.maxConcurrent", "5", "5"),
        (f"{E}.policy.value", "30", "30"),
        (f"{WC}.minNum", 1.0, 1),
    ],
)
def test_numeric_strings_and_integral_floats_accepted(
    api: httpx.Client, path: str, value: Any, stored: Any
) -> None:
    response = post(api, with_value(path, value))
    assert response.status_code == 200, response.text
    endpoint = get(api, response.json()["id"]).json()["endpoint"]
    node: Any = endpoint
    for part in path.split(".")[1:]:
        node = node[part]
    assert node == stored


def _bound_cases() -> list[Any]:
    """(path, value, ok, extra overrides) just inside and just outside each range."""
    cases: list[Any] = []

    def add(path: str, low: int, high: int, **extra: Any) -> None:
        for value, ok in ((low - 1, False), (low, True), (high, True), (high + 1, False)):
            cases.append(pytest.param(path, value, ok, extra, id=f"{path}={value}"))

    wide = {"workerConfig": {**create_body()["endpoint"]["workerConfig"], "maxNum": 100}}
    add(f"{WC}.minNum", 0, 100, **wide)
    add(f"{WC}.maxNum", 0, 100, workerConfig={**wide["workerConfig"], "minNum": 0})
    add(f"{WC}.freeTimeout", 1, 3600)
    add(f"{WC}.maxConcurrent", 1, 1000)
    add(f"{WC}.gpuNum", 1, 8)
    add(f"{WC}.requestTimeout", 1, 3600)
    add(f"{E}.rootfsSize", 10, 1000)
    add(f"{E}.volumeMounts.0.size", 10, 500)
    add(f"{E}.policy.value", 1, 3600, policy={"type": "queue", "value": 1})
    add(f"{E}.policy.value", 1, 1000, policy={"type": "concurrency", "value": 1})
    return cases


@pytest.mark.parametrize(("path", "value", "ok", "extra"), _bound_cases())
def test_range_bounds(
    api: httpx.Client, path: str, value: int, ok: bool, extra: dict[str, Any]
) -> None:
    response = post(api, with_value(path, value, **extra))
    if ok:
        assert response.status_code == 200, response.text
    else:
        field = path.replace(".0.", "[0].")
        assert_error(response, "VALIDATOR_PARAM", field)
        assert "must be between" in response.json()["message"]


def test_limit_message_names_field_and_range(api: httpx.Client) -> None:
    body = create_body()
    body["endpoint"]["workerConfig"].update(minNum=101, maxNum=100)
    message = post(api, body).json()["message"]
    assert message == "endpoint.workerConfig.minNum: must be between 0 and 100"


@pytest.mark.parametrize(
    ("path", "length", "ok"),
    [
        (f"{E}.name", 220, True),
        (f"{E}.name", 221, False),
        (f"{E}.image.image", 0, False),
        (f"{E}.image.image", 1, True),
        (f"{E}.image.image", 511, True),
        (f"{E}.image.image", 512, False),
        (f"{E}.image.authId", 256, False),
        (f"{E}.image.command", 2047, True),
        (f"{E}.image.command", 2048, False),
        (f"{E}.volumeMounts.0.mountPath", 0, False),
        (f"{E}.volumeMounts.0.mountPath", 255, True),
        (f"{E}.volumeMounts.0.mountPath", 256, False),
        (f"{E}.clusterID", 256, False),
        (f"{E}.envs.0.key", 0, False),
        (f"{E}.healthy.path", 0, False),
    ],
)
def test_string_lengths(api: httpx.Client, path: str, length: int, ok: bool) -> None:
    response = post(api, with_value(path, "x" * length))
    if ok:
        assert response.status_code == 200, response.text
    else:
        assert_error(response, "VALIDATOR_PARAM", path.replace(".0.", "[0]."))


@pytest.mark.parametrize(
    ("path", "reason"),
    [(f"{E}.image.authId", "RESOURCE_NOT_FOUND"), (f"{E}.clusterID", "VALIDATOR_PARAM")],
)
def test_reference_lengths_at_the_limit(api: httpx.Client, path: str, reason: str) -> None:
    """255 characters pass the length check; what is then wrong is that nothing has that id."""
    response = post(api, with_value(path, "x" * 255))
    assert_error(response, reason, path)
    assert "not found" in response.json()["message"] or "unknown" in response.json()["message"]


@pytest.mark.parametrize(
    ("port", "ok"),
    [
        ("1", True),
        ("65535", True),
        ("2221", True),
        ("2225", True),
        ("0", False),
        ("65536", False),
        ("2222", False),
        ("2223", False),
        ("2224", False),
        ("", False),
        ("abc", False),
        ("-80", False),
        ("08080", False),
        (" 80", False),
    ],
)
def test_port_values(api: httpx.Client, port: str, ok: bool) -> None:
    response = post(api, create_body(ports=[{"port": port}]))
    if ok:
        assert response.status_code == 200, response.text
        ports = get(api, response.json()["id"]).json()["endpoint"]["ports"]
        assert ports == [{"port": port}]
    else:
        assert_error(response, "VALIDATOR_PARAM", f"{E}.ports[0].port")


@pytest.mark.parametrize("ports", [[], [{"port": "80"}, {"port": "81"}]])
def test_exactly_one_port(api: httpx.Client, ports: list[Any]) -> None:
    response = post(api, create_body(ports=ports))
    assert_error(response, "VALIDATOR_PARAM", f"{E}.ports")
    assert "exactly one" in response.json()["message"]


def test_min_num_greater_than_max_num(api: httpx.Client) -> None:
    body = create_body()
    body["endpoint"]["workerConfig"].update(minNum=3, maxNum=2)
    assert_error(post(api, body), "VALIDATOR_PARAM", f"{WC}.minNum")


def test_min_num_equal_max_num(api: httpx.Client) -> None:
    body = create_body()
    body["endpoint"]["workerConfig"].update(minNum=2, maxNum=2)
    assert post(api, body).status_code == 200


@pytest.mark.parametrize("kind", ["latency", "QUEUE", ""])
def test_policy_type_unknown(api: httpx.Client, kind: str) -> None:
    response = post(api, create_body(policy={"type": kind, "value": 1}))
    assert_error(response, "VALIDATOR_PARAM", f"{E}.policy.type")


def test_policy_value_range_depends_on_type(api: httpx.Client) -> None:
    queue = post(api, create_body(policy={"type": "queue", "value": 2000}))
    assert queue.status_code == 200
    concurrency = post(api, create_body(policy={"type": "concurrency", "value": 2000}))
    assert_error(concurrency, "VALIDATOR_PARAM", f"{E}.policy.value")


@pytest.mark.parametrize("product", ["SL-serverless-1", "SL-serverless-2", "SL-serverless-3"])
def test_known_products(api: httpx.Client, product: str) -> None:
    assert post(api, create_body(products=[{"id": product}])).status_code == 200


@pytest.mark.parametrize("product", ["3090.16c92g", "SL-serverless-9", "sl-serverless-1"])
def test_unknown_product(api: httpx.Client, product: str) -> None:
    products = [{"id": "SL-serverless-1"}, {"id": product}]
    response = post(api, create_body(products=products))
    assert_error(response, "SERVERLESS_PRODUCT_NOT_FOUND", f"{E}.products[1].id")
    assert product in response.json()["message"]


def test_products_must_not_be_empty(api: httpx.Client) -> None:
    assert_error(post(api, create_body(products=[])), "VALIDATOR_PARAM", f"{E}.products")


def test_volume_mounts_may_be_empty(api: httpx.Client) -> None:
    response = post(api, create_body(volumeMounts=[]))
    assert response.status_code == 200
    assert get(api, response.json()["id"]).json()["endpoint"]["volumeMounts"] == []


def test_network_mount_needs_cluster_id(api: httpx.Client) -> None:
    mounts = [{"type": "network", "id": "ns-1", "mountPath": "/models"}]
    for cluster in (None, ""):
        body = create_body(volumeMounts=mounts)
        if cluster is not None:
            body["endpoint"]["clusterID"] = cluster
        assert_error(post(api, body), "VALIDATOR_PARAM", f"{E}.clusterID")


def test_network_mount_with_cluster_id(api: httpx.Client) -> None:
    storage_id = create_storage(api, "models", cluster="as-sgp-2")
    mounts = [{"type": "network", "id": storage_id, "mountPath": "/models"}]
    response = post(api, create_body(volumeMounts=mounts, clusterID="as-sgp-2"))
    assert response.status_code == 200, response.text
    endpoint = get(api, response.json()["id"]).json()["endpoint"]
    assert endpoint["volumeMounts"] == [
        {"type": "network", "id": storage_id, "size": 0, "mountPath": "/models"}
    ]
    assert endpoint["clusterID"] == "as-sgp-2"


@pytest.mark.parametrize(
    ("mount", "field"),
    [
        ({"type": "network", "mountPath": "/m"}, "volumeMounts[0].id"),
        ({"type": "network", "id": "", "mountPath": "/m"}, "volumeMounts[0].id"),
        ({"type": "network", "id": "ns-1", "size": 30, "mountPath": "/m"}, "volumeMounts[0].size"),
        ({"type": "local", "mountPath": "/m"}, "volumeMounts[0].size"),
        ({"type": "local", "size": 30, "id": "ns-1", "mountPath": "/m"}, "volumeMounts[0].id"),
        ({"type": "nfs", "size": 30, "mountPath": "/m"}, "volumeMounts[0].type"),
    ],
)
def test_volume_mount_rules(api: httpx.Client, mount: dict[str, Any], field: str) -> None:
    response = post(api, create_body(volumeMounts=[mount], clusterID="as-sgp-2"))
    assert_error(response, "VALIDATOR_PARAM", f"{E}.{field}")


def test_local_mount_read_shape(api: httpx.Client) -> None:
    response = post(api, create_body())
    mounts = get(api, response.json()["id"]).json()["endpoint"]["volumeMounts"]
    assert mounts == [{"type": "local", "id": "", "size": 30, "mountPath": "/data"}]


@pytest.mark.parametrize(("cuda", "ok"), [("12.4", True), ("11.8", True), ("10.0", False)])
def test_cuda_version(api: httpx.Client, cuda: str, ok: bool) -> None:
    response = post(api, with_value(f"{WC}.cudaVersion", cuda))
    if ok:
        assert response.status_code == 200
        config = get(api, response.json()["id"]).json()["endpoint"]["workerConfig"]
        assert config["cudaVersion"] == cuda
    else:
        assert_error(response, "VALIDATOR_PARAM", f"{WC}.cudaVersion")


def test_cuda_version_absent_from_read_shape_when_unset(api: httpx.Client) -> None:
    config = get(api, post(api, create_body()).json()["id"]).json()["endpoint"]["workerConfig"]
    assert "cudaVersion" not in config


def test_env_value_may_be_empty_or_absent(api: httpx.Client) -> None:
    envs = [{"key": "A", "value": ""}, {"key": "B"}]
    response = post(api, create_body(envs=envs))
    assert response.status_code == 200
    stored = get(api, response.json()["id"]).json()["endpoint"]["envs"]
    assert stored == [{"key": "A", "value": ""}, {"key": "B", "value": ""}]


@pytest.mark.parametrize("body", [[], "x", 5, None])
def test_body_must_be_an_object(api: httpx.Client, body: Any) -> None:
    assert_error(post(api, body), "VALIDATOR_PARAM")


def test_empty_body(api: httpx.Client) -> None:
    response = api.post("/endpoint/create", content=b"")
    assert_error(response, "VALIDATOR_PARAM", "endpoint")


def test_malformed_json(api: httpx.Client) -> None:
    response = api.post("/endpoint/create", content=b'{"endpoint": ')
    assert_error(response, "VALIDATOR_PARAM", "body")


def test_unwrapped_body_is_rejected(api: httpx.Client) -> None:
    response = post(api, create_body()["endpoint"])
    assert_error(response, "VALIDATOR_PARAM")
    assert "unknown field" in response.json()["message"]


def test_app_name_defaults_to_id(api: httpx.Client) -> None:
    for app_name in (None, ""):
        body = create_body() if app_name is None else create_body(appName=app_name)
        endpoint_id = post(api, body).json()["id"]
        endpoint = get(api, endpoint_id).json()["endpoint"]
        assert endpoint["appName"] == endpoint_id
        assert endpoint["url"] == f"https://{endpoint_id}-{endpoint_id}.runsync.novita.dev"


def test_app_name_is_used_in_url(api: httpx.Client) -> None:
    endpoint_id = post(api, create_body(appName="my-app")).json()["id"]
    endpoint = get(api, endpoint_id).json()["endpoint"]
    assert endpoint["appName"] == "my-app"
    assert endpoint["url"] == f"https://{endpoint_id}-my-app.runsync.novita.dev"


def test_app_name_duplicate(api: httpx.Client) -> None:
    assert post(api, create_body(appName="dup")).status_code == 200
    response = post(api, create_body(appName="dup"))
    assert_error(response, "SERVERLESS_APP_NAME_IS_EXIST", f"{E}.appName")


def test_app_name_equal_to_an_existing_default_is_duplicate(api: httpx.Client) -> None:
    first = post(api, create_body()).json()["id"]
    assert_error(post(api, create_body(appName=first)), "SERVERLESS_APP_NAME_IS_EXIST")
