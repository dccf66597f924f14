"""One part-time engineer in the week of Monday 2027-01-04: a holiday on Wednesday, half a day
off on Thursday, a confirmed and a proposed allocation, two timesheet lines, and an unfilled
tester request. Capacity that week: 8 + 8 + 0 (holiday) + 4 (half of 8) + 4 (Friday) = 24 h."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID, uuid4

from pmo_shared.events import resources as r
from pmo_shared.kernel.money import Money
from tests.integration.reporting.capacity.stream import at

ADA, TEAM, PROJECT, CALENDAR = uuid4(), uuid4(), uuid4(), uuid4()
D = Decimal


def person(person_id: UUID = ADA, *, skill: str = "python", level: int = 3) -> r.PersonRegistered:
    return r.PersonRegistered(person_id=person_id, name="Ada", role="engineer", team_id=TEAM,
                              skills=[r.SkillLevel(skill=skill, level=level)],
                              active_from=date(2027, 1, 1))


def part_time(person_id: UUID = ADA) -> r.ScheduleSet:
    return r.ScheduleSet(person_id=person_id, effective_from=date(2027, 1, 1),
                         hours_per_weekday=[D(8), D(8), D(8), D(8), D(4), D(0), D(0)])


def allocation(*, status: str, person_id: UUID | None = ADA, hours: str | None = None,
               percent: str | None = None, role: str | None = None,
               skills: list[r.SkillDemand] | None = None) -> r.AllocationCreated:
    return r.AllocationCreated(
        allocation_id=uuid4(), project_id=PROJECT, person_id=person_id, role=role,
        skills=skills or [], start_on=date(2027, 1, 4), end_on=date(2027, 1, 8),
        hours_per_day=None if hours is None else D(hours),
        percent_of_capacity=None if percent is None else D(percent), status=status)


def line(worked_on: date, hours: str, line_id: UUID | None = None) -> r.TimesheetLineRecorded:
    rate = Money(amount=D("100"), currency="EUR")
    return r.TimesheetLineRecorded(
        timesheet_id=uuid4(), line_id=line_id or uuid4(), person_id=ADA, project_id=PROJECT,
        worked_on=worked_on, hours=D(hours), hourly_rate=rate, cost=rate.times(D(hours)))


def week() -> list:
    """The whole week's facts, recorded on New Year's Day except the timesheets."""
    known = at("2027-01-01T08:00")
    return [
        (person(), known), (part_time(), known),
        (r.HolidayCalendarPublished(calendar_id=CALENDAR, name="FR", holidays=[
            r.Holiday(on=date(2027, 1, 6), name="Epiphany (company)")]), known),
        (r.PersonCalendarAssigned(person_id=ADA, calendar_id=CALENDAR), known),
        (r.TimeOffBooked(time_off_id=uuid4(), person_id=ADA, start_on=date(2027, 1, 7),
                         end_on=date(2027, 1, 7), half_days=[date(2027, 1, 7)]), known),
        (allocation(status="confirmed", hours="6"), known),
        (allocation(status="proposed", percent="50"), known),
        (allocation(status="requested", person_id=None, hours="4", role="tester",
                    skills=[r.SkillDemand(skill="qa", min_level=2)]), known),
        (line(date(2027, 1, 4), "8"), at("2027-01-04T18:00")),
        (line(date(2027, 1, 5), "7.5"), at("2027-01-05T18:00")),
    ]
