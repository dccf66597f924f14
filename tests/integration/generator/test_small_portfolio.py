"""The small demo portfolio goes through the real write paths of all services and shows up in
reporting."""
from collections import Counter
from datetime import UTC, datetime
from uuid import UUID

from bench.generator.catchup import reporting_lag
from bench.generator.executor import Executor
from bench.generator.plan import build_plan
from bench.generator.routes import Routes
from bench.generator.sizes import SIZES

SIZE = SIZES["small"]


async def generate(system):
    clients = {"projects": system.projects, "governance": system.governance,
               "resources": system.resources}

    def tokens(person_id):
        return system.auth(roles=["pmo_admin"], person_id=UUID(person_id) if person_id else None)

    plan = build_plan(7, SIZE, datetime.now(UTC).date())
    executor = Executor(clients, tokens, routes=await Routes.discover(clients))
    return plan, await executor.run(plan)


async def test_every_command_of_the_small_portfolio_is_accepted(system):
    plan, outcome = await generate(system)

    assert Counter((r.label, r.status, r.problem_type) for r in outcome.refused) == {}, \
        outcome.refused[:3]
    assert (outcome.blocked, dict(outcome.skipped)) == (0, {})
    assert outcome.commands == len(plan)
    assert outcome.events >= len(plan)


async def test_reporting_counts_the_generated_people_and_projects(system):
    plan, outcome = await generate(system)
    admin = system.auth(roles=["pmo_admin"])
    assert await reporting_lag(system.reporting, outcome, admin) is None

    people = await system.reporting.get("/v1/people/count", headers=admin)
    health = await system.reporting.get("/v1/portfolio/health", headers=admin,
                                        params={"limit": 200})

    assert people.status_code == 200, people.text
    assert people.json()["people"] == SIZE.people + 1  # and the PMO director
    assert len(health.json()["items"]) == SIZE.projects
