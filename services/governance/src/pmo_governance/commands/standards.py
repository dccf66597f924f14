"""Commands on the standards library and project compliance."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class ItemText:
    text: str
    item_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class PublishStandard:
    kind: str
    title: str
    body: str
    project_types: tuple[str, ...]
    mandatory_items: tuple[ItemText, ...] = ()
    phase: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReviseStandard:
    standard_id: UUID
    title: str
    body: str
    project_types: tuple[str, ...]
    mandatory_items: tuple[ItemText, ...] = ()
    phase: str | None = None


@dataclass(frozen=True, kw_only=True)
class RetireStandard:
    standard_id: UUID
    reason: str


@dataclass(frozen=True, kw_only=True)
class AttestComplianceItem:
    project_id: UUID
    standard_id: UUID
    item_id: UUID
    attested_by: UUID
    evidence_url: str = ""
