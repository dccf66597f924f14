"""The Person aggregate: registration, schedules, time off, calendars and cost rates."""
from datetime import date, timedelta
from decimal import Decimal as D
from uuid import uuid4

import pytest

from pmo_resources.domain.errors import InvalidField, TimeOffOverlaps
from pmo_resources.domain.person import Person
from pmo_shared.events.resources import PersonRegistered, TimeOffCancelled
from pmo_shared.kernel.errors import NotFound
from tests.unit.resources.builders import MONDAY, eur, register, time_off

FULL = (D(8),) * 5 + (D(0),) * 2


def person() -> Person:
    ada = Person.register(uuid4(), register())
    ada.mark_saved()
    return ada


def test_registering_records_skills_employment_and_active_dates():
    ada = Person.register(uuid4(), register(employment_type="contractor"))
    [event] = ada.pending_events
    assert isinstance(event, PersonRegistered)
    assert (event.skills[0].skill, event.skills[0].level) == ("python", 4)
    assert (event.employment_type, event.active_from) == ("contractor", date(2027, 1, 1))


def test_active_until_before_active_from_is_refused_with_its_pointer():
    with pytest.raises(InvalidField) as refused:
        Person.register(uuid4(), register(active_until=date(2026, 12, 31)))
    assert refused.value.extensions["pointer"] == "#/active_until"


def test_a_schedule_needs_seven_days_of_at_most_24_hours():
    with pytest.raises(InvalidField):
        person().set_schedule(MONDAY, (D(8),) * 6)
    with pytest.raises(InvalidField):
        person().set_schedule(MONDAY, (D(25),) + (D(0),) * 6)


def test_overlapping_time_off_is_refused():
    ada = person()
    ada.book_time_off(uuid4(), time_off(ada.id, end_on=MONDAY + timedelta(days=2)))
    with pytest.raises(TimeOffOverlaps):
        ada.book_time_off(uuid4(), time_off(ada.id, start_on=MONDAY + timedelta(days=2),
                                            end_on=MONDAY + timedelta(days=3)))


def test_a_half_day_outside_the_time_off_is_refused():
    ada = person()
    with pytest.raises(InvalidField) as refused:
        ada.book_time_off(uuid4(), time_off(ada.id, half_days=(MONDAY + timedelta(days=1),)))
    assert refused.value.extensions["pointer"] == "#/half_days"


def test_cancelled_time_off_gives_the_capacity_back():
    ada, leave = person(), uuid4()
    ada.set_schedule(date(2027, 1, 1), FULL)
    ada.book_time_off(leave, time_off(ada.id))
    assert ada.capacity_inputs(frozenset()).time_off[0].start_on == MONDAY
    ada.cancel_time_off(leave)
    assert isinstance(ada.pending_events[-1], TimeOffCancelled)
    assert ada.capacity_inputs(frozenset()).time_off == []


def test_cancelling_unknown_time_off_is_not_found():
    with pytest.raises(NotFound):
        person().cancel_time_off(uuid4())


def test_assigning_the_same_calendar_twice_records_it_once():
    ada, calendar = person(), uuid4()
    ada.assign_calendar(calendar)
    ada.assign_calendar(calendar)
    assert ada.calendar_ids == [calendar]
    assert len(ada.pending_events) == 1


def test_a_rate_change_applies_from_its_day_and_leaves_earlier_days_alone():
    ada = person()
    ada.set_cost_rate(date(2027, 1, 1), eur("80.00"))
    ada.set_cost_rate(date(2027, 3, 3), eur("100.00"))
    assert (ada.rate_on(date(2027, 3, 2)), ada.rate_on(date(2027, 3, 3))) == (
        eur("80.00"), eur("100.00"))


def test_time_off_longer_than_a_year_is_refused_naming_end_on():
    ada = person()
    with pytest.raises(InvalidField) as refused:
        ada.book_time_off(uuid4(), time_off(ada.id, end_on=MONDAY + timedelta(days=366)))
    assert refused.value.extensions["pointer"] == "#/end_on"
