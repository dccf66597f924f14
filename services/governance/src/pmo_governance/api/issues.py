"""/v1/projects/{project_id}/issues and /v1/issues/{issue_id}: the issues log."""
from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from pmo_governance.api.access import hide_unless_reader, require_manager, require_reader
from pmo_governance.api.schemas.issues import (
    IssueCreate,
    IssuePage,
    IssueRead,
    IssueResolution,
    IssueUpdate,
    Severity,
)
from pmo_governance.commands.issues import RaiseIssue, ResolveIssue, ReviseIssue
from pmo_governance.domain.issue import Issue
from pmo_governance.handlers import issues as handlers
from pmo_governance.queries.issues import list_issues
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScope, CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery

router = APIRouter(prefix="/v1", tags=["issues"])


def _location(issue: Issue) -> str:
    return f"/v1/issues/{issue.id}"


async def _managed(scope: CommandScope, issue_id: UUID) -> None:
    issue = await scope.write_side.load(Issue, issue_id)
    project_id = issue.project_id if issue else None
    await hide_unless_reader(scope.write_side, scope.principal, project_id, f"issue {issue_id}")
    assert project_id is not None
    await require_manager(scope.write_side, scope.principal, project_id)


@router.post("/projects/{project_id}/issues", status_code=201, response_model=IssueRead)
async def raise_issue(project_id: UUID, body: IssueCreate, scope: CommandScopeDep) -> Response:
    await require_manager(scope.write_side, scope.principal, project_id)
    cmd = RaiseIssue(project_id=project_id, **body.model_dump())
    return await scope.run(lambda uow: handlers.raise_issue(cmd, uow), IssueRead.of,
                           status=201, location=_location)


@router.get("/projects/{project_id}/issues", response_model=IssuePage)
async def list_project_issues(project_id: UUID, principal: PrincipalDep,
                              write_side: WriteSideDep,
                              status: Literal["open", "resolved"] | None = None,
                              severity: Severity | None = None, owner_id: UUID | None = None,
                              limit: LimitQuery = DEFAULT_LIMIT,
                              cursor: CursorQuery = None) -> IssuePage:
    await require_reader(write_side, principal, project_id)
    items, next_cursor = await write_side.database.read(lambda conn: list_issues(
        conn, project_id=project_id, status=status, severity=severity, owner_id=owner_id,
        limit=limit, cursor=cursor))
    return IssuePage(items=items, next_cursor=next_cursor)


@router.get("/issues/{issue_id}", response_model=IssueRead)
async def read_issue(issue_id: UUID, principal: PrincipalDep,
                     write_side: WriteSideDep) -> JSONResponse:
    issue = await write_side.load(Issue, issue_id)
    await hide_unless_reader(write_side, principal, issue.project_id if issue else None,
                             f"issue {issue_id}")
    assert issue is not None
    return resource_response(IssueRead.of(issue), version=issue.version)


@router.put("/issues/{issue_id}", response_model=IssueRead)
async def revise_issue(issue_id: UUID, body: IssueUpdate, scope: CommandScopeDep) -> Response:
    await _managed(scope, issue_id)
    cmd = ReviseIssue(issue_id=issue_id, **body.model_dump())
    return await scope.run(lambda uow: handlers.revise_issue(cmd, uow), IssueRead.of)


@router.post("/issues/{issue_id}/resolution", response_model=IssueRead)
async def resolve_issue(issue_id: UUID, body: IssueResolution,
                        scope: CommandScopeDep) -> Response:
    await _managed(scope, issue_id)
    cmd = ResolveIssue(issue_id=issue_id, resolution=body.resolution,
                       resolved_on=body.resolved_on or scope.write_side.clock.today())
    return await scope.run(lambda uow: handlers.resolve_issue(cmd, uow), IssueRead.of)
