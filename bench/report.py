"""Benchmark figures, their targets and the one table `make bench` prints.

Every figure that has a baseline is judged by the ratio against a baseline measured in the same
run, because absolute numbers swing 10-50% between runs on a shared two-core machine."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Metric = Literal["ratio", "p99_ms", "value"]


@dataclass(frozen=True)
class Target:
    """One bound a figure must meet, e.g. ratio >= 2, p99_ms <= 25, value <= 200."""

    metric: Metric
    op: Literal[">=", "<="]
    bound: float

    def met(self, figure: Figure) -> bool | None:
        measured = figure.metric(self.metric)
        if measured is None:
            return None
        return measured >= self.bound if self.op == ">=" else measured <= self.bound

    def __str__(self) -> str:
        label = {"ratio": "ratio", "p99_ms": "p99", "value": ""}[self.metric]
        unit = {"ratio": "x", "p99_ms": " ms", "value": ""}[self.metric]
        return f"{label} {self.op} {self.bound:g}{unit}".strip()


@dataclass(frozen=True)
class Figure:
    """One row: `value` is a throughput (or a size) in `unit`; latencies are in milliseconds."""

    name: str
    unit: str
    value: float | None = None
    p50_ms: float | None = None
    p99_ms: float | None = None
    baseline_name: str | None = None
    baseline: float | None = None
    targets: tuple[Target, ...] = ()
    note: str = ""
    skipped: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def metric(self, metric: Metric) -> float | None:
        return {"ratio": self.ratio, "p99_ms": self.p99_ms, "value": self.value}[metric]

    @property
    def verdict(self) -> str:
        if self.skipped is not None:
            return "skipped"
        outcomes = [target.met(self) for target in self.targets]
        if not outcomes:
            return "-"
        if any(outcome is None for outcome in outcomes):
            return "n/a"
        return "pass" if all(outcomes) else "MISS"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["targets"] = [str(t) for t in self.targets]
        data["ratio"] = self.ratio
        data["verdict"] = self.verdict
        return data


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least `pct`% of samples at or below."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}{unit}"
    return f"{value:.2f}{unit}" if abs(value) < 10 else f"{value:.1f}{unit}"


def _row(figure: Figure) -> list[str]:
    if figure.skipped is not None:
        return [figure.name, "-", "-", "-", "-", "-", "-", f"skipped: {figure.skipped}"]
    value = f"{_number(figure.value)} {figure.unit}" if figure.value is not None else "-"
    baseline = "-"
    if figure.baseline is not None:
        baseline = f"{_number(figure.baseline)} ({figure.baseline_name})"
    ratio = _number(figure.ratio, "x") if figure.ratio is not None else "-"
    targets = ", ".join(str(t) for t in figure.targets) or "-"
    return [figure.name, _number(figure.p50_ms, " ms"), _number(figure.p99_ms, " ms"), value,
            baseline, ratio, targets, figure.verdict]


HEADER = ["figure", "p50", "p99", "throughput / value", "baseline (same run)", "ratio", "target",
          "result"]


def table(figures: Sequence[Figure], *, markdown: bool = False) -> str:
    rows = [HEADER] + [_row(f) for f in figures]
    if markdown:
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        lines.insert(1, "|" + "|".join("---" for _ in HEADER) + "|")
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
