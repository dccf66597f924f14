"""Dependencies of the resources routers: the caller's access rules and role guards."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from pmo_resources.access import RATE_READERS, RESOURCE_MANAGERS, Access
from pmo_shared.http.auth import PrincipalDep, require_roles


async def access(principal: PrincipalDep) -> Access:
    return Access(principal)


AccessDep = Annotated[Access, Depends(access)]
resource_managers_only = [Depends(require_roles(*RESOURCE_MANAGERS))]
admins_only = [Depends(require_roles("pmo_admin"))]
rate_readers_only = [Depends(require_roles(*RATE_READERS))]
