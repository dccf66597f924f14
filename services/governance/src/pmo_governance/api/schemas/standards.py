"""Schemas of the standards library and of project compliance."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from pmo_governance.api.schemas.common import Listed, Name, Reason, Title, Url, strict
from pmo_governance.commands.standards import ItemText
from pmo_shared.events.governance import StandardPublished

ProjectTypes = Annotated[list[Name], Field(min_length=1, max_length=20)]
_EXAMPLE = {"kind": "checklist", "title": "IT project initiation", "body": "What every IT...",
            "project_types": ["it"], "phase": "execution",
            "mandatory_items": [{"text": "Data protection impact assessment done"}]}


class ItemIn(BaseModel):
    model_config = strict({"text": "Data protection impact assessment done"})
    text: Annotated[str, Field(min_length=1, max_length=500)]
    item_id: UUID | None = None

    def command(self) -> ItemText:
        return ItemText(text=self.text, item_id=self.item_id)


class StandardCreate(BaseModel):
    model_config = strict(_EXAMPLE)
    kind: Literal["policy", "template", "checklist"]
    title: Title
    body: Annotated[str, Field(max_length=20000)] = ""
    project_types: ProjectTypes
    mandatory_items: Annotated[list[ItemIn], Field(max_length=200)] = []
    phase: Name | None = None


class StandardUpdate(BaseModel):
    """Full new content; items keep their `item_id` to keep their attestations."""

    model_config = strict({k: v for k, v in _EXAMPLE.items() if k != "kind"})
    title: Title
    body: Annotated[str, Field(max_length=20000)] = ""
    project_types: ProjectTypes
    mandatory_items: Annotated[list[ItemIn], Field(max_length=200)] = []
    phase: Name | None = None


class Retirement(BaseModel):
    model_config = strict({"reason": "replaced by the 2027 checklist"})
    reason: Reason


class ItemRead(BaseModel):
    item_id: UUID
    text: str


class StandardRead(BaseModel):
    id: UUID
    version: int
    content_version: int
    kind: str
    title: str
    body: str
    project_types: list[str]
    mandatory_items: list[ItemRead]
    phase: str | None
    retired: bool

    @classmethod
    def of(cls, published: StandardPublished, *, version: int, retired: bool) -> StandardRead:
        return cls(id=published.standard_id, version=version, content_version=published.version,
                   kind=published.kind, title=published.title, body=published.body,
                   project_types=list(published.project_types),
                   mandatory_items=[ItemRead(item_id=i.item_id, text=i.text)
                                    for i in published.mandatory_items],
                   phase=published.phase, retired=retired)


class StandardSummary(BaseModel):
    id: UUID
    kind: str
    title: str
    content_version: int
    phase: str | None
    retired: bool


class StandardPage(Listed):
    items: list[StandardSummary]


class AttestationIn(BaseModel):
    model_config = strict({"standard_id": "3c1b8a0e-1f2d-4e5a-9b6c-7d8e9f0a1b2c",
                           "item_id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
                           "evidence_url": "https://wiki.example.com/erp/dpia"})
    standard_id: UUID
    item_id: UUID
    evidence_url: Url | None = None


class ComplianceItemRead(BaseModel):
    standard_id: UUID
    standard_version: int
    item_id: UUID
    text: str
    attested_by: UUID | None
    attested_at: datetime | None
    evidence_url: str | None


class ComplianceRead(BaseModel):
    project_id: UUID
    project_type: str
    mandatory_items: int
    attested_items: int
    missing_item_ids: list[UUID]
    compliant: bool
    items: list[ComplianceItemRead]


class NonCompliantProject(BaseModel):
    project_id: UUID
    code: str
    name: str
    portfolio_id: UUID | None
    project_type: str
    missing_items: int


class NonCompliantPage(Listed):
    items: list[NonCompliantProject]


class EvaluationRead(BaseModel):
    project_id: UUID
    version: int
    mandatory_items: int
    attested_items: int
    missing_item_ids: list[UUID]
    compliant: bool
