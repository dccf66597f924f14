"""/v1/programs: groups of projects inside a portfolio."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy import select

from pmo_projects.api.access import can_read_portfolio, ensure_manages_portfolio
from pmo_projects.api.listing import after_cursor, page_of
from pmo_projects.api.schemas.hierarchy import ProgramCreate, ProgramRead
from pmo_projects.commands import CreateProgram
from pmo_projects.domain.portfolio import Program
from pmo_projects.handlers.hierarchy import create_program
from pmo_projects.tables import programs_view
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/programs", tags=["programs"])


@router.post("", status_code=201, response_model=ProgramRead)
async def post_program(body: ProgramCreate, scope: CommandScopeDep) -> Response:
    ensure_manages_portfolio(scope.principal, body.portfolio_id)
    cmd = CreateProgram(**body.model_dump())
    return await scope.run(lambda uow: create_program(cmd, uow), ProgramRead.of, status=201,
                           location=lambda p: f"/v1/programs/{p.id}")


@router.get("", response_model=Page[ProgramRead])
async def list_programs(principal: PrincipalDep, side: WriteSideDep,
                        portfolio_id: UUID | None = None, limit: LimitQuery = 50,
                        cursor: CursorQuery = None) -> Page[ProgramRead]:
    query = after_cursor(select(programs_view), programs_view.c.program_id, cursor)
    if portfolio_id is not None:
        query = query.where(programs_view.c.portfolio_id == str(portfolio_id))
    if not (principal.is_admin() or principal.has_role("auditor")):
        query = query.where(programs_view.c.portfolio_id.in_(
            [str(p) for p in principal.portfolio_ids]))
    rows = await side.database.read(lambda c: c.execute(query.limit(limit + 1)).all())
    return page_of(rows, limit, "program_id", lambda r: ProgramRead(
        id=r.program_id, version=1, portfolio_id=r.portfolio_id, name=r.name))


@router.get("/{program_id}", response_model=ProgramRead)
async def get_program(program_id: UUID, principal: PrincipalDep, side: WriteSideDep) -> Response:
    program = await side.load(Program, program_id)
    if program is None or program.portfolio_id is None or not can_read_portfolio(
            principal, program.portfolio_id):
        raise NotFound(f"program {program_id} does not exist")
    return resource_response(ProgramRead.of(program), version=program.version)
