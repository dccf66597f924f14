"""The ProjectCompliance aggregate: which mandatory standard items a project has attested."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import NAMESPACE_URL, UUID, uuid5

from pmo_governance.commands.standards import AttestComplianceItem
from pmo_governance.domain.errors import InvalidInput
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import ComplianceEvaluated, ComplianceItemAttested
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import Duplicate

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:pmo:governance:compliance")


def compliance_id_for(project_id: UUID) -> UUID:
    return uuid5(_NAMESPACE, str(project_id))


@dataclass(frozen=True)
class RequiredItem:
    """A mandatory item of the current version of a standard that applies to the project."""

    standard_id: UUID
    standard_version: int
    item_id: UUID
    text: str


@dataclass(frozen=True)
class Evaluation:
    mandatory_items: int
    attested_items: int
    missing_item_ids: list[UUID]

    @property
    def compliant(self) -> bool:
        return not self.missing_item_ids


def evaluate(required: Sequence[RequiredItem], attested: Iterable[UUID]) -> Evaluation:
    """Attestations of items no longer required are ignored: they neither help nor hurt."""
    done = set(attested)
    missing = [item.item_id for item in required if item.item_id not in done]
    return Evaluation(len(required), len(required) - len(missing), missing)


class ProjectCompliance(Aggregate):
    aggregate_type = "compliance"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id: UUID | None = None
        self.attested: dict[UUID, ComplianceItemAttested] = {}
        self.evaluation: ComplianceEvaluated | None = None

    @classmethod
    def of_project(cls, project_id: UUID) -> ProjectCompliance:
        compliance = cls(compliance_id_for(project_id))
        compliance.project_id = project_id
        return compliance

    def attest(self, cmd: AttestComplianceItem, required: Sequence[RequiredItem]) -> Evaluation:
        item = next((i for i in required if i.item_id == cmd.item_id
                     and i.standard_id == cmd.standard_id), None)
        if item is None:
            raise InvalidInput("the item is not a mandatory item of a standard for this project",
                               pointer="#/item_id")
        if cmd.item_id in self.attested:
            raise Duplicate("the item is already attested", attested_by=str(
                self.attested[cmd.item_id].attested_by))
        self._record(ComplianceItemAttested(
            project_id=cmd.project_id, standard_id=cmd.standard_id,
            standard_version=item.standard_version, item_id=cmd.item_id,
            attested_by=cmd.attested_by, evidence_url=cmd.evidence_url))
        result = evaluate(required, self.attested)
        self._record(ComplianceEvaluated(
            project_id=cmd.project_id, mandatory_items=result.mandatory_items,
            attested_items=result.attested_items, missing_item_ids=result.missing_item_ids,
            compliant=result.compliant))
        return result

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ComplianceItemAttested():
                self.project_id = event.project_id
                self.attested[event.item_id] = event
            case ComplianceEvaluated():
                self.evaluation = event
            case _:
                raise UnknownEvent(event.event_type)
