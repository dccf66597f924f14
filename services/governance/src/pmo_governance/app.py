"""create_app(settings): the governance service's FastAPI application."""
from __future__ import annotations

from fastapi import FastAPI

from pmo_governance.api import risks
from pmo_governance.settings import GovernanceSettings
from pmo_governance.tables import kernel
from pmo_shared.http.app import create_write_service_app
from pmo_shared.kernel.clock import Clock


def create_app(settings: GovernanceSettings, *, clock: Clock | None = None) -> FastAPI:
    return create_write_service_app(
        settings, title="PMO governance",
        description="Risks, issues, change control, stage gates, standards and lessons learned.",
        routers=[risks.router], tables=kernel, clock=clock,
    )
