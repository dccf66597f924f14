"""Pure domain code of the governance service: no I/O."""
