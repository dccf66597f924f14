"""Commands of the projects service: imperative, immutable requests to change state."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from pmo_shared.kernel.money import Money


@dataclass(frozen=True, kw_only=True)
class CharterProject:
    code: str
    name: str
    goals: tuple[str, ...]
    sponsor_id: UUID
    manager_id: UUID
    planned_start_on: date
    planned_finish_on: date
    budget: Money
    project_type: str
    portfolio_id: UUID | None = None
    program_id: UUID | None = None
