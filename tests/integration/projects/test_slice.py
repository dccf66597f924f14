from uuid import uuid4

from tests.support.apps import auth


def charter(**overrides):
    return {"code": "ERP-1", "name": "ERP", "goals": ["g"], "sponsor_id": str(uuid4()),
            "manager_id": str(uuid4()), "planned_start_on": "2027-01-04",
            "planned_finish_on": "2027-06-30", "budget": {"amount": "1000.00", "currency": "EUR"},
            "project_type": "it", **overrides}


async def test_a_chartered_project_reads_back_with_its_version(projects):
    headers = auth(projects.keys, roles=["pmo_admin"])
    created = await projects.post("/v1/projects", json=charter(), headers=headers)
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == '"1"'
    read = await projects.get(created.headers["Location"], headers=headers)
    assert read.json()["budget"] == {"amount": "1000.00", "currency": "EUR"}
    assert read.headers["ETag"] == '"1"'


async def test_an_idempotent_retry_returns_the_original_response_and_writes_once(projects):
    headers = {**auth(projects.keys, roles=["pmo_admin"]), "Idempotency-Key": "k-1"}
    body = charter()
    first = await projects.post("/v1/projects", json=body, headers=headers)
    again = await projects.post("/v1/projects", json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["PMO-Event-Ids"] == first.headers["PMO-Event-Ids"]
    assert again.headers["Idempotent-Replayed"] == "true"
    other = await projects.post("/v1/projects", json=charter(code="ERP-2"), headers=headers)
    assert other.status_code == 422
    assert other.json()["type"].endswith("idempotency-key-reused")


async def test_unknown_fields_are_rejected_with_a_pointer(projects):
    headers = auth(projects.keys, roles=["pmo_admin"])
    response = await projects.post("/v1/projects", json=charter(version=5), headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["pointer"] for e in response.json()["errors"]] == ["#/version"]
