from decimal import Decimal

import pytest

from pmo_governance.domain.errors import InvalidInput, NotOnScale
from pmo_governance.domain.scoring import Scoring, expected_monetary_value, round_half_up
from pmo_shared.kernel.money import Money

PMBOK_MATRIX = {
    # probability: scores against impacts 0.05, 0.10, 0.20, 0.40, 0.80 (product rounded half-up)
    "0.1": ("0.01", "0.01", "0.02", "0.04", "0.08"),
    "0.3": ("0.02", "0.03", "0.06", "0.12", "0.24"),
    "0.5": ("0.03", "0.05", "0.10", "0.20", "0.40"),
    "0.7": ("0.04", "0.07", "0.14", "0.28", "0.56"),
    "0.9": ("0.05", "0.09", "0.18", "0.36", "0.72"),
}
IMPACTS = ("0.05", "0.10", "0.20", "0.40", "0.80")


@pytest.mark.parametrize("probability", PMBOK_MATRIX)
@pytest.mark.parametrize("column", range(5))
def test_the_pmbok_matrix_scores_every_cell_rounded_half_up(probability, column):
    score = Scoring().score(Decimal(probability), Decimal(IMPACTS[column]))
    assert score == Decimal(PMBOK_MATRIX[probability][column])
    assert str(score) == PMBOK_MATRIX[probability][column]


def test_a_product_ending_in_five_rounds_up_not_to_even():
    assert round_half_up(Decimal("0.025"), 2) == Decimal("0.03")
    assert round_half_up(Decimal("0.015"), 2) == Decimal("0.02")


def test_a_register_with_more_places_keeps_the_exact_product():
    assert Scoring(score_places=4).score(Decimal("0.1"), Decimal("0.05")) == Decimal("0.0050")


def test_a_probability_off_the_scale_is_refused_with_a_pointer():
    with pytest.raises(NotOnScale) as refused:
        Scoring().score(Decimal("0.4"), Decimal("0.10"))
    assert refused.value.extensions["pointer"] == "#/probability"


def test_an_impact_off_the_scale_is_refused_with_a_pointer():
    with pytest.raises(NotOnScale) as refused:
        Scoring().score(Decimal("0.5"), Decimal("0.3"))
    assert refused.value.extensions["pointer"] == "#/impact"


def test_a_custom_three_point_scale_scores_on_its_own_values():
    scoring = Scoring((Decimal("0.2"), Decimal("0.5"), Decimal("0.8")),
                      (Decimal("0.3"), Decimal("0.6")), 1)
    assert scoring.score(Decimal("0.5"), Decimal("0.3")) == Decimal("0.2")


@pytest.mark.parametrize(("scale", "problem"), [
    ((Decimal("0.5"),), "between 2 and 10"),
    ((Decimal("0.5"), Decimal("0.3")), "ascending"),
    ((Decimal("0.5"), Decimal("1.5")), r"\(0, 1\]"),
])
def test_a_malformed_scale_is_refused(scale, problem):
    with pytest.raises(InvalidInput, match=problem) as refused:
        Scoring(probability_scale=scale)
    assert refused.value.extensions["pointer"] == "#/probability_scale"


def test_emv_is_probability_times_cost_impact_in_exact_decimal():
    emv = expected_monetary_value(Decimal("0.3"), Money(amount=Decimal("10000.10"), currency="EUR"))
    assert emv == Money(amount=Decimal("3000.0300"), currency="EUR")


def test_emv_keeps_four_places_rounding_half_up():
    emv = expected_monetary_value(Decimal("0.05"), Money(amount=Decimal("0.0010"), currency="USD"))
    assert emv is not None and emv.amount == Decimal("0.0001") and emv.currency == "USD"


def test_no_cost_impact_means_no_emv():
    assert expected_monetary_value(Decimal("0.9"), None) is None
