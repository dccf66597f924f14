"""The event schema snapshot: `python -m tests.contract.event_schemas --update` rewrites it."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from pmo_shared.events import catalogue

SNAPSHOT = Path(__file__).with_name("event_schemas.json")


def current_schemas() -> dict[str, dict[str, Any]]:
    return {cls.event_type: {"version": cls.event_version, "schema": cls.model_json_schema()}
            for cls in catalogue}


def load_snapshot() -> dict[str, dict[str, Any]]:
    return json.loads(SNAPSHOT.read_text()) if SNAPSHOT.exists() else {}


def is_compatible_extension(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """True when `new` only adds optional properties: old events still validate, same meaning."""
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    if sorted(old.get("required", [])) != sorted(new.get("required", [])):
        return False
    if any(new_props.get(name) != schema for name, schema in old_props.items()):
        return False
    old_defs, new_defs = old.get("$defs", {}), new.get("$defs", {})
    return all(new_defs.get(name) == schema for name, schema in old_defs.items())


if __name__ == "__main__":
    if "--update" not in sys.argv:
        sys.exit("usage: python -m tests.contract.event_schemas --update")
    SNAPSHOT.write_text(json.dumps(current_schemas(), indent=1, sort_keys=True) + "\n")
