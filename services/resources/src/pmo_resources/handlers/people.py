"""Handlers for people, teams, schedules, calendars, time off and cost rates."""
from __future__ import annotations

from uuid import UUID

from pmo_resources import views
from pmo_resources.commands import (
    BookTimeOff,
    ChangePerson,
    FormTeam,
    PublishHolidayCalendar,
    RegisterPerson,
    SetCostRate,
    SetSchedule,
)
from pmo_resources.domain.errors import InvalidField
from pmo_resources.domain.holiday_calendar import HolidayCalendar
from pmo_resources.domain.person import Person
from pmo_resources.domain.role_rate import RoleRate, role_rate_id
from pmo_resources.domain.team import Team
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def _require_team(uow: UnitOfWork, team_id: UUID | None) -> None:
    if team_id is not None and await uow.load(Team, team_id) is None:
        raise InvalidField(f"team {team_id} does not exist", pointer="#/team_id")


async def register_person(cmd: RegisterPerson, uow: UnitOfWork) -> Person:
    await _require_team(uow, cmd.team_id)
    person = uow.save(Person.register(new_id(), cmd))
    uow.also(lambda conn: views.write_person(conn, person))
    return person


async def change_person(cmd: ChangePerson, uow: UnitOfWork) -> Person:
    person = await uow.get(Person, cmd.person_id)
    await _require_team(uow, cmd.team_id)
    person.change(cmd)
    uow.save(person)
    uow.also(lambda conn: views.write_person(conn, person))
    return person


async def set_schedule(cmd: SetSchedule, uow: UnitOfWork) -> Person:
    person = await uow.get(Person, cmd.person_id)
    person.set_schedule(cmd.effective_from, cmd.hours_per_weekday)
    return uow.save(person)


async def assign_calendar(person_id: UUID, calendar_id: UUID, uow: UnitOfWork) -> Person:
    person = await uow.get(Person, person_id)
    if await uow.load(HolidayCalendar, calendar_id) is None:
        raise InvalidField(f"holiday calendar {calendar_id} does not exist",
                           pointer="#/calendar_id")
    person.assign_calendar(calendar_id)
    return uow.save(person)


async def unassign_calendar(person_id: UUID, calendar_id: UUID, uow: UnitOfWork) -> Person:
    person = await uow.get(Person, person_id)
    person.unassign_calendar(calendar_id)
    return uow.save(person)


async def book_time_off(cmd: BookTimeOff, uow: UnitOfWork) -> tuple[Person, UUID]:
    person = await uow.get(Person, cmd.person_id)
    time_off_id = new_id()
    person.book_time_off(time_off_id, cmd)
    return uow.save(person), time_off_id


async def cancel_time_off(person_id: UUID, time_off_id: UUID, uow: UnitOfWork) -> Person:
    person = await uow.get(Person, person_id)
    person.cancel_time_off(time_off_id)
    return uow.save(person)


async def set_person_rate(person_id: UUID, cmd: SetCostRate, uow: UnitOfWork) -> Person:
    person = await uow.get(Person, person_id)
    person.set_cost_rate(cmd.effective_from, cmd.hourly_rate)
    return uow.save(person)


async def set_role_rate(role: str, cmd: SetCostRate, uow: UnitOfWork) -> RoleRate:
    rates = await uow.load(RoleRate, role_rate_id(role)) or RoleRate.for_role(role)
    rates.set_rate(cmd.effective_from, cmd.hourly_rate)
    return uow.save(rates)


async def form_team(cmd: FormTeam, uow: UnitOfWork) -> Team:
    return uow.save(Team.form(new_id(), name=cmd.name, lead_id=cmd.lead_id))


async def change_team_lead(team_id: UUID, lead_id: UUID | None, uow: UnitOfWork) -> Team:
    team = await uow.get(Team, team_id)
    team.change_lead(lead_id)
    return uow.save(team)


async def publish_calendar(cmd: PublishHolidayCalendar, uow: UnitOfWork) -> HolidayCalendar:
    return uow.save(HolidayCalendar.publish_new(new_id(), name=cmd.name, holidays=cmd.holidays))


async def republish_calendar(calendar_id: UUID, cmd: PublishHolidayCalendar,
                             uow: UnitOfWork) -> HolidayCalendar:
    calendar = await uow.get(HolidayCalendar, calendar_id)
    calendar.publish(name=cmd.name, holidays=cmd.holidays)
    return uow.save(calendar)
