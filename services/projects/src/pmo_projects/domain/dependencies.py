"""Cycle detection over finish-to-start (and other) task dependencies: pure graph code."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from uuid import UUID

from pmo_projects.domain.errors import DependencyCycle


def path_between(predecessors: Mapping[UUID, Iterable[UUID]], start: UUID,
                 goal: UUID) -> list[UUID] | None:
    """A chain start -> ... -> goal following predecessor edges, or None."""
    parents: dict[UUID, UUID | None] = {start: None}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        if node == goal:
            chain = [node]
            while (parent := parents[chain[-1]]) is not None:
                chain.append(parent)
            return list(reversed(chain))
        for nxt in predecessors.get(node, ()):
            if nxt not in parents:
                parents[nxt] = node
                frontier.append(nxt)
    return None


def ensure_acyclic(predecessors: Mapping[UUID, Iterable[UUID]], task_id: UUID,
                   predecessor_id: UUID) -> None:
    """Adding `task_id` depends-on `predecessor_id` closes a cycle exactly when the predecessor
    already (transitively) depends on the task."""
    chain = path_between(predecessors, predecessor_id, task_id)
    if chain is not None:
        raise DependencyCycle(
            f"task {predecessor_id} already depends on {task_id}",
            cycle=[str(task_id), *(str(node) for node in chain)], pointer="#/predecessor_id")
