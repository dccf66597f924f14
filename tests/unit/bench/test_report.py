"""The harness's figures, targets, ratios and table (no benchmark runs here)."""
import json

import pytest

from bench.report import Figure, Target, percentile, table


def test_a_ratio_is_the_figure_divided_by_its_same_run_baseline():
    figure = Figure("append", "events/s", value=5200, baseline_name="d", baseline=2600)
    assert figure.ratio == 2.0


def test_a_figure_without_a_baseline_has_no_ratio():
    assert Figure("bare", "req/s", value=5800).ratio is None


def test_a_ratio_target_passes_at_its_bound_and_misses_below_it():
    target = (Target("ratio", ">=", 2),)
    at_bound = Figure("x", "req/s", value=2000, baseline=1000, targets=target)
    below = Figure("x", "req/s", value=1999, baseline=1000, targets=target)
    assert (at_bound.verdict, below.verdict) == ("pass", "MISS")


def test_every_target_must_hold_for_a_pass():
    figure = Figure("cmd", "req/s", value=3000, baseline=1000, p99_ms=30,
                    targets=(Target("ratio", ">=", 2), Target("p99_ms", "<=", 25)))
    assert figure.verdict == "MISS"


def test_a_latency_ceiling_passes_when_p99_is_under_it():
    figure = Figure("lag", "cmd/s", value=200, p99_ms=99.9, targets=(Target("p99_ms", "<=", 100),))
    assert figure.verdict == "pass"


def test_a_target_on_a_missing_measure_is_not_applicable_rather_than_passed():
    figure = Figure("x", "req/s", value=10, targets=(Target("ratio", ">=", 2),))
    assert figure.verdict == "n/a"


def test_a_skipped_figure_says_why_in_the_table():
    text = table([Figure("HTTP", "", skipped="wrk unavailable")])
    assert "skipped: wrk unavailable" in text.splitlines()[2]


def test_targets_read_as_the_issue_states_them():
    assert [str(Target("ratio", ">=", 0.4)), str(Target("p99_ms", "<=", 25)),
            str(Target("value", "<=", 200))] == ["ratio >= 0.4x", "p99 <= 25 ms", "<= 200"]


def test_the_table_shows_value_baseline_ratio_and_result_in_one_row():
    figure = Figure("append", "events/s", value=5200, p50_ms=1.5, p99_ms=12.25,
                    baseline_name="d", baseline=2600, targets=(Target("ratio", ">=", 2),))
    row = table([figure]).splitlines()[2].split()
    assert row[1:] == ["1.50", "ms", "12.2", "ms", "5,200", "events/s", "2,600", "(d)", "2.00x",
                       "ratio", ">=", "2x", "pass"]


def test_the_markdown_table_has_a_header_separator_and_one_line_per_figure():
    lines = table([Figure("a", "MB", value=120), Figure("b", "MB", value=90)],
                  markdown=True).splitlines()
    assert (len(lines), lines[1].count("---")) == (4, 8)


def test_a_figure_serializes_with_its_ratio_and_verdict():
    figure = Figure("relay", "events/s", value=30000, baseline=45000,
                    targets=(Target("ratio", ">=", 0.5),))
    data = json.loads(json.dumps(figure.as_json()))
    assert (round(data["ratio"], 4), data["verdict"], data["targets"]) == (
        0.6667, "pass", ["ratio >= 0.5x"])


def test_the_nearest_rank_percentile_picks_a_real_sample():
    samples = list(range(1, 101))
    assert (percentile(samples, 50), percentile(samples, 99), percentile(samples, 100)) == (
        50, 99, 100)


def test_a_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 50)
