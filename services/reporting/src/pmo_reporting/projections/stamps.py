"""rm_project_stamps: a change counter and the latest record time per project.

Every event that names a project bumps its stamp, so a figure remembered under a stamp is valid
until the next such event (queries/evm_memo.py). Stamps are buffered per batch in `conn.info`
and written once at the end of the batch, inside the savepoint that applied its events."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select, update

from pmo_reporting.ids import id_text
from pmo_reporting.tables import rm_project_stamps as stamps
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent

SLOT = "pmo_reporting.project_stamps"
BUMP = (update(stamps).where(stamps.c.project_id == bindparam("pid"))
        .values(changes=stamps.c.changes + bindparam("n"),
                last_recorded_at=bindparam("latest")))
INSERT = insert(stamps)


class ProjectStampsProjection:
    name = "project_stamps"

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        project_id = getattr(event, "project_id", None)
        if project_id is None:
            return
        key = id_text(project_id)
        pending: dict[str, tuple[int, datetime]] = conn.info.setdefault(SLOT, {})
        count, latest = pending.get(key, (0, envelope.time))
        pending[key] = (count + 1, max(latest, envelope.time))

    def flush(self, conn: Connection) -> None:
        pending: dict[str, tuple[int, datetime]] | None = conn.info.pop(SLOT, None)
        if not pending:
            return
        known = dict(conn.execute(select(stamps.c.project_id, stamps.c.last_recorded_at)
                                  .where(stamps.c.project_id.in_(pending))).all())
        bumps = [{"pid": pid, "n": n, "latest": max(latest, known[pid])}
                 for pid, (n, latest) in pending.items() if pid in known]
        fresh = [{"project_id": pid, "changes": n, "last_recorded_at": latest}
                 for pid, (n, latest) in pending.items() if pid not in known]
        if bumps:
            conn.execute(BUMP, bumps)
        if fresh:
            conn.execute(INSERT, fresh)

    def discard(self, conn: Connection) -> None:
        conn.info.pop(SLOT, None)
