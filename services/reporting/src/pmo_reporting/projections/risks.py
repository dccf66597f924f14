"""rm_risks: the risk register as reporting sees it."""
from __future__ import annotations

from sqlalchemy import Connection, insert

from pmo_reporting.tables import rm_risks
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import RiskIdentified


class RisksProjection:
    name = "risks"

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case RiskIdentified():
                conn.execute(insert(rm_risks).values(
                    risk_id=str(event.risk_id), project_id=str(event.project_id),
                    title=event.title, category=event.category, identified_at=envelope.time,
                ))
