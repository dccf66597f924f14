"""FastAPI authentication and role dependencies over the app's TokenVerifier."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import anyio.to_thread
import structlog
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from pmo_shared.http.devkeys import DevKeys, issue_token
from pmo_shared.http.principal import ROLES, Principal, Role
from pmo_shared.http.tokens import TokenVerifier, Unauthenticated
from pmo_shared.kernel.errors import Forbidden

__all__ = [
    "DevKeys",
    "Principal",
    "PrincipalDep",
    "Role",
    "TokenVerifier",
    "Unauthenticated",
    "current_principal",
    "issue_token",
    "require_roles",
]

# Query-string tokens end up in access logs, proxies and browser history (RFC 6750 5.3).
_QUERY_TOKEN_PARAMETERS = ("access_token", "token")

# auto_error=False: FastAPI's own 403/401 is not a problem+json body; we raise ours below.
_bearer = HTTPBearer(auto_error=False, bearerFormat="JWT", scheme_name="bearer")


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if request.scope["query_string"] and any(
            name in request.query_params for name in _QUERY_TOKEN_PARAMETERS):
        raise Unauthenticated()
    if credentials is None:
        raise Unauthenticated()
    verifier: TokenVerifier = request.app.state.token_verifier
    if verifier.fetches_keys:
        # PyJWKClient does blocking HTTP on a cache miss; keep it off the event loop.
        principal = await anyio.to_thread.run_sync(verifier.verify, credentials.credentials)
    else:
        principal = verifier.verify(credentials.credentials)
    # Every log line of the request names who made it (the access log included).
    structlog.contextvars.bind_contextvars(actor=principal.subject)
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


def require_roles(*roles: str) -> Callable[[Principal], Awaitable[Principal]]:
    """Dependency passing callers holding any of `roles`; admins are not implied, list them."""
    unknown = set(roles) - ROLES
    if not roles or unknown:
        raise ValueError(f"require_roles needs known roles; unknown: {sorted(unknown)}")
    wanted = frozenset(roles)

    async def dependency(principal: PrincipalDep) -> Principal:
        if principal.roles.isdisjoint(wanted):
            raise Forbidden("Your roles do not allow this operation.")
        return principal

    return dependency
