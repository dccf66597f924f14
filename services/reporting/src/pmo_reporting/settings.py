"""Reporting service settings: env prefix PMO_REPORTING_, falling back to PMO_."""
from pmo_shared.settings import ServiceSettings, service_settings_config


class ReportingSettings(ServiceSettings):
    model_config = service_settings_config("reporting")

    service_name: str = "reporting"
    port: int = 8004
    database_url: str = "sqlite:///var/reporting.db"
    consumer_name: str = "reporting"
    # Longest a client may ask a report to wait for its own write to be reflected.
    max_wait_seconds: float = 10.0
