"""gate_decisions: governance's stage gates and each gate's latest decision, kept locally so a
phase change never calls governance synchronously and keeps working while it is down."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, insert, select, update

from pmo_projects.domain.phases import Gate
from pmo_projects.tables import gate_decisions
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import StageGateDecided, StageGateDefined


class GateDecisionsProjection:
    name = "gate_decisions"

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case StageGateDefined() | StageGateDecided():
                self._upsert(conn, envelope, event)

    @staticmethod
    def _upsert(conn: Connection, envelope: Envelope,
                event: StageGateDefined | StageGateDecided) -> None:
        decision = event.decision if isinstance(event, StageGateDecided) else None
        row = conn.execute(select(gate_decisions.c.gate_version, gate_decisions.c.decision)
                           .where(gate_decisions.c.gate_id == str(event.gate_id))).first()
        if row is None:
            conn.execute(insert(gate_decisions).values(
                gate_id=str(event.gate_id), project_id=str(event.project_id), phase=event.phase,
                decision=decision, gate_version=envelope.aggregateversion,
                defined_at=envelope.time, decided_at=envelope.time if decision else None))
            return
        # Redelivery or reordering must not let an older decision overwrite a newer one.
        if envelope.aggregateversion < row.gate_version:
            return
        values = {"phase": event.phase, "gate_version": envelope.aggregateversion}
        if decision is not None:
            values |= {"decision": decision, "decided_at": envelope.time}
        conn.execute(update(gate_decisions).where(gate_decisions.c.gate_id == str(event.gate_id))
                     .values(values))


PROJECTIONS = (GateDecisionsProjection(),)


def gate_guarding(conn: Connection, project_id: str, phase: str) -> Gate | None:
    """The most recently defined gate for `phase`: a gate is decided once, so after a rejection
    governance defines a new gate, and that one decides."""
    row = conn.execute(select(gate_decisions.c.gate_id, gate_decisions.c.decision).where(
        gate_decisions.c.project_id == project_id, gate_decisions.c.phase == phase)
        .order_by(gate_decisions.c.defined_at.desc(), gate_decisions.c.gate_id).limit(1)).first()
    return None if row is None else Gate(gate_id=UUID(row.gate_id), decision=row.decision)
