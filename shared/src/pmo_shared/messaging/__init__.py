"""Messaging: stream configuration and subjects, the outbox relay, the durable projection consumer."""
