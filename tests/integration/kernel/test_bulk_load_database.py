"""A bulk-load database (a rebuild's first pass) commits without waiting for the disk, and once
disposed and made durable it is one whole file that opens in the configured mode."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from pmo_shared.eventstore.database import BULK_LOAD_CACHE_KIB, Database


def _pragma(database: Database, name: str) -> object:
    with database.writer.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()


def test_a_bulk_load_skips_the_disk_waits_and_leaves_one_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "rebuild.db"
    url = f"sqlite:///{path}"
    loading = Database(url, bulk_load=True)
    assert _pragma(loading, "synchronous") == 0  # OFF
    assert _pragma(loading, "cache_size") == -BULK_LOAD_CACHE_KIB
    assert _pragma(loading, "journal_mode") == "memory"
    with loading.writer.begin() as conn:
        conn.execute(text("CREATE TABLE facts (n INTEGER)"))
        conn.execute(text("INSERT INTO facts VALUES (:n)"), [{"n": n} for n in range(1000)])

    loading.dispose()
    loading.make_durable()

    # Pages went straight into the file: there is no write-ahead log to replay.
    assert not Path(f"{path}-wal").exists()
    serving = Database(url, sqlite_synchronous="NORMAL")
    try:
        assert _pragma(serving, "synchronous") == 1  # NORMAL
        assert _pragma(serving, "journal_mode") == "wal"
        with serving.reader.connect() as conn:
            assert conn.execute(text("SELECT count(*), sum(n) FROM facts")).one() == (1000, 499500)
    finally:
        serving.dispose()
