"""HTTP API of the resources service, one router per resource."""
