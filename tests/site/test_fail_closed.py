"""The build fails closed: a builder run on the site's configuration any way but through
the build's three steps (build_scripts/site/build.py) stops, with a message saying how to
build, and writes no site. mkdocs.yml names a pages folder that never exists, and a hook
that refuses; the pages' template refuses a configuration that stage did not generate."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.building import ROOT

# Every test here builds a site, or reads one built by this module's fixtures.
pytestmark = pytest.mark.build

MKDOCS = [sys.executable, "-m", "mkdocs"]
ZENSICAL = [sys.executable, "-m", "zensical"]
HOW = "make build or make serve"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """What a builder reads, copied: the configuration, the pages, the theme's overrides and
    the build's scripts (the refusing hook is one)."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    for folder in ("docs", "overrides", "build_scripts"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
                            stdin=subprocess.DEVNULL)
    assert result.returncode != 0, result.stdout + result.stderr
    return result.stdout + result.stderr


# (how the builder is run, what it says). Each stops before writing anything.
DIRECT = [
    ([*MKDOCS, "build"], "Config value 'docs_dir'"),
    ([*MKDOCS, "build", "--strict"], "Config value 'docs_dir'"),
    ([*MKDOCS, "serve", "--dev-addr", "127.0.0.1:0", "--no-livereload"], "Config value 'docs_dir'"),
    ([*ZENSICAL, "build"], "Docs directory does not exist"),
    ([*ZENSICAL, "build", "--strict"], "Docs directory does not exist"),
]


@pytest.mark.parametrize(("command", "says"), DIRECT, ids=[" ".join(c[2:4]) + (" strict" if "--strict" in c else "")
                                                          for c, _ in DIRECT])
def test_a_builder_run_on_mkdocs_yml_stops_and_says_how_to_build(project: Path, command: list[str],
                                                                  says: str) -> None:
    output = run(command, project)
    assert says in output and HOW in output, output
    assert not (project / "site").exists()


# A host's configuration that INHERITs mkdocs.yml and names a real pages folder gets past
# the missing folder; what stops it then depends on the builder.
HOST = "INHERIT: mkdocs.yml\ndocs_dir: docs\n"


def test_mkdocs_on_a_host_configuration_meets_the_refusing_hook(project: Path) -> None:
    (project / "host.yml").write_text(HOST, encoding="utf-8")
    output = run([*MKDOCS, "build", "-f", "host.yml"], project)
    assert "Config value 'hooks': mkdocs.yml is not built directly" in output, output
    assert "make build" in output and "make serve" in output
    assert not (project / "site").exists()


@pytest.mark.parametrize("command", [[*MKDOCS, "build", "-f", "host.yml"], [*ZENSICAL, "build", "-f", "host.yml"]],
                         ids=["mkdocs", "zensical"])
def test_without_the_hook_the_template_refuses(project: Path, command: list[str]) -> None:
    """Zensical ignores hooks (and a host may remove them): the pages' template then stops the
    build, because only stage's generated configuration sets extra.offline."""
    (project / "host.yml").write_text(HOST + "hooks: []\n", encoding="utf-8")
    output = run(command, project)
    assert "not_built_by_the_site_build__run_make_build_or_make_serve" in output, output
    assert not (project / "site" / "index.html").exists()


def test_the_generated_configuration_is_what_builds(tmp_path: Path) -> None:
    """The other side: stage's configuration names the staged pages, the theme's overrides,
    no hook, and extra.offline, so the builder gets past all three refusals."""
    from tests.building import build_site

    result = build_site(tmp_path / "stage", stop_after="stage")
    assert result.returncode == 0, result.stderr
    import yaml

    generated = yaml.safe_load((tmp_path / "stage" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert generated["INHERIT"] == str(ROOT / "mkdocs.yml")
    assert generated["docs_dir"] == "docs" and (tmp_path / "stage" / "docs" / "index.md").is_file()
    assert generated["hooks"] == []
    assert generated["theme"] == {"custom_dir": str(ROOT / "overrides")}
    assert generated["extra"]["offline"] is True
