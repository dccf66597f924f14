"""Per-project earned value figures remembered until the project's facts change.

A portfolio report over a thousand projects recomputes only the projects whose stamp moved since
it was last asked (projections/stamps.py bumps a project's stamp with every event naming it).
A figure is keyed by the project, its stamp, the status date, the baseline asked for and whether
the live plan is needed, and by the record time: every moment at or after the project's latest
record time sees the same facts, so those requests share one entry."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection

from pmo_reporting.queries.evm_facts import load_facts
from pmo_reporting.queries.evm_report import ProjectFigures, project_figures
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_shared.eventstore.database import Database

# About 1 KB per entry: ten status dates of a thousand projects, twice over.
CAPACITY = 20_000


class FiguresMemo:
    """A bounded LRU shared by the request threads of one read database."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[Hashable, ProjectFigures] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return len(self._entries)

    def figures(self, conn: Connection, projects: Sequence[Any], when: TimeSlice, *,
                baseline_id: str | None = None,
                with_live: bool = False) -> dict[str, ProjectFigures]:
        """Figures of `projects` (rows of `load_projects`), in their order."""
        keys = {row.project_id: _key(row, when, baseline_id, with_live) for row in projects}
        found: dict[str, ProjectFigures] = {}
        with self._lock:
            for project_id, key in keys.items():
                if key is not None and (hit := self._entries.get(key)) is not None:
                    self._entries.move_to_end(key)
                    found[project_id] = hit
        missing = [row for row in projects if row.project_id not in found]
        if missing:
            facts = load_facts(conn, missing, when, baseline_id=baseline_id, with_live=with_live)
            computed = {pid: project_figures(f, when.as_of) for pid, f in facts.items()}
            self._remember({keys[pid]: figures for pid, figures in computed.items()})
            found.update(computed)
        return {row.project_id: found[row.project_id] for row in projects}

    def _remember(self, entries: dict[Hashable | None, ProjectFigures]) -> None:
        with self._lock:
            for key, figures in entries.items():
                if key is not None:
                    self._entries[key] = figures
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)


def _key(row: Any, when: TimeSlice, baseline_id: str | None,
         with_live: bool) -> Hashable | None:
    if row.changes is None:  # not stamped yet: nothing tells when it changes
        return None
    known_at = None if when.known_at >= row.last_recorded_at else when.known_at
    return (row.project_id, row.changes, when.as_of, known_at, baseline_id, with_live)


_MEMOS: WeakKeyDictionary[Database, FiguresMemo] = WeakKeyDictionary()
_MEMOS_LOCK = threading.Lock()


def memo_for(database: Database) -> FiguresMemo:
    """One memo per read database: a rebuilt database swapped in starts with an empty one."""
    with _MEMOS_LOCK:
        memo = _MEMOS.get(database)
        if memo is None:
            memo = _MEMOS[database] = FiguresMemo()
        return memo
