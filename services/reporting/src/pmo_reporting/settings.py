"""Reporting service settings: env prefix PMO_REPORTING_, falling back to PMO_."""
from pydantic import Field

from pmo_shared.settings import ServiceSettings, service_settings_config


class ReportingSettings(ServiceSettings):
    model_config = service_settings_config("reporting")

    service_name: str = "reporting"
    port: int = 8004
    database_url: str = "sqlite:///var/reporting.db"
    consumer_name: str = "reporting"
    # Longest a client may ask a report to wait for its own write to be reflected.
    max_wait_seconds: float = 10.0
    # A rebuild on SQLite loads the stream with one process per shard of the projections
    # (operations/shards.py) once it has this many events (below about 40,000 starting the
    # processes costs more than they save); 1 process keeps it in the service.
    rebuild_processes: int = Field(2, ge=1, le=2)
    rebuild_parallel_from_events: int = Field(50_000, ge=0)
