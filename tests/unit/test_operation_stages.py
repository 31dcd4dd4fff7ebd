"""The contract's one table of which loading stage each of the bridge's operations needs
(infoshare.contract.OPERATION_STAGES): every operation the bridge answers is in it, and
only those; the page's worker holds back exactly its "records" operations."""

from __future__ import annotations

import re
from pathlib import Path

from infoshare import bridge
from infoshare.contract import OPERATION_STAGES, contract

ROOT = Path(__file__).resolve().parents[2]


def test_every_operation_has_a_stage_and_no_stage_names_an_unknown_operation() -> None:
    assert set(OPERATION_STAGES) == set(bridge._OPS)
    assert set(OPERATION_STAGES.values()) == {"questions", "records"}
    assert contract()["operation_stages"] == OPERATION_STAGES


def test_operations_that_read_or_make_a_record_wait_for_the_record_tools() -> None:
    records = {op for op, stage in OPERATION_STAGES.items() if stage == "records"}
    assert records == {"seal", "render", "open", "changes"}


def test_the_worker_takes_its_list_from_the_page_and_the_page_from_the_contract() -> None:
    worker = (ROOT / "docs" / "helper" / "worker.mjs").read_text(encoding="utf-8")
    boot = (ROOT / "docs" / "helper" / "helper.js").read_text(encoding="utf-8")
    # No list of operation names written into the worker: it reads the page's.
    for op in OPERATION_STAGES:
        assert not re.search(rf"""\[[^\]]*["']{op}["'][^\]]*\]""", worker), op
    assert "message.recordOps" in worker
    assert "contract().operation_stages" in boot


def test_the_runtimes_trace_runs_every_records_operation_in_its_records_stage() -> None:
    trace = (ROOT / "build_scripts" / "runtime" / "pyodide_trace.mjs").read_text(encoding="utf-8")
    records_stage = trace.split("const RECORDS")[1].split("`;")[0]
    for op, stage in OPERATION_STAGES.items():
        if stage == "records":
            assert f'op="{op}"' in records_stage, op
