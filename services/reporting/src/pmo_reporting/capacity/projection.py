"""CapacityProjection: people, schedules, holidays, time off and allocations -> rm_cap_days."""
from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Connection, delete, insert, select, update

from pmo_reporting.capacity import allocations, people
from pmo_reporting.capacity.days import recompute
from pmo_reporting.capacity.tables import (
    rm_cap_calendar_assignments,
    rm_cap_calendars,
    rm_cap_schedules,
    rm_cap_time_off,
)
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import (
    AllocationCancelled,
    AllocationChanged,
    AllocationConfirmed,
    AllocationCreated,
    AllocationFilled,
    AllocationProposed,
    HolidayCalendarPublished,
    PersonCalendarAssigned,
    PersonCalendarUnassigned,
    PersonChanged,
    PersonRegistered,
    ScheduleSet,
    TimeOffBooked,
    TimeOffCancelled,
)

ALLOCATION_EVENTS = (AllocationCreated, AllocationFilled, AllocationProposed, AllocationConfirmed,
                     AllocationCancelled, AllocationChanged)


class CapacityProjection:
    name = "capacity"
    handles = (PersonRegistered, PersonChanged, ScheduleSet, HolidayCalendarPublished,
               PersonCalendarAssigned, PersonCalendarUnassigned, TimeOffBooked, TimeOffCancelled,
               *ALLOCATION_EVENTS)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        at = envelope.time
        match event:
            case PersonRegistered():
                recompute(conn, people.register(conn, event, at), at)
            case PersonChanged():
                if person_id := people.change(conn, event, at):
                    recompute(conn, person_id, at)
            case ScheduleSet():
                self._schedule(conn, event, at)
            case HolidayCalendarPublished():
                self._calendar(conn, event, at)
            case PersonCalendarAssigned() | PersonCalendarUnassigned():
                self._assignment(conn, event, at)
            case TimeOffBooked() | TimeOffCancelled():
                self._time_off(conn, event, at)
            case _ if isinstance(event, ALLOCATION_EVENTS):
                for person_id, lo, hi in allocations.apply(conn, event, at):
                    recompute(conn, person_id, at, lo=lo, hi=hi)

    def _schedule(self, conn: Connection, event: ScheduleSet, at: datetime) -> None:
        person_id = str(event.person_id)
        key = {"person_id": person_id, "effective_from": event.effective_from}
        conn.execute(delete(rm_cap_schedules).where(
            *[rm_cap_schedules.c[name] == value for name, value in key.items()]))
        conn.execute(insert(rm_cap_schedules).values(
            **key, hours_per_weekday=json.dumps([str(h) for h in event.hours_per_weekday])))
        recompute(conn, person_id, at, lo=event.effective_from)

    def _calendar(self, conn: Connection, event: HolidayCalendarPublished, at: datetime) -> None:
        calendar_id = str(event.calendar_id)
        new = {holiday.on for holiday in event.holidays}
        row = conn.execute(select(rm_cap_calendars.c.holidays)
                           .where(rm_cap_calendars.c.calendar_id == calendar_id)).scalar()
        old = set() if row is None else {date.fromisoformat(on) for on in json.loads(row)}
        conn.execute(delete(rm_cap_calendars).where(rm_cap_calendars.c.calendar_id == calendar_id))
        conn.execute(insert(rm_cap_calendars).values(
            calendar_id=calendar_id, holidays=json.dumps(sorted(on.isoformat() for on in new))))
        changed = new ^ old
        if not changed:
            return
        assigned = conn.execute(select(rm_cap_calendar_assignments.c.person_id).where(
            rm_cap_calendar_assignments.c.calendar_id == calendar_id)).scalars().all()
        for person_id in assigned:
            recompute(conn, person_id, at, lo=min(changed), hi=max(changed))

    def _assignment(self, conn: Connection,
                    event: PersonCalendarAssigned | PersonCalendarUnassigned, at: datetime) -> None:
        key = {"person_id": str(event.person_id), "calendar_id": str(event.calendar_id)}
        assignments = rm_cap_calendar_assignments
        conn.execute(delete(assignments).where(
            *[assignments.c[name] == value for name, value in key.items()]))
        if isinstance(event, PersonCalendarAssigned):
            conn.execute(insert(assignments).values(**key))
        recompute(conn, key["person_id"], at)

    def _time_off(self, conn: Connection, event: TimeOffBooked | TimeOffCancelled,
                  at: datetime) -> None:
        time_off_id = str(event.time_off_id)
        if isinstance(event, TimeOffBooked):
            conn.execute(delete(rm_cap_time_off).where(rm_cap_time_off.c.time_off_id == time_off_id))
            conn.execute(insert(rm_cap_time_off).values(
                time_off_id=time_off_id, person_id=str(event.person_id), start_on=event.start_on,
                end_on=event.end_on, cancelled=False,
                half_days=json.dumps([day.isoformat() for day in event.half_days])))
        else:
            conn.execute(update(rm_cap_time_off).where(rm_cap_time_off.c.time_off_id == time_off_id)
                         .values(cancelled=True))
        recompute(conn, str(event.person_id), at, lo=event.start_on, hi=event.end_on)
