"""Schemas of the knowledge repository: lessons learned, articles and search results."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from pmo_governance.api.schemas.common import Listed, LongText, Name, Tag, Title, strict
from pmo_shared.events.governance import ArticlePublished, LessonRecorded

Tags = Annotated[list[Tag], Field(max_length=20)]


class LessonCreate(BaseModel):
    model_config = strict({"phase": "execution", "title": "Book test environments early",
                           "what_happened": "UAT waited three weeks for an environment",
                           "impact": "go-live slipped 2 weeks",
                           "recommendation": "request environments at planning",
                           "tags": ["testing", "environments"]})
    phase: Name
    title: Title
    what_happened: LongText
    impact: LongText = ""
    recommendation: LongText
    tags: Tags = []


class ArticleCreate(BaseModel):
    model_config = strict({"title": "Running a stage gate review", "body": "Prepare...",
                           "tags": ["stage-gate"]})
    title: Title
    body: Annotated[str, Field(min_length=1, max_length=50000)]
    tags: Tags = []


class LessonRead(BaseModel):
    id: UUID
    version: int
    content_version: int
    project_id: UUID
    phase: str
    title: str
    what_happened: str
    impact: str
    recommendation: str
    tags: list[str]

    @classmethod
    def of(cls, e: LessonRecorded, *, version: int) -> LessonRead:
        return cls(id=e.lesson_id, version=version, content_version=e.version,
                   project_id=e.project_id, phase=e.phase, title=e.title,
                   what_happened=e.what_happened, impact=e.impact,
                   recommendation=e.recommendation, tags=list(e.tags))


class ArticleRead(BaseModel):
    id: UUID
    version: int
    content_version: int
    title: str
    body: str
    tags: list[str]

    @classmethod
    def of(cls, e: ArticlePublished, *, version: int) -> ArticleRead:
        return cls(id=e.article_id, version=version, content_version=e.version, title=e.title,
                   body=e.body, tags=list(e.tags))


class KnowledgeHit(BaseModel):
    id: UUID
    kind: str
    title: str
    project_id: UUID | None
    phase: str | None
    content_version: int
    tags: list[str]
    updated_at: datetime
    href: str


class KnowledgePage(Listed):
    items: list[KnowledgeHit]
