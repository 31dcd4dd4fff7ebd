"""A Content-Security-Policy for every built page, delivered in a meta tag.

Static hosts often cannot set headers, so each page carries its own policy.
The theme needs a few small inline scripts; rather than allowing inline
script in general, each one is allowed by its SHA-256 hash, so anything
injected into a page later still cannot run.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Only classic inline scripts run; JSON data blocks are not script and need no hash.
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_CHARSET = re.compile(r"<meta charset=\"?utf-8\"?\s*/?>", re.IGNORECASE)

BASE_DIRECTIVES = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
)


def script_hashes(html: str) -> list[str]:
    hashes = []
    for body in _INLINE_SCRIPT.findall(html):
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append("'sha256-" + base64.b64encode(digest).decode("ascii") + "'")
    return sorted(set(hashes))


def policy_for(html: str, *, is_helper: bool) -> str:
    script_src = ["'self'"]
    if is_helper:
        # Pyodide compiles WebAssembly; 'wasm-unsafe-eval' allows that and
        # nothing else (no eval of JavaScript strings).
        script_src.append("'wasm-unsafe-eval'")
    script_src.extend(script_hashes(html))
    return "; ".join(("script-src " + " ".join(script_src), *BASE_DIRECTIVES))


def add_policy(html: str, *, is_helper: bool) -> str:
    """Insert the policy straight after <meta charset>, before anything it governs."""
    match = _CHARSET.search(html)
    if match is None:
        raise ValueError("page has no <meta charset>; cannot place the security policy")
    policy = policy_for(html, is_helper=is_helper)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html[: match.end()] + tag + html[match.end():]
