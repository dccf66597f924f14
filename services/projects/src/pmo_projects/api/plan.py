"""/v1/projects/{id}/plan: the whole plan in one read (project, tasks, dependencies, milestones),
served from the inline tables so a project with thousands of tasks reads in milliseconds."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import Connection, select

from pmo_projects.api.access import readable_project
from pmo_projects.api.schemas.plan import PlanTaskRow
from pmo_projects.tables import milestones, projects_view, tasks
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import WriteSideDep
from pmo_shared.http.etag import etag_for
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/projects/{project_id}/plan", tags=["plan"])


class PlanMilestoneRow(BaseModel):
    id: UUID
    name: str
    due_on: date
    task_id: UUID | None
    weight: Decimal
    reached_on: date | None


class PlanRead(BaseModel):
    project_id: UUID
    code: str
    name: str
    phase: str
    planned_start_on: date
    planned_finish_on: date
    version: int
    tasks: list[PlanTaskRow]
    milestones: list[PlanMilestoneRow]


def _plan_json(conn: Connection, project_id: str) -> tuple[int, str] | None:
    p = conn.execute(select(projects_view).where(projects_view.c.project_id == project_id)).first()
    if p is None:
        return None
    # Each task's JSON was rendered when the task was written (views/task_doc.py).
    docs = conn.execute(select(tasks.c.doc).where(tasks.c.project_id == project_id)
                        .order_by(tasks.c.wbs_code)).scalars().all()
    rows = conn.execute(select(milestones).where(milestones.c.project_id == project_id)
                        .order_by(milestones.c.due_on))
    head = {"project_id": project_id, "code": p.code, "name": p.name, "phase": p.phase,
            "planned_start_on": p.planned_start_on.isoformat(),
            "planned_finish_on": p.planned_finish_on.isoformat(), "version": p.version,
            "milestones": [{"id": m.milestone_id, "name": m.name, "due_on": m.due_on.isoformat(),
                            "task_id": m.task_id, "weight": m.weight,
                            "reached_on": m.reached_on.isoformat() if m.reached_on else None}
                           for m in rows]}
    body = json.dumps(head, separators=(",", ":"))[:-1] + ',"tasks":[' + ",".join(docs) + "]}"
    return p.version, body


@router.get("", response_model=PlanRead)
async def read_plan(project_id: UUID, principal: PrincipalDep, side: WriteSideDep) -> Response:
    """ETag is the project's version; each task carries its own version for If-Match."""
    await readable_project(side, principal, project_id)
    found = await side.database.read(lambda c: _plan_json(c, str(project_id)))
    if found is None:
        raise NotFound(f"project {project_id} does not exist")
    version, body = found
    return Response(body, media_type="application/json", headers={"ETag": etag_for(version)})
