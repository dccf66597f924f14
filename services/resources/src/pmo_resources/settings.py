"""Resources service settings: env prefix PMO_RESOURCES_, falling back to PMO_."""
from pmo_shared.settings import ServiceSettings, service_settings_config


class ResourcesSettings(ServiceSettings):
    model_config = service_settings_config("resources")

    service_name: str = "resources"
    port: int = 8003
    database_url: str = "sqlite:///var/resources.db"
