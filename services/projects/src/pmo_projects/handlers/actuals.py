"""Handlers for actual costs and status reports."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from pmo_projects.commands import CorrectExpense, RecordExpense, SubmitStatusReport
from pmo_projects.domain.expense import Expense
from pmo_projects.domain.status_report import StatusReport
from pmo_projects.handlers.plan import ensure_open
from pmo_projects.views.actuals import save_expense, save_status_report
from pmo_projects.views.hierarchy import ProjectRef, record_audit
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.errors import NotFound
from pmo_shared.kernel.ids import new_id


async def record_expense(ref: ProjectRef, cmd: RecordExpense, today: date,
                         uow: UnitOfWork) -> Expense:
    ensure_open(ref)
    expense = uow.save(Expense.record(new_id(), ref.project_id, cmd,
                                      currency=ref.window.currency, today=today))
    uow.also(lambda conn: save_expense(conn, expense))
    uow.also(lambda conn: record_audit(conn, ref.project_id, uow.written))
    return expense


async def correct_expense(ref: ProjectRef, expense_id: UUID, cmd: CorrectExpense, today: date,
                          uow: UnitOfWork) -> Expense:
    expense = await uow.get(Expense, expense_id)
    if expense.entry is None or expense.entry.project_id != ref.project_id:
        raise NotFound(f"expense {expense_id} does not exist in this project")
    expense.correct(cmd, today)
    uow.save(expense)
    uow.also(lambda conn: save_expense(conn, expense))
    uow.also(lambda conn: record_audit(conn, ref.project_id, uow.written))
    return expense


async def submit_status_report(ref: ProjectRef, cmd: SubmitStatusReport,
                               uow: UnitOfWork) -> StatusReport:
    report = uow.save(StatusReport.submit(new_id(), ref.project_id, cmd))
    uow.also(lambda conn: save_status_report(conn, report))
    uow.also(lambda conn: record_audit(conn, ref.project_id, uow.written))
    return report
