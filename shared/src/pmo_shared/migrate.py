"""Alembic, driven from the installed package: every service keeps its migrations inside itself."""
from __future__ import annotations

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData

from pmo_shared.eventstore.database import migration_engine


def alembic_config(package: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", f"{package}:migrations")
    config.set_main_option("sqlalchemy.url", database_url)
    config.attributes["database_url"] = database_url
    return config


def upgrade(package: str, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(package, database_url), revision)


def run_env(target_metadata: MetaData) -> None:
    """The body of each service's migrations/env.py (online mode only)."""
    url = context.config.attributes.get("database_url") or context.config.get_main_option(
        "sqlalchemy.url")
    assert url, "no database url given to alembic"
    engine = migration_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def create_kernel_schema(*, consumer: bool = False) -> None:
    """Kernel tables (events, outbox, snapshots, idempotency keys, leases; with `consumer`, the
    processed/dead-letter/checkpoint tables too), version 1. Called from each service's first
    migration so the kernel's DDL is written once; later kernel changes get their own function."""
    from alembic import op

    from pmo_shared.eventstore.tables import kernel_tables, new_metadata
    from pmo_shared.messaging.tables import consumer_tables

    metadata = new_metadata()
    kernel_tables(metadata)
    if consumer:
        consumer_tables(metadata)
    metadata.create_all(op.get_bind())


def drop_kernel_schema(*, consumer: bool = False) -> None:
    from alembic import op

    from pmo_shared.eventstore.tables import kernel_tables, new_metadata
    from pmo_shared.messaging.tables import consumer_tables

    metadata = new_metadata()
    kernel_tables(metadata)
    if consumer:
        consumer_tables(metadata)
    metadata.drop_all(op.get_bind())
