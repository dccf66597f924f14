"""Property-based fuzzing of every service's OpenAPI with schemathesis, in-process over ASGI with
an admin token and a fixed seed: no server errors, responses as documented."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from pmo_shared.devserver import NatsServer
from pmo_shared.migrate import upgrade
from tests.support.apps import auth
from tests.support.system import SERVICES, service_factories

EXAMPLES_PER_OPERATION = 25
SOAK_EXAMPLES_PER_OPERATION = 200
# What the issue asks for: no 5xx, documented status codes, content types, headers and bodies,
# and no operation that works without the token. (`positive_data_acceptance` is left out: a JSON
# Schema "string" for a Decimal admits "" though the API rightly answers 422.)
CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_headers_conformance,
          checks.response_schema_conformance, checks.ignored_auth]


def fuzz(service: str, nats_url: str, root: Path, examples: int) -> tuple[Counter, list[str]]:
    settings_cls, create_app = service_factories(service)
    database_url = f"sqlite:///{root / f'{service}.db'}"
    upgrade(f"pmo_{service}", database_url)
    app = create_app(settings_cls(database_url=database_url, nats_url=nats_url, dev_mode=True,
                                  dev_keys_dir=root / "keys", log_json=True, log_level="WARNING"))
    headers = auth(root / "keys", roles=["pmo_admin"], person_id="6f1d2b0e-4b8a-4a57-9f0e-0c5d7e3a2b19")
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    totals: Counter = Counter()
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        totals["operations"] += 1

        @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
        @given(case=operation.as_strategy())
        def run(case) -> None:
            totals["examples"] += 1
            if case.query:
                # A long poll (up to wait_seconds for an event that never comes) is reporting's
                # documented behaviour, tested there; fuzzing it would only measure patience.
                case.query.pop("wait_for", None)
            try:
                case.call_and_validate(headers=headers, checks=CHECKS)
            except (AssertionError, BaseExceptionGroup, OSError) as failure:  # collect them all
                failures.append(f"{case.operation.label}: {str(failure)[:600]}")

        run()
    totals["failures"] = len(failures)
    return totals, failures


@pytest.mark.parametrize("service", SERVICES)
def test_fuzzed_requests_cause_no_server_error_and_get_documented_responses(
        service: str, module_nats: NatsServer, tmp_path: Path) -> None:
    totals, failures = fuzz(service, module_nats.url, tmp_path, EXAMPLES_PER_OPERATION)
    print(f"\nschemathesis {service}: {dict(totals)}")  # noqa: T201 - the totals the issue asks for
    assert failures == [], "\n\n".join(failures)
    assert totals["operations"] > 10


@pytest.mark.soak
@pytest.mark.parametrize("service", SERVICES)
def test_a_long_fuzzing_run_finds_no_failure_either(service: str, module_nats: NatsServer,
                                                    tmp_path: Path) -> None:
    totals, failures = fuzz(service, module_nats.url, tmp_path, SOAK_EXAMPLES_PER_OPERATION)
    print(f"\nschemathesis soak {service}: {dict(totals)}")  # noqa: T201
    assert failures == [], "\n\n".join(failures)
