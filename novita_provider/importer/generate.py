"""A Pulumi Python program that adopts live Novita resources: pure, from the API's models.

References become outputs: an endpoint's ``image.auth_id`` is the credential resource's
``id``, a network mount the volume's ``id``, and ``cluster_id`` the volume's ``cluster_id``.
Registry passwords and env values whose key looks secret come from stack config secrets: the
program holds no secret, and :attr:`Program.secrets` lists the config keys to set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..api import models as api
from ..endpoint.spec import (
    DEFAULT_LOCAL_VOLUME_SIZE_GB,
    DEFAULT_ROOTFS_SIZE_GB,
    config_from_api,
)
from .python_code import Expr, identifier, literal, unique
from .secrets import config_key, looks_secret

PACKAGE = "novita-pulumi"


@dataclass(frozen=True)
class SecretSetting:
    key: str
    """The stack config key the program reads with ``config.require_secret``."""
    what: str
    """What to set it to, without the value: ``password of registry credential deploy-bot``."""


@dataclass
class Program:
    files: dict[str, str]
    secrets: list[SecretSetting] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    """One line per resource: ``Endpoint web (ep-123)``."""


@dataclass
class _Builder:
    statements: list[str] = field(default_factory=list)
    secrets: list[SecretSetting] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    variables: set[str] = field(default_factory=set)
    names: dict[str, set[str]] = field(default_factory=dict)
    secret_keys: set[str] = field(default_factory=set)

    def resource(self, type_name: str, name: str, id_: str, args: dict[str, Any]) -> str:
        variable = identifier(name, self.variables)
        resource_name = unique(name, self.names.setdefault(type_name, set()))
        lines = [f"{variable} = {type_name}(", f"    {resource_name!r},"]
        for key, value in {**args, "adopt_id": id_}.items():
            lines.append(f"    {key}={literal(value, 4)},")
        lines.append(")")
        self.statements.append("\n".join(lines))
        self.adopted.append(f"{type_name} {resource_name} ({id_})")
        return variable

    def secret(self, parts: tuple[str, ...], what: str) -> Expr:
        key = base = config_key(*parts)
        n = 2
        while key in self.secret_keys:
            key, n = f"{base}{n}", n + 1
        self.secret_keys.add(key)
        self.secrets.append(SecretSetting(key, what))
        return Expr(f"config.require_secret({key!r})")


def generate(
    endpoints: list[api.Endpoint],
    credentials: list[api.RegistryAuth],
    volumes: list[api.NetworkStorage],
    *,
    project: str = "novita-imported",
) -> Program:
    build = _Builder()
    credential_refs: dict[str, str] = {}
    for auth in credentials:
        variable = identifier(auth.name, set(build.variables))
        password = build.secret(
            (variable, "password"), f"password of registry credential {auth.name}"
        )
        credential_refs[auth.id] = build.resource(
            "RegistryCredential",
            auth.name,
            auth.id,
            {"name": auth.name, "username": auth.username, "password": password},
        )
    volume_refs: dict[str, tuple[str, str]] = {}
    for storage in volumes:
        variable = build.resource(
            "NetworkVolume",
            storage.storage_name,
            storage.storage_id,
            {
                "name": storage.storage_name,
                "cluster_id": storage.cluster_id,
                "size_gb": storage.storage_size,
            },
        )
        volume_refs[storage.storage_id] = (variable, storage.cluster_id)
    for endpoint in endpoints:
        name = endpoint.name or endpoint.id
        args = _endpoint_args(endpoint, credential_refs, volume_refs, build, name)
        build.resource("Endpoint", name, endpoint.id, args)

    types = sorted({line.split()[0] for line in build.adopted})
    main = "\n\n".join(
        [
            _HEADER,
            f"import pulumi\nfrom novita_provider import {', '.join(types) or 'Endpoint'}",
            "config = pulumi.Config()",
            *build.statements,
        ]
    )
    files = {
        "__main__.py": main + "\n",
        "Pulumi.yaml": _PULUMI_YAML.format(project=project),
        "requirements.txt": f"pulumi>=3.0.0,<4.0.0\n{PACKAGE}\n",
    }
    return Program(files, build.secrets, build.adopted)


def _endpoint_args(
    endpoint: api.Endpoint,
    credential_refs: dict[str, str],
    volume_refs: dict[str, tuple[str, str]],
    build: _Builder,
    name: str,
) -> dict[str, Any]:
    config = config_from_api(endpoint)
    args: dict[str, Any] = {"name": name}
    if config["app_name"] not in (None, endpoint.id):
        args["app_name"] = config["app_name"]
    image = _present(config["image"])
    if image.get("auth_id") in credential_refs:
        image["auth_id"] = Expr(f"{credential_refs[image['auth_id']]}.id")
    args["image"] = image
    args["products"] = config["products"]
    worker_config = _present(config["worker_config"])
    if worker_config.get("gpu_num") == 1:
        del worker_config["gpu_num"]
    args["worker_config"] = worker_config
    args["policy"] = config["policy"]
    args["ports"] = config["ports"]
    args["health_check"] = config["health_check"]
    if config["rootfs_size"] != DEFAULT_ROOTFS_SIZE_GB:
        args["rootfs_size"] = config["rootfs_size"]
    mounts, cluster_from = [], None
    for mount in config["volume_mounts"]:
        mount = _present(mount)
        if mount["type"] == "local" and mount.get("size") == DEFAULT_LOCAL_VOLUME_SIZE_GB:
            del mount["size"]
        if mount["type"] == "network" and mount.get("id") in volume_refs:
            variable, cluster_id = volume_refs[mount["id"]]
            mount["id"] = Expr(f"{variable}.id")
            if cluster_id == config["cluster_id"]:
                cluster_from = Expr(f"{variable}.cluster_id")
        mounts.append(mount)
    if mounts:
        args["volume_mounts"] = mounts
    if config["cluster_id"]:
        args["cluster_id"] = cluster_from or config["cluster_id"]
    envs = []
    for env in config["envs"]:
        value: Any = env["value"]
        if looks_secret(env["key"]):
            value = build.secret(
                (name, "env", env["key"]), f"value of env {env['key']} of endpoint {name}"
            )
        envs.append({"key": env["key"], "value": value})
    if envs:
        args["envs"] = envs
    return args


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


_HEADER = '''"""Generated by `python -m novita_provider import`: adopts existing Novita resources.

Each resource's `adopt_id` brings the live resource under management on the first `pulumi up`
(no create, no delete); after that the stack ignores it, so it may stay or go. Secrets come from
stack config: set them with the `pulumi config set --secret` lines the tool printed.
"""'''

_PULUMI_YAML = """name: {project}
description: Novita resources adopted by `python -m novita_provider import`
runtime:
  name: python
  options:
    virtualenv: venv
"""
