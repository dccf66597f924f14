"""The `pmo` command: run the whole system on one machine, mint development tokens, and the admin
commands (migrate, republish, status) registered from pmo_shared.admin."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer

from pmo_shared.admin import commands as admin_commands

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432"
DataDirOption = Annotated[
    Path, typer.Option("--data-dir", help="Where databases, the NATS store, keys and logs live.")
]


@app.command()
def run(
    postgres: Annotated[
        bool, typer.Option("--postgres", help="One PostgreSQL database per service at "
                           "$PMO_POSTGRES_URL instead of SQLite files.")
    ] = False,
    base_port: Annotated[
        int, typer.Option(help="Port of the first service; the others follow it.")
    ] = 8001,
    data_dir: DataDirOption = Path("var"),
) -> None:
    """Start nats-server and the four services (migrated first); Ctrl-C stops them all."""
    from pmo_shared import devplan, devrun
    from pmo_shared.devserver import NatsServer
    from pmo_shared.settings import ServiceSettings

    if postgres:
        server_url = os.environ.get("PMO_POSTGRES_URL", DEFAULT_POSTGRES_URL)
        database_urls = devplan.postgres_urls(server_url)
        import psycopg

        try:
            devplan.ensure_postgres_databases(database_urls.values())
        except psycopg.OperationalError as error:
            typer.echo(f"cannot reach PostgreSQL at {server_url} (set PMO_POSTGRES_URL): {error}")
            raise typer.Exit(1) from error
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
        database_urls = devplan.sqlite_urls(data_dir)
    specs = devplan.plan_services(base_port=base_port, database_urls=database_urls)
    defaults = ServiceSettings()
    # The same NATS model as production: one user per service, only the admin manages the stream.
    passwords = devplan.nats_passwords(data_dir)
    nats = NatsServer(data_dir / "nats", port=4222, monitor_port=8222,
                      log_file=data_dir / "logs" / "nats.log", own_session=True,
                      config_file=devplan.nats_config(data_dir, passwords,
                                                      stream=defaults.stream_name))
    runner = devrun.Runner(
        specs=specs, data_dir=data_dir, nats=nats, stream_name=defaults.stream_name,
        duplicate_window_seconds=defaults.stream_duplicate_window_seconds, echo=typer.echo,
        base_env=os.environ, nats_passwords=passwords,
    )

    def announce() -> None:
        for line in devplan.summary_lines(specs, nats_url=nats.url):
            typer.echo(line)
        typer.echo(f"logs in {data_dir / 'logs'}; a dev token: pmo token --role pmo_admin")
        typer.echo("Ctrl-C stops everything")

    raise typer.Exit(devrun.run_until_stopped(runner, on_ready=announce))


@app.command()
def token(
    role: Annotated[list[str], typer.Option("--role", help="A role; repeat for several.")],
    project: Annotated[
        list[UUID] | None, typer.Option("--project", help="A project the token may manage.")
    ] = None,
    portfolio: Annotated[
        list[UUID] | None, typer.Option("--portfolio", help="A portfolio the token may manage.")
    ] = None,
    person: Annotated[UUID | None, typer.Option("--person", help="The caller's person id.")] = None,
    subject: Annotated[str, typer.Option("--subject", help="The `sub` claim.")] = "dev",
    ttl: Annotated[int, typer.Option("--ttl", help="Lifetime in seconds.")] = 3600,
    data_dir: DataDirOption = Path("var"),
) -> None:
    """Print a JWT signed with the development key that `pmo run` services trust."""
    from pmo_shared.http.auth import DevKeys, issue_token
    from pmo_shared.http.principal import ROLES
    from pmo_shared.settings import ServiceSettings

    unknown = sorted(set(role) - ROLES)
    if unknown:
        raise typer.BadParameter(
            f"unknown role(s) {', '.join(unknown)}; known: {', '.join(sorted(ROLES))}",
            param_hint="--role",
        )
    settings = ServiceSettings()
    keys = DevKeys.load_or_create(data_dir / "dev-keys")
    typer.echo(issue_token(
        keys.private_pem, subject=subject, roles=role, projects=project or (),
        portfolios=portfolio or (), person_id=person, issuer=settings.jwt_issuer,
        audience=settings.jwt_audience, ttl_seconds=ttl, kid=keys.kid,
    ))


admin_commands.register(app)
main = app
