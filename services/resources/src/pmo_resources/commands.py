"""Commands of the resources service."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class RegisterPerson:
    name: str
    role: str
    team_id: UUID | None = None
