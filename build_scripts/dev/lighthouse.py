"""Lighthouse scores for the home page and a rule page (default mobile settings).

Usage: .venv/bin/python build_scripts/dev/lighthouse.py [--no-gzip]
Builds the site, serves it on loopback (with gzip, as any real host would,
unless --no-gzip), and runs the npm `lighthouse` package with Debian's Chromium.
Lighthouse is fetched by npx on first use; it is a measuring tool, not part of the site.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from build_scripts.dev.static_server import serving  # noqa: E402

LIGHTHOUSE = "lighthouse@13.5.0"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
PAGES = {"home": "", "rule 6": "rules/6/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-gzip", action="store_true", help="serve without compression")
    parser.add_argument("--site", type=Path, help="an already built site folder")
    args = parser.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            # A strict build needs the site's address (SITE_URL); a measurement needs none.
            env = {**os.environ, "SITE_URL": os.environ.get("SITE_URL") or "https://infoshare.invalid/"}
            subprocess.run([sys.executable, "-m", "build_scripts.site.build", "--site-dir", str(site)],
                           cwd=ROOT, check=True, env={**env, "PRECOMPRESS": "false"})
        print(f"{'page':<10}" + "".join(f"{c:>16}" for c in CATEGORIES) + "   FCP / LCP")
        with serving(site, compress=not args.no_gzip) as base:
            for name, path in PAGES.items():
                out = Path(tmp) / "report.json"
                subprocess.run(
                    [shutil.which("npx") or "npx", "--yes", LIGHTHOUSE, base + path, "--quiet",
                     f"--chrome-flags={CHROME_FLAGS}", "--output=json", f"--output-path={out}"],
                    check=True, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True,
                )
                report = json.loads(out.read_text())
                scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
                fcp = report["audits"]["first-contentful-paint"]["displayValue"]
                lcp = report["audits"]["largest-contentful-paint"]["displayValue"]
                print(f"{name:<10}" + "".join(f"{s:>16}" for s in scores) + f"   {fcp} / {lcp}")
                for category in CATEGORIES:
                    for ref in report["categories"][category]["auditRefs"]:
                        audit = report["audits"][ref["id"]]
                        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                            print(f"    {category}: {ref['id']} {audit.get('displayValue', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
