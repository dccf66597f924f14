"""The checker's classification, on hand-made read-model rows (no processes, fast)."""
from __future__ import annotations

from tests.support.faults.checker import Totals, classify_rows
from tests.support.faults.load import NOT_SENT, PERSON, Command


def acknowledged(marker: str, entity_id: str, *event_ids: str) -> Command:
    return Command(kind=PERSON, marker=marker, body={}, key=marker, status=201,
                   event_ids=event_ids, entity_id=entity_id)


def unknown(marker: str) -> Command:
    return Command(kind=PERSON, marker=marker, body={}, key=marker, status=None)


def run(commands: list[Command], processed: dict[str, str],
        people: list[tuple[str, str]]) -> Totals:
    return classify_rows(commands, processed, {PERSON: people, "project": []}, Totals("unit"))


def test_an_acknowledged_command_seen_once_with_all_its_events_is_visible_once():
    totals = run([acknowledged("A", "p1", "e1")], {"e1": "p1"}, [("p1", "A")])

    assert (totals.acknowledged, totals.visible_once, totals.lost, totals.unexpected) == (1, 1, 0, 0)


def test_an_acknowledged_command_missing_from_the_read_model_is_lost():
    totals = run([acknowledged("A", "p1", "e1")], {}, [])

    assert (totals.visible_once, totals.lost) == (0, 1)


def test_an_acknowledged_command_whose_event_was_never_processed_is_lost():
    totals = run([acknowledged("A", "p1", "e1", "e2")], {"e1": "p1"}, [("p1", "A")])

    assert totals.lost == 1


def test_a_command_found_twice_in_the_read_model_is_duplicated():
    totals = run([acknowledged("A", "p1", "e1")], {"e1": "p1", "e2": "p2"},
                 [("p1", "A"), ("p2", "A")])

    assert (totals.duplicated, totals.lost, totals.visible_once) == (1, 0, 0)


def test_an_unknown_command_may_be_visible_once_but_not_twice():
    once = run([unknown("U")], {"e9": "p9"}, [("p9", "U")])
    twice = run([unknown("U")], {"e8": "p8", "e9": "p9"}, [("p8", "U"), ("p9", "U")])

    assert (once.unknown, once.unknown_visible, once.duplicated, once.unexpected) == (1, 1, 0, 0)
    assert twice.duplicated == 1


def test_rows_and_events_no_command_accounts_for_are_unexpected():
    totals = run([acknowledged("A", "p1", "e1")], {"e1": "p1", "e7": "p7"},
                 [("p1", "A"), ("p7", "STRANGER")])

    assert totals.unexpected == 2


def test_a_refused_command_that_took_effect_is_unexpected():
    refused = Command(kind=PERSON, marker="R", body={}, key="R", status=NOT_SENT)

    totals = run([refused], {"e1": "p1"}, [("p1", "R")])

    assert (totals.refused, totals.unexpected) == (1, 1)
