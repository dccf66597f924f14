"""The database_url fixture gives an empty, writable database of each configured kind."""

from __future__ import annotations

import sqlalchemy as sa


def test_the_fixture_gives_an_empty_writable_database(database_url: str) -> None:
    engine = sa.create_engine(database_url)
    try:
        with engine.begin() as conn:
            assert sa.inspect(conn).get_table_names() == []
            conn.execute(sa.text("CREATE TABLE probes (id INTEGER PRIMARY KEY)"))
            conn.execute(sa.text("INSERT INTO probes (id) VALUES (7)"))
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT id FROM probes")).scalar_one() == 7
    finally:
        engine.dispose()
