"""Pure domain code of the resources service: no I/O."""
