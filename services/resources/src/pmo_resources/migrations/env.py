"""Alembic environment of the resources service."""
from pmo_resources.tables import metadata
from pmo_shared.migrate import run_env

run_env(metadata)
