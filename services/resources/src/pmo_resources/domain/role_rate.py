"""The RoleRate aggregate: the effective-dated default hourly cost rate of one role.

Its id is derived from the role name, so the first rate of a role creates it and two racing
first rates collide on the event store's primary key instead of making two histories."""
from __future__ import annotations

from datetime import date
from uuid import NAMESPACE_URL, UUID, uuid5

from pmo_resources.domain.rates import Rate, check_rate, rate_on, with_rate
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import CostRateSet
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.money import Money


def role_rate_id(role: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"pmo:resources:role-rate:{role}")


class RoleRate(Aggregate):
    aggregate_type = "role_rate"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.role = ""
        self.rates: tuple[Rate, ...] = ()

    @classmethod
    def for_role(cls, role: str) -> RoleRate:
        rate = cls(role_rate_id(role))
        rate.role = role
        return rate

    def set_rate(self, effective_from: date, hourly_rate: Money) -> None:
        check_rate(hourly_rate)
        self._record(CostRateSet(role=self.role, effective_from=effective_from,
                                 hourly_rate=hourly_rate))

    def rate_on(self, day: date) -> Money | None:
        return rate_on(self.rates, day)

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case CostRateSet(role=str(role)):
                self.role = role
                self.rates = with_rate(self.rates, Rate(event.effective_from, event.hourly_rate))
            case _:
                raise UnknownEvent(event.event_type)
