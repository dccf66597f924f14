"""`pmo migrate`, `pmo republish` and `pmo status`: the admin side of the `pmo` command."""
from __future__ import annotations

import asyncio
import os
from typing import Annotated

import typer

from pmo_shared.admin.status import DEFAULT_URLS, collect_status, status_rows

ServiceOption = Annotated[str, typer.Option("--service", help="projects, governance, resources "
                                            "or reporting.")]
DatabaseOption = Annotated[str, typer.Option("--database-url", envvar="PMO_DATABASE_URL",
                                             help="The service's SQLAlchemy database URL.")]
NatsOption = Annotated[str, typer.Option("--nats-url", envvar="PMO_NATS_URL",
                                         help="NATS URL(s), comma-separated for a cluster.")]


def migrate(service: ServiceOption, database_url: DatabaseOption) -> None:
    """Upgrade one service's database to the newest schema (what a deploy's migration step runs)."""
    from pmo_shared.migrate import upgrade

    upgrade(f"pmo_{service}", database_url)
    typer.echo(f"{service}: migrated")


def republish(
    service: ServiceOption, database_url: DatabaseOption,
    nats_url: NatsOption = "nats://127.0.0.1:4222",
    stream: Annotated[str, typer.Option(envvar="PMO_STREAM_NAME")] = "PMO",
    replicas: Annotated[int, typer.Option(envvar="PMO_STREAM_REPLICAS",
                                          help="Replicas if the stream must be created.")] = 1,
) -> None:
    """Publish every event of a service's SQL event store to a new or damaged stream, in commit
    order; JetStream and the consumers drop what they already have."""
    from rich.progress import Progress

    from pmo_shared.messaging.republish import republish_service

    with Progress() as progress:
        task = progress.add_task(f"republishing {service}", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        count = asyncio.run(republish_service(
            service=service, database_url=database_url, nats_url=nats_url, stream=stream,
            replicas=replicas, on_progress=advance))
    typer.echo(f"{service}: republished {count} events to stream {stream}")


def status(
    url: Annotated[list[str] | None, typer.Option(
        "--url", help="name=base-url of a service; repeat. Default: the `pmo run` ports.")] = None,
) -> None:
    """Health, relay backlog and consumer lag of every service, from their /readyz."""
    services = dict(item.split("=", 1) for item in url) if url else dict(DEFAULT_URLS)
    token = os.environ.get("PMO_ADMIN_TOKEN")
    reports = asyncio.run(collect_status(services, token=token))
    for line in status_rows(reports):
        typer.echo(line)
    if any(not report.ready for report in reports):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    for command in (migrate, republish, status):
        app.command()(command)
