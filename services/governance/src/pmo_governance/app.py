"""create_app(settings): the governance service's FastAPI application."""
from __future__ import annotations

from fastapi import FastAPI

from pmo_governance.api import (
    articles,
    change_requests,
    compliance,
    issues,
    knowledge,
    lessons,
    mitigation_actions,
    risk_registers,
    risks,
    stage_gates,
    standards,
)
from pmo_governance.projections import PROJECTIONS
from pmo_governance.settings import GovernanceSettings
from pmo_governance.tables import consumer, kernel
from pmo_shared.http.app import create_write_service_app
from pmo_shared.kernel.clock import Clock
from pmo_shared.writeside import Subscription

ROUTERS = tuple(module.router for module in (
    risk_registers, risks, mitigation_actions, issues, change_requests, stage_gates, standards,
    compliance, lessons, articles, knowledge))


def create_app(settings: GovernanceSettings, *, clock: Clock | None = None) -> FastAPI:
    projects = Subscription(name="projects", filter_subject="pmo.projects.project.>",
                            projections=PROJECTIONS, tables=consumer)
    return create_write_service_app(
        settings, title="PMO governance",
        description="Risks, issues, change control, stage gates, standards and lessons learned.",
        routers=ROUTERS, tables=kernel, clock=clock, subscriptions=[projects],
    )
