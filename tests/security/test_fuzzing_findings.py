"""What the fuzzing found, kept as plain regression tests: each once answered 500."""
from __future__ import annotations

import pytest

from pmo_shared.http.problems import PROBLEM_BASE
from tests.support.system import System

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.mark.parametrize(("path", "query", "parameter"), [
    ("/v1/capacity/demand", {"from_on": "2000-01-01", "to_on": "2000-04-01",
                             "as_known_at": "0001-01-01T00:01:06+01:00"}, "query.as_known_at"),
    ("/v1/velocity", {"from_on": "2000-01-01", "last_n": "1", "as_of": "0001-01-01"},
     "query.as_of"),
    ("/v1/evm/all", {"as_of": "9999-12-31"}, "query.as_of"),
])
async def test_a_report_asked_about_a_far_away_year_is_422_naming_the_parameter(
        sqlite_system: System, path: str, query: dict[str, str], parameter: str) -> None:
    response = await sqlite_system.reporting.get(
        path, params=query, headers=sqlite_system.auth(roles=["pmo_admin"]))
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == PROBLEM_BASE + "validation-failed"
    assert [e["parameter"] for e in problem["errors"]] == [parameter]
