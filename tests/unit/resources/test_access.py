"""Who may do what: rates, own time, project management, reading people."""
from uuid import uuid4

from pmo_resources.access import Access
from pmo_shared.http.principal import Principal

PROJECT, PERSON = uuid4(), uuid4()


def access(*roles, projects=(), person_id=None) -> Access:
    return Access(Principal(subject="s", roles=frozenset(roles), project_ids=frozenset(projects),
                            portfolio_ids=frozenset(), person_id=person_id))


def test_only_resource_managers_and_auditors_see_rates():
    seen = {role: access(role).sees_rates() for role in (
        "pmo_admin", "portfolio_manager", "auditor", "project_manager", "team_member")}
    assert seen == {"pmo_admin": True, "portfolio_manager": True, "auditor": True,
                    "project_manager": False, "team_member": False}


def test_a_project_manager_manages_only_the_projects_in_their_token():
    manager = access("project_manager", projects=[PROJECT])
    assert (manager.manages_project(PROJECT), manager.manages_project(uuid4())) == (True, False)


def test_a_team_member_listed_on_a_project_does_not_manage_it():
    assert access("team_member", projects=[PROJECT]).manages_project(PROJECT) is False


def test_people_edit_their_own_time_and_nobody_elses():
    me = access("team_member", person_id=PERSON)
    assert (me.edits_own_time(PERSON), me.edits_own_time(uuid4())) == (True, False)


def test_a_team_member_reads_only_their_own_capacity():
    me = access("team_member", person_id=PERSON)
    assert (me.reads_person(PERSON), me.reads_person(uuid4())) == (True, False)
    assert access("project_manager").reads_person(uuid4()) is True


def test_managing_the_people_pool_gives_no_read_of_a_projects_staffing():
    assert access("portfolio_manager").reads_project(PROJECT) is False
    assert access("team_member", projects=[PROJECT]).reads_project(PROJECT) is True
