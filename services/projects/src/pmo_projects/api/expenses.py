"""/v1/projects/{id}/expenses: non-labour actual costs and their corrections."""
from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy import select

from pmo_projects import commands
from pmo_projects.api.access import managed_project, readable_project
from pmo_projects.api.listing import after_cursor, page_of
from pmo_projects.api.schemas.actuals import ExpenseCorrection, ExpenseCreate, ExpenseRead
from pmo_projects.handlers import actuals as handlers
from pmo_projects.tables import expenses
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page
from pmo_shared.kernel.money import Money

router = APIRouter(prefix="/v1/projects/{project_id}/expenses", tags=["expenses"])


@router.post("", status_code=201, response_model=ExpenseRead)
async def record_expense(project_id: UUID, body: ExpenseCreate, scope: CommandScopeDep) -> Response:
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.RecordExpense(**body.model_dump(exclude={"amount"}), amount=body.amount)
    today = scope.write_side.clock.today()
    return await scope.run(
        lambda uow: handlers.record_expense(ref, cmd, today, uow), ExpenseRead.of, status=201,
        location=lambda e: f"/v1/projects/{project_id}/expenses/{e.id}")


@router.get("", response_model=Page[ExpenseRead])
async def list_expenses(project_id: UUID, principal: PrincipalDep, side: WriteSideDep,
                        category: str | None = None, task_id: UUID | None = None,
                        limit: LimitQuery = 50, cursor: CursorQuery = None) -> Page[ExpenseRead]:
    await readable_project(side, principal, project_id)
    query = after_cursor(select(expenses), expenses.c.expense_id, cursor).where(
        expenses.c.project_id == str(project_id))
    if category is not None:
        query = query.where(expenses.c.category == category)
    if task_id is not None:
        query = query.where(expenses.c.task_id == str(task_id))
    rows = await side.database.read(lambda c: c.execute(query.limit(limit + 1)).all())
    return page_of(rows, limit, "expense_id", lambda r: ExpenseRead(
        id=r.expense_id, version=r.version, project_id=r.project_id, spent_on=r.spent_on,
        amount=Money(amount=Decimal(r.amount), currency=r.currency), category=r.category,
        task_id=r.task_id, description=r.description))


@router.patch("/{expense_id}", response_model=ExpenseRead)
async def correct_expense(project_id: UUID, expense_id: UUID, body: ExpenseCorrection,
                          scope: CommandScopeDep) -> Response:
    """Full corrected values; the original stays in the history ("as known at")."""
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.CorrectExpense(**body.model_dump(exclude={"amount"}), amount=body.amount)
    today = scope.write_side.clock.today()
    return await scope.run(lambda uow: handlers.correct_expense(ref, expense_id, cmd, today, uow),
                           ExpenseRead.of)
