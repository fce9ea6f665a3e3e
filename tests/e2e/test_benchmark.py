"""``make bench`` itself, at N=1: both baselines run, the same-bytes baseline stores what an
endpoint stores, every stored field has a reason, and the breakdown is measured.

Timings are never asserted (the targets' PASS/FAIL depends on the machine); what the report is
made of is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run

pytestmark = pytest.mark.e2e


def test_bench_at_one_endpoint_reports_both_baselines_and_the_state(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    args = ["--sizes", "1", "--repeat", "1", "--no-readiness", "--no-warmup", "--breakdown"]
    status = run.main([*args, "--out", str(out)])
    result = json.loads(out.read_text())

    assert result["errors"] == []
    assert status == (0 if all(t["passed"] for t in result["targets"]) else 1)
    ops = {row["operation"]: row for row in result["table"]}
    assert set(ops) == {"up", "preview", "refresh", "destroy"}
    assert all(row["baseline_s"] and row["same_bytes_s"] for row in ops.values())
    assert ops["refresh"]["calls"] == {"GET /endpoint": 1}

    # The same-bytes baseline stores exactly an endpoint's inputs, outputs and provider, and
    # the engine keeps as much about it (property dependencies, source position, stack trace:
    # only ids and timestamps differ, in their digits at most).
    ours, same = (result["state_per_resource"][kind]["1"] for kind in ("endpoint", "same-bytes"))
    for part in ("inputs", "outputs", "provider_stored"):
        assert same[part] == ours[part], part
    assert abs(same["metadata"] - ours["metadata"]) <= 4
    assert ours["entry"] == ours["inputs"] + ours["outputs"] + ours["metadata"]

    fields = {f["name"]: f for f in result["endpoint_fields"]}
    assert {"__provider", "name", "image", "url", "state"} <= set(fields)
    for f in fields.values():
        assert (f["why_input"] is not None) == (f["inputs"] > 0), f
        assert (f["why_output"] is not None) == (f["outputs"] > 0), f
    assert fields["url"]["inputs"] == 0

    split = {row["operation"]: row for row in result["breakdown"]}
    assert set(split) == {"preview", "refresh"}
    for row in split.values():
        assert row["process_start_s"] + row["per_resource_work_s"] == pytest.approx(
            row["endpoint_s"] - row["same_bytes_s"], abs=0.02
        )

    names = [t["name"] for t in result["targets"]]
    assert any("vs same-bytes baseline" in name for name in names)


def test_the_default_run_includes_200_endpoints() -> None:
    assert run.parse_args([]).sizes == [1, 10, 50, 200]
