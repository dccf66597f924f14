"""/v1/projects/{project_id}/compliance and /v1/compliance/non-compliant: which mandatory items of
the standards library a project has attested, and which projects fall short."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response

from pmo_governance.api.access import acting_person, require_manager, require_reader
from pmo_governance.api.schemas.standards import (
    AttestationIn,
    ComplianceItemRead,
    ComplianceRead,
    EvaluationRead,
    NonCompliantPage,
    NonCompliantProject,
)
from pmo_governance.commands.standards import AttestComplianceItem
from pmo_governance.domain.compliance import ProjectCompliance, evaluate
from pmo_governance.domain.errors import ProjectNotKnown
from pmo_governance.handlers.compliance import attest_compliance_item
from pmo_governance.queries.compliance import attestations, non_compliant, required_items
from pmo_governance.queries.projects import project_type_of
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep
from pmo_shared.http.pagination import (
    DEFAULT_LIMIT,
    CursorQuery,
    InvalidCursor,
    LimitQuery,
    decode_cursor,
    encode_cursor,
)
from pmo_shared.http.principal import Principal, Role
from pmo_shared.writeside import WriteSide

router = APIRouter(prefix="/v1", tags=["compliance"])


async def _project_type(write_side: WriteSide, project_id: UUID) -> str:
    found = await write_side.database.read(lambda conn: project_type_of(conn, project_id))
    if found is None:
        raise ProjectNotKnown(f"project {project_id} has not been chartered (or not yet seen)")
    return found


def _evaluation(compliance: ProjectCompliance) -> EvaluationRead:
    assert compliance.evaluation is not None and compliance.project_id is not None
    e = compliance.evaluation
    return EvaluationRead(project_id=compliance.project_id, version=compliance.next_version,
                          mandatory_items=e.mandatory_items, attested_items=e.attested_items,
                          missing_item_ids=e.missing_item_ids, compliant=e.compliant)


@router.post("/projects/{project_id}/compliance/attestations", status_code=201,
             response_model=EvaluationRead)
async def attest(project_id: UUID, body: AttestationIn, scope: CommandScopeDep) -> Response:
    await require_manager(scope.write_side, scope.principal, project_id)
    project_type = await _project_type(scope.write_side, project_id)
    cmd = AttestComplianceItem(project_id=project_id, standard_id=body.standard_id,
                               item_id=body.item_id, attested_by=acting_person(scope.principal),
                               evidence_url=body.evidence_url or "")
    now = scope.write_side.clock.now()
    return await scope.run(lambda uow: attest_compliance_item(cmd, project_type, uow, now),
                           _evaluation, status=201,
                           location=lambda _: f"/v1/projects/{project_id}/compliance")


@router.get("/projects/{project_id}/compliance", response_model=ComplianceRead)
async def project_compliance(project_id: UUID, principal: PrincipalDep,
                             write_side: WriteSideDep) -> ComplianceRead:
    await require_reader(write_side, principal, project_id)
    project_type = await _project_type(write_side, project_id)
    required, done = await write_side.database.read(lambda conn: (
        required_items(conn, project_type), attestations(conn, project_id)))
    result = evaluate(required, done)
    items = [ComplianceItemRead(
        standard_id=i.standard_id, standard_version=i.standard_version, item_id=i.item_id,
        text=i.text, attested_by=done[i.item_id].attested_by if i.item_id in done else None,
        attested_at=done[i.item_id].attested_at if i.item_id in done else None,
        evidence_url=done[i.item_id].evidence_url if i.item_id in done else None)
        for i in required]
    return ComplianceRead(project_id=project_id, project_type=project_type,
                          mandatory_items=result.mandatory_items,
                          attested_items=result.attested_items,
                          missing_item_ids=result.missing_item_ids,
                          compliant=result.compliant, items=items)


def _scope(principal: Principal, portfolio_id: UUID | None) -> frozenset[UUID] | None:
    """None means every project; otherwise the projects the caller holds a role on."""
    if principal.is_admin() or principal.has_role(Role.AUDITOR):
        return None
    if portfolio_id is not None and principal.has_role(Role.PORTFOLIO_MANAGER) \
            and portfolio_id in principal.portfolio_ids:
        return None
    return principal.project_ids


@router.get("/compliance/non-compliant", response_model=NonCompliantPage)
async def non_compliant_projects(principal: PrincipalDep, write_side: WriteSideDep,
                                 portfolio_id: UUID | None = None,
                                 limit: LimitQuery = DEFAULT_LIMIT,
                                 cursor: CursorQuery = None) -> NonCompliantPage:
    """Across the portfolio: projects missing mandatory attestations, with how many."""
    after = decode_cursor(cursor).get("k") if cursor else None
    if cursor and not isinstance(after, str):
        raise InvalidCursor("The cursor is malformed.")
    rows = await write_side.database.read(lambda conn: non_compliant(
        conn, portfolio_id=portfolio_id, project_ids=_scope(principal, portfolio_id),
        after=after, limit=limit))
    items = [NonCompliantProject(project_id=r.project_id, code=r.code, name=r.name,
                                 portfolio_id=r.portfolio_id, project_type=r.project_type,
                                 missing_items=r.missing) for r in rows[:limit]]
    next_cursor = encode_cursor({"k": rows[limit - 1].project_id}) if len(rows) > limit else None
    return NonCompliantPage(items=items, next_cursor=next_cursor)
