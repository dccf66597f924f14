"""Bearer JWT verification per RFC 8725: pinned algorithms, configured keys, required claims."""
from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, ClassVar
from uuid import UUID

import jwt
import structlog
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pmo_shared.http.devkeys import DEV_KID, DevKeys
from pmo_shared.http.principal import ROLES, Principal
from pmo_shared.kernel.errors import DomainError
from pmo_shared.settings import ServiceSettings

log = structlog.get_logger(__name__)

# Only asymmetric algorithms: with HS* a public key would double as the HMAC secret (RFC 8725 2.1).
ASYMMETRIC_ALGORITHMS = frozenset(
    {"ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA"}
)
REQUIRED_CLAIMS = ("exp", "iss", "aud", "sub")
MAX_TOKEN_CHARS = 8192


class Unauthenticated(DomainError):
    """Every reason gives the same body, so a caller cannot probe which check failed."""

    status = 401
    problem_type = "unauthenticated"
    title = "Authentication required"
    response_headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": "Bearer"}

    def __init__(self) -> None:
        super().__init__("A valid bearer token in the Authorization header is required.")


class VerifiedTokens:
    """Tokens whose signature and claims already passed, until they expire (no leeway here).
    A signature check costs about a millisecond of CPU per request; the exact token string is
    the key, so a tampered token never hits. Bounded, least recently used out first."""

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._entries: OrderedDict[str, tuple[Principal, float]] = OrderedDict()

    def get(self, token: str) -> Principal | None:
        entry = self._entries.get(token)
        if entry is None:
            return None
        principal, expires_at = entry
        if time.time() >= expires_at:
            del self._entries[token]
            return None
        self._entries.move_to_end(token)
        return principal

    def put(self, token: str, principal: Principal, expires_at: float) -> None:
        self._entries[token] = (principal, expires_at)
        if len(self._entries) > self._size:
            self._entries.popitem(last=False)


class _Claims(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    sub: str = Field(min_length=1, max_length=256)
    roles: list[str] = Field(default_factory=list, max_length=16)
    projects: list[UUID] = Field(default_factory=list, max_length=10_000)
    portfolios: list[UUID] = Field(default_factory=list, max_length=1_000)
    person_id: UUID | None = None

    def principal(self) -> Principal:
        return Principal(
            subject=self.sub,
            roles=frozenset(self.roles) & ROLES,
            project_ids=frozenset(self.projects),
            portfolio_ids=frozenset(self.portfolios),
            person_id=self.person_id,
        )


class TokenVerifier:
    """Holds public keys only; nothing here can sign a token."""

    def __init__(
        self,
        *,
        algorithms: Sequence[str],
        issuer: str,
        audience: str,
        public_key: PublicKeyTypes | None = None,
        expected_kid: str | None = None,
        jwks_client: jwt.PyJWKClient | None = None,
        leeway_seconds: float = 30.0,
    ) -> None:
        refused = set(algorithms) - ASYMMETRIC_ALGORITHMS
        if not algorithms or refused:
            raise ValueError(f"JWT algorithms must be asymmetric; refused: {sorted(refused)}")
        if (public_key is None) == (jwks_client is None):
            raise ValueError("configure exactly one of a public key or a JWKS URL")
        self._algorithms = list(algorithms)
        self._issuer = issuer
        self._audience = audience
        self._public_key = public_key
        self._expected_kid = expected_kid
        self._jwks = jwks_client
        self._leeway = leeway_seconds
        self._verified = VerifiedTokens()

    @classmethod
    def from_settings(cls, settings: ServiceSettings) -> TokenVerifier:
        """Explicit configuration wins: JWKS, then a PEM file, then (dev mode only) dev keys."""
        common: dict[str, Any] = {
            "algorithms": settings.jwt_algorithms,
            "issuer": settings.jwt_issuer,
            "audience": settings.jwt_audience,
        }
        if settings.jwt_jwks_url:
            return cls(jwks_client=jwt.PyJWKClient(settings.jwt_jwks_url, timeout=5), **common)
        if settings.jwt_public_key_file is not None:
            pem = settings.jwt_public_key_file.read_bytes()
            return cls(public_key=load_pem_public_key(pem), **common)
        if settings.dev_mode:
            # Only the public half is kept; the private key is dropped with the DevKeys object.
            log.warning("dev_mode_token_keys", directory=str(settings.dev_keys_dir))
            pem = DevKeys.load_or_create(settings.dev_keys_dir).public_pem
            return cls(public_key=load_pem_public_key(pem), expected_kid=DEV_KID, **common)
        raise ValueError("set jwt_jwks_url or jwt_public_key_file (or dev_mode for development)")

    @property
    def fetches_keys(self) -> bool:
        """True when verifying may block on the network (a JWKS refresh)."""
        return self._jwks is not None

    def verify(self, token: str) -> Principal:
        cached = self._verified.get(token)
        if cached is not None:
            return cached
        principal, expires_at = self._verify_signature(token)
        self._verified.put(token, principal, expires_at)
        return principal

    def _verify_signature(self, token: str) -> tuple[Principal, float]:
        try:
            if len(token) > MAX_TOKEN_CHARS:
                raise jwt.InvalidTokenError("token too long")
            claims = jwt.decode(
                token,
                self._key_for(token),
                algorithms=self._algorithms,
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": list(REQUIRED_CLAIMS)},
            )
            return _Claims.model_validate(claims).principal(), float(claims["exp"])
        except (jwt.PyJWTError, ValidationError, ValueError, TypeError) as exc:
            # The reason is for our logs only; the caller gets the generic 401.
            log.info("token_rejected", reason=type(exc).__name__)
            raise Unauthenticated() from None

    def _key_for(self, token: str) -> Any:
        kid = jwt.get_unverified_header(token).get("kid")
        if self._jwks is not None:
            if not isinstance(kid, str):
                raise jwt.InvalidTokenError("a JWKS-verified token needs a kid")
            return self._jwks.get_signing_key(kid)
        if self._expected_kid is not None and kid != self._expected_kid:
            raise jwt.InvalidTokenError("unknown kid")
        return self._public_key
