"""Look-ups in the local copy of the projects service's projects."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, select

from pmo_governance.tables import known_projects


def project_type_of(conn: Connection, project_id: UUID) -> str | None:
    return conn.execute(select(known_projects.c.project_type)
                        .where(known_projects.c.project_id == str(project_id))).scalar()
