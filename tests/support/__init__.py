"""Test support: real NATS and database fixtures, builders, and the one waiting helper."""
