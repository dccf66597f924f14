"""Settings common to every service. A service reads `PMO_<SVC>_<NAME>` first and falls back to
`PMO_<NAME>`, so one variable (say `PMO_NATS_URL`) configures every service at once."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)


class ServiceSettings(BaseSettings):
    """Base class; subclasses set `service_name`, `model_config` env prefix and default port."""

    model_config = SettingsConfigDict(extra="ignore")

    service_name: str = "service"
    host: str = "127.0.0.1"
    port: int = 8000
    database_url: str = "sqlite:///var/service.db"
    # FULL makes every acknowledged commit durable on power loss; group commit keeps it cheap.
    sqlite_synchronous: Literal["FULL", "NORMAL"] = "FULL"
    nats_url: str = "nats://127.0.0.1:4222"
    nats_user: str | None = None
    nats_password: str | None = None
    stream_name: str = "PMO"
    stream_replicas: int = 1
    stream_duplicate_window_seconds: float = 120.0
    relay_batch_size: int = 500
    relay_publish_timeout_seconds: float = 5.0
    max_body_bytes: int = 1_048_576
    jwt_issuer: str = "pmo-dev"
    jwt_audience: str = "pmo"
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["ES256"])
    jwt_public_key_file: Path | None = None
    jwt_jwks_url: str | None = None
    dev_mode: bool = False
    dev_keys_dir: Path = Path("var/dev-keys")
    docs_enabled: bool = True
    cors_allow_origins: list[str] = Field(default_factory=list)
    log_level: str = "INFO"
    log_json: bool = True
    # OpenTelemetry, off by default: spans of HTTP requests and of projected events (joined through
    # the envelope's traceparent) are exported over OTLP/HTTP to this collector.
    tracing_enabled: bool = False
    otlp_endpoint: str = "http://127.0.0.1:4318"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        system_wide = EnvSettingsSource(settings_cls, env_prefix="PMO_")
        return init_settings, env_settings, system_wide, file_secret_settings


def service_settings_config(service: str) -> SettingsConfigDict:
    return SettingsConfigDict(env_prefix=f"PMO_{service.upper()}_", extra="ignore")
