"""The public API, the package's metadata and its purity."""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from typing import Any

import infoshare
from infoshare import _version

from .conftest import ROOT

SRC = ROOT / "helper" / "src" / "infoshare"


def _declared_all(path: Any) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def _documented() -> set[str]:
    """The public names helper/README.md documents (its "Public API" list)."""
    text = (ROOT / "helper" / "README.md").read_text("utf-8")
    section = text.split("## Public API", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", section))


def test_every_public_name_resolves() -> None:
    for name in infoshare.__all__:
        assert hasattr(infoshare, name), name


def test_every_public_name_has_exactly_one_home() -> None:
    """Each exported name is declared in the __all__ of exactly one module, the one the
    package imports it from."""
    homes: dict[str, list[str]] = {}
    for path in SRC.glob("*.py"):
        if path.name == "__init__.py":
            continue
        for name in _declared_all(path):
            homes.setdefault(name, []).append(path.stem)
    for name in infoshare.__all__:
        if name == "__version__":
            continue
        assert homes.get(name) == [infoshare._HOME[name]], (name, homes.get(name))
        value = getattr(infoshare, name)
        module = importlib.import_module(f"infoshare.{infoshare._HOME[name]}")
        assert getattr(module, name) is value, name


def test_public_api_is_the_documented_one() -> None:
    """A public name that disappears breaks every caller (the worker, the build, the
    Pyodide tests); one that appears unannounced is not supported. The README's list
    is what callers are promised."""
    assert set(infoshare.__all__) == _documented()


def test_every_module_declares_all() -> None:
    for path in SRC.glob("*.py"):
        if path.name in {"__main__.py", "_version.py", "__init__.py"}:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        names = {t.id for node in tree.body if isinstance(node, ast.Assign)
                 for t in node.targets if isinstance(t, ast.Name)}
        assert "__all__" in names, path.name


def test_version_matches_pyproject() -> None:
    meta = tomllib.loads((ROOT / "helper" / "pyproject.toml").read_text("utf-8"))
    assert meta["project"]["version"] == _version.__version__ == infoshare.__version__
    assert meta["project"]["name"] == "infoshare-helper"
    assert meta["project"]["dependencies"] == ["jinja2>=3.1"]
    assert meta["project"]["scripts"]["infoshare"] == "infoshare.cli:main"


def test_package_data_ships() -> None:
    assert (SRC / "schema.json").is_file()
    assert (SRC / "templates" / "record.html.j2").is_file()
    assert (SRC / "py.typed").is_file()
