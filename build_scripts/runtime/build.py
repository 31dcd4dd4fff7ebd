"""Build the helper's self-hosted Pyodide runtime, and cache it.

`build_runtime(root)` returns a folder holding everything the browser worker
loads, all from the site's own origin:

    pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm   the engine (npm `pyodide`)
    python_stdlib.zip                                the standard library as bytecode: the
                                                     modules the questions use (stdlib_split.py)
    python_stdlib_records.zip                        the modules only records use, added
                                                     right after "ready"
    python_stdlib_more.zip                           the rest, added after them
    <dist>-<version>-cp314-none-any.whl              our package (before "ready"); jinja2 and
                                                     markupsafe (after: only records need them)
    pyodide-lock.json                                those three wheels only, relative names
    wheels.mjs                                       puts the wheels on sys.path (runtime_wheels.mjs)

The npm stdlib zip holds .py sources, which the browser would compile at every
start. Here Pyodide's own Python (3.14, run under Node: the host has no 3.14)
compiles the stdlib and the wheels once, sourceless, which makes start-up
about three times faster.

Two cache levels under `root/.cache/`, each keyed by a hash of its inputs so a
lookup is cheap (mkdocs serve calls this on every rebuild):

    runtime-base/<pyodide version>-<hash>/   engine, compiled stdlib, compiled
                                             third-party wheels (slow: ~5 s)
    runtime/<pyodide version>-<hash>/        the above plus our wheel and the
                                             lockfile (fast: ~2 s), the folder
                                             the site ships

so editing the helper's source rebuilds only the second level. A folder is
built under a temporary name, checked by starting Pyodide on it under Node, and
renamed into place, so an existing folder is always complete.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts.runtime import fetch_wheels, stdlib_split, wheels

# Bump to invalidate every cached runtime when the output layout changes in a
# way the hashed inputs do not show.
FORMAT = "1"
HERE = Path(__file__).resolve().parent
COMPILE_SCRIPT = HERE / "pyodide_compile.mjs"
CHECK_SCRIPT = HERE / "pyodide_check.mjs"
TRACE_SCRIPT = HERE / "pyodide_trace.mjs"
OWN_INPUTS = (
    Path(__file__).resolve(), Path(wheels.__file__).resolve(), Path(fetch_wheels.__file__).resolve(),
    fetch_wheels.LOCK_PATH, COMPILE_SCRIPT, CHECK_SCRIPT, HERE / "pyodide_node.mjs", HERE / "runtime_wheels.mjs",
    TRACE_SCRIPT, Path(stdlib_split.__file__).resolve(),
)

ENGINE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
STDLIB = "python_stdlib.zip"
STDLIB_RECORDS = "python_stdlib_records.zip"
STDLIB_MORE = "python_stdlib_more.zip"
# The parts of the standard library, each built with its entries deflated one by one, so any
# host sends them small. For a host that sends the build's precompressed copies
# (PRECOMPRESS=true: nginx with the shipped settings), they are shipped with their entries
# stored instead (ship()): Brotli over a whole archive finds what its modules have in
# common, which deflating each module alone cannot (the first part: about 1.1 MB deflated,
# 0.8 MB as stored and Brotli). The modules themselves are the same bytes either way.
STDLIB_PARTS = (STDLIB, STDLIB_RECORDS, STDLIB_MORE)
# The base's second copy of the compiled stdlib, without docstrings: the parts the helper
# uses are taken from it (smaller, and nothing the helper runs reads a docstring; the parity tests
# prove the outputs the same). The rest keeps them. Not shipped under this name.
STDLIB_LEAN = "python_stdlib_lean.zip"
LOCKFILE = "pyodide-lock.json"
# Our own module in the runtime folder: the page's worker and the Node check both use it.
WHEEL_LOADER = "wheels.mjs"
WHEEL_LOADER_SOURCE = HERE / "runtime_wheels.mjs"
KEEP = 3  # cached folders kept per level; older ones are removed after a build
_CDN_DEFAULT = re.compile(r"`https://cdn\.jsdelivr\.net/pyodide/v\$\{\w+\}/full/`")
_SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")

log = logging.getLogger("mkdocs.hooks.runtime")


class RuntimeBuildError(RuntimeError):
    """The runtime could not be built; the message says what to do."""


@dataclass(frozen=True)
class RuntimeBuild:
    directory: Path  # complete runtime folder, ready to copy into the site
    key: str  # "<pyodide version>-<10 hex>", changes whenever any input changes
    packages: tuple[str, ...]  # the packages the page asks for (wheels.mjs adds their dependencies)
    cached: bool = False  # True when an existing folder was reused


def _pyodide_dir(root: Path) -> Path:
    pyodide = root / "node_modules" / "pyodide"
    missing = [n for n in (*ENGINE_FILES, STDLIB, LOCKFILE, "package.json") if not (pyodide / n).is_file()]
    if missing:
        raise RuntimeBuildError(
            f"{pyodide} lacks {', '.join(missing)}: run `npm ci` in {root} to install the pinned Pyodide"
        )
    return pyodide


def _pyodide_version(pyodide: Path) -> str:
    return str(json.loads((pyodide / "package.json").read_text(encoding="utf-8"))["version"])


def _digest(items: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for label, data in items:
        for part in (label.encode(), data):
            h.update(len(part).to_bytes(8, "big"))
            h.update(part)
    return h.hexdigest()


def _keys(root: Path, pyodide: Path) -> tuple[str, str]:
    """(base key, runtime key): hashes of the inputs, cheap enough for every rebuild."""
    version = _pyodide_version(pyodide)
    base_items = [("format", FORMAT.encode())]
    base_items += [(f"pyodide/{n}", (pyodide / n).read_bytes())
                   for n in (*ENGINE_FILES, STDLIB, LOCKFILE, "package.json")]
    base_items += [(f"own/{p.name}", p.read_bytes()) for p in OWN_INPUTS]
    base_key = f"{version}-{_digest(base_items)[:10]}"

    helper = root / "helper"
    _, package = wheels.project_package(root)
    items = [("base", base_key.encode()), ("pyproject.toml", (helper / "pyproject.toml").read_bytes())]
    items += [(p.relative_to(helper).as_posix(), p.read_bytes()) for p in wheels.package_files(package)]
    return base_key, f"{version}-{_digest(items)[:10]}"


def _node() -> str:
    node = os.environ.get("NODE") or shutil.which("node")
    if not node:
        raise RuntimeBuildError(
            "Node.js is needed to build the helper's runtime (Pyodide compiles its own "
            "bytecode under Node) but `node` is not on PATH. Install Node.js 20 or newer "
            "(e.g. `apt-get install nodejs`) or set NODE to its path."
        )
    return node


_LONG_LINE = 400


def _run(command: list[str], what: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        # Node quotes the offending source line, and Pyodide's is one huge minified line.
        lines = (result.stderr or result.stdout).strip().splitlines()[-25:]
        tail = "\n".join(line if len(line) < _LONG_LINE else line[:_LONG_LINE] + " ..." for line in lines)
        raise RuntimeBuildError(f"{what} failed (exit {result.returncode}):\n{tail}")
    return result.stdout


def _compile(node: str, pyodide: Path, jobs: list[dict[str, Any]], work: Path) -> dict[str, Any]:
    jobs_file = work / "compile-jobs.json"
    jobs_file.write_text(json.dumps({"jobs": jobs}), encoding="utf-8")
    out = _run([node, str(COMPILE_SCRIPT), str(pyodide), str(jobs_file)], "Compiling to bytecode in Pyodide")
    jobs_file.unlink()
    report: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return report


def _add_wheels(input_lock: Path, output_lock: Path, wheels: list[Path], base: Path) -> None:
    """`pyodide lockfile add-wheels` (pyodide-lock): names, versions, imports, depends."""
    cli = Path(sys.executable).with_name("pyodide")
    cli_cmd = [str(cli)] if cli.exists() else ([shutil.which("pyodide")] if shutil.which("pyodide") else None)
    if cli_cmd is None:
        raise RuntimeBuildError("the `pyodide` command (pyodide-build / pyodide-lock) is not installed "
                                "in this Python environment; run `make setup`")
    command = [*cli_cmd, "lockfile", "add-wheels", "--input", str(input_lock), "--output", str(output_lock),
               "--base-path", str(base), *map(str, wheels)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        hint = ("\npyodide-lock needs `pkginfo` for add-wheels: install `pyodide-lock[wheel]`"
                if "pkginfo" in result.stderr else "")
        tail = "\n".join(result.stderr.strip().splitlines()[-12:])
        raise RuntimeBuildError(f"pyodide lockfile add-wheels failed:\n{tail}{hint}")


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


# What the helper's worker (docs/helper/worker/wasm.mjs, files.mjs) relies on in the pinned Pyodide, where no
# documented loadPyodide() option does the job. Each is checked against the engine's own
# code at build time, so an upgrade that changes one fails the build here, by name, instead
# of leaving a helper that hangs or downloads Python twice in the browser:
#   - Pyodide starts its WebAssembly with WebAssembly.instantiateStreaming(response, imports)
#     on a fetch of "<indexURL>pyodide.asm.wasm": the worker compiles that file itself as soon
#     as it starts (or takes the page's compiled copy) and answers that call with it;
#   - Pyodide fetches "<indexURL>python_stdlib.zip" itself (the default stdLibURL): the worker
#     counts those bytes for the progress bar as they arrive.
ENGINE_ASSUMPTIONS: tuple[tuple[str, str, str], ...] = (
    ("pyodide.mjs", "WebAssembly.instantiateStreaming(",
     "Pyodide no longer starts its WebAssembly with instantiateStreaming"),
    ("pyodide.mjs", '"pyodide.asm.wasm"', "Pyodide no longer names its WebAssembly pyodide.asm.wasm"),
    ("pyodide.mjs", '"python_stdlib.zip"', "Pyodide no longer fetches python_stdlib.zip by that name"),
)


def check_engine_assumptions(pyodide: Path) -> None:
    """Fail unless the pinned Pyodide still does what the worker relies on (above)."""
    for name, needle, meaning in ENGINE_ASSUMPTIONS:
        if needle not in (pyodide / name).read_text(encoding="utf-8"):
            raise RuntimeBuildError(
                f"{name}: {meaning} ({needle!r} not found). docs/helper/worker.mjs depends on it: "
                "check the worker against this Pyodide version")


def _copy_engine(pyodide: Path, dest: Path) -> None:
    """Copy the engine files, with pyodide.mjs made CDN-free.

    pyodide.mjs carries jsDelivr as its default package URL. Browsers never
    use it (only Node falls back to it for a missing package file), but no CDN
    address may appear in the site (the build's asset check rejects it), so it
    becomes the relative "./". Its source-map comment goes too: the map is
    not shipped, and devtools would ask for it.
    """
    for name in ENGINE_FILES:
        if name != "pyodide.mjs":
            shutil.copyfile(pyodide / name, dest / name)
    text = (pyodide / "pyodide.mjs").read_text(encoding="utf-8")
    text, count = _CDN_DEFAULT.subn('"./"', text)
    if count != 1:
        raise RuntimeBuildError(
            f"pyodide.mjs: expected one jsDelivr default URL to replace, found {count}; "
            "check build_scripts/runtime/build.py against this Pyodide version"
        )
    text = _SOURCE_MAP.sub("\n", text)
    if "jsdelivr" in text or "sourceMappingURL" in text:
        raise RuntimeBuildError("pyodide.mjs still references a CDN or a source map after patching")
    (dest / "pyodide.mjs").write_text(text, encoding="utf-8")


def _stdlib_sources(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [n for n in zf.namelist() if n.endswith(".py")]


def _publish(tmp: Path, final: Path) -> None:
    """Rename a finished folder into place; a concurrent build that won keeps its copy."""
    try:
        tmp.rename(final)
    except OSError:
        if not final.is_dir():
            raise
        shutil.rmtree(tmp, ignore_errors=True)


# A half-built folder older than this was left by a build that died.
_STALE_SECONDS = 3600


def _prune(level: Path, keep: Path) -> None:
    folders = [p for p in level.iterdir() if p.is_dir() and p != keep]
    stale_tmp = [p for p in folders if p.name.startswith(".") and time.time() - p.stat().st_mtime > _STALE_SECONDS]
    built = sorted((p for p in folders if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime)
    for path in stale_tmp + built[: max(0, len(built) - (KEEP - 1))]:
        shutil.rmtree(path, ignore_errors=True)


def _complete(folder: Path, names: tuple[str, ...]) -> bool:
    return folder.is_dir() and all((folder / n).is_file() for n in names)


def _build_base(root: Path, pyodide: Path, node: str, base: Path) -> None:
    """Engine, compiled stdlib, the lock with no packages, third-party wheels (source and compiled)."""
    tmp = base.with_name(f".tmp-{base.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "wheels" / "src").mkdir(parents=True)
    (tmp / "wheels" / "compiled").mkdir()
    try:
        _copy_engine(pyodide, tmp)
        lock = json.loads((pyodide / LOCKFILE).read_text(encoding="utf-8"))
        lock["packages"] = {}
        (tmp / LOCKFILE).write_text(json.dumps(lock, indent=2) + "\n", encoding="utf-8")

        artifacts = fetch_wheels.ensure_artifacts(root)
        sources = []
        for artifact in fetch_wheels.load_lock():
            path = artifacts[artifact.name]
            if artifact.kind == "wheel":
                sources.append(Path(shutil.copyfile(path, tmp / "wheels" / "src" / path.name)))
            else:
                sources.append(wheels.repack_sdist(path, artifact.name, tmp / "wheels" / "src"))

        tag = _python_tag(lock)
        jobs: list[dict[str, Any]] = [
                {"kind": "stdlib", "src": str(pyodide / STDLIB), "dst": str(tmp / STDLIB)},
                {"kind": "stdlib", "src": str(pyodide / STDLIB), "dst": str(tmp / STDLIB_LEAN), "docstrings": False}]
        compiled = tmp / "wheels" / "compiled"
        jobs += [{"kind": "wheel", "src": str(w), "dst": str(compiled / wheels.compiled_name(w.name, tag)),
                  "tag": f"{tag}-none-any"} for w in sources]
        _compile(node, pyodide, jobs, tmp)
        for name in (STDLIB, STDLIB_LEAN):
            left = _stdlib_sources(tmp / name)
            if left:
                raise RuntimeBuildError(f"{name} still holds sources after compiling: {left[:5]}")
        _publish(tmp, base)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _python_tag(lock: dict[str, Any]) -> str:
    major, minor = lock["info"]["python"].split(".")[:2]
    return f"cp{major}{minor}"


def _build_final(root: Path, base: Path, node: str, final: Path) -> tuple[str, ...]:
    tmp = final.with_name(f".tmp-{final.name}-{os.getpid()}")
    work = final.with_name(f".work-{final.name}-{os.getpid()}")
    for path in (tmp, work):
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
    try:
        for name in (*ENGINE_FILES, STDLIB):
            shutil.copyfile(base / name, tmp / name)
        shutil.copyfile(WHEEL_LOADER_SOURCE, tmp / WHEEL_LOADER)
        # add-wheels reads the source wheels: it finds import names from .py files.
        sources = [Path(shutil.copyfile(w, work / w.name)) for w in sorted((base / "wheels" / "src").iterdir())]
        ours = wheels.build_project_wheel(root, work)
        _add_wheels(base / LOCKFILE, work / LOCKFILE, [*sources, ours], work)

        lock = json.loads((base / LOCKFILE).read_text(encoding="utf-8"))
        tag = _python_tag(lock)
        compiled_ours = tmp / wheels.compiled_name(ours.name, tag)
        _compile(node, base, [{"kind": "wheel", "src": str(ours), "dst": str(compiled_ours),
                               "tag": f"{tag}-none-any"}], work)
        for wheel in (base / "wheels" / "compiled").iterdir():
            shutil.copyfile(wheel, tmp / wheel.name)

        # The lock was written for the source wheels; point it at the compiled
        # ones, as `pyodide py-compile` does for Pyodide's own distribution.
        lock = json.loads((work / LOCKFILE).read_text(encoding="utf-8"))
        for package in lock["packages"].values():
            package["file_name"] = wheels.compiled_name(package["file_name"], tag)
            package["sha256"] = _sha256(tmp / package["file_name"])
        (tmp / LOCKFILE).write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        problems = verify_lockfile(tmp)
        if problems:
            raise RuntimeBuildError("lockfile check failed:\n  " + "\n  ".join(problems))

        ours_name = next(n for n, p in lock["packages"].items() if p["file_name"] == compiled_ours.name)
        packages = (ours_name,)
        used = json.loads(_run([node, str(TRACE_SCRIPT), str(tmp), ",".join(packages)],
                               "Finding the standard library the helper uses").strip().splitlines()[-1])
        shutil.move(tmp / STDLIB, work / STDLIB)
        parts = (STDLIB, STDLIB_RECORDS, STDLIB_MORE)
        counts = stdlib_split.split(work / STDLIB, [used["questions"], used["records"]],
                                    [tmp / STDLIB, tmp / STDLIB_RECORDS], tmp / STDLIB_MORE, lean=base / STDLIB_LEAN)
        log.info("helper runtime: standard library split %s",
                 ", ".join(f"{n} ({count} modules, {(tmp / n).stat().st_size:,} bytes)"
                           for n, count in zip(parts, counts, strict=True)))
        # The check starts Python from the first part alone, as the page does.
        report = check_runtime(tmp, packages, node=node)
        log.info("helper runtime: Python %s, Pyodide %s, started in %d ms",
                 report["python"], report["pyodide"], report["load_ms"])
        _publish(tmp, final)
        return packages
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)


def verify_lockfile(directory: Path) -> list[str]:
    """Problems with a runtime folder's lockfile: foreign URLs, missing files, wrong hashes."""
    text = (directory / LOCKFILE).read_text(encoding="utf-8")
    problems = []
    if re.search(r"https?:|//", text):
        problems.append(f"{LOCKFILE} contains a URL")
    packages = json.loads(text)["packages"]
    for name, package in packages.items():
        file = directory / package["file_name"]
        if "/" in package["file_name"] or not file.is_file():
            problems.append(f"{name}: {package['file_name']} is not a file beside the lockfile")
        elif _sha256(file) != package["sha256"]:
            problems.append(f"{name}: sha256 of {file.name} does not match the lockfile")
        for dep in package["depends"]:
            if dep not in packages:
                problems.append(f"{name}: depends on {dep}, which is not in the lockfile")
    return problems


def stored_zip(path: Path) -> bytes:
    """The zip at `path` with every entry stored rather than deflated: the same names, in
    the same order, with the same bytes and dates (so the same input gives the same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.external_attr = info.external_attr
            copy.compress_type = zipfile.ZIP_STORED
            dst.writestr(copy, data)
    return out.getvalue()


def ship(directory: Path, target: Path, *, stored: bool) -> None:
    """Copy a runtime folder into the site at `target`; with `stored`, the parts of the
    standard library as stored_zip() makes them (see STDLIB_PARTS)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(directory, target)
    if stored:
        for name in STDLIB_PARTS:
            (target / name).write_bytes(stored_zip(directory / name))


def startup_bytes(directory: Path, *, stored: bool = False) -> int:
    """Bytes the page's worker downloads before the helper is ready: the engine, the part
    of the standard library Python starts from, the lockfile, wheels.mjs and the wheels of
    the packages the page names (ours). Their dependencies' wheels and the later parts of
    the standard library follow afterwards and are not counted. The page shows the
    download's progress against this total. With `stored`, the first part is counted as
    ship() ships it for a host that sends precompressed copies."""
    lock = json.loads((directory / LOCKFILE).read_text(encoding="utf-8"))
    wheels_first = [str(lock["packages"][name]["file_name"]) for name in _our_packages(lock)]
    names = [*ENGINE_FILES, LOCKFILE, WHEEL_LOADER, *wheels_first]
    stdlib = len(stored_zip(directory / STDLIB)) if stored else (directory / STDLIB).stat().st_size
    return stdlib + sum((directory / name).stat().st_size for name in names)


# The runtime files the browser itself fetches for the worker (its module scripts, and the
# WebAssembly when the page compiles it): the worker cannot count them as they arrive, and
# not every browser gives their sizes to scripts (Firefox gives a module served from the
# offline copy no resource timing), so the page is told their sizes.
SIZED_FILES = ("pyodide.asm.mjs", "pyodide.mjs", WHEEL_LOADER, "pyodide.asm.wasm")


def file_bytes(directory: Path) -> tuple[tuple[str, int], ...]:
    """The size of each of SIZED_FILES in the runtime folder (all counted in startup_bytes)."""
    return tuple((name, (directory / name).stat().st_size) for name in SIZED_FILES)


def check_runtime(directory: Path, packages: tuple[str, ...], *, node: str | None = None) -> dict[str, Any]:
    """Start Pyodide on a runtime folder under Node; return its report or raise."""
    out = _run([node or _node(), str(CHECK_SCRIPT), str(directory), ",".join(packages)],
               f"Starting Pyodide on {directory.name}")
    report: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    wrong = []
    if not report["python"].startswith("3.14."):
        wrong.append(f"Python {report['python']}, expected 3.14")
    wrong += [f"{mod} loaded from source ({path})" for mod, path in report["files"].items()
              if not path.endswith(".pyc")]
    if not report["first_call_ok"]:
        wrong.append("the bridge's first call failed with only the first part of the standard library")
    if report["jinja2_loaded"]:
        wrong.append("importing the bridge imported jinja2, which the page loads only after ready")
    from infoshare.formats import FORMATS

    if report["record"] != {"sealed": True, "rendered": sorted(f.key for f in FORMATS)}:
        wrong.append(f"sealing and rendering a record with the record tools alone failed: {report['record']}")
    if report["escape"] != "&lt;a &amp; &#39;b&#39;&gt;" or report["template"] != "&lt;b&gt;":
        wrong.append("markupsafe / jinja2 escaping is wrong")
    if wrong:
        raise RuntimeBuildError(f"runtime {directory} does not work: " + "; ".join(wrong))
    return report


def build_runtime(root: Path, *, force: bool = False) -> RuntimeBuild:
    """Return the cached runtime for the current inputs, building it if needed.

    Cheap when cached (hashes ~15 MB of inputs, no subprocess). Raises
    RuntimeBuildError with a plain explanation when Node, npm's Pyodide, the
    helper package or (first time only) the network is missing.
    """
    try:
        return _build_runtime(Path(root).resolve(), force=force)
    except (wheels.WheelError, fetch_wheels.FetchError) as exc:
        raise RuntimeBuildError(str(exc)) from exc


def _build_runtime(root: Path, *, force: bool) -> RuntimeBuild:
    pyodide = _pyodide_dir(root)
    check_engine_assumptions(pyodide)
    base_key, key = _keys(root, pyodide)
    cache = root / ".cache"
    final = cache / "runtime" / key
    if not force and _complete(final, (*ENGINE_FILES, STDLIB, STDLIB_RECORDS, STDLIB_MORE, LOCKFILE, WHEEL_LOADER)):
        lock = json.loads((final / LOCKFILE).read_text(encoding="utf-8"))
        if all((final / p["file_name"]).is_file() for p in lock["packages"].values()):
            return RuntimeBuild(final, key, _our_packages(lock), cached=True)

    started = time.perf_counter()
    node = _node()
    base = cache / "runtime-base" / base_key
    for level in (base, final):
        level.parent.mkdir(parents=True, exist_ok=True)
    if force:
        shutil.rmtree(final, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)
    if not _complete(base, (*ENGINE_FILES, STDLIB, STDLIB_LEAN, LOCKFILE)):
        log.info("Building the helper's Pyodide runtime base %s (stdlib to bytecode)...", base_key)
        _build_base(root, pyodide, node, base)
    log.info("Building the helper's Pyodide runtime %s...", key)
    packages = _build_final(root, base, node, final)
    _prune(base.parent, base)
    _prune(final.parent, final)
    log.info("Helper runtime %s built in %.1f s", key, time.perf_counter() - started)
    return RuntimeBuild(final, key, packages)


def _our_packages(lock: dict[str, Any]) -> tuple[str, ...]:
    """Lock entries nothing else depends on: the packages the page names."""
    needed = {d for p in lock["packages"].values() for d in p["depends"]}
    return tuple(sorted(n for n in lock["packages"] if n not in needed))


def _main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Build (or find cached) the helper's Pyodide runtime.")
    parser.add_argument("--root", type=Path, default=HERE.parents[1])
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    try:
        build = build_runtime(args.root, force=args.force)
    except RuntimeBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    files = sorted(build.directory.iterdir())
    total = sum(f.stat().st_size for f in files)
    print(f"key       {build.key}  ({'cached' if build.cached else 'built'} in {elapsed:.2f} s)")
    print(f"directory {build.directory}")
    print(f"packages  {', '.join(build.packages)}")
    for f in files:
        print(f"  {f.stat().st_size / 1e6:8.3f} MB  {f.name}")
    print(f"  {total / 1e6:8.3f} MB  total")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
