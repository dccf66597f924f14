"""Request and response bodies. Write schemas forbid unknown fields and bound every size."""
