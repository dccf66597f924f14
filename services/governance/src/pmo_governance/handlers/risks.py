"""Handlers of risk register commands; each refreshes the risk's row in `risks_view`."""
from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from sqlalchemy import Connection

from pmo_governance.commands.risks import (
    AssessRisk,
    ChangeRiskStatus,
    CompleteMitigation,
    ConfigureRiskRegister,
    IdentifyRisk,
    PlanMitigation,
    PlanRiskResponse,
    ReviseRisk,
)
from pmo_governance.domain.register import RiskRegister, register_id_for
from pmo_governance.domain.risk import Risk
from pmo_governance.handlers.rows import replace_row
from pmo_governance.tables import risks_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.errors import PreconditionFailed
from pmo_shared.kernel.ids import new_id

MICRO = Decimal(1_000_000)


async def register_of(uow: UnitOfWork, project_id: UUID) -> RiskRegister:
    """A project without a configured register scores on the PMBOK defaults."""
    found = await uow.load(RiskRegister, register_id_for(project_id))
    return found if found is not None else RiskRegister.of_project(project_id)


async def configure_register(cmd: ConfigureRiskRegister, uow: UnitOfWork) -> RiskRegister:
    register = await register_of(uow, cmd.project_id)
    # The register may not exist yet (version 0), so uow.get's If-Match check is done here.
    if uow.if_match is not None and uow.if_match != register.version:
        raise PreconditionFailed(f"If-Match is {uow.if_match} but the current version is "
                                 f"{register.version}", current_version=register.version)
    register.configure(cmd.scoring)
    return uow.save(register)


async def identify_risk(cmd: IdentifyRisk, uow: UnitOfWork) -> Risk:
    return _saved(uow, Risk.identify(new_id(), cmd))


async def revise_risk(cmd: ReviseRisk, uow: UnitOfWork) -> Risk:
    risk = await uow.get(Risk, cmd.risk_id)
    risk.revise(cmd)
    return _saved(uow, risk)


async def assess_risk(cmd: AssessRisk, uow: UnitOfWork) -> Risk:
    risk = await uow.get(Risk, cmd.risk_id)
    assert risk.project_id is not None
    register = await register_of(uow, risk.project_id)
    risk.assess(cmd, register.scoring)
    return _saved(uow, risk)


async def change_risk_status(cmd: ChangeRiskStatus, uow: UnitOfWork) -> Risk:
    risk = await uow.get(Risk, cmd.risk_id)
    risk.change_status(cmd)
    return _saved(uow, risk)


async def plan_risk_response(cmd: PlanRiskResponse, uow: UnitOfWork) -> Risk:
    risk = await uow.get(Risk, cmd.risk_id)
    risk.plan_response(cmd)
    return _saved(uow, risk)


async def plan_mitigation(cmd: PlanMitigation, uow: UnitOfWork) -> Risk:
    risk = await uow.get(Risk, cmd.risk_id)
    risk.plan_mitigation(new_id(), cmd)
    return _saved(uow, risk)


async def complete_mitigation(cmd: CompleteMitigation, uow: UnitOfWork) -> Risk:
    risk = await uow.get(Risk, cmd.risk_id)
    risk.complete_mitigation(cmd)
    return _saved(uow, risk)


def _saved(uow: UnitOfWork, risk: Risk) -> Risk:
    uow.save(risk)
    uow.also(lambda conn: write_risk_row(conn, risk))
    return risk


def write_risk_row(conn: Connection, risk: Risk) -> None:
    inherent, residual, current = risk.inherent, risk.residual, risk.current
    emv = current.emv if current else None
    replace_row(conn, risks_view, "risk_id", {
        "risk_id": str(risk.id), "project_id": str(risk.project_id), "title": risk.title,
        "category": risk.category, "kind": risk.kind, "status": risk.status,
        "owner_id": str(risk.owner_id), "proximity": risk.proximity, "strategy": risk.strategy,
        "inherent_score": str(inherent.score) if inherent else None,
        "residual_score": str(residual.score) if residual else None,
        # Unassessed risks rank last: every real score is above zero.
        "rank_micro": int(current.score * MICRO) if current else 0,
        "emv_amount": str(emv.amount) if emv else None,
        "emv_currency": emv.currency if emv else None})
