"""One function per command: load, decide (pure domain), save in the unit of work."""
from __future__ import annotations

from sqlalchemy import Connection, insert

from pmo_governance.commands import IdentifyRisk
from pmo_governance.domain.risk import Risk
from pmo_governance.tables import risks_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def identify_risk(cmd: IdentifyRisk, uow: UnitOfWork) -> Risk:
    risk = uow.save(Risk.identify(new_id(), cmd))

    def write_view(conn: Connection) -> None:
        conn.execute(insert(risks_view).values(
            risk_id=str(risk.id), project_id=str(risk.project_id), title=risk.title,
            status=risk.status, owner_id=str(risk.owner_id)))

    uow.also(write_view)
    return risk
