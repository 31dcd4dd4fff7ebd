"""Pure-Python wheels for the helper's runtime, made with zipfile alone.

Three wheels go into the browser: the helper itself (built from helper/ as
flit would build it, with no build backend and no network), jinja2 (its
published wheel) and markupsafe (repacked from its sdist without the optional C
speedups). All are reproducible: fixed timestamps, sorted files, a true RECORD.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import re
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

_EPOCH = (1980, 1, 1, 0, 0, 0)


class WheelError(RuntimeError):
    """A wheel could not be made; the message names the file and the problem."""


def project_package(root: Path) -> tuple[dict[str, Any], Path]:
    """The helper's pyproject table and its import package directory (flit's rules)."""
    helper = root / "helper"
    try:
        pyproject = tomllib.loads((helper / "pyproject.toml").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WheelError(f"{helper / 'pyproject.toml'} is missing") from None
    project = pyproject["project"]
    module = pyproject.get("tool", {}).get("flit", {}).get("module", {}).get("name")
    module = module or re.sub(r"[-.]+", "_", project["name"])
    for package in (helper / "src" / module, helper / module):
        if (package / "__init__.py").is_file():
            return pyproject, package
    raise WheelError(f"no package {module!r} with an __init__.py under {helper}/src")


def package_files(package: Path) -> list[Path]:
    """Files flit would put in the wheel: all of the package except bytecode and dotfiles."""
    files = []
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package).parts
        if path.is_dir() or any(p.startswith(".") or p == "__pycache__" for p in rel):
            continue
        if path.suffix in {".pyc", ".pyo"}:
            continue
        files.append(path)
    return files


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _write_wheel(path: Path, files: list[tuple[str, bytes]], dist_info: str, meta: dict[str, bytes]) -> Path:
    """Write a reproducible pure wheel: fixed timestamps, RECORD last."""
    entries = list(files) + [(f"{dist_info}/{name}", data) for name, data in meta.items()]
    record = f"{dist_info}/RECORD"
    lines = [f"{name},{_record_hash(data)},{len(data)}" for name, data in entries] + [f"{record},,"]
    entries.append((record, ("\n".join(lines) + "\n").encode()))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, _EPOCH)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return path


def _wheel_file(generator: str) -> bytes:
    return (f"Wheel-Version: 1.0\nGenerator: {generator}\nRoot-Is-Purelib: true\n"
            "Tag: py3-none-any\n").encode()


def _dunder_version(package: Path) -> str:
    for name in ("__init__.py", "_version.py", "__about__.py"):
        source = package / name
        if not source.is_file():
            continue
        for node in ast.parse(source.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets)
                    and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
                return node.value.value
    raise WheelError(f"version is dynamic but no literal __version__ found in {package}")


def build_project_wheel(root: Path, out_dir: Path) -> Path:
    """Build the helper's wheel from helper/ with zipfile, as flit would (no network, no backend)."""
    pyproject, package = project_package(root)
    project = pyproject["project"]
    name = project["name"]
    dynamic = set(project.get("dynamic", []))
    version = project.get("version") or (_dunder_version(package) if "version" in dynamic else None)
    if not version:
        raise WheelError("helper/pyproject.toml has no version")
    summary = project.get("description")
    if summary is None and "description" in dynamic:
        summary = (ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8"))) or "")
        summary = summary.strip().splitlines()[0] if summary.strip() else ""

    license_ = project.get("license")
    metadata_version = "2.4" if isinstance(license_, str) else "2.1"
    lines = [f"Metadata-Version: {metadata_version}", f"Name: {name}", f"Version: {version}"]
    if summary:
        lines.append(f"Summary: {summary}")
    if isinstance(license_, str):
        lines.append(f"License-Expression: {license_}")
    elif isinstance(license_, dict) and "text" in license_:
        lines.append(f"License: {license_['text']}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    lines += [f"Classifier: {c}" for c in project.get("classifiers", [])]
    lines += [f"Requires-Dist: {d}" for d in project.get("dependencies", [])]
    for extra, deps in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {d}; extra == "{extra}"' for d in deps]
    meta = {"METADATA": ("\n".join(lines) + "\n").encode(), "WHEEL": _wheel_file("build_scripts.runtime.wheels")}

    sections = [("console_scripts", project.get("scripts", {})), ("gui_scripts", project.get("gui-scripts", {}))]
    sections += list(project.get("entry-points", {}).items())
    entry_points = "".join(
        f"[{group}]\n" + "".join(f"{k} = {v}\n" for k, v in items.items()) + "\n"
        for group, items in sections if items
    )
    if entry_points:
        meta["entry_points.txt"] = entry_points.encode()

    stem = f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}"
    files = [(f"{package.name}/{p.relative_to(package).as_posix()}", p.read_bytes()) for p in package_files(package)]
    return _write_wheel(out_dir / f"{stem}-py3-none-any.whl", files, f"{stem}.dist-info", meta)


def repack_sdist(sdist: Path, import_name: str, out_dir: Path) -> Path:
    """Make a pure-Python wheel from a src-layout sdist whose C speedups are optional.

    MarkupSafe's setup.py falls back to plain Python when its extension fails to
    compile; doing that through setuptools depends on the compiler and on an
    unpinned setuptools. Repacking the verified sdist is deterministic and
    offline: the .py files, PKG-INFO as METADATA, the licence; no C source.
    """
    with tarfile.open(sdist) as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        top = next(iter(members)).split("/", 1)[0]

        def read(name: str) -> bytes:
            fh = tar.extractfile(members[name])
            if fh is None:
                raise WheelError(f"{sdist.name}: {name} is not a regular file")
            return fh.read()

        pkg_info = read(f"{top}/PKG-INFO")
        prefix = f"{top}/src/{import_name}/"
        files = [(name[len(f"{top}/src/"):], read(name)) for name in sorted(members)
                 if name.startswith(prefix) and not name.endswith((".c", ".h", ".pyx"))]
        licences = [n for n in members if n.count("/") == 1 and n.split("/")[1].upper().startswith("LICEN")]
        licence_files = {f"licenses/{n.split('/')[1]}": read(n) for n in licences}
    headers = {k.lower(): v for k, v in
               (line.split(": ", 1) for line in pkg_info.decode().splitlines() if ": " in line and line[0] != " ")}
    name, version = headers["name"], headers["version"]
    if not any(n.endswith(".py") for n, _ in files):
        raise WheelError(f"{sdist.name}: no Python sources under src/{import_name}/")
    stem = f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}"
    meta = {"METADATA": pkg_info, "WHEEL": _wheel_file("build_scripts.runtime.wheels (repacked sdist)"),
            **licence_files}
    return _write_wheel(out_dir / f"{stem}-py3-none-any.whl", files, f"{stem}.dist-info", meta)


def compiled_name(wheel_name: str, python_tag: str) -> str:
    """`jinja2-3.1.6-py3-none-any.whl` -> `jinja2-3.1.6-cp314-none-any.whl`.

    Bytecode only runs on the CPython minor version that wrote it, so the
    wheel says so (the same renaming `pyodide py-compile` does).
    """
    parts = wheel_name[: -len(".whl")].split("-")
    name_parts = 5  # name, version, python tag, ABI tag, platform tag
    if len(parts) != name_parts or parts[3:] != ["none", "any"]:
        raise WheelError(f"{wheel_name} is not a pure py3-none-any wheel")
    return f"{parts[0]}-{parts[1]}-{python_tag}-none-any.whl"
