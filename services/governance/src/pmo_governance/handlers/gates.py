"""Handlers of stage gate commands; each refreshes the gate's row in `stage_gates_view`."""
from __future__ import annotations

from pmo_governance.commands.gates import (
    AttachEvidence,
    AttestCriterion,
    DecideStageGate,
    DefineStageGate,
)
from pmo_governance.domain.stage_gate import StageGate
from pmo_governance.handlers.rows import replace_row
from pmo_governance.tables import stage_gates_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def define_stage_gate(cmd: DefineStageGate, uow: UnitOfWork) -> StageGate:
    return _saved(uow, StageGate.define(new_id(), cmd))


async def attach_evidence(cmd: AttachEvidence, uow: UnitOfWork) -> StageGate:
    gate = await uow.get(StageGate, cmd.gate_id)
    gate.attach_evidence(new_id(), cmd)
    return _saved(uow, gate)


async def attest_criterion(cmd: AttestCriterion, uow: UnitOfWork) -> StageGate:
    gate = await uow.get(StageGate, cmd.gate_id)
    gate.attest(cmd)
    return _saved(uow, gate)


async def decide_stage_gate(cmd: DecideStageGate, uow: UnitOfWork) -> StageGate:
    gate = await uow.get(StageGate, cmd.gate_id)
    gate.decide(cmd)
    return _saved(uow, gate)


def _saved(uow: UnitOfWork, gate: StageGate) -> StageGate:
    uow.save(gate)
    uow.also(lambda conn: replace_row(conn, stage_gates_view, "gate_id", {
        "gate_id": str(gate.id), "project_id": str(gate.project_id), "phase": gate.phase,
        "project_type": gate.project_type,
        "decision": gate.decision.decision if gate.decision else None}))
    return gate
