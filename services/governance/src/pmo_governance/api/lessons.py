"""/v1/projects/{project_id}/lessons and /v1/lessons/{lesson_id}: versioned lessons learned.

Lessons are written by the people of the project and read by everyone signed in: reuse across
projects is their purpose, so they hold recommendations, not a project's register."""
from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from pmo_governance.api.access import hide_unless_reader, require_reader
from pmo_governance.api.schemas.knowledge import LessonCreate, LessonRead
from pmo_governance.commands.knowledge import RecordLesson
from pmo_governance.domain.lesson import Lesson
from pmo_governance.handlers import knowledge as handlers
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScope, CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.principal import Role
from pmo_shared.kernel.errors import Forbidden, NotFound

router = APIRouter(prefix="/v1", tags=["knowledge"])


async def _require_contributor(scope: CommandScope, project_id: UUID) -> None:
    """Anyone with a role on the project may share a lesson, except a read-only auditor."""
    await require_reader(scope.write_side, scope.principal, project_id)
    if scope.principal.roles <= {Role.AUDITOR}:
        raise Forbidden("auditors read only")


def _command(project_id: UUID, body: LessonCreate) -> RecordLesson:
    return RecordLesson(project_id=project_id, phase=body.phase, title=body.title,
                        what_happened=body.what_happened, impact=body.impact,
                        recommendation=body.recommendation, tags=tuple(body.tags))


def _read(lesson: Lesson) -> LessonRead:
    return LessonRead.of(lesson.latest, version=lesson.next_version)


@router.post("/projects/{project_id}/lessons", status_code=201, response_model=LessonRead)
async def record(project_id: UUID, body: LessonCreate, scope: CommandScopeDep) -> Response:
    await _require_contributor(scope, project_id)
    cmd, now = _command(project_id, body), scope.write_side.clock.now()
    return await scope.run(lambda uow: handlers.record_lesson(cmd, uow, now), _read,
                           status=201, location=lambda lesson: f"/v1/lessons/{lesson.id}")


@router.get("/lessons/{lesson_id}", response_model=LessonRead)
async def read(lesson_id: UUID, _principal: PrincipalDep, write_side: WriteSideDep,
               version: Annotated[int | None, Query(ge=1, le=10_000)] = None) -> JSONResponse:
    """The current content, or an earlier content `version`."""
    lesson = await write_side.load(Lesson, lesson_id)
    if lesson is None or (version is not None and version > len(lesson.versions)):
        raise NotFound(f"lesson {lesson_id} (version {version}) does not exist")
    content = lesson.versions[version - 1] if version else lesson.latest
    return resource_response(LessonRead.of(content, version=lesson.version),
                             version=lesson.version)


@router.put("/lessons/{lesson_id}", response_model=LessonRead)
async def revise(lesson_id: UUID, body: LessonCreate, scope: CommandScopeDep) -> Response:
    lesson = await scope.write_side.load(Lesson, lesson_id)
    project_id = lesson.latest.project_id if lesson else None
    await hide_unless_reader(scope.write_side, scope.principal, project_id, f"lesson {lesson_id}")
    assert project_id is not None
    await _require_contributor(scope, project_id)
    cmd, now = _command(project_id, body), scope.write_side.clock.now()
    return await scope.run(lambda uow: handlers.revise_lesson(lesson_id, cmd, uow, now), _read)
