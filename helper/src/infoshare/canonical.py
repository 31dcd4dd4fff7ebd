"""Canonical JSON and the record's digest.

One serialisation, byte for byte the same on every platform: sorted keys,
UTF-8 without \\u escapes for non-ASCII text, two-space indentation with fixed
separators, and a trailing newline. The digest is SHA-256 over the canonical
JSON of the record without its digest, so anyone can recompute it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

__all__ = ["DIGEST_KEY", "canonical_json", "digest"]

DIGEST_KEY = "sha256"


def canonical_json(value: object) -> str:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, indent=2, separators=(",", ": "),
        allow_nan=False,
    ) + "\n"


def digest(record: Mapping[str, object]) -> str:
    """SHA-256 (hex) of the canonical JSON of the record, its digest left out.

    Lone surrogates cannot be written as UTF-8; "surrogatepass" keeps this
    total so that a damaged record is reported as altered rather than crashing.
    """
    content = {k: v for k, v in record.items() if k != DIGEST_KEY}
    data = canonical_json(content).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()
