from itertools import count
from uuid import UUID, uuid4

import pytest

from pmo_governance.commands.standards import (
    AttestComplianceItem,
    ItemText,
    PublishStandard,
    RetireStandard,
    ReviseStandard,
)
from pmo_governance.domain.compliance import ProjectCompliance, RequiredItem, evaluate
from pmo_governance.domain.errors import InvalidInput, Retired
from pmo_governance.domain.standard import Standard, gate_criteria
from pmo_shared.events.governance import ComplianceEvaluated
from pmo_shared.kernel.errors import Duplicate
from tests.unit.governance.builders import PROJECT

_ids = count(1)


def next_id() -> UUID:
    return UUID(int=next(_ids))


def published(*texts: str, project_types=("it",)) -> Standard:
    cmd = PublishStandard(kind="checklist", title="IT initiation", body="",
                          project_types=project_types, phase="execution",
                          mandatory_items=tuple(ItemText(text=t) for t in texts))
    standard = Standard.publish(uuid4(), cmd, next_id)
    standard.mark_saved()
    return standard


def revise(standard: Standard, *items: ItemText) -> None:
    standard.revise(ReviseStandard(standard_id=standard.id, title="IT initiation v2", body="",
                                   project_types=("it",), mandatory_items=items), next_id)


def test_a_revision_is_a_new_full_version_keeping_named_items():
    standard = published("DPIA done", "budget approved")
    kept = standard.latest.mandatory_items[0]
    revise(standard, ItemText(text="DPIA done and filed", item_id=kept.item_id),
           ItemText(text="security review"))
    assert [v.version for v in standard.versions] == [1, 2]
    assert standard.latest.mandatory_items[0].item_id == kept.item_id
    assert standard.latest.mandatory_items[1].item_id not in {
        i.item_id for i in standard.versions[0].mandatory_items}


def test_a_revision_cannot_invent_an_item_id():
    with pytest.raises(InvalidInput) as refused:
        revise(published("DPIA done"), ItemText(text="x", item_id=uuid4()))
    assert refused.value.extensions["pointer"] == "#/mandatory_items/0/item_id"


def test_a_retired_standard_is_neither_revised_nor_retired_again():
    standard = published("DPIA done")
    standard.retire(RetireStandard(standard_id=standard.id, reason="replaced"))
    with pytest.raises(Retired):
        revise(standard, ItemText(text="x"))
    with pytest.raises(Retired):
        standard.retire(RetireStandard(standard_id=standard.id, reason="again"))


def test_gate_criteria_come_from_the_current_mandatory_items():
    criteria = gate_criteria(published("DPIA done", "budget approved"), "it", next_id)
    assert [(c.description, c.mandatory) for c in criteria] == [
        ("DPIA done", True), ("budget approved", True)]


def test_a_standard_for_another_project_type_gives_no_gate():
    with pytest.raises(InvalidInput) as refused:
        gate_criteria(published("pour", project_types=("construction",)), "it", next_id)
    assert refused.value.extensions["pointer"] == "#/standard_id"


def required(n: int) -> list[RequiredItem]:
    standard = uuid4()
    return [RequiredItem(standard, 1, UUID(int=1000 + i), f"item {i}") for i in range(n)]


def test_the_roll_up_counts_attested_and_lists_missing_items():
    items = required(3)
    result = evaluate(items, [items[0].item_id, items[2].item_id])
    assert (result.mandatory_items, result.attested_items) == (3, 2)
    assert (result.missing_item_ids, result.compliant) == ([items[1].item_id], False)


def test_attestations_of_items_no_longer_required_do_not_count():
    items = required(1)
    result = evaluate(items, [uuid4()])
    assert (result.attested_items, result.compliant) == (0, False)


def test_a_project_with_nothing_required_is_compliant():
    assert evaluate([], []).compliant is True


def attest(compliance: ProjectCompliance, item: RequiredItem, items: list[RequiredItem]):
    return compliance.attest(AttestComplianceItem(
        project_id=PROJECT, standard_id=item.standard_id, item_id=item.item_id,
        attested_by=uuid4()), items)


def test_attesting_the_last_item_makes_the_project_compliant():
    items, compliance = required(2), ProjectCompliance.of_project(PROJECT)
    attest(compliance, items[0], items)
    result = attest(compliance, items[1], items)
    evaluated = compliance.pending_events[-1]
    assert isinstance(evaluated, ComplianceEvaluated)
    assert (evaluated.mandatory_items, evaluated.attested_items, evaluated.compliant) == (
        2, 2, True)
    assert result.compliant is True


def test_an_item_is_attested_once():
    items, compliance = required(1), ProjectCompliance.of_project(PROJECT)
    attest(compliance, items[0], items)
    with pytest.raises(Duplicate):
        attest(compliance, items[0], items)


def test_an_item_not_required_of_the_project_is_refused():
    items, compliance = required(1), ProjectCompliance.of_project(PROJECT)
    stray = RequiredItem(uuid4(), 1, uuid4(), "elsewhere")
    with pytest.raises(InvalidInput) as refused:
        attest(compliance, stray, items)
    assert refused.value.extensions["pointer"] == "#/item_id"
