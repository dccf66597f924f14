-- One database per service (DESIGN.md section 1); runs once, on the volume's first start.
CREATE DATABASE pmo_projects;
CREATE DATABASE pmo_governance;
CREATE DATABASE pmo_resources;
CREATE DATABASE pmo_reporting;
