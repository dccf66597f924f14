"""The HolidayCalendar aggregate: a named list of public holidays, republished whole."""
from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

from pmo_resources.domain.errors import InvalidField
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import Holiday, HolidayCalendarPublished
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent


class HolidayCalendar(Aggregate):
    aggregate_type = "holiday_calendar"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.name = ""
        self.holidays: list[Holiday] = []

    @classmethod
    def publish_new(cls, calendar_id: UUID, *, name: str,
                    holidays: tuple[tuple[date, str], ...]) -> Self:
        calendar = cls(calendar_id)
        calendar.publish(name=name, holidays=holidays)
        return calendar

    def publish(self, *, name: str, holidays: tuple[tuple[date, str], ...]) -> None:
        days = [on for on, _ in holidays]
        if len(set(days)) != len(days):
            raise InvalidField("a day is listed twice", pointer="#/holidays")
        self._record(HolidayCalendarPublished(
            calendar_id=self.id, name=name,
            holidays=[Holiday(on=on, name=label) for on, label in sorted(holidays)]))

    @property
    def days(self) -> frozenset[date]:
        return frozenset(holiday.on for holiday in self.holidays)

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case HolidayCalendarPublished():
                self.name, self.holidays = event.name, event.holidays
            case _:
                raise UnknownEvent(event.event_type)
