"""Projects service settings: env prefix PMO_PROJECTS_, falling back to PMO_."""
from pmo_shared.settings import ServiceSettings, service_settings_config


class ProjectsSettings(ServiceSettings):
    model_config = service_settings_config("projects")

    service_name: str = "projects"
    port: int = 8001
    database_url: str = "sqlite:///var/projects.db"
