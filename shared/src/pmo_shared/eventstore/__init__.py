"""Event store: tables, aggregate base, group-commit writer, unit of work (events + outbox)."""
