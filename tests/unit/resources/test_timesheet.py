"""The Timesheet aggregate: lines with cost, 24-hour days, submit, per-project approval."""
from datetime import timedelta
from decimal import Decimal as D
from uuid import uuid4

import pytest

from pmo_resources.commands import CorrectTimesheetLine
from pmo_resources.domain.errors import DailyHoursExceeded, InvalidField, TimesheetStateConflict
from pmo_resources.domain.timesheet import Timesheet, timesheet_id
from pmo_shared.events.resources import TimesheetApproved, TimesheetLineCorrected
from pmo_shared.kernel.errors import Forbidden
from tests.unit.resources.builders import MONDAY, PROJECT, eur, line

RATE = eur("85.55")


def sheet() -> Timesheet:
    opened = Timesheet.open(uuid4(), MONDAY)
    opened.mark_saved()
    return opened


def test_a_sheet_id_is_the_same_for_the_same_person_and_week():
    person = uuid4()
    assert Timesheet.open(person, MONDAY).id == timesheet_id(person, MONDAY)


def test_a_week_must_start_on_a_monday():
    with pytest.raises(InvalidField) as refused:
        Timesheet.open(uuid4(), MONDAY + timedelta(days=1))
    assert refused.value.extensions["pointer"] == "#/week_start_on"


def test_a_line_carries_the_rate_and_its_exact_cost():
    week = sheet()
    week.record_line(uuid4(), line(hours=D("7.25")), RATE)
    [event] = week.pending_events
    assert (event.hourly_rate, event.cost) == (RATE, eur("620.2375"))


def test_more_than_24_hours_on_one_day_is_refused_with_the_hours_pointer():
    week = sheet()
    week.record_line(uuid4(), line(hours=D(20)), RATE)
    with pytest.raises(DailyHoursExceeded) as refused:
        week.record_line(uuid4(), line(hours=D("4.01")), RATE)
    assert refused.value.extensions["pointer"] == "#/hours"


def test_exactly_24_hours_on_one_day_is_accepted():
    week = sheet()
    week.record_line(uuid4(), line(hours=D(20)), RATE)
    week.record_line(uuid4(), line(hours=D(4)), RATE)
    assert week.hours_on(MONDAY) == D(24)


def test_a_day_outside_the_week_is_refused():
    with pytest.raises(InvalidField) as refused:
        sheet().record_line(uuid4(), line(worked_on=MONDAY + timedelta(days=7)), RATE)
    assert refused.value.extensions["pointer"] == "#/worked_on"


def test_a_submitted_sheet_takes_no_new_lines():
    week = sheet()
    week.record_line(uuid4(), line(), RATE)
    week.submit()
    with pytest.raises(TimesheetStateConflict):
        week.record_line(uuid4(), line(), RATE)


def test_each_project_manager_approves_their_project_and_the_last_one_completes_it():
    week, other = sheet(), uuid4()
    week.record_line(uuid4(), line(), RATE)
    week.record_line(uuid4(), line(project_id=other, worked_on=MONDAY + timedelta(days=1)), RATE)
    week.submit()
    week.approve(lambda project: project == PROJECT)
    assert week.status == "submitted"
    week.approve(lambda project: project == other)
    first, second = week.pending_events[-2:]
    assert isinstance(first, TimesheetApproved) and first.project_ids == [PROJECT]
    assert (first.fully_approved, second.fully_approved, week.status) == (False, True, "approved")


def test_a_manager_of_none_of_the_projects_cannot_approve():
    week = sheet()
    week.record_line(uuid4(), line(), RATE)
    week.submit()
    with pytest.raises(Forbidden):
        week.approve(lambda project: False)


def test_a_rejected_sheet_can_be_edited_and_submitted_again():
    week = sheet()
    week.record_line(uuid4(), line(), RATE)
    week.submit()
    week.reject(lambda project: True, "wrong task")
    week.record_line(uuid4(), line(worked_on=MONDAY + timedelta(days=1)), RATE)
    week.submit()
    assert week.status == "submitted"


def test_a_correction_after_approval_is_a_new_event_with_the_full_new_values():
    week, line_id = sheet(), uuid4()
    week.record_line(line_id, line(), RATE)
    week.submit()
    week.approve(lambda project: True)
    week.correct_line(CorrectTimesheetLine(line_id=line_id, project_id=PROJECT, worked_on=MONDAY,
                                           hours=D(6), reason="booked 2 h too many"), RATE)
    corrected = week.pending_events[-1]
    assert isinstance(corrected, TimesheetLineCorrected)
    assert (corrected.hours, corrected.cost, corrected.reason) == (
        D(6), eur("513.30"), "booked 2 h too many")
    assert (week.status, week.hours_on(MONDAY)) == ("approved", D(6))
