"""Inline read tables, written by `uow.also` in the same transaction as the events they reflect."""
