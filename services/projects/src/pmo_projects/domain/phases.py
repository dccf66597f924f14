"""The project life cycle: the explicit transition table and the stage-gate rule."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from pmo_projects.domain.errors import GateNotApproved, PhaseNotAllowed

PHASES = ("proposed", "approved", "planning", "executing", "closing", "closed", "on_hold",
          "cancelled")
TERMINAL = frozenset({"closed", "cancelled"})
# on_hold is reachable from every active phase; leaving it goes back where the project was.
_FORWARD: dict[str, tuple[str, ...]] = {
    "proposed": ("approved", "cancelled"),
    "approved": ("planning", "on_hold", "cancelled"),
    "planning": ("executing", "on_hold", "cancelled"),
    "executing": ("closing", "on_hold", "cancelled"),
    "closing": ("closed", "on_hold"),
    "closed": (),
    "cancelled": (),
}
GATE_PASSING = frozenset({"approved", "approved_with_conditions"})


@dataclass(frozen=True)
class Gate:
    """The local copy of a governance stage gate guarding entry to a phase."""

    gate_id: UUID
    decision: str | None  # the latest decision, None while undecided


def allowed_next(phase: str, held_from: str | None) -> tuple[str, ...]:
    if phase == "on_hold":
        return (held_from or "proposed", "cancelled")
    return _FORWARD[phase]


def check_transition(phase: str, to_phase: str, held_from: str | None) -> None:
    allowed = allowed_next(phase, held_from)
    if to_phase not in allowed:
        raise PhaseNotAllowed(
            f"a project in phase {phase!r} cannot move to {to_phase!r}",
            current_phase=phase, allowed_next_phases=list(allowed), pointer="#/to_phase")


def check_gate(to_phase: str, gate: Gate | None) -> None:
    if gate is None or gate.decision in GATE_PASSING:
        return
    raise GateNotApproved(
        f"entering {to_phase!r} needs stage gate {gate.gate_id} approved; its latest decision "
        f"is {gate.decision or 'pending'}",
        gate_id=str(gate.gate_id), decision=gate.decision, phase=to_phase)
