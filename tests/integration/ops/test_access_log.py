"""JSON logs: every request leaves one access line naming its request id, correlation id and actor."""
from __future__ import annotations

import json

from fastapi import APIRouter

from pmo_shared.http.app import create_write_service_app
from pmo_shared.http.auth import PrincipalDep
from tests.integration.ops import samples
from tests.integration.ops.test_metrics import serving
from tests.support.apps import auth

router = APIRouter()


@router.get("/v1/whoami")
async def whoami(principal: PrincipalDep) -> dict[str, str]:
    return {"subject": principal.subject}


async def test_the_access_log_line_carries_request_id_correlation_id_and_actor(
        database_url, nats_server, tmp_path, capsys):
    samples.create_schema(samples.write_metadata, database_url)
    keys = tmp_path / "keys"
    config = samples.settings(database_url, nats_server.url, stream="PMO", dev_mode=True,
                              dev_keys_dir=keys, log_json=True)
    app = create_write_service_app(config, title="sample", description="sample", routers=[router],
                                   tables=samples.write_tables)
    async with serving(app) as client:
        headers = {**auth(keys, roles=["auditor"], subject="ada"), "X-Request-ID": "req-42"}
        response = await client.get("/v1/whoami", headers=headers)
        anonymous = await client.get("/v1/whoami")

    assert (response.status_code, anonymous.status_code) == (200, 401)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()
             if line.startswith("{") and '"http.request"' in line]
    by_status = {line["status"]: line for line in lines}
    assert {key: by_status[200][key] for key in
            ("request_id", "correlation_id", "actor", "status", "method")} == {
        "request_id": "req-42", "correlation_id": "req-42", "actor": "ada", "status": 200,
        "method": "GET"}
    assert "actor" not in by_status[401]
