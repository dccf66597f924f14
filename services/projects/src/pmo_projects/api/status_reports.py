"""/v1/projects/{id}/status-reports: periodic RAG status with a comment."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy import select

from pmo_projects import commands
from pmo_projects.api.access import managed_project, readable_project
from pmo_projects.api.listing import after_cursor, page_of
from pmo_projects.api.schemas.actuals import StatusReportCreate, StatusReportRead
from pmo_projects.handlers import actuals as handlers
from pmo_projects.tables import status_reports
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page

router = APIRouter(prefix="/v1/projects/{project_id}/status-reports", tags=["status reports"])


@router.post("", status_code=201, response_model=StatusReportRead)
async def submit_status_report(project_id: UUID, body: StatusReportCreate,
                               scope: CommandScopeDep) -> Response:
    """One report per period end; a second one for the same period is 409."""
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.SubmitStatusReport(**body.model_dump())
    return await scope.run(lambda uow: handlers.submit_status_report(ref, cmd, uow),
                           StatusReportRead.of, status=201)


@router.get("", response_model=Page[StatusReportRead])
async def list_status_reports(project_id: UUID, principal: PrincipalDep, side: WriteSideDep,
                              limit: LimitQuery = 50,
                              cursor: CursorQuery = None) -> Page[StatusReportRead]:
    await readable_project(side, principal, project_id)
    query = after_cursor(select(status_reports), status_reports.c.report_id, cursor).where(
        status_reports.c.project_id == str(project_id))
    rows = await side.database.read(lambda c: c.execute(query.limit(limit + 1)).all())
    return page_of(rows, limit, "report_id", lambda r: StatusReportRead(
        id=r.report_id, version=1, **r._asdict()))
