"""HTTP API of the projects service, one router per resource."""
