"""Events are a published contract: a change needs a version bump and an upcaster."""
import pytest

from tests.contract.event_schemas import current_schemas, is_compatible_extension, load_snapshot

CURRENT = current_schemas()
SNAPSHOT = load_snapshot()
UPDATE = "run `python -m tests.contract.event_schemas --update` and commit the snapshot"


@pytest.mark.parametrize("event_type", sorted(CURRENT))
def test_every_event_schema_matches_its_snapshot_or_is_versioned(event_type):
    current = CURRENT[event_type]
    recorded = SNAPSHOT.get(event_type)
    assert recorded is not None, f"{event_type} is new: {UPDATE}"
    if current["version"] == recorded["version"]:
        assert current["schema"] == recorded["schema"] or is_compatible_extension(
            recorded["schema"], current["schema"]), (
            f"{event_type} v{current['version']} changed incompatibly without a version bump; "
            "bump event_version and register an upcaster")
    else:
        assert current["version"] > recorded["version"], f"{event_type} version went backwards"
        pytest.fail(f"{event_type} is now v{current['version']}: {UPDATE}")


def test_no_event_type_disappears_from_the_catalogue():
    assert sorted(set(SNAPSHOT) - set(CURRENT)) == []


def test_adding_an_optional_field_is_a_compatible_extension():
    old = {"properties": {"a": {"type": "string"}}, "required": ["a"]}
    new = {"properties": {"a": {"type": "string"}, "b": {"type": "integer"}}, "required": ["a"]}
    assert is_compatible_extension(old, new)


def test_adding_a_required_field_or_changing_a_type_is_not_compatible():
    old = {"properties": {"a": {"type": "string"}}, "required": ["a"]}
    assert not is_compatible_extension(
        old, {"properties": {"a": {"type": "string"}, "b": {}}, "required": ["a", "b"]})
    assert not is_compatible_extension(
        old, {"properties": {"a": {"type": "integer"}}, "required": ["a"]})
