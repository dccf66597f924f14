"""Commands of the governance service."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class IdentifyRisk:
    project_id: UUID
    title: str
    description: str
    category: str
    owner_id: UUID
