"""The checker: after a fault, is every acknowledged command in reporting exactly once?

It reads the reporting database directly. A command is found by its marker (a person's name, a
project's code) in the read models and by its event ids in processed_events:
- visible once: one read-model row, with the acknowledged id, and every event id processed;
- lost: no row, or an acknowledged event id never processed;
- duplicated: more than one row for one command;
- unexpected: a row or processed event that no command of the scenario accounts for.
Unknown commands (no response) may be visible or not, never duplicated. The read models are
then compared with a clean rebuild: a second reporting process replaying the whole stream."""
from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import MetaData, Table, create_engine, func, select

from pmo_reporting.tables import consumer, rm_people, rm_projects
from tests.support.faults.load import PERSON, Command
from tests.support.faults.rig import FaultRig, scalar, start
from tests.support.processes import ServiceProcess
from tests.support.waiting import wait_until

MARKED = {PERSON: (rm_people, rm_people.c.person_id, rm_people.c.name),
          "project": (rm_projects, rm_projects.c.project_id, rm_projects.c.code)}


@dataclass
class Totals:
    scenario: str
    acknowledged: int = 0
    visible_once: int = 0
    lost: int = 0
    duplicated: int = 0
    unexpected: int = 0
    unknown: int = 0
    unknown_visible: int = 0
    refused: int = 0
    events: int = 0
    stream_messages: int = 0
    parked: int = 0
    rebuild_equal: bool = False
    notes: dict[str, object] = field(default_factory=dict)

    def summary(self) -> str:
        extra = "".join(f" {key}={value}" for key, value in self.notes.items())
        return (f"FAULTS {self.scenario}: acknowledged={self.acknowledged} "
                f"visible_once={self.visible_once} lost={self.lost} duplicated={self.duplicated} "
                f"unexpected={self.unexpected} unknown={self.unknown} "
                f"(visible {self.unknown_visible}) refused={self.refused} events={self.events} "
                f"stream_messages={self.stream_messages} parked={self.parked} "
                f"rebuild_equal={self.rebuild_equal}{extra}")

    def assert_clean(self) -> None:
        assert (self.lost, self.duplicated, self.unexpected, self.parked) == (0, 0, 0, 0), \
            self.summary()
        assert self.rebuild_equal, self.summary()


def processed_count(url: str) -> int:
    return scalar(url, select(func.count()).select_from(consumer.processed))


async def settle(rig: FaultRig, url: str, *, timeout: float = 180.0) -> bool:
    """Waits until the relays are drained and reporting processed every written event; False
    after `timeout`, and the classification then shows what is missing."""
    def caught_up() -> bool:
        return rig.outbox_backlog() == 0 and processed_count(url) >= rig.events_written()

    try:
        await wait_until(caught_up, timeout=timeout, interval=0.2)
    except AssertionError:
        return False
    return True


