"""What a generated plan is made of: commands naming the ids of earlier answers by reference.

Server-assigned ids are unknown while planning, so a command points at them with `Ref`s (in its
body) or `{name}` placeholders (in its path); `Capture`s say which answer field gives a name its
id. That keeps the plan a pure value: same seed and size, same list of commands."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

DIRECTOR = "person.director"


@dataclass(frozen=True)
class Ref:
    """The id captured under `name` by an earlier command."""

    name: str


@dataclass(frozen=True)
class Capture:
    """Remember `field` of the answer as `name`; with `among`, of the list item matching `match`."""

    name: str
    field: str = "id"
    among: str | None = None
    match: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Command:
    stage: int
    stream: str
    service: str
    method: str
    path: str
    body: Any = None
    captures: tuple[Capture, ...] = ()
    actor: str = DIRECTOR  # whose person id the caller's token carries (approvers must decide)
    label: str = ""


@dataclass
class Stream:
    """Commands that must run in order (one project's life, one person's weeks)."""

    stage: int
    name: str
    commands: list[Command]

    def call(self, service: str, method: str, path: str, body: Any = None, *,
             capture: str | Capture | tuple[Capture, ...] = (), actor: str = DIRECTOR,
             label: str) -> None:
        captures = ((Capture(capture),) if isinstance(capture, str) else
                    (capture,) if isinstance(capture, Capture) else capture)
        self.commands.append(Command(self.stage, self.name, service, method, path, body,
                                     captures, actor, label))


@dataclass
class Plan:
    commands: list[Command] = field(default_factory=list)

    def stream(self, stage: int, name: str) -> Stream:
        return Stream(stage, name, self.commands)


def money(amount: Decimal | int | str, currency: str) -> dict[str, str]:
    cents = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {"amount": str(cents), "currency": currency}


def day(value: date) -> str:
    return value.isoformat()
