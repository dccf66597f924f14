"""SQL behind the risk reports: the latest assessment and status of each risk as of a status
date and as known at a record time, by window functions; and the visible projects."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Subquery, Table, func, select

from pmo_reporting.bitemporal import known_at
from pmo_reporting.capacity.access import visible_projects
from pmo_reporting.risk.tables import (
    rm_compliance,
    rm_contingency_lines,
    rm_risk_assessments,
    rm_risk_statuses,
    rm_risk_versions,
)

OPEN_STATUSES = ("open", "mitigating", "accepted")
__all__ = ["OPEN_STATUSES", "visible_projects"]


def _latest(table: Table, dated: str, *filters: ColumnElement[bool], as_of: date, at: datetime,
            project_ids: list[str]) -> Subquery:
    """Rows of `table` dated by as_of and known at `at`, ranked per risk: rank 1 is the latest."""
    return select(table, func.row_number().over(
        partition_by=table.c.risk_id,
        order_by=(table.c[dated].desc(), table.c.recorded_at.desc(), table.c.id.desc()),
    ).label("rank")).where(table.c[dated] <= as_of, known_at(table, at),
                           table.c.project_id.in_(project_ids), *filters).subquery()


def latest_assessments(conn: Connection, *, stage: str | None, as_of: date, at: datetime,
                       project_ids: Sequence[str], open_only: bool = True) -> list[Any]:
    """Per risk: its title, its status and latest `stage` assessment (None: of either stage) as
    of the status date."""
    ids = list(project_ids)
    staged = [] if stage is None else [rm_risk_assessments.c.stage == stage]
    ranked = _latest(rm_risk_assessments, "assessed_on", *staged, as_of=as_of, at=at,
                     project_ids=ids)
    changes = _latest(rm_risk_statuses, "changed_on", as_of=as_of, at=at, project_ids=ids)
    status = func.coalesce(changes.c.status, "open")
    risks = rm_risk_versions
    query = (select(ranked, risks.c.title, risks.c.category, risks.c.kind, status.label("status"))
             .join(risks, (risks.c.risk_id == ranked.c.risk_id) & known_at(risks, at))
             .outerjoin(changes, (changes.c.risk_id == ranked.c.risk_id) & (changes.c.rank == 1))
             .where(ranked.c.rank == 1))
    if open_only:
        query = query.where(status.in_(OPEN_STATUSES))
    return list(conn.execute(query))


def history(conn: Connection, risk_id: str, *, as_of: date, at: datetime) -> list[Any]:
    scores = rm_risk_assessments
    return list(conn.execute(select(scores).where(
        scores.c.risk_id == risk_id, scores.c.assessed_on <= as_of, known_at(scores, at))
        .order_by(scores.c.assessed_on, scores.c.stage, scores.c.recorded_at)))


def risk_project(conn: Connection, risk_id: str, at: datetime) -> str | None:
    return conn.execute(select(rm_risk_versions.c.project_id).where(
        rm_risk_versions.c.risk_id == risk_id, known_at(rm_risk_versions, at))).scalar()


def contingency(conn: Connection, *, at: datetime, project_ids: Sequence[str]) -> list[Any]:
    lines = rm_contingency_lines
    return list(conn.execute(select(
        lines.c.project_id, lines.c.currency, func.sum(lines.c.amount_e4).label("amount_e4"))
        .where(known_at(lines, at), lines.c.project_id.in_(list(project_ids)))
        .group_by(lines.c.project_id, lines.c.currency)))


def compliance(conn: Connection, *, as_of: date, at: datetime,
               project_ids: Sequence[str]) -> list[Any]:
    table = rm_compliance
    ranked = select(table, func.row_number().over(
        partition_by=table.c.project_id,
        order_by=(table.c.evaluated_on.desc(), table.c.recorded_at.desc(), table.c.id.desc()),
    ).label("rank")).where(table.c.evaluated_on <= as_of, known_at(table, at),
                           table.c.project_id.in_(list(project_ids))).subquery("ranked")
    return list(conn.execute(select(ranked).where(ranked.c.rank == 1)
                             .order_by(ranked.c.project_id)))
