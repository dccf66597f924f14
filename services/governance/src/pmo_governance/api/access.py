"""Who may read or manage a project's governance records, and who is acting.

Portfolio managers are scoped through the project's portfolio, known from the local copy of the
projects service's events; a project not seen yet is scoped by its own id only."""
from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select

from pmo_governance.tables import known_projects
from pmo_shared.http.principal import Principal
from pmo_shared.kernel.errors import Forbidden, NotFound
from pmo_shared.writeside import WriteSide


async def portfolio_of(write_side: WriteSide, project_id: UUID) -> UUID | None:
    value = await write_side.database.read(lambda conn: conn.execute(
        select(known_projects.c.portfolio_id)
        .where(known_projects.c.project_id == str(project_id))).scalar())
    return UUID(value) if value else None


async def require_manager(write_side: WriteSide, principal: Principal, project_id: UUID) -> None:
    portfolio = await portfolio_of(write_side, project_id)
    if not principal.can_manage_project(project_id, portfolio):
        raise Forbidden("you do not manage this project")


async def require_reader(write_side: WriteSide, principal: Principal, project_id: UUID) -> None:
    portfolio = await portfolio_of(write_side, project_id)
    if not principal.can_read_project(project_id, portfolio):
        raise Forbidden("you have no role on this project")


async def hide_unless_reader(write_side: WriteSide, principal: Principal, project_id: UUID | None,
                             what: str) -> None:
    """Object-level access on a record reached by its own id: 404, so ids reveal nothing."""
    if project_id is None:
        raise NotFound(f"{what} does not exist")
    portfolio = await portfolio_of(write_side, project_id)
    if not principal.can_read_project(project_id, portfolio):
        raise NotFound(f"{what} does not exist")


async def hide_unless_reader_or_named(write_side: WriteSide, principal: Principal,
                                     project_id: UUID | None, named: Collection[UUID],
                                     what: str) -> None:
    """A person named to decide a record may see it without any role on its project."""
    if project_id is not None and principal.person_id is not None \
            and principal.person_id in named:
        return
    await hide_unless_reader(write_side, principal, project_id, what)


def acting_person(principal: Principal) -> UUID:
    """Decisions and attestations are accountable to a person, never to a bare login."""
    if principal.person_id is None:
        raise Forbidden("your token names no person, so you cannot decide or attest")
    return principal.person_id
