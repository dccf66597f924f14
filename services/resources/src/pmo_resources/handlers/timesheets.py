"""Handlers for timesheets: open a week, record and correct lines at the effective rate, submit,
approve and reject per project."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from pmo_resources import views
from pmo_resources.commands import CorrectTimesheetLine, RecordTimesheetLine
from pmo_resources.domain.errors import InvalidField, NoCostRate
from pmo_resources.domain.person import Person
from pmo_resources.domain.timesheet import Timesheet, timesheet_id
from pmo_resources.queries import person_rates
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.errors import Duplicate, Forbidden
from pmo_shared.kernel.ids import new_id
from pmo_shared.kernel.money import Money

Allows = Callable[[UUID], bool]


def _save(sheet: Timesheet, uow: UnitOfWork) -> Timesheet:
    uow.save(sheet)
    uow.also(lambda conn: views.write_timesheet(conn, sheet))
    return sheet


async def open_timesheet(person_id: UUID, week_start_on: date, uow: UnitOfWork) -> Timesheet:
    if await uow.load(Person, person_id) is None:
        raise InvalidField(f"person {person_id} does not exist", pointer="#/person_id")
    if await uow.load(Timesheet, timesheet_id(person_id, week_start_on)) is not None:
        raise Duplicate("this person already has a timesheet for that week",
                        pointer="#/week_start_on",
                        timesheet_id=str(timesheet_id(person_id, week_start_on)))
    return _save(Timesheet.open(person_id, week_start_on), uow)


async def _rate_on(uow: UnitOfWork, person_id: UUID, day: date) -> Money:
    """The person's own rate effective that day, else their role's default rate."""
    person, role_rates = await person_rates(uow.store, uow.database, person_id)
    rate = person.rate_on(day) if person else None
    if rate is None and role_rates is not None:
        rate = role_rates.rate_on(day)
    if rate is None:
        raise NoCostRate(f"no cost rate is effective on {day}", pointer="#/worked_on")
    return rate


async def _owned(sheet_id: UUID, uow: UnitOfWork, edits: Allows) -> Timesheet:
    sheet = await uow.get(Timesheet, sheet_id)
    if not edits(sheet.person_id):
        raise Forbidden("only the person (or a PMO admin) edits this timesheet")
    return sheet


async def record_line(sheet_id: UUID, cmd: RecordTimesheetLine, uow: UnitOfWork,
                      edits: Allows) -> Timesheet:
    sheet = await _owned(sheet_id, uow, edits)
    rate = await _rate_on(uow, sheet.person_id, cmd.worked_on)
    sheet.record_line(new_id(), cmd, rate)
    return _save(sheet, uow)


async def correct_line(sheet_id: UUID, cmd: CorrectTimesheetLine, uow: UnitOfWork, *,
                       edits: Allows, manages: Allows) -> Timesheet:
    """Before approval the person corrects; after it, the manager of the line's project may too."""
    sheet = await uow.get(Timesheet, sheet_id)
    old = sheet.lines.get(cmd.line_id)
    managed = old is not None and manages(old.project_id) and manages(cmd.project_id)
    if not (edits(sheet.person_id) or (sheet.status == "approved" and managed)):
        raise Forbidden("you may not correct this line")
    rate = await _rate_on(uow, sheet.person_id, cmd.worked_on)
    sheet.correct_line(cmd, rate)
    return _save(sheet, uow)


async def submit_timesheet(sheet_id: UUID, uow: UnitOfWork, edits: Allows) -> Timesheet:
    sheet = await _owned(sheet_id, uow, edits)
    sheet.submit()
    return _save(sheet, uow)


async def approve_timesheet(sheet_id: UUID, uow: UnitOfWork, manages: Allows) -> Timesheet:
    sheet = await uow.get(Timesheet, sheet_id)
    sheet.approve(manages)
    return _save(sheet, uow)


async def reject_timesheet(sheet_id: UUID, reason: str | None, uow: UnitOfWork,
                           manages: Allows) -> Timesheet:
    sheet = await uow.get(Timesheet, sheet_id)
    sheet.reject(manages, reason)
    return _save(sheet, uow)
