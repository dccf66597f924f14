"""create_app(settings): the projects service's FastAPI application."""
from __future__ import annotations

from fastapi import FastAPI

from pmo_projects.api import projects
from pmo_projects.settings import ProjectsSettings
from pmo_projects.tables import kernel
from pmo_shared.http.app import create_write_service_app
from pmo_shared.kernel.clock import Clock


def create_app(settings: ProjectsSettings, *, clock: Clock | None = None) -> FastAPI:
    return create_write_service_app(
        settings, title="PMO projects",
        description="Portfolios, programs and projects: charters, plans, baselines, progress, costs.",
        routers=[projects.router], tables=kernel, clock=clock,
    )
