"""The one JetStream stream for all domain events, and the subject of each event type."""
from __future__ import annotations

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

SUBJECT_ROOT = "pmo"
ALL_SUBJECTS = f"{SUBJECT_ROOT}.>"


def subject_for(event_type: str) -> str:
    """`projects.project.chartered` -> `pmo.projects.project.chartered`; the only place this is built."""
    return f"{SUBJECT_ROOT}.{event_type}"


def service_subjects(service: str) -> str:
    return f"{SUBJECT_ROOT}.{service}.>"


def stream_config(name: str, *, replicas: int = 1,
                  duplicate_window_seconds: float = 120.0) -> StreamConfig:
    # No age or size limit: the stream is reporting's replay log. File storage survives restarts.
    return StreamConfig(
        name=name, subjects=[ALL_SUBJECTS], retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE, discard=DiscardPolicy.OLD, num_replicas=replicas,
        duplicate_window=duplicate_window_seconds, max_age=0, deny_delete=True, deny_purge=True,
    )


async def ensure_stream(js: JetStreamContext, *, name: str, replicas: int = 1,
                        duplicate_window_seconds: float = 120.0) -> None:
    """Creates the stream, or updates its settings if they differ (idempotent, safe to race)."""
    config = stream_config(name, replicas=replicas,
                           duplicate_window_seconds=duplicate_window_seconds)
    try:
        info = await js.stream_info(name)
    except NotFoundError:
        await js.add_stream(config)
        return
    current = info.config
    if (current.subjects == config.subjects and current.num_replicas == config.num_replicas
            and current.duplicate_window == config.duplicate_window):
        return  # nothing to change: services without stream-admin rights start fine
    await js.update_stream(config)
