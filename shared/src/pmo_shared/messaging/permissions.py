"""NATS users and permissions: one user per service, publishing only its own subjects.

Write services may publish `pmo.<service>.>` and run the consumers of their subscriptions;
reporting may only consume; nobody but the admin user may create, delete or purge the stream.
The result is a nats-server configuration (JSON is valid nats-server config syntax)."""
from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pmo_shared.messaging.stream import service_subjects

WRITE_SERVICES = ("projects", "governance", "resources")
ADMIN_USER = "admin"
# The JetStream API verbs a consumer needs for its own durable (info, create, fetch).
_CONSUMER_VERBS = ("INFO", "CREATE", "DURABLE.CREATE", "MSG.NEXT", "DELETE")
_NEVER = ("$JS.API.STREAM.DELETE.>", "$JS.API.STREAM.PURGE.>", "$JS.API.STREAM.MSG.DELETE.>",
          "$JS.API.STREAM.CREATE.>", "$JS.API.STREAM.UPDATE.>")


@dataclass(frozen=True)
class NatsUser:
    name: str
    password: str
    publish: tuple[str, ...]
    deny_publish: tuple[str, ...] = _NEVER

    def as_config(self) -> dict[str, Any]:
        return {"user": self.name, "password": self.password, "permissions": {
            "publish": {"allow": list(self.publish), "deny": list(self.deny_publish)},
            "subscribe": {"allow": ["_INBOX.>"]},
        }}


def consumer_subjects(stream: str, durable: str) -> tuple[str, ...]:
    """What pulling from one durable consumer takes: its API calls and acking its messages."""
    api = tuple(f"$JS.API.CONSUMER.{verb}.{stream}.{durable}" for verb in _CONSUMER_VERBS)
    return (*api, f"$JS.API.CONSUMER.CREATE.{stream}.{durable}.>", f"$JS.ACK.{stream}.{durable}.>")


def write_service_user(service: str, password: str, *, stream: str,
                       durables: Sequence[str] = ()) -> NatsUser:
    consuming = tuple(s for durable in durables for s in consumer_subjects(stream, durable))
    return NatsUser(service, password,
                    (service_subjects(service), f"$JS.API.STREAM.INFO.{stream}", *consuming))


def reporting_user(password: str, *, stream: str) -> NatsUser:
    """Reporting reads only; `>` after the stream name covers its durable and rebuild consumers."""
    return NatsUser("reporting", password, (
        f"$JS.API.STREAM.INFO.{stream}", f"$JS.API.CONSUMER.*.{stream}.>",
        f"$JS.API.CONSUMER.*.*.{stream}.>", f"$JS.ACK.{stream}.>",
    ))


def admin_user(password: str) -> NatsUser:
    return NatsUser(ADMIN_USER, password, (">",), deny_publish=())


def generate_passwords() -> dict[str, str]:
    return {name: secrets.token_urlsafe(24)
            for name in (ADMIN_USER, *WRITE_SERVICES, "reporting")}


def server_config(passwords: Mapping[str, str], *, stream: str,
                  subscriptions: Mapping[str, Sequence[str]] | None = None) -> str:
    """A nats-server config with one JetStream-enabled account holding every PMO user.
    `subscriptions` maps a write service to the durable names of its consumers."""
    durables = subscriptions or {}
    users = [admin_user(passwords[ADMIN_USER]), reporting_user(passwords["reporting"],
                                                               stream=stream)]
    users += [write_service_user(name, passwords[name], stream=stream,
                                 durables=durables.get(name, ()))
              for name in WRITE_SERVICES]
    config = {"accounts": {"PMO": {"jetstream": "enabled",
                                   "users": [user.as_config() for user in users]}}}
    return json.dumps(config, indent=2)
