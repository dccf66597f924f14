"""Resources events survive the trip through JSON and the catalogue, at the extremes we allow."""
from datetime import date
from decimal import Decimal as D
from uuid import uuid4

from pmo_resources.domain.rates import MAX_HOURLY_RATE, labour_cost
from pmo_shared.events import catalogue
from pmo_shared.events.resources import PersonRegistered, TimesheetLineRecorded
from pmo_shared.kernel.money import Money


def round_trip(event):
    return catalogue.parse(event.event_type, event.event_version, event.model_dump(mode="json"))


def test_the_costliest_allowed_line_reads_back_exactly():
    rate = Money(amount=MAX_HOURLY_RATE - D("0.01"), currency="EUR")
    hours = D("23.99")
    event = TimesheetLineRecorded(
        timesheet_id=uuid4(), line_id=uuid4(), person_id=uuid4(), project_id=uuid4(),
        worked_on=date(2027, 3, 1), hours=hours, hourly_rate=rate, cost=labour_cost(hours, rate))
    assert round_trip(event).cost.amount == D("23989999.7601")


def test_a_person_registered_by_the_walking_skeleton_still_reads_with_defaults():
    parsed = catalogue.parse("resources.person.registered", 1, {
        "person_id": str(uuid4()), "name": "Ada", "role": "engineer"})
    assert (parsed.skills, parsed.employment_type, parsed.active_from) == ([], "employee", None)
    assert isinstance(parsed, PersonRegistered)
