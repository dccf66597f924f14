"""Automatic WBS codes: the next child number under a parent, safe under concurrent requests.

The code is part of the `task.planned` event, so it is chosen before the transaction; two
concurrent requests reading the same sibling count would pick the same code. Numbers handed out
are remembered in this process (the single writer's process), so concurrent requests get distinct
numbers; a failed request leaves a gap, as MS Project does after a deletion. Across processes the
unique (project, wbs_code) check still refuses a clash with a retryable 409."""
from __future__ import annotations

import threading
from uuid import UUID


class WbsNumbers:
    def __init__(self) -> None:
        self._last: dict[tuple[UUID, UUID | None], int] = {}
        self._lock = threading.Lock()

    def next_code(self, project_id: UUID, parent_id: UUID | None, *, siblings: int,
                  parent_code: str | None) -> str:
        with self._lock:
            key = (project_id, parent_id)
            number = max(siblings, self._last.get(key, 0)) + 1
            self._last[key] = number
        return f"{parent_code}.{number}" if parent_code else str(number)


wbs_numbers = WbsNumbers()
