"""Production settings of every service: docs can be off, CORS is an allow-list, a 500 shows no
internals, and development tokens are worthless outside dev mode."""
from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI

from tests.support.apps import auth
from tests.support.security.principals import UNAUTHENTICATED_BODY
from tests.support.system import SERVICES, service_factories

UI, EVIL = "https://pmo-ui.example.com", "https://evil.example.net"
PROTECTED = {"projects": "/v1/projects", "governance": "/v1/standards", "resources": "/v1/people",
             "reporting": "/v1/people/count"}


def build(service: str, tmp_path: Path, **overrides: object) -> FastAPI:
    """The service's app as `serve` builds it, without starting it: routing and middleware only."""
    settings_cls, create_app = service_factories(service)
    values: dict[str, object] = {"database_url": f"sqlite:///{tmp_path / 'unused.db'}",
                                 "nats_url": "nats://127.0.0.1:1", "dev_mode": True,
                                 "dev_keys_dir": tmp_path / "keys", "log_json": True}
    settings = settings_cls(**{**values, **overrides})
    return create_app(settings)


def client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False),
                             base_url="http://test")


def production_key(tmp_path: Path) -> Path:
    """A key from the organisation's identity provider: only its public half is configured."""
    public = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    path = tmp_path / "idp-public.pem"
    path.write_bytes(public)
    return path


@pytest.mark.parametrize("service", SERVICES)
async def test_with_docs_disabled_the_docs_and_the_openapi_document_are_404(
        service: str, tmp_path: Path) -> None:
    async with client(build(service, tmp_path, docs_enabled=False)) as http:
        statuses = [(await http.get(path)).status_code
                    for path in ("/docs", "/openapi.json", "/redoc", "/docs/oauth2-redirect")]
    assert statuses == [404, 404, 404, 404]


@pytest.mark.parametrize("service", SERVICES)
async def test_cors_answers_only_origins_on_the_allow_list(service: str, tmp_path: Path) -> None:
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"}
    async with client(build(service, tmp_path, cors_allow_origins=[UI])) as http:
        allowed = await http.options("/v1/any", headers={"Origin": UI, **preflight})
        refused = await http.options("/v1/any", headers={"Origin": EVIL, **preflight})
        simple = await http.get("/livez", headers={"Origin": EVIL})
    assert allowed.headers["access-control-allow-origin"] == UI
    assert "access-control-allow-credentials" not in allowed.headers
    assert "access-control-allow-origin" not in refused.headers
    assert "access-control-allow-origin" not in simple.headers


@pytest.mark.parametrize("service", SERVICES)
async def test_without_configured_origins_no_cors_headers_are_sent(
        service: str, tmp_path: Path) -> None:
    async with client(build(service, tmp_path)) as http:
        response = await http.get("/livez", headers={"Origin": UI})
    assert not [name for name in response.headers if name.startswith("access-control-")]


@pytest.mark.parametrize("service", SERVICES)
async def test_an_unexpected_failure_is_a_generic_500_without_a_traceback(
        service: str, tmp_path: Path) -> None:
    # Not started: its database and broker were never opened, so the handler fails unexpectedly.
    app = build(service, tmp_path)
    async with client(app) as http:
        response = await http.get(PROTECTED[service], headers=auth(tmp_path / "keys", roles=["pmo_admin"]))
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    text = response.text
    for leak in ("Traceback", 'File "', "Error:", "sqlite", "sqlalchemy", "nats", ".py"):
        assert leak not in text, (leak, text)


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_without_dev_mode_and_without_a_key_refuses_to_start(
        service: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="jwt_jwks_url or jwt_public_key_file"):
        build(service, tmp_path, dev_mode=False)


@pytest.mark.parametrize("service", SERVICES)
async def test_outside_dev_mode_a_token_signed_by_the_dev_key_is_rejected(
        service: str, tmp_path: Path) -> None:
    app = build(service, tmp_path, dev_mode=False, jwt_public_key_file=production_key(tmp_path))
    async with client(app) as http:
        response = await http.get(PROTECTED[service],
                                  headers=auth(tmp_path / "keys", roles=["pmo_admin"]))
    assert (response.status_code, response.json()) == (401, UNAUTHENTICATED_BODY)


@pytest.mark.parametrize("service", SERVICES)
async def test_a_configured_key_wins_over_dev_mode_so_dev_tokens_stop_working(
        service: str, tmp_path: Path) -> None:
    app = build(service, tmp_path, dev_mode=True, jwt_public_key_file=production_key(tmp_path))
    async with client(app) as http:
        response = await http.get(PROTECTED[service],
                                  headers=auth(tmp_path / "keys", roles=["pmo_admin"]))
    assert response.status_code == 401
