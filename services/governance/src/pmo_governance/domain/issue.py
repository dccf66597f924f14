"""The Issue aggregate: one entry of a project's issues log (a risk that occurred, or a problem)."""
from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

from pmo_governance.commands.issues import RaiseIssue, ResolveIssue, ReviseIssue
from pmo_governance.domain.errors import InvalidInput
from pmo_governance.domain.risk import check_choice
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import IssueRaised, IssueResolved, IssueRevised
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import InvalidTransition

SEVERITIES = ("low", "medium", "high", "critical")


class Issue(Aggregate):
    aggregate_type = "issue"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id: UUID | None = None
        self.title = self.description = self.resolution = ""
        self.severity = "medium"
        self.owner_id: UUID | None = None
        self.due_on: date | None = None
        self.risk_id: UUID | None = None
        self.resolved_on: date | None = None

    @property
    def status(self) -> str:
        return "resolved" if self.resolved_on is not None else "open"

    @classmethod
    def raise_(cls, issue_id: UUID, cmd: RaiseIssue, *,
               risk_project_id: UUID | None = None) -> Self:
        """`risk_project_id` is the project of the linked risk (None if there is no such risk)."""
        check_choice(cmd.severity, SEVERITIES, "#/severity")
        if cmd.risk_id is not None and risk_project_id != cmd.project_id:
            raise InvalidInput("the linked risk is not on this project's register",
                               pointer="#/risk_id")
        issue = cls(issue_id)
        issue._record(IssueRaised(
            issue_id=issue_id, project_id=cmd.project_id, title=cmd.title,
            description=cmd.description, severity=cmd.severity, owner_id=cmd.owner_id,
            due_on=cmd.due_on, risk_id=cmd.risk_id))
        return issue

    def revise(self, cmd: ReviseIssue) -> None:
        check_choice(cmd.severity, SEVERITIES, "#/severity")
        self._require_open("revised")
        self._record(IssueRevised(
            issue_id=self.id, project_id=self._project, title=cmd.title,
            description=cmd.description, severity=cmd.severity, owner_id=cmd.owner_id,
            due_on=cmd.due_on))

    def resolve(self, cmd: ResolveIssue) -> None:
        self._require_open("resolved")
        self._record(IssueResolved(issue_id=self.id, project_id=self._project,
                                   severity=self.severity, resolution=cmd.resolution,
                                   resolved_on=cmd.resolved_on))

    def _require_open(self, what: str) -> None:
        if self.resolved_on is not None:
            raise InvalidTransition(f"a resolved issue cannot be {what}")

    @property
    def _project(self) -> UUID:
        assert self.project_id is not None
        return self.project_id

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case IssueRaised() | IssueRevised():
                self.project_id, self.title = event.project_id, event.title
                self.description, self.severity = event.description, event.severity
                self.owner_id, self.due_on = event.owner_id, event.due_on
                if isinstance(event, IssueRaised):
                    self.risk_id = event.risk_id
            case IssueResolved():
                self.resolution, self.resolved_on = event.resolution, event.resolved_on
            case _:
                raise UnknownEvent(event.event_type)
