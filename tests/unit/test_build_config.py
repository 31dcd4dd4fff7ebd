"""The build reads the site's configuration itself (build_scripts/site/site_config.py) and
splits each page as the builders do (stage_pages.py): !ENV, INHERIT, front matter, addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.site import site_config, stage_pages


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# (the value in YAML, the environment, what it reads as)
ENV_CASES = [
    ("!ENV [SITE_URL, null]", {}, None),
    ("!ENV [SITE_URL, null]", {"SITE_URL": "https://a.example/"}, "https://a.example/"),
    ("!ENV [SITE_URL, null]", {"SITE_URL": ""}, None),
    ("!ENV [PRECOMPRESS, false]", {"PRECOMPRESS": "true"}, True),
    ("!ENV [PRECOMPRESS, false]", {"PRECOMPRESS": "0"}, 0),
    ("!ENV [A, B, fallback]", {"B": "second"}, "second"),
    ("!ENV A", {}, None),
    # Hostile values stay text: no YAML in a variable is parsed as more than one scalar.
    ("!ENV [X, null]", {"X": "{a: 1}"}, "{a: 1}"),
    ("!ENV [X, null]", {"X": "!!python/object:os.system ls"}, "!!python/object:os.system ls"),
    ("!ENV [X, null]", {"X": "<script>alert(1)</script>"}, "<script>alert(1)</script>"),
]


@pytest.mark.parametrize(("yaml_value", "env", "expected"), ENV_CASES)
def test_env_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, yaml_value: str, env: dict[str, str],
                    expected: object) -> None:
    for name in ("SITE_URL", "PRECOMPRESS", "A", "B", "X"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = site_config.load(write(tmp_path, "mkdocs.yml", f"value: {yaml_value}\n"))
    assert config["value"] == expected


def test_inherit_merges_mappings_and_replaces_the_rest(tmp_path: Path) -> None:
    write(tmp_path, "base.yml", "site_name: Base\nnav: [a.md, b.md]\ntheme: {name: material, custom_dir: o}\n"
                                "extra: {local: null, precompress: false}\n")
    (tmp_path / "sub").mkdir()
    host = write(tmp_path / "sub", "host.yml", "INHERIT: ../base.yml\nnav: [c.md]\ntheme: {custom_dir: x}\n"
                                               "extra: {local: {name: N}}\n")
    assert site_config.load(host) == {
        "site_name": "Base", "nav": ["c.md"], "theme": {"name": "material", "custom_dir": "x"},
        "extra": {"local": {"name": "N"}, "precompress": False}}


@pytest.mark.parametrize(("files", "says"), [
    ({"mkdocs.yml": "INHERIT: missing.yml\n"}, "INHERIT names missing.yml, which does not exist"),
    ({"mkdocs.yml": "INHERIT: other.yml\n", "other.yml": "INHERIT: mkdocs.yml\n"}, "goes round in a circle"),
    ({"mkdocs.yml": "site_name: [\n"}, "is not valid YAML"),
    ({"mkdocs.yml": "- a list\n"}, "must be a mapping of settings"),
    ({"mkdocs.yml": "x: !!python/object/apply:os.system [ls]\n"}, "is not valid YAML"),
])
def test_a_configuration_that_cannot_be_read(tmp_path: Path, files: dict[str, str], says: str) -> None:
    for name, text in files.items():
        write(tmp_path, name, text)
    with pytest.raises(site_config.ConfigError, match=says):
        site_config.load(tmp_path / "mkdocs.yml")


@pytest.mark.parametrize(("src", "directory_urls", "url"), [
    ("index.md", True, ""), ("rules/index.md", True, "rules/"), ("rules/4.md", True, "rules/4/"),
    ("privacy.md", True, "privacy/"), ("privacy.md", False, "privacy.html"), ("rules/index.md", False, "rules/"),
])
def test_page_url(src: str, directory_urls: bool, url: str) -> None:
    assert stage_pages.page_url(src, use_directory_urls=directory_urls) == url


# (the file, its meta, its body, and the staged file with `infoshare: {"v": 1}` added)
FRONT = [
    ("---\nlaw_checked: 2026-11-30\n---\n\n# T\n", {"law_checked": "2026-11-30"}, "# T\n",
     '---\nlaw_checked: 2026-11-30\ninfoshare: {"v": 1}\n---\n# T\n'),
    ("---\na: 1\n...\n# T\n", {"a": 1}, "# T\n", '---\na: 1\ninfoshare: {"v": 1}\n...\n# T\n'),
    ("# No front matter\n", {}, "# No front matter\n", '---\ninfoshare: {"v": 1}\n---\n# No front matter\n'),
    # Not a mapping, or not YAML: the whole file is the page's text, as the builders read it.
    ("---\n- a\n---\n# T\n", {}, "---\n- a\n---\n# T\n", '---\ninfoshare: {"v": 1}\n---\n---\n- a\n---\n# T\n'),
    ("---\na: [\n---\n# T\n", {}, "---\na: [\n---\n# T\n", '---\ninfoshare: {"v": 1}\n---\n---\na: [\n---\n# T\n'),
]


@pytest.mark.parametrize(("text", "meta", "body", "staged"), FRONT)
def test_front_matter_is_read_and_written_back(tmp_path: Path, text: str, meta: dict[str, object], body: str,
                                               staged: str) -> None:
    page = stage_pages.read_page(write(tmp_path, "p.md", text), "p.md", use_directory_urls=True)
    assert {k: str(v) if k == "law_checked" else v for k, v in page.meta.items()} == meta
    assert page.body == body
    assert stage_pages.with_front_matter(page, page.body, {}) == text.replace("---\n\n#", "---\n#")
    assert stage_pages.with_front_matter(page, page.body, {"infoshare": {"v": 1}}) == staged


def test_added_front_matter_keeps_hostile_text_as_data(tmp_path: Path) -> None:
    import yaml

    page = stage_pages.read_page(write(tmp_path, "p.md", "---\nt: x\n---\n# T\n"), "p.md", use_directory_urls=True)
    hostile = {"a": "---\n# injected", "b": "\"'<script>&", "c": "\u2028\u0000"}
    staged = stage_pages.with_front_matter(page, "# T\n", {"infoshare": hostile})
    again = stage_pages.read_page(write(tmp_path, "q.md", staged), "q.md", use_directory_urls=True)
    assert again.meta == {"t": "x", "infoshare": hostile}
    assert again.body == "# T\n"
    assert yaml.safe_load(staged.split("---\n")[1])["infoshare"] == hostile


def test_pages_in_the_order_the_builders_read_them(tmp_path: Path) -> None:
    for name in ("zeta.md", "index.md", "rules/index.md", "rules/2.md", "rules/1.md", ".hidden/x.md", "a.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# x\n", encoding="utf-8")
    order = [p.src_uri for p in stage_pages.markdown_pages(tmp_path, use_directory_urls=True)]
    assert order == ["index.md", "a.md", "zeta.md", "rules/index.md", "rules/1.md", "rules/2.md"]
