"""Where a run is recorded: the machine it ran on, and JSON under bench/results/ (git-ignored)."""
from __future__ import annotations

import json
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.domain import ScriptRun
from bench.procs import ROOT
from bench.report import Figure
from bench.sizes import Sizes

RESULTS = ROOT / "bench" / "results"


def machine() -> dict[str, Any]:
    return {
        "uname": " ".join(platform.uname()),
        "nproc": os.cpu_count(),
        "python": sys.version.split()[0],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def write(figures: Sequence[Figure], scripts: Sequence[ScriptRun], *, sizes: Sizes,
          started_at: datetime, machine_before: dict[str, Any]) -> Path:
    """bench/results/<UTC time>.json and a copy as latest.json; returns the dated file."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    document = {
        "started_at": started_at.isoformat(),
        "finished_at": datetime.now(UTC).isoformat(),
        "machine": machine_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "sizes": asdict(sizes),
        "figures": [f.as_json() for f in figures],
        "domain_scripts": [asdict(s) for s in scripts],
    }
    text = json.dumps(document, indent=2, default=str)
    path = RESULTS / f"{started_at:%Y%m%dT%H%M%SZ}.json"
    path.write_text(text)
    (RESULTS / "latest.json").write_text(text)
    return path
