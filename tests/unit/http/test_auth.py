"""Bearer JWTs per RFC 8725: every bad token is the same 401; good ones become a Principal."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import Depends, FastAPI

from pmo_shared.http.auth import (
    DevKeys,
    PrincipalDep,
    TokenVerifier,
    issue_token,
    require_roles,
)
from pmo_shared.http.principal import Principal
from pmo_shared.http.problems import PROBLEM_BASE, install_problem_handlers
from pmo_shared.settings import ServiceSettings

ISSUER, AUDIENCE = "https://idp.test", "pmo"
PROJECT, PORTFOLIO, PERSON = uuid4(), uuid4(), uuid4()
DROP = object()
UNAUTHENTICATED = {
    "type": PROBLEM_BASE + "unauthenticated",
    "title": "Authentication required",
    "status": 401,
    "detail": "A valid bearer token in the Authorization header is required.",
}


@pytest.fixture(scope="module")
def private_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def public_pem(private_key: ec.EllipticCurvePrivateKey) -> bytes:
    return private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


@pytest.fixture(scope="module")
def verifier(private_key: ec.EllipticCurvePrivateKey) -> TokenVerifier:
    return TokenVerifier(algorithms=["ES256"], issuer=ISSUER, audience=AUDIENCE,
                         public_key=private_key.public_key(), expected_kid="k1")


def claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {
        "sub": "alice", "roles": ["project_manager"], "projects": [str(PROJECT)],
        "portfolios": [], "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 600,
    }
    base.update(overrides)
    return {name: value for name, value in base.items() if value is not DROP}


def sign(key: ec.EllipticCurvePrivateKey, payload: dict[str, Any], kid: str = "k1") -> str:
    return jwt.encode(payload, key, algorithm="ES256", headers={"kid": kid})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def build_app(verifier: TokenVerifier) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.token_verifier = verifier

    @app.get("/me")
    async def me(principal: PrincipalDep) -> dict[str, Any]:
        return {
            "subject": principal.subject,
            "roles": sorted(principal.roles),
            "projects": sorted(str(p) for p in principal.project_ids),
            "portfolios": sorted(str(p) for p in principal.portfolio_ids),
            "person_id": str(principal.person_id) if principal.person_id else None,
        }

    @app.get("/admin", dependencies=[Depends(require_roles("pmo_admin"))])
    async def admin() -> dict[str, str]:
        return {"ok": "yes"}

    return app


async def get(verifier: TokenVerifier, path: str, token: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    transport = httpx.ASGITransport(app=build_app(verifier))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get(path, headers=headers)


def assert_generic_401(response: httpx.Response) -> None:
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json() == UNAUTHENTICATED


async def test_a_valid_token_gives_a_principal_with_its_roles_and_scopes(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    token = sign(private_key, claims(roles=["portfolio_manager", "made_up"],
                                     portfolios=[str(PORTFOLIO)], person_id=str(PERSON)))
    response = await get(verifier, "/me", token)
    assert response.status_code == 200
    assert response.json() == {
        "subject": "alice", "roles": ["portfolio_manager"], "projects": [str(PROJECT)],
        "portfolios": [str(PORTFOLIO)], "person_id": str(PERSON),
    }


async def test_a_request_without_a_token_is_rejected(verifier: TokenVerifier) -> None:
    assert_generic_401(await get(verifier, "/me", None))


async def test_a_token_with_alg_none_is_rejected(verifier: TokenVerifier) -> None:
    header = b64(json.dumps({"alg": "none", "kid": "k1"}).encode())
    token = f"{header}.{b64(json.dumps(claims()).encode())}."
    assert_generic_401(await get(verifier, "/me", token))


async def test_a_token_signed_with_hs256_using_the_public_key_is_rejected(
    verifier: TokenVerifier, public_pem: bytes
) -> None:
    header = b64(json.dumps({"alg": "HS256", "kid": "k1"}).encode())
    signing_input = f"{header}.{b64(json.dumps(claims()).encode())}"
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    assert_generic_401(await get(verifier, "/me", f"{signing_input}.{b64(signature)}"))


async def test_a_token_for_another_audience_is_rejected(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    assert_generic_401(await get(verifier, "/me", sign(private_key, claims(aud="billing"))))


async def test_a_token_from_another_issuer_is_rejected(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    token = sign(private_key, claims(iss="https://evil.test"))
    assert_generic_401(await get(verifier, "/me", token))


async def test_an_expired_token_is_rejected(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    token = sign(private_key, claims(exp=int(time.time()) - 3600))
    assert_generic_401(await get(verifier, "/me", token))


async def test_a_token_not_valid_before_a_future_time_is_rejected(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    token = sign(private_key, claims(nbf=int(time.time()) + 3600))
    assert_generic_401(await get(verifier, "/me", token))


async def test_a_token_without_exp_is_rejected(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    assert_generic_401(await get(verifier, "/me", sign(private_key, claims(exp=DROP))))


async def test_a_token_with_an_unknown_kid_is_rejected(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    assert_generic_401(await get(verifier, "/me", sign(private_key, claims(), kid="k2")))


async def test_a_token_with_a_tampered_payload_is_rejected(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    header, _, signature = sign(private_key, claims()).split(".")
    forged = b64(json.dumps(claims(roles=["pmo_admin"])).encode())
    assert_generic_401(await get(verifier, "/me", f"{header}.{forged}.{signature}"))


async def test_a_token_signed_by_another_key_is_rejected(verifier: TokenVerifier) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1())
    assert_generic_401(await get(verifier, "/me", sign(stranger, claims())))


async def test_roles_given_as_a_string_instead_of_a_list_are_rejected(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    assert_generic_401(await get(verifier, "/me", sign(private_key, claims(roles="pmo_admin"))))


@pytest.mark.parametrize("parameter", ["access_token", "token"])
async def test_a_token_in_the_query_string_is_rejected_even_with_a_valid_header(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey, parameter: str
) -> None:
    token = sign(private_key, claims())
    assert_generic_401(await get(verifier, f"/me?{parameter}={token}", token))


async def test_a_caller_without_the_required_role_is_forbidden(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    response = await get(verifier, "/admin", sign(private_key, claims()))
    assert response.status_code == 403
    assert response.json()["type"] == PROBLEM_BASE + "forbidden"


async def test_a_caller_with_the_required_role_passes(
    verifier: TokenVerifier, private_key: ec.EllipticCurvePrivateKey
) -> None:
    response = await get(verifier, "/admin", sign(private_key, claims(roles=["pmo_admin"])))
    assert response.json() == {"ok": "yes"}


def test_require_roles_refuses_an_unknown_role_name() -> None:
    with pytest.raises(ValueError, match="pmo_admn"):
        require_roles("pmo_admn")


@pytest.mark.parametrize("algorithms", [["HS256"], ["ES256", "none"], []])
def test_a_verifier_refuses_symmetric_none_or_no_algorithms(
    private_key: ec.EllipticCurvePrivateKey, algorithms: list[str]
) -> None:
    with pytest.raises(ValueError, match="asymmetric"):
        TokenVerifier(algorithms=algorithms, issuer=ISSUER, audience=AUDIENCE,
                      public_key=private_key.public_key())


def test_outside_dev_mode_a_verifier_needs_a_configured_key(tmp_path: Path) -> None:
    settings = ServiceSettings(dev_mode=False, dev_keys_dir=tmp_path / "keys")
    with pytest.raises(ValueError, match="jwt_jwks_url"):
        TokenVerifier.from_settings(settings)
    assert not (tmp_path / "keys").exists()


def test_dev_keys_are_created_once_and_reloaded(tmp_path: Path) -> None:
    first = DevKeys.load_or_create(tmp_path)
    second = DevKeys.load_or_create(tmp_path)
    assert second == first
    assert (tmp_path / "public.pem").read_bytes() == first.public_pem
    assert (tmp_path / "private.pem").stat().st_mode & 0o777 == 0o600
    assert b"PRIVATE" not in repr(first).encode()


def test_dev_keys_created_concurrently_end_up_as_one_key_pair(tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        pairs = list(pool.map(lambda _: DevKeys.load_or_create(tmp_path), range(8)))
    assert len({pair.private_pem for pair in pairs}) == 1
    assert (tmp_path / "private.pem").read_bytes() == pairs[0].private_pem


async def test_in_dev_mode_a_token_issued_with_the_dev_key_is_accepted(tmp_path: Path) -> None:
    settings = ServiceSettings(dev_mode=True, dev_keys_dir=tmp_path)
    verifier = TokenVerifier.from_settings(settings)
    token = issue_token(
        DevKeys.load_or_create(tmp_path).private_pem, subject="dev-admin", roles=["pmo_admin"],
        projects=[PROJECT], issuer=settings.jwt_issuer, audience=settings.jwt_audience,
    )
    response = await get(verifier, "/me", token)
    assert response.json()["roles"] == ["pmo_admin"]
    assert response.json()["projects"] == [str(PROJECT)]


def _serve_jwks(jwks: dict[str, Any]) -> Iterator[str]:
    body = json.dumps(jwks).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def jwks_url(private_key: ec.EllipticCurvePrivateKey) -> Iterator[str]:
    jwk = jwt.algorithms.ECAlgorithm.to_jwk(private_key.public_key(), as_dict=True)
    yield from _serve_jwks({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "ES256"}]})


async def test_a_jwks_verifier_accepts_a_token_whose_kid_is_published(
    jwks_url: str, private_key: ec.EllipticCurvePrivateKey
) -> None:
    settings = ServiceSettings(jwt_jwks_url=jwks_url, jwt_issuer=ISSUER, jwt_audience=AUDIENCE)
    response = await get(TokenVerifier.from_settings(settings), "/me", sign(private_key, claims()))
    assert response.json()["subject"] == "alice"


async def test_a_jwks_verifier_rejects_a_kid_the_endpoint_does_not_publish(
    jwks_url: str, private_key: ec.EllipticCurvePrivateKey
) -> None:
    settings = ServiceSettings(jwt_jwks_url=jwks_url, jwt_issuer=ISSUER, jwt_audience=AUDIENCE)
    token = sign(private_key, claims(), kid="rotated-away")
    assert_generic_401(await get(TokenVerifier.from_settings(settings), "/me", token))


def test_principal_read_and_write_rules_follow_roles_and_scopes() -> None:
    other = uuid4()

    def principal(*roles: str) -> Principal:
        return Principal("p", frozenset(roles), frozenset({PROJECT}), frozenset({PORTFOLIO}))

    auditor, member = principal("auditor"), principal("team_member")
    pm, portfolio_manager = principal("project_manager"), principal("portfolio_manager")
    assert auditor.can_read_project(other) and not auditor.can_manage_project(PROJECT)
    assert member.can_read_project(PROJECT) and not member.can_read_project(other)
    assert not member.can_manage_project(PROJECT)
    assert pm.can_manage_project(PROJECT) and not pm.can_manage_project(other)
    assert portfolio_manager.can_manage_project(other, portfolio_id=PORTFOLIO)
    assert not portfolio_manager.can_read_project(other, portfolio_id=uuid4())
    assert principal("pmo_admin").can_manage_project(other)


def test_a_cached_token_is_refused_once_it_expires():
    from pmo_shared.http.principal import Principal
    from pmo_shared.http.tokens import VerifiedTokens

    cache = VerifiedTokens(size=2)
    principal = Principal("s", frozenset(), frozenset(), frozenset())
    cache.put("expired", principal, expires_at=time.time() - 1)
    cache.put("fresh", principal, expires_at=time.time() + 60)
    cache.put("newest", principal, expires_at=time.time() + 60)

    assert cache.get("expired") is None
    assert cache.get("fresh") is principal
    assert cache.get("newest") is principal
