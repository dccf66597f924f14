"""Governance service settings: env prefix PMO_GOVERNANCE_, falling back to PMO_."""
from pmo_shared.settings import ServiceSettings, service_settings_config


class GovernanceSettings(ServiceSettings):
    model_config = service_settings_config("governance")

    service_name: str = "governance"
    port: int = 8002
    database_url: str = "sqlite:///var/governance.db"
