"""PMO kernel shared by every service: events, envelope, event store, messaging, HTTP blocks."""
