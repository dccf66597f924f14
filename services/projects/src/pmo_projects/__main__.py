"""`python -m pmo_projects serve|migrate`."""
from pmo_projects.app import create_app
from pmo_projects.settings import ProjectsSettings
from pmo_shared.main import service_main

if __name__ == "__main__":
    service_main(package="pmo_projects", settings_factory=ProjectsSettings, create_app=create_app)
