"""Valid commands with defaults, overridable per test."""
from datetime import date
from decimal import Decimal
from uuid import uuid4

from pmo_resources.commands import (
    BookTimeOff,
    CreateAllocation,
    RecordTimesheetLine,
    RegisterPerson,
)
from pmo_shared.kernel.money import Money

MONDAY = date(2027, 3, 1)
PROJECT = uuid4()


def eur(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="EUR")


def register(**overrides) -> RegisterPerson:
    return RegisterPerson(**{"name": "Ada", "role": "engineer", "active_from": date(2027, 1, 1),
                             "skills": (("python", 4),), **overrides})


def time_off(person_id, **overrides) -> BookTimeOff:
    return BookTimeOff(**{"person_id": person_id, "start_on": MONDAY, "end_on": MONDAY,
                          **overrides})


def allocation(**overrides) -> CreateAllocation:
    return CreateAllocation(**{"project_id": PROJECT, "person_id": uuid4(), "start_on": MONDAY,
                               "end_on": MONDAY, "hours_per_day": Decimal(4), **overrides})


def line(**overrides) -> RecordTimesheetLine:
    return RecordTimesheetLine(**{"project_id": PROJECT, "worked_on": MONDAY,
                                  "hours": Decimal(8), **overrides})
