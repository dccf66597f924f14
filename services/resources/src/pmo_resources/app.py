"""create_app(settings): the resources service's FastAPI application."""
from __future__ import annotations

from fastapi import FastAPI

from pmo_resources.api import (
    allocations,
    availability,
    cost_rates,
    holiday_calendars,
    people,
    person_calendars,
    staffing,
    teams,
    timesheets,
)
from pmo_resources.settings import ResourcesSettings
from pmo_resources.tables import kernel
from pmo_shared.http.app import create_write_service_app
from pmo_shared.kernel.clock import Clock

ROUTERS = (people.router, teams.router, holiday_calendars.router, availability.router,
           cost_rates.router, person_calendars.router, allocations.router, staffing.router,
           timesheets.router)


def create_app(settings: ResourcesSettings, *, clock: Clock | None = None) -> FastAPI:
    return create_write_service_app(
        settings, title="PMO resources",
        description="People, teams, cost rates, calendars, allocations and timesheets.",
        routers=ROUTERS, tables=kernel, clock=clock,
    )
