from decimal import Decimal as D

from pmo_reporting.risk.exposure import (
    MIXED,
    NO_CONTINGENCY,
    Assessment,
    Total,
    coverage,
    emv_by_project,
    heat_map,
    portfolio_sums,
    total,
)


def assessment(risk="r", project="p1", probability="0.5", impact="0.4", emv="100",
               currency="EUR"):
    return Assessment(risk, project, D(probability), D(impact), D(probability) * D(impact),
                      None if emv is None else D(emv), currency)


def test_the_heat_map_counts_risks_per_cell_highest_cell_first():
    cells = heat_map([assessment("a"), assessment("b"), assessment("c", probability="0.9")])
    assert cells == [(D("0.9"), D("0.4"), 1), (D("0.5"), D("0.4"), 2)]


def test_emv_is_summed_exactly_per_project_and_currency_skipping_risks_without_emv():
    sums = emv_by_project([assessment("a", emv="0.1"), assessment("b", emv="0.2"),
                           assessment("c", emv=None, currency=None),
                           assessment("d", project="p2", emv="5", currency="USD")])
    assert sums == {"p1": {"EUR": D("0.3")}, "p2": {"USD": D(5)}}


def test_a_total_over_two_currencies_is_undefined_with_its_reason():
    assert total({"EUR": D(1), "USD": D(2)}) == Total(None, None, MIXED)


def test_coverage_is_emv_over_contingency_rounded_half_even():
    figure = coverage(Total(D(15000), "EUR"), Total(D(20000), "EUR"))
    assert (figure.value, figure.reason) == (D("0.7500"), None)


def test_coverage_without_contingency_is_null_with_the_reason():
    figure = coverage(Total(D(1), "EUR"), Total(None, None, NO_CONTINGENCY))
    assert (figure.value, figure.reason) == (None, NO_CONTINGENCY)


def test_coverage_of_a_zero_contingency_is_null_not_infinite():
    figure = coverage(Total(D(1), "EUR"), Total(D(0), "EUR"))
    assert (figure.value, figure.reason) == (None, "contingency is zero")


def test_coverage_across_currencies_is_null():
    assert coverage(Total(D(1), "EUR"), Total(D(1), "USD")).reason == MIXED


def test_portfolio_sums_add_the_projects_of_each_portfolio():
    sums = portfolio_sums({"p1": {"EUR": D(1)}, "p2": {"EUR": D(2)}, "p3": {"EUR": D(4)}},
                          {"p1": "A", "p2": "A", "p3": None})
    assert sums == {"A": {"EUR": D(3)}, None: {"EUR": D(4)}}
