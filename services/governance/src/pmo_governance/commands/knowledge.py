"""Commands on the knowledge repository: lessons learned and best-practice articles."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class RecordLesson:
    project_id: UUID
    phase: str
    title: str
    what_happened: str
    impact: str
    recommendation: str
    tags: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class WriteArticle:
    title: str
    body: str
    tags: tuple[str, ...]
