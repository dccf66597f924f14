"""The governance service on a real database and a real NATS, with callers of each role."""
from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import nats
import pytest

from pmo_governance.app import create_app
from pmo_governance.settings import GovernanceSettings
from pmo_shared.envelope import Envelope, cloudevent_type
from pmo_shared.events.projects import ProjectChartered
from pmo_shared.kernel.money import Money
from pmo_shared.messaging.stream import subject_for
from tests.support.apps import auth, dev_settings, running


class Governance:
    """A client plus tokens: `pm` manages PROJECT, `approver` is a named person."""

    def __init__(self, client, keys):
        self.client, self.keys = client, keys
        self.project = uuid4()
        self.pm_person, self.approver_person = uuid4(), uuid4()
        self.pm = self.as_(["project_manager"], projects=[self.project], person_id=self.pm_person)
        self.admin = self.as_(["pmo_admin"], person_id=uuid4())
        self.auditor = self.as_(["auditor"])
        self.approver = self.as_(["team_member"], projects=[self.project],
                                 person_id=self.approver_person)
        self.stranger = self.as_(["project_manager"], projects=[uuid4()], person_id=uuid4())

    def as_(self, roles, *, projects=(), person_id: UUID | None = None, portfolios=()):
        return auth(self.keys, roles=roles, projects=list(projects), portfolios=list(portfolios),
                    person_id=person_id)

    def __getattr__(self, name):
        return getattr(self.client, name)


async def publish_charter(nats_url: str, project_id: UUID, *, project_type: str = "it",
                          portfolio_id: UUID | None = None) -> None:
    """What the projects service publishes when a project is chartered, on the real stream."""
    event = ProjectChartered(
        project_id=project_id, code="ERP-1", name="ERP", goals=["g"], sponsor_id=uuid4(),
        manager_id=uuid4(), planned_start_on=date(2027, 1, 4), planned_finish_on=date(2027, 6, 30),
        budget=Money(amount=Decimal("1000.00"), currency="EUR"), project_type=project_type,
        portfolio_id=portfolio_id)
    envelope = Envelope(
        id=uuid4(), source="/pmo/projects", type=cloudevent_type(event.event_type),
        subject=str(project_id), time=datetime.now(UTC), aggregatetype="project",
        aggregateid=str(project_id), aggregateversion=1, eventversion=1, actor="tester",
        data=event.model_dump(mode="json"))
    connection = await nats.connect(nats_url)
    try:
        await connection.jetstream().publish(subject_for(event.event_type), envelope.to_json(),
                                             headers={"Nats-Msg-Id": str(envelope.id)})
    finally:
        await connection.close()


@pytest.fixture
async def gov(database_url, nats_server, tmp_path):
    settings = dev_settings(GovernanceSettings, database_url=database_url,
                            nats_url=nats_server.url, keys_dir=tmp_path / "keys")
    async with running("pmo_governance", create_app, settings) as client:
        client.nats_url = nats_server.url
        yield Governance(client, tmp_path / "keys")
