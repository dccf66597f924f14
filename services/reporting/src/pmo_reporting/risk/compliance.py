"""/v1/compliance: each visible project's latest governance compliance evaluation."""
from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from sqlalchemy import Connection

from pmo_reporting.api.freshness import AwaitEvents, ReadSideDep, freshness
from pmo_reporting.api.reportparams import TimeSliceDep
from pmo_reporting.capacity.params import ROUNDING, cursor_key
from pmo_reporting.risk import queries
from pmo_reporting.risk.schemas import ComplianceReport, ProjectCompliance
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.pagination import CursorQuery, LimitQuery, encode_cursor

router = APIRouter(prefix="/v1", tags=["compliance"])


@router.get("/compliance", response_model=ComplianceReport, dependencies=[AwaitEvents])
async def compliance(principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep,
                     portfolio_id: UUID | None = None, compliant: bool | None = None,
                     limit: LimitQuery = 50, cursor: CursorQuery = None) -> ComplianceReport:
    """Status per project: `compliant`, `non_compliant`, or `not_evaluated` (no evaluation
    dated by `as_of` known at `as_known_at`)."""
    after = cursor_key(cursor)

    def query(conn: Connection) -> tuple[dict[str, str | None], dict[str, Any]]:
        projects = queries.visible_projects(conn, principal, portfolio_id=portfolio_id)
        rows = queries.compliance(conn, as_of=when.as_of, at=when.known_at,
                                  project_ids=list(projects)) if projects else []
        return projects, {row.project_id: row for row in rows}

    projects, latest = await side.database.read(query)
    items = [_item(project, portfolio, latest.get(project))
             for project, portfolio in sorted(projects.items())
             if after is None or project > after]
    if compliant is not None:
        items = [item for item in items if item.compliant is compliant]
    page = items[:limit]
    return ComplianceReport(
        as_of=when.as_of, as_known_at=when.known_at, rounding=ROUNDING,
        freshness=await freshness(side, side.consumer_name), items=page,
        next_cursor=encode_cursor({"key": page[-1].project_id}) if len(items) > limit else None)


def _item(project: str, portfolio: str | None, row: Any | None) -> ProjectCompliance:
    if row is None:
        return ProjectCompliance(project_id=project, portfolio_id=portfolio, evaluated_on=None,
                                 compliant=None, mandatory_items=None, attested_items=None,
                                 missing_item_ids=[], status="not_evaluated")
    return ProjectCompliance(
        project_id=project, portfolio_id=portfolio, evaluated_on=row.evaluated_on,
        compliant=row.compliant, mandatory_items=row.mandatory_items,
        attested_items=row.attested_items, missing_item_ids=json.loads(row.missing_item_ids),
        status="compliant" if row.compliant else "non_compliant")
