"""HTTP API of the reporting service: read-only queries."""
