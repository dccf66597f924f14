"""Handlers of issues log commands; each refreshes the issue's row in `issues_view`."""
from __future__ import annotations

from pmo_governance.commands.issues import RaiseIssue, ResolveIssue, ReviseIssue
from pmo_governance.domain.issue import Issue
from pmo_governance.domain.risk import Risk
from pmo_governance.handlers.rows import replace_row
from pmo_governance.tables import issues_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def raise_issue(cmd: RaiseIssue, uow: UnitOfWork) -> Issue:
    risk = await uow.load(Risk, cmd.risk_id) if cmd.risk_id else None
    return _saved(uow, Issue.raise_(new_id(), cmd,
                                    risk_project_id=risk.project_id if risk else None))


async def revise_issue(cmd: ReviseIssue, uow: UnitOfWork) -> Issue:
    issue = await uow.get(Issue, cmd.issue_id)
    issue.revise(cmd)
    return _saved(uow, issue)


async def resolve_issue(cmd: ResolveIssue, uow: UnitOfWork) -> Issue:
    issue = await uow.get(Issue, cmd.issue_id)
    issue.resolve(cmd)
    return _saved(uow, issue)


def _saved(uow: UnitOfWork, issue: Issue) -> Issue:
    uow.save(issue)
    uow.also(lambda conn: replace_row(conn, issues_view, "issue_id", {
        "issue_id": str(issue.id), "project_id": str(issue.project_id), "title": issue.title,
        "severity": issue.severity, "status": issue.status, "owner_id": str(issue.owner_id),
        "due_on": issue.due_on, "risk_id": str(issue.risk_id) if issue.risk_id else None}))
    return issue
