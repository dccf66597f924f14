"""Request and response bodies. Write schemas forbid unknown fields: no mass assignment."""
