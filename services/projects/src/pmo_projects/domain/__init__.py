"""Pure domain code of the projects service: no I/O."""
