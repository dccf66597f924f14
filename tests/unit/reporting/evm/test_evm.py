from datetime import date
from decimal import Decimal as D

import pytest

from pmo_reporting.metrics.evm import (
    EacMethod,
    TaskPlan,
    earned_fraction,
    earned_value,
    indicators,
    milestone_fraction,
    planned_value,
)

# Two working weeks, 2027-01-04 (Mon) to 2027-01-15 (Fri): 10 working days of 100 each.
TASK = TaskPlan("t1", date(2027, 1, 4), date(2027, 1, 15), D("1000"))


def test_planned_value_is_zero_before_the_task_starts():
    assert planned_value(TASK, date(2027, 1, 3)) == 0


def test_planned_value_spreads_linearly_over_working_days():
    assert planned_value(TASK, date(2027, 1, 6)) == D("300")


def test_planned_value_does_not_grow_over_the_weekend():
    assert planned_value(TASK, date(2027, 1, 10)) == D("500")


def test_planned_value_is_the_budget_once_the_task_is_due():
    assert planned_value(TASK, date(2027, 2, 1)) == D("1000")


def test_a_weekend_only_task_plans_its_budget_on_the_next_working_day():
    weekend = TaskPlan("w", date(2027, 1, 9), date(2027, 1, 10), D("80"))
    assert (planned_value(weekend, date(2027, 1, 10)), planned_value(weekend, date(2027, 1, 11))) \
        == (D("0"), D("80"))


def test_planned_value_keeps_full_precision():
    third = TaskPlan("t", date(2027, 1, 4), date(2027, 1, 6), D("100"))
    assert planned_value(third, date(2027, 1, 4)) == D("100") / D("3")


@pytest.mark.parametrize(("rule", "percent", "fraction"), [
    ("percent_complete", D("37.5"), D("0.375")),
    ("zero_hundred", D("99.99"), D("0")),
    ("zero_hundred", D("100"), D("1")),
    ("fifty_fifty", D("0"), D("0")),
    ("fifty_fifty", D("0.01"), D("0.5")),
    ("fifty_fifty", D("100"), D("1")),
    ("milestone_weighted", D("40"), D("0.4")),
])
def test_each_earning_rule_earns_its_share_of_the_budget(rule, percent, fraction):
    assert earned_fraction(rule, percent) == fraction


def test_milestone_weighted_earns_the_reached_share_of_milestone_weights():
    fraction = milestone_fraction([(D("1"), True), (D("3"), False)])
    assert earned_fraction("milestone_weighted", D("90"), fraction) == D("0.25")


def test_a_task_without_weighted_milestones_has_no_milestone_fraction():
    assert milestone_fraction([(D("0"), True)]) is None


def test_level_of_effort_earns_exactly_its_planned_value():
    loe = TaskPlan("l", date(2027, 1, 4), date(2027, 1, 15), D("1000"), "level_of_effort")
    assert earned_value(loe, pv=D("300"), percent_complete=D("0")) == D("300")


def test_percent_complete_earns_budget_times_percent():
    assert earned_value(TASK, pv=D("300"), percent_complete=D("25")) == D("250")


FIGURES = {"bac": D("1000"), "pv": D("400"), "ev": D("300"), "ac": D("500")}


def test_variances_and_indices_follow_their_definitions():
    result = indicators(**FIGURES)
    assert (result.cv, result.sv) == (D("-200"), D("-100"))
    assert (result.cpi.value, result.spi.value) == (D("0.6"), D("0.75"))
    assert result.csi.value == D("0.45")
    assert (result.cv_percent.value, result.sv_percent.value) == (D("-200") / D("3"), D("-25"))


def test_typical_eac_is_bac_over_cpi():
    result = indicators(**FIGURES, method=EacMethod.TYPICAL)
    assert result.eac.value == D("1000") / D("0.6")
    assert result.etc.value == D("1000") / D("0.6") - D("500")
    assert result.vac.value == D("1000") - D("1000") / D("0.6")


def test_atypical_eac_is_ac_plus_bac_minus_ev():
    result = indicators(**FIGURES, method=EacMethod.ATYPICAL)
    assert (result.eac.value, result.etc.value, result.vac.value) == (D("1200"), D("700"), D("-200"))


def test_composite_eac_divides_remaining_work_by_cpi_times_spi():
    result = indicators(**FIGURES, method=EacMethod.COMPOSITE)
    assert result.eac.value == D("500") + D("700") / D("0.45")


def test_bottom_up_eac_adds_the_bottom_up_estimate_to_actuals():
    result = indicators(**FIGURES, method=EacMethod.BOTTOM_UP, bottom_up_etc=D("650"))
    assert (result.eac.value, result.eac_method) == (D("1150"), EacMethod.BOTTOM_UP)


def test_tcpi_to_bac_and_to_eac():
    result = indicators(**FIGURES, method=EacMethod.ATYPICAL)
    assert result.tcpi_bac.value == D("1.4")
    assert result.tcpi_eac.value == D("1")


def test_cpi_is_null_with_a_reason_when_nothing_is_spent():
    result = indicators(bac=D("1000"), pv=D("400"), ev=D("300"), ac=D("0"))
    assert (result.cpi.value, result.cpi.reason) == (None, "AC is 0: nothing spent yet")
    assert result.eac.value is None and result.eac.reason.startswith("typical EAC needs a CPI")
    assert result.csi.value is None and result.etc.value is None and result.vac.value is None


def test_spi_and_sv_percent_are_null_when_nothing_is_planned_yet():
    result = indicators(bac=D("1000"), pv=D("0"), ev=D("0"), ac=D("10"))
    assert (result.spi.value, result.sv_percent.value) == (None, None)
    assert result.spi.reason == "PV is 0: nothing planned yet"
    assert result.cv_percent.reason == "EV is 0: nothing earned yet"


def test_composite_eac_is_null_when_spi_is_undefined():
    result = indicators(bac=D("1000"), pv=D("0"), ev=D("0"), ac=D("10"),
                        method=EacMethod.COMPOSITE)
    assert result.eac.value is None and "CPI and SPI" in result.eac.reason


def test_tcpi_to_bac_is_null_once_actuals_reach_the_budget():
    result = indicators(bac=D("1000"), pv=D("1000"), ev=D("800"), ac=D("1000"))
    assert (result.tcpi_bac.value, result.tcpi_bac.reason) == (
        None, "AC >= BAC: the budget is spent")


def test_tcpi_to_eac_is_null_when_the_estimate_is_already_spent():
    result = indicators(bac=D("1000"), pv=D("1000"), ev=D("1000"), ac=D("900"),
                        method=EacMethod.ATYPICAL)
    assert result.tcpi_eac.value is None and result.tcpi_eac.reason.startswith("AC >= EAC")
