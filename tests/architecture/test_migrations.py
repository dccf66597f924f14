"""Each service's alembic migrations build exactly the schema its code declares."""
import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from pmo_shared.migrate import upgrade


@pytest.mark.parametrize("service", ["projects", "governance", "resources", "reporting"])
def test_migrating_an_empty_database_gives_the_declared_schema(service, database_url):
    package = f"pmo_{service}"
    upgrade(package, database_url)
    metadata = importlib.import_module(f"{package}.tables").metadata
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert differences == []
