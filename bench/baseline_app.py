"""The baseline HTTP apps: a bare FastAPI POST, and the same POST committing one SQLite row.

Served by uvicorn (one worker, uvloop + httptools like the services) in a subprocess:
`uvicorn --factory bench.baseline_app:bare_app` / `bench.baseline_app:sqlite_app`."""
from __future__ import annotations

import os
import sqlite3
import threading
import uuid

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

# The same body the people benchmark posts, so parsing costs the same.
BODY = '{"name":"Ada Lovelace","role":"engineer","skills":[{"skill":"python","level":5}]}'


class Skill(BaseModel):
    model_config = ConfigDict(extra="forbid")
    skill: str = Field(max_length=64)
    level: int = Field(ge=1, le=5)


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=200)
    role: str = Field(max_length=64)
    skills: list[Skill] = Field(default_factory=list, max_length=50)


def bare_app() -> FastAPI:
    app = FastAPI()

    @app.post("/items", status_code=201)
    async def create(item: Item) -> dict[str, str]:
        return {"id": str(uuid.uuid4()), "name": item.name}

    return app


def _connect(path: str) -> sqlite3.Connection:
    # Same durability as the services: WAL with synchronous=FULL, one commit per request.
    conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, name TEXT, body TEXT)")
    return conn


def sqlite_app() -> FastAPI:
    """One writer connection behind a lock: the strongest simple design (pooled writers are slower)."""
    conn = _connect(os.environ["BENCH_SQLITE_PATH"])
    lock = threading.Lock()
    app = FastAPI()

    def insert(item: Item) -> str:
        row_id = str(uuid.uuid4())
        with lock:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO items VALUES (?, ?, ?)", (row_id, item.name,
                                                                 item.model_dump_json()))
            conn.execute("COMMIT")
        return row_id

    @app.post("/items", status_code=201)
    async def create(item: Item) -> dict[str, str]:
        return {"id": await run_in_threadpool(insert, item), "name": item.name}

    return app
