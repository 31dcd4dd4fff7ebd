"""What stage tells finish: the few facts the finish step needs and cannot read from the built site.

Written by stage.py as <build folder>/stage.json, read by finish.py, so finish can run as a
step of its own over any builder's output.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

NAME = "stage.json"


class PlanError(ValueError):
    """The build folder has no usable stage.json: it was not made by stage.py."""


@dataclass(frozen=True)
class Plan:
    mode: str  # "build" (a copy to publish) or "serve" (make serve: no offline copy)
    site_url: str | None
    precompress: bool
    runtime_key: str
    runtime_dir: str  # the runtime folder stage built, copied into the site by finish
    assets_version: str  # the content version of the helper's own scripts and styles

    @property
    def offline(self) -> bool:
        return self.mode == "build"


def write(folder: Path, plan: Plan) -> Path:
    path = folder / NAME
    path.write_text(json.dumps(asdict(plan), indent=1) + "\n", encoding="utf-8")
    return path


def read(folder: Path) -> Plan:
    path = folder / NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = {f.name for f in fields(Plan)}
        if not isinstance(data, dict) or set(data) != names or data["mode"] not in {"build", "serve"}:
            raise ValueError("not the shape stage.py writes")
        return Plan(**data)
    except (OSError, ValueError) as exc:
        raise PlanError(f"{path}: {exc}. Stage the site first (python -m build_scripts.site.build).") from None
