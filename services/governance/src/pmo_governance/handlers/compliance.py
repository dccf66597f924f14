"""Handler of compliance attestations: judged against the standards that apply right now."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, insert

from pmo_governance.commands.standards import AttestComplianceItem
from pmo_governance.domain.compliance import ProjectCompliance, compliance_id_for
from pmo_governance.queries.compliance import required_items
from pmo_governance.tables import compliance_attestations
from pmo_shared.eventstore.uow import UnitOfWork


async def attest_compliance_item(cmd: AttestComplianceItem, project_type: str, uow: UnitOfWork,
                                 now: datetime) -> ProjectCompliance:
    required = await uow.database.read(lambda conn: required_items(conn, project_type))
    compliance = await uow.load(ProjectCompliance, compliance_id_for(cmd.project_id))
    compliance = compliance or ProjectCompliance.of_project(cmd.project_id)
    compliance.attest(cmd, required)
    uow.save(compliance)
    version = next(i.standard_version for i in required if i.item_id == cmd.item_id)

    def write_row(conn: Connection) -> None:
        conn.execute(insert(compliance_attestations).values(
            project_id=str(cmd.project_id), item_id=str(cmd.item_id),
            standard_id=str(cmd.standard_id), standard_version=version,
            attested_by=str(cmd.attested_by), attested_at=now, evidence_url=cmd.evidence_url))

    uow.also(write_row)
    return compliance
