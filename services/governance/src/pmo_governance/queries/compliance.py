"""Compliance queries: what a project type must attest, what a project has, who falls short."""
from __future__ import annotations

from collections.abc import Collection
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Row, Select, and_, func, select

from pmo_governance import tables
from pmo_governance.domain.compliance import RequiredItem

att, kp = tables.compliance_attestations, tables.known_projects
si, spt, sv = tables.standard_items, tables.standard_project_types, tables.standards_view


def _required() -> Select[Any]:
    return (select(si.c.standard_id, sv.c.version, si.c.item_id, si.c.text, spt.c.project_type)
            .join(sv, sv.c.standard_id == si.c.standard_id)
            .join(spt, spt.c.standard_id == si.c.standard_id)
            .where(sv.c.retired.is_(False)))


def required_items(conn: Connection, project_type: str) -> list[RequiredItem]:
    rows = conn.execute(_required().where(spt.c.project_type == project_type)
                        .order_by(si.c.standard_id, si.c.position)).all()
    return [RequiredItem(UUID(r.standard_id), r.version, UUID(r.item_id), r.text) for r in rows]


def attestations(conn: Connection, project_id: UUID) -> dict[UUID, Row[Any]]:
    rows = conn.execute(select(att).where(att.c.project_id == str(project_id))).all()
    return {UUID(r.item_id): r for r in rows}


def non_compliant(conn: Connection, *, portfolio_id: UUID | None,
                  project_ids: Collection[UUID] | None, after: str | None,
                  limit: int) -> list[Row[Any]]:
    """Projects with at least one required item unattested, with the count, by project id."""
    required = _required().subquery()
    missing = func.count(required.c.item_id).label("missing")
    query = (select(kp.c.project_id, kp.c.code, kp.c.name, kp.c.portfolio_id,
                    kp.c.project_type, missing)
             .join(required, required.c.project_type == kp.c.project_type)
             .outerjoin(att, and_(att.c.project_id == kp.c.project_id,
                                  att.c.item_id == required.c.item_id))
             .where(att.c.item_id.is_(None))
             .group_by(kp.c.project_id, kp.c.code, kp.c.name, kp.c.portfolio_id,
                       kp.c.project_type)
             .having(missing > 0).order_by(kp.c.project_id).limit(limit + 1))
    if portfolio_id is not None:
        query = query.where(kp.c.portfolio_id == str(portfolio_id))
    if project_ids is not None:
        query = query.where(kp.c.project_id.in_([str(p) for p in project_ids]))
    if after is not None:
        query = query.where(kp.c.project_id > after)
    return list(conn.execute(query).all())
