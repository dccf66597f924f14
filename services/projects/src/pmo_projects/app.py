"""create_app(settings): the projects service's FastAPI application."""
from __future__ import annotations

from fastapi import FastAPI

from pmo_projects.api import (
    audit,
    baselines,
    expenses,
    funding,
    milestones,
    plan,
    portfolios,
    programs,
    projects,
    status_reports,
    tasks,
)
from pmo_projects.projections.gates import PROJECTIONS
from pmo_projects.settings import ProjectsSettings
from pmo_projects.tables import consumer, kernel
from pmo_shared.http.app import create_write_service_app
from pmo_shared.kernel.clock import Clock
from pmo_shared.writeside import Subscription

ROUTERS = (portfolios.router, programs.router, projects.router, funding.router, tasks.router,
           plan.router, milestones.router, baselines.router, expenses.router,
           status_reports.router, audit.router)


def create_app(settings: ProjectsSettings, *, clock: Clock | None = None) -> FastAPI:
    gates = Subscription(name="gates", filter_subject="pmo.governance.stage_gate.>",
                         projections=PROJECTIONS, tables=consumer)
    return create_write_service_app(
        settings, title="PMO projects",
        description="Portfolios, programs and projects: charters, plans, baselines, progress, costs.",
        routers=ROUTERS, tables=kernel, clock=clock, subscriptions=[gates],
    )
