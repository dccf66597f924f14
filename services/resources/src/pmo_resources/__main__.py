"""`python -m pmo_resources serve|migrate`."""
from pmo_resources.app import create_app
from pmo_resources.settings import ResourcesSettings
from pmo_shared.main import service_main

if __name__ == "__main__":
    service_main(package="pmo_resources", settings_factory=ResourcesSettings, create_app=create_app)
