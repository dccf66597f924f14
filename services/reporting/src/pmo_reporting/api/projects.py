"""/v1/projects: what reporting knows of each project (the slice's read model)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import func, select

from pmo_reporting.api.freshness import AwaitEvents, Freshness, ReadSideDep, freshness
from pmo_reporting.tables import rm_people, rm_projects, rm_risks
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1", tags=["projects"])


class ProjectSummary(BaseModel):
    project_id: UUID
    code: str
    name: str
    phase: str
    portfolio_id: UUID | None
    budget_at_completion: Decimal
    currency: str
    planned_start_on: date
    planned_finish_on: date
    open_risks: int
    freshness: Freshness


@router.get("/projects/{project_id}", response_model=ProjectSummary, dependencies=[AwaitEvents])
async def project_summary(project_id: UUID, principal: PrincipalDep,
                          side: ReadSideDep) -> ProjectSummary:
    def query(conn):  # type: ignore[no-untyped-def]
        project = conn.execute(select(rm_projects)
                               .where(rm_projects.c.project_id == str(project_id))).first()
        risks = conn.execute(select(func.count()).select_from(rm_risks)
                             .where(rm_risks.c.project_id == str(project_id))).scalar_one()
        return project, risks

    project, risks = await side.database.read(query)
    portfolio = UUID(project.portfolio_id) if project and project.portfolio_id else None
    if project is None or not principal.can_read_project(project_id, portfolio):
        raise NotFound(f"project {project_id} is not known to reporting")
    return ProjectSummary(
        project_id=project_id, code=project.code, name=project.name, phase=project.phase,
        portfolio_id=portfolio, budget_at_completion=project.bac_amount,
        currency=project.currency, planned_start_on=project.planned_start_on,
        planned_finish_on=project.planned_finish_on, open_risks=risks,
        freshness=await freshness(side, side.consumer_name),
    )


class PeopleCount(BaseModel):
    people: int
    freshness: Freshness


@router.get("/people/count", response_model=PeopleCount, dependencies=[AwaitEvents])
async def people_count(principal: PrincipalDep, side: ReadSideDep) -> PeopleCount:
    count = await side.database.read(lambda conn: conn.execute(
        select(func.count()).select_from(rm_people)).scalar_one())
    return PeopleCount(people=count, freshness=await freshness(side, side.consumer_name))
