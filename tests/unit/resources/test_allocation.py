"""The Allocation aggregate: request -> fill -> propose/confirm, cancel, change."""
from decimal import Decimal as D
from uuid import uuid4

import pytest

from pmo_resources.commands import ChangeAllocation
from pmo_resources.domain.allocation import Allocation
from pmo_resources.domain.errors import AllocationStateConflict, InvalidField
from pmo_shared.events.resources import AllocationConfirmed, AllocationFilled
from tests.unit.resources.builders import MONDAY, allocation


def request() -> Allocation:
    made = Allocation.create(uuid4(), allocation(person_id=None, role="engineer",
                                                 skills=(("python", 3),)))
    made.mark_saved()
    return made


def test_a_request_filled_then_confirmed_names_the_person_and_is_confirmed():
    demand, ada = request(), uuid4()
    demand.fill(ada)
    demand.confirm()
    filled, confirmed = demand.pending_events
    assert isinstance(filled, AllocationFilled) and filled.person_id == ada
    assert isinstance(confirmed, AllocationConfirmed) and confirmed.person_id == ada
    assert demand.status == "confirmed"


def test_an_unfilled_request_cannot_be_confirmed():
    with pytest.raises(AllocationStateConflict):
        request().confirm()


def test_a_named_allocation_cannot_be_filled_again():
    named = Allocation.create(uuid4(), allocation())
    with pytest.raises(AllocationStateConflict):
        named.fill(uuid4())


def test_a_cancelled_allocation_cannot_be_confirmed():
    named = Allocation.create(uuid4(), allocation())
    named.cancel("project paused")
    with pytest.raises(AllocationStateConflict) as refused:
        named.confirm()
    assert refused.value.extensions["status_now"] == "cancelled"


def test_a_confirmed_allocation_cannot_go_back_to_proposed():
    named = Allocation.create(uuid4(), allocation(status="confirmed"))
    with pytest.raises(AllocationStateConflict):
        named.propose()


def test_an_unnamed_request_needs_a_role():
    with pytest.raises(InvalidField) as refused:
        Allocation.create(uuid4(), allocation(person_id=None))
    assert refused.value.extensions["pointer"] == "#/role"


def test_hours_and_percent_together_are_refused():
    with pytest.raises(InvalidField) as refused:
        Allocation.create(uuid4(), allocation(percent_of_capacity=D(50)))
    assert refused.value.extensions["pointer"] == "#/hours_per_day"


def test_a_change_replaces_dates_and_load():
    named = Allocation.create(uuid4(), allocation())
    named.change(ChangeAllocation(start_on=MONDAY, end_on=MONDAY, percent_of_capacity=D(50)))
    assert (named.hours_per_day, named.percent_of_capacity) == (None, D(50))


def test_an_allocation_longer_than_five_years_is_refused_naming_end_on():
    with pytest.raises(InvalidField) as refused:
        Allocation.create(uuid4(), allocation(end_on=MONDAY.replace(year=2033)))
    assert refused.value.extensions["pointer"] == "#/end_on"
