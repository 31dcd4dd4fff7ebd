"""How a case's result becomes the string compared across interpreters.

Both sides serialise the same way, inside the interpreter that ran the case:
sorted keys, ASCII-only JSON (so every character, lone surrogates included,
survives the trip through Node or the browser), and a case that raises is
compared by its error. run_cases.mjs and test_worker.py's worker do exactly
this inside Pyodide; keep the three in step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def run_on_cpython(func: Callable[[Any], Any], case: dict[str, Any]) -> str:
    case = json.loads(json.dumps(case))  # the same fresh copy Pyodide gets
    try:
        return json.dumps(func(case), sort_keys=True, ensure_ascii=True)
    except Exception as exc:  # noqa: BLE001 (compared with Pyodide's error, whatever it is)
        return json.dumps({"__error__": f"{type(exc).__name__}: {exc}"})
