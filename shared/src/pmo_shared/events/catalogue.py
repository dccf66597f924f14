"""The event catalogue: one class per stable type name, upcasters from older versions."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from pmo_shared.events.base import DomainEvent

E = TypeVar("E", bound=type[DomainEvent])
Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


class CatalogueError(LookupError):
    """An event type is unknown, registered twice, or cannot be upcast."""


class Catalogue:
    def __init__(self) -> None:
        self._classes: dict[str, type[DomainEvent]] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}

    def register(self, cls: E) -> E:
        """Class decorator; a second class with the same type name is a programming error."""
        name = cls.event_type
        if name.count(".") != 2:
            raise CatalogueError(f"{name!r} is not <service>.<aggregate>.<past_verb>")
        if name in self._classes:
            raise CatalogueError(f"event type {name!r} is already registered")
        self._classes[name] = cls
        return cls

    def upcaster(self, event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Registers a function turning version `from_version` data into `from_version + 1`."""

        def decorate(fn: Upcaster) -> Upcaster:
            key = (event_type, from_version)
            if key in self._upcasters:
                raise CatalogueError(f"upcaster for {key} is already registered")
            self._upcasters[key] = fn
            return fn

        return decorate

    def class_for(self, event_type: str) -> type[DomainEvent]:
        try:
            return self._classes[event_type]
        except KeyError:
            raise CatalogueError(f"unknown event type {event_type!r}") from None

    def parse(self, event_type: str, version: int, data: dict[str, Any]) -> DomainEvent:
        cls = self.class_for(event_type)
        if version > cls.event_version:
            raise CatalogueError(f"{event_type} v{version} is newer than this code knows")
        while version < cls.event_version:
            try:
                data = self._upcasters[(event_type, version)](data)
            except KeyError:
                raise CatalogueError(f"no upcaster for {event_type} v{version}") from None
            version += 1
        return cls.model_validate(data)

    def __iter__(self) -> Iterator[type[DomainEvent]]:
        return iter(sorted(self._classes.values(), key=lambda cls: cls.event_type))

    def __len__(self) -> int:
        return len(self._classes)
