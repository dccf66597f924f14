"""Callers of the security suites: the principals of the matrix and the tokens RFC 8725 forbids."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from pmo_shared.http.devkeys import DEV_KID, DevKeys
from pmo_shared.http.problems import PROBLEM_BASE
from tests.support.apps import auth

ISSUER, AUDIENCE = "pmo-dev", "pmo"
# The body of every 401, whatever the reason: nothing tells the caller which check failed.
UNAUTHENTICATED_BODY = {
    "type": PROBLEM_BASE + "unauthenticated",
    "title": "Authentication required",
    "status": 401,
    "detail": "A valid bearer token in the Authorization header is required.",
}


def member_of(keys_dir: Path, project_id: UUID, *, subject: str) -> dict[str, str]:
    return auth(keys_dir, roles=["team_member"], projects=[project_id], subject=subject)


def principal_headers(keys_dir: Path, *, project_a: UUID, project_b: UUID,
                      other_portfolio: UUID) -> dict[str, dict[str, str]]:
    """The seven callers of the authorization matrix, by name."""
    return {
        "anonymous": {},
        "member_a": member_of(keys_dir, project_a, subject="member-a"),
        "auditor": auth(keys_dir, roles=["auditor"], subject="auditor"),
        "member_b": member_of(keys_dir, project_b, subject="member-b"),
        "other_portfolio_manager": auth(keys_dir, roles=["portfolio_manager"],
                                        portfolios=[other_portfolio], subject="pm-other"),
        "admin": auth(keys_dir, roles=["pmo_admin"], subject="admin"),
        "other_service": auth(keys_dir, roles=["pmo_admin"], subject="billing", audience="billing"),
    }


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    base: dict[str, Any] = {"sub": "mallory", "roles": ["pmo_admin"], "projects": [],
                            "portfolios": [], "iss": ISSUER, "aud": AUDIENCE, "iat": now,
                            "nbf": now, "exp": now + 600}
    base.update(overrides)
    return {name: value for name, value in base.items() if value is not None}


def _signed(keys: DevKeys, payload: dict[str, Any], *, kid: str = DEV_KID) -> str:
    return jwt.encode(payload, keys.private_pem, algorithm="ES256", headers={"kid": kid})


def _unsigned(payload: dict[str, Any]) -> str:
    header = _b64(json.dumps({"alg": "none", "typ": "JWT", "kid": DEV_KID}).encode())
    return f"{header}.{_b64(json.dumps(payload).encode())}."


def _hs256_with_public_key(keys: DevKeys) -> str:
    # The classic confusion attack: the verifier's own public key used as an HMAC secret.
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": DEV_KID}).encode())
    body = _b64(json.dumps(_claims()).encode())
    mac = hmac.new(keys.public_pem, f"{header}.{body}".encode(), hashlib.sha256).digest()
    return f"{header}.{body}.{_b64(mac)}"


def _tampered(keys: DevKeys) -> str:
    header, _body, signature = _signed(keys, _claims(roles=["team_member"])).split(".")
    return f"{header}.{_b64(json.dumps(_claims()).encode())}.{signature}"


def _foreign_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    return jwt.encode(_claims(), key, algorithm="ES256", headers={"kid": DEV_KID})


def bad_tokens(keys_dir: Path) -> dict[str, str]:
    """Tokens that must all be refused with the same 401, by what is wrong with them."""
    keys = DevKeys.load_or_create(keys_dir)
    now = int(time.time())
    makers: dict[str, Callable[[], str]] = {
        "alg_none": lambda: _unsigned(_claims()),
        "hs256_signed_with_the_public_key": lambda: _hs256_with_public_key(keys),
        "wrong_audience": lambda: _signed(keys, _claims(aud="billing")),
        "wrong_issuer": lambda: _signed(keys, _claims(iss="https://evil.example")),
        "expired": lambda: _signed(keys, _claims(iat=now - 7200, nbf=now - 7200, exp=now - 3600)),
        "not_yet_valid": lambda: _signed(keys, _claims(nbf=now + 3600, exp=now + 7200)),
        "without_exp": lambda: _signed(keys, _claims(exp=None)),
        "unknown_kid": lambda: _signed(keys, _claims(), kid="another-key"),
        "tampered_payload": lambda: _tampered(keys),
        "signed_by_another_key": _foreign_key,
        "garbage": lambda: "not.a.jwt",
    }
    return {name: make() for name, make in makers.items()}


def valid_admin_token(keys_dir: Path) -> str:
    return _signed(DevKeys.load_or_create(keys_dir), _claims())
