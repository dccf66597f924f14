"""`python -m pmo_reporting serve|migrate`."""
from pmo_reporting.app import create_app
from pmo_reporting.settings import ReportingSettings
from pmo_shared.main import service_main

if __name__ == "__main__":
    service_main(package="pmo_reporting", settings_factory=ReportingSettings, create_app=create_app)
