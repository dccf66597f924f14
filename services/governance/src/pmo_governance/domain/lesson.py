"""The Lesson aggregate: a versioned lesson learned, linked to a project and a phase."""
from __future__ import annotations

from typing import Self
from uuid import UUID

from pmo_governance.commands.knowledge import RecordLesson
from pmo_governance.domain.errors import InvalidInput
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import LessonRecorded
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent


def normal_tags(tags: tuple[str, ...]) -> list[str]:
    """Tags are matched case-insensitively, so they are stored lower-case and once each."""
    result: list[str] = []
    for tag in (t.strip().lower() for t in tags):
        if not tag:
            raise InvalidInput("a tag cannot be blank", pointer="#/tags")
        if tag not in result:
            result.append(tag)
    return result


class Lesson(Aggregate):
    aggregate_type = "lesson"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.versions: list[LessonRecorded] = []

    @property
    def latest(self) -> LessonRecorded:
        return self.versions[-1]

    @classmethod
    def record(cls, lesson_id: UUID, cmd: RecordLesson) -> Self:
        lesson = cls(lesson_id)
        lesson._write(cmd, version=1)
        return lesson

    def revise(self, cmd: RecordLesson) -> None:
        """A revision is a new full version; the project link never moves."""
        if cmd.project_id != self.latest.project_id:
            raise InvalidInput("a lesson stays linked to its project", pointer="#/project_id")
        self._write(cmd, version=self.latest.version + 1)

    def _write(self, cmd: RecordLesson, *, version: int) -> None:
        self._record(LessonRecorded(
            lesson_id=self.id, project_id=cmd.project_id, version=version, phase=cmd.phase,
            title=cmd.title, what_happened=cmd.what_happened, impact=cmd.impact,
            recommendation=cmd.recommendation, tags=normal_tags(cmd.tags)))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case LessonRecorded():
                self.versions.append(event)
            case _:
                raise UnknownEvent(event.event_type)
