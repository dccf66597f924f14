"""Alembic environment of the projects service."""
from pmo_projects.tables import metadata
from pmo_shared.migrate import run_env

run_env(metadata)
