from uuid import uuid4

import pytest

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.catalogue import Catalogue, CatalogueError


def make_catalogue() -> Catalogue:
    return Catalogue()


def test_registering_the_same_type_name_twice_is_rejected():
    catalogue = make_catalogue()

    @catalogue.register
    class Opened(DomainEvent):
        event_type = "svc.thing.opened"

    class OpenedAgain(DomainEvent):
        event_type = "svc.thing.opened"

    with pytest.raises(CatalogueError, match="already registered"):
        catalogue.register(OpenedAgain)


def test_a_type_name_without_three_parts_is_rejected():
    class Bad(DomainEvent):
        event_type = "thing_opened"

    with pytest.raises(CatalogueError):
        make_catalogue().register(Bad)


def test_old_versions_are_upcast_step_by_step_to_the_current_class():
    catalogue = make_catalogue()

    @catalogue.register
    class Renamed(DomainEvent):
        event_type = "svc.thing.renamed"
        event_version = 3
        thing_id: str
        new_name: str
        reason: str

    @catalogue.upcaster("svc.thing.renamed", 1)
    def v1_to_v2(data):
        return {"thing_id": data["thing_id"], "new_name": data["name"]}

    @catalogue.upcaster("svc.thing.renamed", 2)
    def v2_to_v3(data):
        return {**data, "reason": "unknown"}

    thing_id = str(uuid4())
    event = catalogue.parse("svc.thing.renamed", 1, {"thing_id": thing_id, "name": "B"})

    assert event == Renamed(thing_id=thing_id, new_name="B", reason="unknown")


def test_a_missing_upcaster_is_an_error_not_a_silent_default():
    catalogue = make_catalogue()

    @catalogue.register
    class Closed(DomainEvent):
        event_type = "svc.thing.closed"
        event_version = 2

    with pytest.raises(CatalogueError, match="no upcaster"):
        catalogue.parse("svc.thing.closed", 1, {})


def test_a_version_newer_than_the_code_is_refused():
    catalogue = make_catalogue()

    @catalogue.register
    class Moved(DomainEvent):
        event_type = "svc.thing.moved"

    with pytest.raises(CatalogueError, match="newer"):
        catalogue.parse("svc.thing.moved", 2, {})


def test_unknown_fields_in_event_data_are_rejected():
    catalogue = make_catalogue()

    @catalogue.register
    class Tagged(DomainEvent):
        event_type = "svc.thing.tagged"
        tag: str

    with pytest.raises(ValueError):
        catalogue.parse("svc.thing.tagged", 1, {"tag": "a", "extra": 1})
