"""`python -m pmo_governance serve|migrate`."""
from pmo_governance.app import create_app
from pmo_governance.settings import GovernanceSettings
from pmo_shared.main import service_main

if __name__ == "__main__":
    service_main(package="pmo_governance", settings_factory=GovernanceSettings, create_app=create_app)
