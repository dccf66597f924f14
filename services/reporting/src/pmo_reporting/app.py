"""create_app(settings): the reporting service's FastAPI application."""
from __future__ import annotations

from fastapi import FastAPI

from pmo_reporting.api import admin, evm, portfolio, projects, timeseries
from pmo_reporting.capacity import api as capacity_api
from pmo_reporting.capacity import burn_api, staffing_api, velocity_api
from pmo_reporting.operations import lag
from pmo_reporting.operations.active import active_url
from pmo_reporting.operations.rebuild import Rebuilder
from pmo_reporting.operations.switch import follower
from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.risk import api as risk_api
from pmo_reporting.risk import compliance
from pmo_reporting.settings import ReportingSettings
from pmo_reporting.tables import consumer, kernel
from pmo_shared.events import catalogue
from pmo_shared.http.app import create_service_app
from pmo_shared.kernel.clock import Clock
from pmo_shared.readside import ReadSide
from pmo_shared.telemetry import read_side_collectors

# One router per resource; capacity and risk add theirs on their own lines.
ROUTERS = [
    projects.router,
    evm.router,
    timeseries.router,
    portfolio.router,
    admin.router,
    capacity_api.router,
    staffing_api.router,
    velocity_api.router,
    burn_api.router,
    risk_api.router,
    compliance.router,
]


def create_app(settings: ReportingSettings, *, clock: Clock | None = None) -> FastAPI:
    # After a rebuild the read models live in the database the configured one points to.
    live = settings.model_copy(update={"database_url": active_url(settings.database_url)})
    read_side = ReadSide(live, consumer_name=settings.consumer_name, kernel=kernel,
                         tables=consumer, catalogue=catalogue, projections=PROJECTIONS,
                         clock=clock)
    app = create_service_app(
        settings, title="PMO reporting",
        description="Earned value, capacity, risk exposure and portfolio health, as of any date "
                    "and as known at any moment.",
        routers=ROUTERS, checks=read_side.health_checks(),
        on_start=read_side.start, on_stop=read_side.stop,
        collectors=read_side_collectors(read_side),
    )
    app.state.read_side = read_side
    app.state.rebuilder = rebuilder = Rebuilder(
        read_side, configured_url=settings.database_url, processes=settings.rebuild_processes,
        parallel_from_events=settings.rebuild_parallel_from_events)
    read_side.runtime.add_worker(follower(read_side, settings.database_url,
                                          paused=lambda: rebuilder.running))
    lag.install(app.state.metrics_registry, rebuilder)
    return app
