"""The Standard aggregate: a versioned policy, template or checklist of the standards library."""
from __future__ import annotations

from collections.abc import Callable
from typing import Self
from uuid import UUID

from pmo_governance.commands.standards import (
    ItemText,
    PublishStandard,
    RetireStandard,
    ReviseStandard,
)
from pmo_governance.domain.errors import InvalidInput, Retired
from pmo_governance.domain.risk import check_choice
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import (
    ChecklistItem,
    GateCriterion,
    StandardPublished,
    StandardRetired,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent

KINDS = ("policy", "template", "checklist")
IdFactory = Callable[[], UUID]


class Standard(Aggregate):
    aggregate_type = "standard"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.versions: list[StandardPublished] = []
        self.retired_because: str | None = None

    @property
    def latest(self) -> StandardPublished:
        return self.versions[-1]

    @property
    def retired(self) -> bool:
        return self.retired_because is not None

    @classmethod
    def publish(cls, standard_id: UUID, cmd: PublishStandard, new_id: IdFactory) -> Self:
        check_choice(cmd.kind, KINDS, "#/kind")
        standard = cls(standard_id)
        items = _items(cmd.mandatory_items, known=set(), new_id=new_id)
        standard._record(StandardPublished(
            standard_id=standard_id, version=1, kind=cmd.kind, title=cmd.title, body=cmd.body,
            project_types=list(cmd.project_types), mandatory_items=items, phase=cmd.phase))
        return standard

    def revise(self, cmd: ReviseStandard, new_id: IdFactory) -> None:
        """Items that keep their id keep their attestations; the rest are new obligations."""
        if self.retired:
            raise Retired("a retired standard cannot be revised")
        known = {item.item_id for item in self.latest.mandatory_items}
        items = _items(cmd.mandatory_items, known=known, new_id=new_id)
        self._record(StandardPublished(
            standard_id=self.id, version=self.latest.version + 1, kind=self.latest.kind,
            title=cmd.title, body=cmd.body, project_types=list(cmd.project_types),
            mandatory_items=items, phase=cmd.phase))

    def retire(self, cmd: RetireStandard) -> None:
        if self.retired:
            raise Retired("the standard is already retired")
        self._record(StandardRetired(standard_id=self.id, reason=cmd.reason))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case StandardPublished():
                self.versions.append(event)
            case StandardRetired():
                self.retired_because = event.reason
            case _:
                raise UnknownEvent(event.event_type)


def _items(texts: tuple[ItemText, ...], *, known: set[UUID],
           new_id: IdFactory) -> list[ChecklistItem]:
    items = []
    for index, item in enumerate(texts):
        if item.item_id is not None and item.item_id not in known:
            raise InvalidInput(f"item {item.item_id} is not on the current version",
                               pointer=f"#/mandatory_items/{index}/item_id")
        items.append(ChecklistItem(item_id=item.item_id or new_id(), text=item.text))
    if len({i.item_id for i in items}) != len(items):
        raise InvalidInput("an item id appears twice", pointer="#/mandatory_items")
    return items


def gate_criteria(standard: Standard, project_type: str,
                  new_id: IdFactory) -> list[GateCriterion]:
    """A gate built from the library copies the standard's current mandatory items."""
    if standard.retired:
        raise InvalidInput("the standard is retired", pointer="#/standard_id")
    if project_type not in standard.latest.project_types:
        raise InvalidInput(f"the standard does not apply to project type {project_type!r}",
                           pointer="#/standard_id")
    return [GateCriterion(criterion_id=new_id(), description=item.text, mandatory=True)
            for item in standard.latest.mandatory_items]
