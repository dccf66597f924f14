"""Inline rows of expenses and status reports."""
from __future__ import annotations

from sqlalchemy import Connection, delete, insert, select

from pmo_projects.domain.expense import Expense
from pmo_projects.domain.status_report import StatusReport
from pmo_projects.tables import expenses, status_reports
from pmo_projects.views.hierarchy import set_overall_status
from pmo_projects.views.plan import ensure_task_in_project
from pmo_shared.kernel.errors import Duplicate


def save_expense(conn: Connection, expense: Expense) -> None:
    entry = expense.entry
    assert entry is not None
    if entry.task_id is not None:
        ensure_task_in_project(conn, entry.project_id, entry.task_id, "#/task_id")
    conn.execute(delete(expenses).where(expenses.c.expense_id == str(expense.id)))
    conn.execute(insert(expenses).values(
        expense_id=str(expense.id), project_id=str(entry.project_id), spent_on=entry.spent_on,
        amount=str(entry.amount.amount), currency=entry.amount.currency, category=entry.category,
        task_id=str(entry.task_id) if entry.task_id else None, description=entry.description,
        version=expense.next_version))


def save_status_report(conn: Connection, report: StatusReport) -> None:
    r = report.report
    assert r is not None
    taken = conn.execute(select(status_reports.c.report_id).where(
        status_reports.c.project_id == str(r.project_id),
        status_reports.c.period_end_on == r.period_end_on)).first()
    if taken is not None:
        raise Duplicate(f"a status report for the period ending {r.period_end_on} exists",
                        pointer="#/period_end_on")
    conn.execute(insert(status_reports).values(
        report_id=str(report.id), project_id=str(r.project_id), period_end_on=r.period_end_on,
        schedule=r.schedule, cost=r.cost, scope=r.scope, overall=r.overall, comment=r.comment))
    latest = conn.execute(select(status_reports.c.overall).where(
        status_reports.c.project_id == str(r.project_id))
        .order_by(status_reports.c.period_end_on.desc()).limit(1)).scalar_one()
    set_overall_status(conn, r.project_id, latest)
