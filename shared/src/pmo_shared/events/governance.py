"""Events of the governance service: risks, issues, change requests, gates, standards, lessons."""
from __future__ import annotations

from uuid import UUID

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.registry import catalogue


@catalogue.register
class RiskIdentified(DomainEvent):
    event_type = "governance.risk.identified"
    risk_id: UUID
    project_id: UUID
    title: str
    description: str
    category: str
    owner_id: UUID
