"""One message taken off the stream, parsed or not, on its way into the projections."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pmo_shared.envelope import Envelope


@dataclass(frozen=True)
class Incoming:
    sequence: int
    raw: bytes
    envelope: Envelope | None
    error: str | None = None
    deliveries: int = 1

    @cached_property  # asked for several times per event while a batch is applied
    def key(self) -> str:
        """The processed-table key; an unreadable message is known by its stream sequence."""
        return str(self.envelope.id) if self.envelope else f"seq-{self.sequence}"
