"""HTTP API of the governance service, one router per resource."""
