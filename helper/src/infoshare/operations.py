"""The bridge's operations (infoshare.bridge), named once, here.

The page's modules never write an operation's name: they read it from the contract
(`operations`, by the role each plays), and the bridge answers exactly these names. So
renaming an operation is a change to this table alone: the bridge, the contract, the
page and its worker all follow it. The keys are the roles the page's modules use
(`operations.seal` in docs/helper/app/); the values are what a request's "op" says.
"""

from __future__ import annotations

__all__ = ["OPERATIONS", "OPERATION_STAGES"]

OPERATIONS: dict[str, str] = {
    "contract": "contract", "step": "step", "path": "path", "outcome": "outcome", "summary": "summary",
    "draft": "draft", "seal": "seal", "render": "render", "open": "open", "changes": "changes",
}

# Which loading stage each operation needs. "questions": answered as soon as Python is
# ready. "records": waits in the worker for the record tools (Jinja2, MarkupSafe and the
# standard library's records part), added right after "ready". `changes` reads a sealed
# record, so it is a records operation too. The page sends the records operations to its
# worker (docs/helper/helper.js), which holds them back until then; the runtime's trace
# (build_scripts/runtime/pyodide_trace.mjs) runs each stage's.
_RECORDS = ("seal", "render", "open", "changes")
OPERATION_STAGES: dict[str, str] = {
    name: "records" if role in _RECORDS else "questions" for role, name in OPERATIONS.items()
}
