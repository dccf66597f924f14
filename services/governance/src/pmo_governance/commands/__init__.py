"""Commands of the governance service: imperative frozen dataclasses, one module per area."""
