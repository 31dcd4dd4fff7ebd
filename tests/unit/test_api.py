"""The public API, the package's metadata and its purity."""

from __future__ import annotations

import ast
import tomllib

import infoshare
from infoshare import _version

from .conftest import ROOT

# A public name that disappears breaks every caller: the browser's worker,
# the build scripts and the Pyodide tests. Add to this list; never remove.
PUBLIC = {
    "FIELDS", "MAX_BYTES", "OUTCOMES", "PAGES", "PRINCIPLES", "RULES", "SCHEMA_VERSION",
    "Answers", "Field", "Loaded", "Option", "Outcome", "Page", "Principle", "Problem",
    "Recommendation", "Record", "RecordError", "Rule", "ShowIf", "__version__", "call",
    "canonical_json", "check_sealed", "clean", "departs", "digest", "filename_stem",
    "followed", "is_emergency", "load", "load_schema", "next_page", "path", "recommend",
    "render_all", "render_html", "render_md", "run_case", "seal", "validate_answers",
    "validate_page",
}
SRC = ROOT / "helper" / "src" / "infoshare"


def test_public_names_are_exported() -> None:
    assert PUBLIC <= set(infoshare.__all__)
    for name in infoshare.__all__:
        assert hasattr(infoshare, name), name


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


def test_imports_only_stdlib_and_jinja2() -> None:
    import sys

    allowed = set(sys.stdlib_module_names) | {"jinja2", "infoshare"}
    for path in SRC.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                roots = {node.module.split(".")[0]}
            else:
                continue
            assert roots <= allowed, (path.name, roots)
            assert not roots & {"js", "pyodide"}, path.name


def test_package_data_ships() -> None:
    assert (SRC / "schema.json").is_file()
    assert (SRC / "templates" / "record.html.j2").is_file()
    assert (SRC / "py.typed").is_file()
