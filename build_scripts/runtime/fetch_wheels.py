"""Download the pinned third-party files the helper's runtime ships, once.

The browser runtime needs jinja2 (a pure wheel) and markupsafe (repacked as a
pure wheel from its sdist by build_scripts/runtime/build.py). Their versions and
sha256 sums are pinned in build_scripts/runtime/wheels.lock.json; pip fetches them from
the package index into `.cache/wheels/`, and a file whose hash differs from the
lock is refused, so a site built on another machine ships the same bytes.

`make setup` runs this (`python -m build_scripts.runtime.fetch_wheels`); the runtime
build calls `ensure_artifacts` and only reaches the network when a file is
missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LOCK_PATH = Path(__file__).with_name("wheels.lock.json")


class FetchError(RuntimeError):
    """A pinned file is missing and could not be downloaded, or is not the pinned file."""


@dataclass(frozen=True)
class Artifact:
    name: str
    version: str
    kind: str  # "wheel" or "sdist"
    filename: str
    sha256: str

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


def load_lock(path: Path = LOCK_PATH) -> list[Artifact]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Artifact(
            name=item["name"],
            version=item["version"],
            kind=item["kind"],
            filename=item["filename"],
            sha256=item["sha256"],
        )
        for item in data["artifacts"]
    ]


def cache_dir(root: Path) -> Path:
    return root / ".cache" / "wheels"


def sha256_of(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _is_valid(path: Path, artifact: Artifact) -> bool:
    return path.is_file() and sha256_of(path) == artifact.sha256


def _download(artifact: Artifact, dest: Path) -> None:
    """Fetch one pinned file with pip into `dest`, checked against its hash by pip too."""
    with tempfile.TemporaryDirectory(prefix="fetch-", dir=dest) as tmp:
        tmp_dir = Path(tmp)
        requirements = tmp_dir / "requirements.txt"
        requirements.write_text(f"{artifact.requirement} --hash=sha256:{artifact.sha256}\n")
        binary = ["--only-binary", ":all:"] if artifact.kind == "wheel" else ["--no-binary", ":all:"]
        command = [
            sys.executable, "-m", "pip", "download",
            "--no-deps", "--require-hashes", "--disable-pip-version-check",
            *binary, "--dest", str(tmp_dir / "dl"), "-r", str(requirements),
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        got = tmp_dir / "dl" / artifact.filename
        if result.returncode != 0 or not got.is_file():
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
            raise FetchError(
                f"Could not download {artifact.filename} ({artifact.requirement}) with pip.\n"
                f"The helper's browser runtime ships this file, so it is fetched once from the "
                f"package index into {dest}.\n"
                f"If you are offline, connect and run `make setup` (or "
                f"`python -m build_scripts.runtime.fetch_wheels`), or copy the file there by hand "
                f"(sha256 {artifact.sha256}).\n"
                f"pip said:\n{tail}"
            )
        if sha256_of(got) != artifact.sha256:  # pip checked already; never trust one check
            raise FetchError(f"{artifact.filename}: sha256 differs from {LOCK_PATH.name}")
        got.replace(dest / artifact.filename)


def ensure_artifacts(root: Path, *, download: bool = True) -> dict[str, Path]:
    """Return {name: path} for every pinned file, downloading what is missing.

    Raises FetchError, naming the file and how to fix it, when a file is
    missing and cannot be fetched, or when a cached file fails its hash.
    """
    dest = cache_dir(root)
    found: dict[str, Path] = {}
    for artifact in load_lock():
        path = dest / artifact.filename
        if path.exists() and not _is_valid(path, artifact):
            path.unlink()  # a truncated or tampered file: fetch it again
        if not path.exists():
            if not download:
                raise FetchError(f"{path} is missing; run `python -m build_scripts.runtime.fetch_wheels`")
            dest.mkdir(parents=True, exist_ok=True)
            _download(artifact, dest)
        found[artifact.name] = path
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2],
                        help="project root (default: this checkout)")
    args = parser.parse_args(argv)
    try:
        paths = ensure_artifacts(args.root.resolve())
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
