"""Development-only signing: a persisted ES256 key pair and a token issuer that uses it."""
from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

DEV_KID = "dev"


@dataclass(frozen=True, slots=True)
class DevKeys:
    """Only dev tooling should hold one: it carries the private key that can mint any token."""

    private_pem: bytes = field(repr=False)  # never into logs or tracebacks
    public_pem: bytes
    kid: str = DEV_KID

    @classmethod
    def load_or_create(cls, directory: Path) -> DevKeys:
        """Every service started by the dev runner calls this at once; the first one creates."""
        directory.mkdir(parents=True, exist_ok=True)
        private_path = directory / "private.pem"
        with open(directory / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not private_path.exists():
                    _write_atomically(private_path, _new_private_pem(), mode=0o600)
                private_pem = private_path.read_bytes()
                public_pem = _public_pem(private_pem)
                # public.pem is derived, so a crash between the two writes cannot pair wrong keys.
                public_path = directory / "public.pem"
                if not public_path.exists() or public_path.read_bytes() != public_pem:
                    _write_atomically(public_path, public_pem, mode=0o644)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        return cls(private_pem=private_pem, public_pem=public_pem)


def _new_private_pem() -> bytes:
    return ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _public_pem(private_pem: bytes) -> bytes:
    private_key = serialization.load_pem_private_key(private_pem, password=None)
    return private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _write_atomically(path: Path, data: bytes, *, mode: int) -> None:
    # Readers never see a half-written key: write a sibling temp file, then rename over.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def issue_token(
    private_key_pem: bytes,
    *,
    subject: str,
    roles: Iterable[str],
    projects: Iterable[UUID] = (),
    portfolios: Iterable[UUID] = (),
    person_id: UUID | None = None,
    issuer: str,
    audience: str,
    ttl_seconds: int = 3600,
    kid: str = DEV_KID,
) -> str:
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": subject,
        "roles": list(roles),
        "projects": [str(project_id) for project_id in projects],
        "portfolios": [str(portfolio_id) for portfolio_id in portfolios],
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(seconds=ttl_seconds),
    }
    if person_id is not None:
        claims["person_id"] = str(person_id)
    return jwt.encode(claims, private_key_pem, algorithm="ES256", headers={"kid": kid})
