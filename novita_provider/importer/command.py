"""``python -m novita_provider import``: write a program adopting the account's resources."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..api.client import NovitaClient
from ..api.settings import API_KEY_ENV, API_URL_ENV, ProviderSettings
from ..errors import NovitaError
from .generate import Program, generate

NAME = "import"
HELP = "write a Pulumi program that adopts the account's endpoints, credentials and volumes"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("novita-imported"), help="directory")
    parser.add_argument("--project", default="novita-imported", help="Pulumi project name")
    parser.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="NAME_OR_ID",
        help="adopt only these resources (repeatable); default: everything on the account",
    )
    parser.add_argument("--api-url", help=f"Novita API URL (default: ${API_URL_ENV})")
    parser.add_argument("--api-key", help=f"Novita API key (default: ${API_KEY_ENV})")
    parser.add_argument("--force", action="store_true", help="overwrite an existing program")


def run(args: argparse.Namespace) -> int:
    try:
        program = build(args)
        write(program, args.out, force=args.force)
    except (NovitaError, FileExistsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {args.out}/__main__.py adopting {len(program.adopted)} resources:")
    for line in program.adopted:
        print(f"  {line}")
    print(f"\nThen, in {args.out}: pulumi stack init; set the API key and these secrets:")
    print("  pulumi config set --secret novita:apiKey <your Novita API key>")
    for secret in program.secrets:
        print(f"  pulumi config set --secret {secret.key} <{secret.what}>")
    print("and run `pulumi up`: it adopts them (no create, no delete).")
    return 0


def build(args: argparse.Namespace) -> Program:
    env = ProviderSettings.resolve()
    settings = ProviderSettings(
        api_url=args.api_url or env.api_url,
        api_key=args.api_key or env.api_key,
        request_timeout=env.request_timeout,
        max_retries=env.max_retries,
        retry_timeout=env.retry_timeout,
    )
    client = NovitaClient(settings)
    try:
        endpoints = client.list_endpoints()
        credentials = client.list_registry_auths()
        volumes = client.list_network_storages()
    finally:
        client.close()
    wanted = set(args.select)
    if wanted:
        endpoints = [e for e in endpoints if {e.id, e.name} & wanted]
        credentials = [c for c in credentials if {c.id, c.name} & wanted]
        volumes = [v for v in volumes if {v.storage_id, v.storage_name} & wanted]
    return generate(endpoints, credentials, volumes, project=args.project)


def write(program: Program, out: Path, *, force: bool) -> None:
    if (out / "__main__.py").exists() and not force:
        raise FileExistsError(f"{out}/__main__.py exists; pass --force to overwrite it")
    out.mkdir(parents=True, exist_ok=True)
    for name, text in program.files.items():
        (out / name).write_text(text)
