"""/v1/projects/{project_id}/stage-gates and /v1/stage-gates/{gate_id}: gates, their checklist
and their decision, which the projects service consumes to allow the next phase."""
from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from pmo_governance.api.access import (
    acting_person,
    hide_unless_reader_or_named,
    require_manager,
    require_reader,
)
from pmo_governance.api.schemas.gates import (
    AttestationCreate,
    EvidenceCreate,
    GateDecisionCreate,
    StageGateCreate,
    StageGatePage,
    StageGateRead,
)
from pmo_governance.commands.gates import (
    AttachEvidence,
    AttestCriterion,
    DecideStageGate,
    DefineStageGate,
)
from pmo_governance.domain.errors import InvalidInput
from pmo_governance.domain.stage_gate import StageGate
from pmo_governance.domain.standard import Standard, gate_criteria
from pmo_governance.handlers import gates as handlers
from pmo_governance.queries.gates import list_gates
from pmo_governance.queries.projects import project_type_of
from pmo_shared.events.governance import GateCriterion
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScope, CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery
from pmo_shared.kernel.ids import new_id

router = APIRouter(prefix="/v1", tags=["stage gates"])
Decision = Literal["undecided", "approved", "rejected", "deferred", "approved_with_conditions"]


async def _definition(scope: CommandScope, project_id: UUID,
                      body: StageGateCreate) -> DefineStageGate:
    """Fills project type from the local project copy and criteria from the standards library."""
    known = await scope.write_side.database.read(lambda conn: project_type_of(conn, project_id))
    project_type = body.project_type or known
    if project_type is None:
        raise InvalidInput("the project is not known yet; name its type", pointer="#/project_type")
    criteria = [GateCriterion(criterion_id=new_id(), **dict(c)) for c in body.criteria]
    phase = body.phase
    if body.standard_id is not None:
        standard = await scope.write_side.load(Standard, body.standard_id)
        if standard is None:
            raise InvalidInput("no such standard", pointer="#/standard_id")
        criteria = gate_criteria(standard, project_type, new_id) + criteria
        phase = phase or standard.latest.phase
    if phase is None:
        raise InvalidInput("name the phase the gate guards", pointer="#/phase")
    return DefineStageGate(project_id=project_id, phase=phase, project_type=project_type,
                           criteria=tuple(criteria), standard_id=body.standard_id,
                           required_approver_ids=tuple(body.required_approver_ids))


async def _visible(scope: CommandScope, gate_id: UUID) -> UUID:
    gate = await scope.write_side.load(StageGate, gate_id)
    project_id = gate.project_id if gate else None
    await hide_unless_reader_or_named(scope.write_side, scope.principal, project_id,
                                      gate.approver_ids if gate else (), f"gate {gate_id}")
    assert project_id is not None
    return project_id


@router.post("/projects/{project_id}/stage-gates", status_code=201, response_model=StageGateRead)
async def define(project_id: UUID, body: StageGateCreate, scope: CommandScopeDep) -> Response:
    await require_manager(scope.write_side, scope.principal, project_id)
    cmd = await _definition(scope, project_id, body)
    return await scope.run(lambda uow: handlers.define_stage_gate(cmd, uow), StageGateRead.of,
                           status=201, location=lambda g: f"/v1/stage-gates/{g.id}")


@router.get("/projects/{project_id}/stage-gates", response_model=StageGatePage)
async def list_project_gates(
    project_id: UUID, principal: PrincipalDep, write_side: WriteSideDep,
    phase: Annotated[str | None, Query(max_length=64)] = None, decision: Decision | None = None,
    limit: LimitQuery = DEFAULT_LIMIT, cursor: CursorQuery = None,
) -> StageGatePage:
    await require_reader(write_side, principal, project_id)
    items, next_cursor = await write_side.database.read(lambda conn: list_gates(
        conn, project_id=project_id, phase=phase, decision=decision, limit=limit, cursor=cursor))
    return StageGatePage(items=items, next_cursor=next_cursor)


@router.get("/stage-gates/{gate_id}", response_model=StageGateRead)
async def read(gate_id: UUID, principal: PrincipalDep, write_side: WriteSideDep) -> JSONResponse:
    gate = await write_side.load(StageGate, gate_id)
    await hide_unless_reader_or_named(write_side, principal, gate.project_id if gate else None,
                                      gate.approver_ids if gate else (), f"gate {gate_id}")
    assert gate is not None
    return resource_response(StageGateRead.of(gate), version=gate.version)


@router.post("/stage-gates/{gate_id}/criteria/{criterion_id}/evidence",
             response_model=StageGateRead)
async def attach_evidence(gate_id: UUID, criterion_id: UUID, body: EvidenceCreate,
                          scope: CommandScopeDep) -> Response:
    await require_manager(scope.write_side, scope.principal, await _visible(scope, gate_id))
    cmd = AttachEvidence(gate_id=gate_id, criterion_id=criterion_id, url=body.url,
                         note=body.note, attached_by=scope.principal.person_id)
    return await scope.run(lambda uow: handlers.attach_evidence(cmd, uow), StageGateRead.of)


@router.post("/stage-gates/{gate_id}/criteria/{criterion_id}/attestation",
             response_model=StageGateRead)
async def attest(gate_id: UUID, criterion_id: UUID, body: AttestationCreate,
                 scope: CommandScopeDep) -> Response:
    await require_manager(scope.write_side, scope.principal, await _visible(scope, gate_id))
    cmd = AttestCriterion(gate_id=gate_id, criterion_id=criterion_id,
                          attested_by=acting_person(scope.principal), note=body.note)
    return await scope.run(lambda uow: handlers.attest_criterion(cmd, uow), StageGateRead.of)


@router.post("/stage-gates/{gate_id}/decision", response_model=StageGateRead)
async def decide(gate_id: UUID, body: GateDecisionCreate, scope: CommandScopeDep) -> Response:
    """Only a required approver decides (403 otherwise); a gate is decided once (409)."""
    await _visible(scope, gate_id)
    cmd = DecideStageGate(gate_id=gate_id, decided_by=acting_person(scope.principal),
                          decision=body.decision, reason=body.reason,
                          conditions=tuple(body.conditions))
    return await scope.run(lambda uow: handlers.decide_stage_gate(cmd, uow), StageGateRead.of)
