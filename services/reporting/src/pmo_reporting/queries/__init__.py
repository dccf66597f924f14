"""Read-model queries: load the facts known at a moment (SQL) and hand them to the pure metrics."""
