"""`pmo token` and the runner's plan: what a developer types and what each service is given."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import jwt
from typer.testing import CliRunner

from pmo_shared.cli import app
from pmo_shared.devplan import plan_services, postgres_urls, service_env, sqlite_urls


def test_pmo_token_prints_a_jwt_the_dev_public_key_verifies(tmp_path: Path) -> None:
    project = uuid4()
    result = CliRunner().invoke(app, [
        "token", "--role", "project_manager", "--project", str(project),
        "--subject", "ada", "--data-dir", str(tmp_path),
    ])

    assert result.exit_code == 0, result.output
    public_pem = (tmp_path / "dev-keys" / "public.pem").read_bytes()
    claims = jwt.decode(result.stdout.strip(), public_pem, algorithms=["ES256"], audience="pmo")
    assert (claims["sub"], claims["roles"], claims["projects"], claims["iss"]) == (
        "ada", ["project_manager"], [str(project)], "pmo-dev")


def test_pmo_token_rejects_an_unknown_role(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["token", "--role", "wizard", "--data-dir", str(tmp_path)])

    assert result.exit_code == 2
    assert "unknown role(s) wizard" in result.output


def test_services_get_consecutive_ports_in_a_fixed_order(tmp_path: Path) -> None:
    specs = plan_services(base_port=9001, database_urls=sqlite_urls(tmp_path))

    assert [(s.name, s.port) for s in specs] == [
        ("projects", 9001), ("governance", 9002), ("resources", 9003), ("reporting", 9004)]
    assert specs[0].database_url == f"sqlite:///{tmp_path.resolve()}/projects.db"


def test_postgres_gives_each_service_its_own_database() -> None:
    urls = postgres_urls("postgresql+psycopg://postgres@db:5432")

    assert urls["reporting"] == "postgresql+psycopg://postgres@db:5432/pmo_reporting"


def test_a_service_environment_names_its_database_port_broker_and_dev_keys(tmp_path: Path) -> None:
    spec = plan_services(base_port=8001, database_urls=sqlite_urls(tmp_path))[1]

    env = service_env(spec, nats_url="nats://127.0.0.1:4222", data_dir=tmp_path, base={"A": "1"})

    assert env == {
        "A": "1",
        "PMO_GOVERNANCE_DATABASE_URL": spec.database_url,
        "PMO_GOVERNANCE_PORT": "8002",
        "PMO_NATS_URL": "nats://127.0.0.1:4222",
        "PMO_DEV_MODE": "true",
        "PMO_DEV_KEYS_DIR": f"{tmp_path.resolve()}/dev-keys",
    }
