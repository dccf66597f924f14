"""Alembic environment of the reporting service."""
from pmo_reporting.tables import metadata
from pmo_shared.migrate import run_env

run_env(metadata)
