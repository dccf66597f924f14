"""The event catalogue: every event type of every service, registered once, imported by all."""
from pmo_shared.events import governance, projects, resources
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.registry import catalogue

__all__ = ["DomainEvent", "catalogue", "governance", "projects", "resources"]
