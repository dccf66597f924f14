"""A seeded, deterministic demo portfolio written through the services' public HTTP APIs."""
