LESSON = {"phase": "execution", "title": "Book test environments early",
          "what_happened": "UAT waited three weeks for an environment",
          "impact": "go-live slipped", "recommendation": "request environments at planning",
          "tags": ["Testing", "environments"]}


async def record(gov, **overrides):
    response = await gov.post(f"/v1/projects/{gov.project}/lessons", headers=gov.approver,
                              json={**LESSON, **overrides})
    assert response.status_code == 201, response.text
    return response.json()


async def test_knowledge_is_found_by_words_and_tags(gov):
    lesson = await record(gov)
    await record(gov, title="Freeze scope", what_happened="late requests", tags=["scope"])
    article = await gov.post("/v1/articles", headers=gov.admin, json={
        "title": "Test environment checklist", "body": "What UAT needs", "tags": ["testing"]})
    assert article.status_code == 201, article.text
    hits = (await gov.get("/v1/knowledge", params={"q": "uat ENVIRONMENT"},
                          headers=gov.stranger)).json()
    assert {h["kind"] for h in hits["items"]} == {"lesson", "article"}
    tagged = (await gov.get("/v1/knowledge", params={"tag": "testing", "kind": "lesson"},
                            headers=gov.pm)).json()
    assert [(h["id"], h["tags"]) for h in tagged["items"]] == [
        (lesson["id"], ["environments", "testing"])]
    assert tagged["items"][0]["href"] == f"/v1/lessons/{lesson['id']}"


async def test_like_wildcards_in_a_search_are_taken_literally(gov):
    await record(gov)
    hits = await gov.get("/v1/knowledge", params={"q": "%"}, headers=gov.pm)
    assert hits.json()["items"] == []


async def test_a_revised_lesson_keeps_its_earlier_version(gov):
    lesson = await record(gov)
    url = f"/v1/lessons/{lesson['id']}"
    revised = await gov.put(url, headers={**gov.approver, "If-Match": '"1"'},
                            json={**LESSON, "title": "Book test environments at planning"})
    assert (revised.json()["content_version"], revised.headers["ETag"]) == (2, '"2"')
    old = await gov.get(url, params={"version": 1}, headers=gov.pm)
    assert old.json()["title"] == "Book test environments early"


async def test_search_pages_with_a_cursor(gov):
    ids = {(await record(gov, title=f"lesson {i}"))["id"] for i in range(3)}
    first = (await gov.get("/v1/knowledge", params={"limit": 2}, headers=gov.pm)).json()
    rest = (await gov.get("/v1/knowledge", params={"limit": 2, "cursor": first["next_cursor"]},
                          headers=gov.pm)).json()
    assert {h["id"] for h in first["items"] + rest["items"]} == ids
    assert rest["next_cursor"] is None


async def test_auditors_and_strangers_cannot_record_a_lesson(gov):
    for headers in (gov.auditor, gov.stranger):
        response = await gov.post(f"/v1/projects/{gov.project}/lessons", headers=headers,
                                  json=LESSON)
        assert response.status_code == 403