def classify(url: str, commands: list[Command], totals: Totals) -> Totals:
    """Reads processed_events and the marked read models, then classifies (`classify_rows`)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            processed = {row.event_id: row.aggregate_id
                         for row in conn.execute(select(consumer.processed))}
            rows = {kind: [(str(row[0]), row[1]) for row in
                           conn.execute(select(id_column, marker_column))]
                    for kind, (_, id_column, marker_column) in MARKED.items()}
            totals.parked = conn.execute(
                select(func.count()).select_from(consumer.dead_letters)).scalar_one()
    finally:
        engine.dispose()
    return classify_rows(commands, processed, rows, totals)


def classify_rows(commands: list[Command], processed: dict[str, str],
                  rows: dict[str, list[tuple[str, str]]], totals: Totals) -> Totals:
    """`processed`: event id -> aggregate id; `rows`: kind -> [(entity id, marker)]."""
    by_marker = {kind: Counter(marker for _, marker in pairs) for kind, pairs in rows.items()}
    ids_by_marker = {(kind, marker): entity_id
                     for kind, pairs in rows.items() for entity_id, marker in pairs}
    accounted: set[str] = set()
    for command in commands:
        seen = by_marker[command.kind][command.marker]
        entity_id = ids_by_marker.get((command.kind, command.marker))
        _count(command, seen, entity_id, processed, totals)
        if entity_id is not None:
            accounted.add(entity_id)
    markers = {(command.kind, command.marker) for command in commands}
    totals.unexpected += sum(1 for kind, pairs in rows.items() for _, marker in pairs
                             if (kind, marker) not in markers)
    totals.unexpected += sum(1 for aggregate_id in processed.values()
                             if aggregate_id not in accounted)
    totals.events = len(processed)
    return totals


def _count(command: Command, seen: int, entity_id: str | None, processed: dict[str, str],
           totals: Totals) -> None:
    if seen > 1:
        totals.duplicated += 1
    if command.acknowledged:
        totals.acknowledged += 1
        complete = all(event_id in processed for event_id in command.event_ids)
        if seen == 1 and entity_id == command.entity_id and complete:
            totals.visible_once += 1
        elif seen <= 1:  # missing, incomplete, or another entity under its marker
            totals.lost += 1
    elif command.unknown:
        totals.unknown += 1
        totals.unknown_visible += 1 if seen else 0
    else:
        totals.refused += 1
        totals.unexpected += 1 if seen else 0  # a refusal that took effect anyway


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every rm_ table's rows, sorted, without surrogate ids (they depend on retries). Tables are
    reflected from the database, so read models added by any projection are compared too."""
    engine = create_engine(url)
    try:
        reflected = MetaData()
        reflected.reflect(engine, only=lambda name, _: name.startswith("rm_"))
        with engine.connect() as conn:
            return {table.name: sorted(_rows(conn, table), key=repr)
                    for table in reflected.sorted_tables}
    finally:
        engine.dispose()


def _rows(conn, table: Table) -> list[tuple]:  # type: ignore[no-untyped-def]
    surrogate = [column.name for column in table.primary_key.columns]
    columns = [column for column in table.columns
               if not (surrogate == ["id"] and column.name == "id")]
    return [tuple(row) for row in conn.execute(select(*columns))]


async def differences_from_clean_rebuild(clean: ServiceProcess, url: str, *,
                                         timeout: float = 180.0) -> list[str]:
    """The rm_ tables whose rows differ between `url` and the clean rebuild (none, hopefully)."""
    expected = processed_count(url)
    await wait_until(lambda: processed_count(clean.database_url) >= expected,
                     timeout=timeout, interval=0.2, message="the clean rebuild did not finish")
    mine, rebuilt = snapshot(url), snapshot(clean.database_url)
    return sorted(name for name in mine.keys() | rebuilt.keys()
                  if mine.get(name) != rebuilt.get(name))


async def check(rig: FaultRig, commands: list[Command], scenario: str, **notes: object) -> Totals:
    """Settle, classify, compare with a clean rebuild; prints the summary line (pytest -s).
    The faults are over, so the clean process starts at once and replays while reporting settles."""
    url = rig.reporting.database_url
    clean = rig.clean_reporting()
    starting = asyncio.create_task(start(clean))
    loop = asyncio.get_running_loop()
    began = loop.time()
    try:
        settled = await settle(rig, url)
        totals = classify(url, commands, Totals(scenario=scenario, notes={
            **notes, "settled": settled, "settle_s": round(loop.time() - began, 1)}))
        totals.stream_messages = await rig.stream_messages()
        await starting
        differences = await differences_from_clean_rebuild(clean, url)
        totals.rebuild_equal = not differences
        totals.notes["rebuild_s"] = round(loop.time() - began, 1)
        if differences:
            totals.notes["rebuild_differs_in"] = ",".join(differences)
    finally:
        await asyncio.gather(starting, return_exceptions=True)
        clean.kill()
    print(totals.summary())  # noqa: T201 - the line pasted into the closing note
    return totals
