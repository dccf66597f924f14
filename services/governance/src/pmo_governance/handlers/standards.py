"""Handlers of the standards library; each refreshes the standard's rows in the library tables."""
from __future__ import annotations

from sqlalchemy import Connection, delete, insert

from pmo_governance.commands.standards import PublishStandard, RetireStandard, ReviseStandard
from pmo_governance.domain.standard import Standard
from pmo_governance.handlers.rows import replace_row
from pmo_governance.tables import standard_items, standard_project_types, standards_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def publish_standard(cmd: PublishStandard, uow: UnitOfWork) -> Standard:
    return _saved(uow, Standard.publish(new_id(), cmd, new_id))


async def revise_standard(cmd: ReviseStandard, uow: UnitOfWork) -> Standard:
    standard = await uow.get(Standard, cmd.standard_id)
    standard.revise(cmd, new_id)
    return _saved(uow, standard)


async def retire_standard(cmd: RetireStandard, uow: UnitOfWork) -> Standard:
    standard = await uow.get(Standard, cmd.standard_id)
    standard.retire(cmd)
    return _saved(uow, standard)


def _saved(uow: UnitOfWork, standard: Standard) -> Standard:
    uow.save(standard)
    uow.also(lambda conn: write_standard_rows(conn, standard))
    return standard


def write_standard_rows(conn: Connection, standard: Standard) -> None:
    """Only the current version is indexed: compliance is always judged against it."""
    latest, key = standard.latest, str(standard.id)
    replace_row(conn, standards_view, "standard_id", {
        "standard_id": key, "kind": latest.kind, "title": latest.title,
        "version": latest.version, "phase": latest.phase, "retired": standard.retired})
    for table in (standard_project_types, standard_items):
        conn.execute(delete(table).where(table.c.standard_id == key))
    if latest.project_types:
        conn.execute(insert(standard_project_types), [
            {"standard_id": key, "project_type": t} for t in latest.project_types])
    if latest.mandatory_items:
        conn.execute(insert(standard_items), [
            {"standard_id": key, "item_id": str(item.item_id), "position": i, "text": item.text}
            for i, item in enumerate(latest.mandatory_items)])
