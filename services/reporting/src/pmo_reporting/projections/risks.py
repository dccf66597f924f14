"""rm_risks: the risk register as portfolio health needs it (status and latest score)."""
from __future__ import annotations

from sqlalchemy import Connection, insert, update

from pmo_reporting.tables import rm_risks
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import RiskAssessed, RiskIdentified, RiskStatusChanged


class RisksProjection:
    name = "risks"
    handles = (RiskIdentified, RiskAssessed, RiskStatusChanged)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case RiskIdentified():
                conn.execute(insert(rm_risks).values(
                    risk_id=str(event.risk_id), project_id=str(event.project_id),
                    title=event.title, category=event.category, status="open",
                    identified_at=envelope.time,
                ))
            case RiskAssessed():
                self._update(conn, event.risk_id, score=event.score)
            case RiskStatusChanged():
                self._update(conn, event.risk_id, status=event.status)

    @staticmethod
    def _update(conn: Connection, risk_id: object, **values: object) -> None:
        conn.execute(update(rm_risks).where(rm_risks.c.risk_id == str(risk_id)).values(**values))
