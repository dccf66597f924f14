"""`python -m pmo_reporting serve|migrate`; migrate also upgrades a rebuilt database in use."""
import sys

from pmo_reporting.app import create_app
from pmo_reporting.operations.active import migrate
from pmo_reporting.settings import ReportingSettings
from pmo_shared.main import service_main

if __name__ == "__main__":
    if sys.argv[1:] == ["migrate"]:
        migrate(ReportingSettings().database_url)
    else:
        service_main(package="pmo_reporting", settings_factory=ReportingSettings,
                     create_app=create_app)
