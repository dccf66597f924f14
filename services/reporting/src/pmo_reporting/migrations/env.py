"""Alembic environment of the reporting service."""
import pmo_reporting.capacity.tables  # noqa: F401  (registers the capacity read models)
import pmo_reporting.operations.active  # noqa: F401  (registers the active-database pointer)
import pmo_reporting.risk.tables  # noqa: F401  (registers the risk read models)
from pmo_reporting.tables import metadata
from pmo_shared.migrate import run_env

run_env(metadata)
