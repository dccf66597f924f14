"""The Person aggregate: who can work, when (schedules, calendars, time off) and at what rate."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self
from uuid import UUID

from pmo_resources.commands import BookTimeOff, ChangePerson, RegisterPerson
from pmo_resources.domain import capacity
from pmo_resources.domain.errors import InvalidField, TimeOffOverlaps
from pmo_resources.domain.rates import Rate, check_rate, rate_on, with_rate
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import (
    CostRateSet,
    PersonCalendarAssigned,
    PersonCalendarUnassigned,
    PersonChanged,
    PersonRegistered,
    ScheduleSet,
    SkillLevel,
    TimeOffBooked,
    TimeOffCancelled,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import NotFound
from pmo_shared.kernel.money import Money

MAX_TIME_OFF_DAYS = 366


def _skills(pairs: tuple[tuple[str, int], ...]) -> list[SkillLevel]:
    return [SkillLevel(skill=skill, level=level) for skill, level in pairs]


class Person(Aggregate):
    aggregate_type = "person"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.name = self.role = self.employment_type = ""
        self.team_id: UUID | None = None
        self.skills: list[SkillLevel] = []
        self.active_from: date | None = None
        self.active_until: date | None = None
        self.schedules: list[capacity.Schedule] = []
        self.calendar_ids: list[UUID] = []
        self.time_off: dict[UUID, TimeOffBooked] = {}
        self.rates: tuple[Rate, ...] = ()

    @classmethod
    def register(cls, person_id: UUID, cmd: RegisterPerson) -> Self:
        if cmd.active_until is not None and cmd.active_until < cmd.active_from:
            raise InvalidField("active_until is before active_from", pointer="#/active_until")
        person = cls(person_id)
        person._record(PersonRegistered(
            person_id=person_id, name=cmd.name, role=cmd.role, team_id=cmd.team_id,
            skills=_skills(cmd.skills), employment_type=cmd.employment_type,
            active_from=cmd.active_from, active_until=cmd.active_until))
        return person

    def change(self, cmd: ChangePerson) -> None:
        if (cmd.active_until is not None and self.active_from is not None
                and cmd.active_until < self.active_from):
            raise InvalidField("active_until is before active_from", pointer="#/active_until")
        self._record(PersonChanged(
            person_id=self.id, name=cmd.name, role=cmd.role, team_id=cmd.team_id,
            skills=_skills(cmd.skills), employment_type=cmd.employment_type,
            active_until=cmd.active_until))

    def set_schedule(self, effective_from: date, hours_per_weekday: tuple[Decimal, ...]) -> None:
        if len(hours_per_weekday) != 7 or any(not 0 <= h <= 24 for h in hours_per_weekday):
            raise InvalidField("seven daily hours between 0 and 24, Monday first",
                               pointer="#/hours_per_weekday")
        self._record(ScheduleSet(person_id=self.id, effective_from=effective_from,
                                 hours_per_weekday=list(hours_per_weekday)))

    def assign_calendar(self, calendar_id: UUID) -> None:
        if calendar_id not in self.calendar_ids:
            self._record(PersonCalendarAssigned(person_id=self.id, calendar_id=calendar_id))

    def unassign_calendar(self, calendar_id: UUID) -> None:
        if calendar_id in self.calendar_ids:
            self._record(PersonCalendarUnassigned(person_id=self.id, calendar_id=calendar_id))

    def book_time_off(self, time_off_id: UUID, cmd: BookTimeOff) -> None:
        if cmd.end_on < cmd.start_on:
            raise InvalidField("end_on is before start_on", pointer="#/end_on")
        if (cmd.end_on - cmd.start_on).days >= MAX_TIME_OFF_DAYS:
            raise InvalidField(f"time off is booked at most {MAX_TIME_OFF_DAYS} days at a time",
                               pointer="#/end_on")
        if any(not cmd.start_on <= day <= cmd.end_on for day in cmd.half_days):
            raise InvalidField("a half day lies outside the time off", pointer="#/half_days")
        for booked in self.time_off.values():
            if booked.start_on <= cmd.end_on and cmd.start_on <= booked.end_on:
                raise TimeOffOverlaps(f"overlaps time off {booked.time_off_id}",
                                      time_off_id=str(booked.time_off_id))
        self._record(TimeOffBooked(
            time_off_id=time_off_id, person_id=self.id, start_on=cmd.start_on, end_on=cmd.end_on,
            half_days=sorted(set(cmd.half_days)), reason=cmd.reason))

    def cancel_time_off(self, time_off_id: UUID) -> None:
        booked = self.time_off.get(time_off_id)
        if booked is None:
            raise NotFound(f"time off {time_off_id} does not exist")
        self._record(TimeOffCancelled(time_off_id=time_off_id, person_id=self.id,
                                      start_on=booked.start_on, end_on=booked.end_on,
                                      half_days=booked.half_days))

    def set_cost_rate(self, effective_from: date, hourly_rate: Money) -> None:
        check_rate(hourly_rate)
        self._record(CostRateSet(person_id=self.id, effective_from=effective_from,
                                 hourly_rate=hourly_rate))

    def rate_on(self, day: date) -> Money | None:
        return rate_on(self.rates, day)

    def capacity_inputs(self, holidays: frozenset[date]) -> capacity.CapacityInputs:
        leaves = [capacity.TimeOff(t.start_on, t.end_on, frozenset(t.half_days))
                  for t in self.time_off.values()]
        return capacity.CapacityInputs(
            schedules=self.schedules, holidays=holidays, time_off=leaves,
            active_from=self.active_from, active_until=self.active_until)

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case PersonRegistered():
                self.name, self.role, self.team_id = event.name, event.role, event.team_id
                self.skills, self.employment_type = event.skills, event.employment_type
                self.active_from, self.active_until = event.active_from, event.active_until
            case PersonChanged():
                self.role, self.team_id = event.role, event.team_id
                self.skills, self.active_until = event.skills, event.active_until
                self.name = event.name or self.name
                self.employment_type = event.employment_type or self.employment_type
            case ScheduleSet():
                self.schedules = [s for s in self.schedules if s.effective_from != event.effective_from]
                self.schedules.append(capacity.Schedule(event.effective_from,
                                                        tuple(event.hours_per_weekday)))
                self.schedules.sort(key=lambda s: s.effective_from)
            case PersonCalendarAssigned():
                self.calendar_ids.append(event.calendar_id)
            case PersonCalendarUnassigned():
                self.calendar_ids.remove(event.calendar_id)
            case TimeOffBooked():
                self.time_off[event.time_off_id] = event
            case TimeOffCancelled():
                self.time_off.pop(event.time_off_id, None)
            case CostRateSet():
                self.rates = with_rate(self.rates, Rate(event.effective_from, event.hourly_rate))
            case _:
                raise UnknownEvent(event.event_type)
