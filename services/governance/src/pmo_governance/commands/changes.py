"""Commands of the change control workflow."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from pmo_shared.kernel.money import Money


@dataclass(frozen=True, kw_only=True)
class DraftChangeRequest:
    project_id: UUID
    title: str
    description: str
    requested_by: UUID
    cost_impact: Money | None
    schedule_impact_days: int
    scope_impact: str
    approver_ids: tuple[UUID, ...]


@dataclass(frozen=True, kw_only=True)
class ReviseChangeRequest:
    change_request_id: UUID
    title: str
    description: str
    cost_impact: Money | None
    schedule_impact_days: int
    scope_impact: str
    approver_ids: tuple[UUID, ...]


@dataclass(frozen=True, kw_only=True)
class MoveChangeRequest:
    """Submit, start review or withdraw: the workflow steps that need only an actor."""

    change_request_id: UUID
    step: str
    actor_id: UUID
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class DecideChangeRequest:
    change_request_id: UUID
    approver_id: UUID
    decision: str
    reason: str
