"""Integration tests: real nats-server and real databases, no fakes."""
