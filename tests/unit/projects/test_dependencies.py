from uuid import uuid4

import pytest

from pmo_projects.domain.dependencies import ensure_acyclic
from pmo_projects.domain.errors import DependencyCycle, InvalidDependency
from pmo_shared.kernel.errors import Duplicate
from tests.unit.projects.builders import saved_task


def test_a_dependency_on_an_unrelated_task_is_accepted():
    a, b, c = uuid4(), uuid4(), uuid4()
    ensure_acyclic({b: [a]}, c, b)


def test_a_direct_back_edge_is_a_cycle():
    a, b = uuid4(), uuid4()
    with pytest.raises(DependencyCycle) as raised:
        ensure_acyclic({b: [a]}, a, b)
    assert raised.value.status == 409
    assert raised.value.extensions["cycle"] == [str(a), str(b), str(a)]


def test_a_transitive_back_edge_is_a_cycle_and_the_problem_names_the_chain():
    a, b, c, d = uuid4(), uuid4(), uuid4(), uuid4()
    predecessors = {b: [a], c: [b], d: [c]}
    with pytest.raises(DependencyCycle) as raised:
        ensure_acyclic(predecessors, a, d)
    assert raised.value.extensions["cycle"] == [str(x) for x in (a, d, c, b, a)]
    assert raised.value.extensions["pointer"] == "#/predecessor_id"


def test_a_diamond_is_not_a_cycle():
    a, b, c, d = uuid4(), uuid4(), uuid4(), uuid4()
    ensure_acyclic({b: [a], c: [a], d: [b]}, d, c)


def test_a_task_cannot_depend_on_itself():
    task = saved_task()
    with pytest.raises(InvalidDependency):
        task.depend_on(task.id, "finish_to_start", 0)


def test_the_same_dependency_twice_is_a_duplicate():
    task, other = saved_task(), uuid4()
    task.depend_on(other, "finish_to_start", 0)
    with pytest.raises(Duplicate):
        task.depend_on(other, "finish_to_start", 2)


def test_removing_a_dependency_forgets_it():
    task, other = saved_task(), uuid4()
    task.depend_on(other, "start_to_start", 1)
    task.drop_dependency(other)
    assert task.predecessors == {}
