"""The finish step (build_scripts/site/finish.py) and its verification (verify.py): a builder's
output is finished only when every invariant holds, and any broken one stops the build with
what broke, where.

The builder's own output is made once (the build's command, stopped after the builder);
each case copies it, breaks one thing, and finishes or verifies the copy."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from build_scripts.site import finish, finish_plan, offline, verify, worker_guard
from tests.building import ROOT, build_site

# Every test here builds a site, or reads one built by this module's fixtures.
pytestmark = pytest.mark.build

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


@pytest.fixture(scope="module")
def unfinished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder as the builder left it: stage.json, and site/ not yet finished."""
    folder = tmp_path_factory.mktemp("unfinished") / "work"
    result = build_site(folder, stop_after="build")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def finished(unfinished: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("finished") / "work"
    shutil.copytree(unfinished, folder)
    finish.finish(folder / "site", finish_plan.read(folder))
    return folder


def copy(folder: Path, tmp_path: Path) -> tuple[Path, finish_plan.Plan]:
    target = tmp_path / "work"
    shutil.copytree(folder, target)
    return target / "site", finish_plan.read(target)


def edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the case changed nothing in {path}"
    path.write_text(changed, encoding="utf-8")


def search_worker(site: Path) -> Path:
    (worker,) = (site / worker_guard.WORKERS).glob("search*.js")
    return worker


def runtime_folder(site: Path) -> Path:
    (folder,) = (site / "helper" / "runtime").iterdir()
    return folder


def test_the_finished_site_verifies(finished: Path) -> None:
    verify.verify(finished / "site", finish_plan.read(finished))


# (case, how the finished site is broken, words the failure must contain)
BROKEN: list[tuple[str, Callable[[Path], None], str]] = [
    ("a page without its policy", lambda s: edit(s / "rules/4/index.html", lambda t: POLICY.sub("", t)),
     "rules/4/index.html: 0 Content-Security-Policy tags"),
    ("a page with two policies", lambda s: edit(s / "privacy/index.html", lambda t: POLICY.sub(lambda m: m[0] * 2, t)),
     "privacy/index.html: 2 Content-Security-Policy tags"),
    ("the policy after another tag", lambda s: edit(s / "index.html", lambda t: t.replace(
        '<meta charset="utf-8">', '<meta charset="utf-8"><meta name="x" content="y">', 1)),
     "index.html: the policy is not straight after <meta charset>"),
    ("an inline script the policy does not allow", lambda s: edit(s / "glossary/index.html", lambda t: t.replace(
        "</body>", "<script>fetch('/x')</script></body>")),
     "glossary/index.html: its policy does not allow exactly its inline scripts"),
    ("the 404 page without its policy", lambda s: edit(s / "404.html", lambda t: POLICY.sub("", t)),
     "404.html: 0 Content-Security-Policy tags"),
    ("sw.js never filled in", lambda s: shutil.copy(ROOT / "docs" / "sw.js", s / "sw.js"),
     "sw.js still holds its placeholders"),
    ("sw.js keeping nothing in a copy to publish", lambda s: (s / "sw.js").write_text(
        offline.fill((ROOT / "docs" / "sw.js").read_text(encoding="utf-8"), "", ()), encoding="utf-8"),
     "sw.js: its list of files or version is not this site's (0 listed"),
    ("sw.js missing", lambda s: (s / "sw.js").unlink(), "sw.js is missing"),
    ("a file added after sw.js was written", lambda s: (s / "late.html").write_text(
        '<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src \'self\'; '
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'\">",
        encoding="utf-8"),
     "sw.js: its list of files or version is not this site's"),
    ("the search worker without its guard", lambda s: edit(search_worker(s), lambda t: t.replace(
        worker_guard.MARK, "", 1)), "a worker that does not start with the guard"),
    ("another worker, unguarded", lambda s: (s / worker_guard.WORKERS / "other.js").write_text(
        "self.onmessage = () => {};", encoding="utf-8"),
     "assets/javascripts/workers/other.js: a worker that does not start with the guard"),
    ("the helper's worker importing something before its guard", lambda s: edit(
        s / "helper" / "worker.mjs", lambda t: 'import { x } from "./other.mjs";\n' + t),
     "helper/worker.mjs: its first import is not ./guard.mjs"),
    ("an image from another origin", lambda s: edit(s / "myths/index.html", lambda t: t.replace(
        "</article>", '<img src="https://tracker.example/p.png" alt=""></article>', 1)),
     "https://tracker.example/p.png"),
    ("the runtime without its WebAssembly", lambda s: (runtime_folder(s) / "pyodide.asm.wasm").unlink(),
     "helper/index.html: its runtime has no pyodide.asm.wasm"),
    ("the helper page naming another runtime", lambda s: edit(s / "helper/index.html", lambda t: re.sub(
        r'data-runtime="runtime/[^"]*"', 'data-runtime="runtime/old/"', t)),
     "helper/index.html: its runtime runtime/old/ is not this build's"),
    ("no helper page", lambda s: shutil.rmtree(s / "helper"), "helper/index.html is missing"),
]


@pytest.mark.parametrize(("break_it", "says"), [(b, s) for _, b, s in BROKEN], ids=[n for n, _, _ in BROKEN])
def test_a_broken_invariant_fails_verification(finished: Path, tmp_path: Path, break_it: Callable[[Path], None],
                                               says: str) -> None:
    site, plan = copy(finished, tmp_path)
    break_it(site)
    with pytest.raises(verify.VerifyError) as raised:
        verify.verify(site, plan)
    assert says in str(raised.value), str(raised.value)


def test_a_copy_for_make_serve_must_keep_nothing(finished: Path, tmp_path: Path) -> None:
    site, plan = copy(finished, tmp_path)
    with pytest.raises(verify.VerifyError, match="a copy for `make serve` must keep nothing"):
        verify.verify(site, dataclasses.replace(plan, mode="serve"))


# (case, how the builder's output differs from what finish expects, words in the failure)
UNEXPECTED: list[tuple[str, Callable[[Path], None], str]] = [
    ("a search dialog in another shape", lambda s: edit(s / "rules/2/index.html", lambda t: t.replace(
        'data-md-component="search" role="dialog"', 'data-md-component="search" role="search"')),
     "rules/2/index.html: expected one search dialog"),
    ("a menu toggle in another shape", lambda s: edit(s / "editions/index.html", lambda t: t.replace(
        'id="__drawer" autocomplete="off"', 'id="__drawer" autocomplete="off" hidden')),
     "editions/index.html: expected the menu's checkbox"),
    ("a page without the theme's article", lambda s: edit(s / "principles/index.html", lambda t: t.replace(
        '<article class="md-content__inner md-typeset">', "<article>")),
     "principles/index.html: expected the page's content in one <article"),
    ("the helper page without the theme's script", lambda s: edit(s / "helper/index.html", lambda t: re.sub(
        r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js"></script>', "", t)),
     "helper/index.html: expected the theme's one bundle <script>"),
    ("no search worker", lambda s: search_worker(s).unlink(), "no search worker"),
    # (Every module that imports another: the page's, the worker and the worker's parts.)
    ("helper modules that no longer import each other", lambda s: [
        edit(p, lambda t: re.sub(r'from "\.\.?/', 'from "/', t))
        for p in sorted([*(s / "helper" / "app").glob("*.mjs"), *(s / "helper" / "worker").glob("*.mjs"),
                         s / "helper" / "worker.mjs"])
        if re.search(r'from "\.\.?/', p.read_text(encoding="utf-8"))],
     "the step that versions them matches nothing"),
    ("a module address the versioning does not know", lambda s: edit(s / "helper" / "app" / "main.mjs", lambda t: (
        t + '\nconst later = new URL("./engine.mjs", import.meta.url);\n')),
     "helper/app/main.mjs: \"./engine.mjs\""),
    ("a page without <meta charset>", lambda s: edit(s / "sources/index.html", lambda t: t.replace(
        '<meta charset="utf-8">', "")), "page has no <meta charset>"),
]


@pytest.mark.parametrize(("change", "says"), [(c, s) for _, c, s in UNEXPECTED], ids=[n for n, _, _ in UNEXPECTED])
def test_builder_output_finish_does_not_recognise_stops_the_build(unfinished: Path, tmp_path: Path,
                                                                   change: Callable[[Path], None], says: str) -> None:
    site, plan = copy(unfinished, tmp_path)
    change(site)
    with pytest.raises(finish.FinishError) as raised:
        finish.finish(site, plan)
    assert says in str(raised.value), str(raised.value)


def test_finish_as_a_command(unfinished: Path, tmp_path: Path) -> None:
    """`python -m build_scripts.site.finish <folder>`: a clear message and exit 1, no traceback."""
    site, _ = copy(unfinished, tmp_path)
    search_worker(site).unlink()
    command = [sys.executable, "-m", "build_scripts.site.finish", str(site.parent)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "ERROR: finishing" in result.stderr and "no search worker" in result.stderr
    assert "Traceback" not in result.stderr
    (site.parent / finish_plan.NAME).unlink()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "Stage the site first" in result.stderr, result.stderr
