"""Alembic environment of the governance service."""
from pmo_governance.tables import metadata
from pmo_shared.migrate import run_env

run_env(metadata)
