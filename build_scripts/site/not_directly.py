"""Named as a hook in mkdocs.yml, so that `mkdocs build` or `mkdocs serve` run on it directly
stops with a message saying how to build the site.

mkdocs.yml is the base of the site's configuration, not a configuration to build: the
build (`make build`, build_scripts/site/build.py) stages the pages and a generated
configuration that INHERITs it and names no hook, then finishes what the builder wrote
(the security policy, the helper's runtime, the offline copy). A site built from
mkdocs.yml alone would have none of those, so this module refuses when MkDocs loads it,
before anything is built. MkDocs reports the refusal as a configuration error.

Zensical ignores hooks; what stops it, and MkDocs too, is mkdocs.yml's `docs_dir`, a
folder that never exists (its name says what to run instead).
"""

from mkdocs.config.base import ValidationError

MESSAGE = (
    "mkdocs.yml is not built directly. Build the site with `make build` (or "
    "`python -m build_scripts.site.build`), or serve it with `make serve`: they stage the pages, "
    "build them and finish the site (its security policy, the helper's runtime, the offline "
    "copy). See README.md and build_scripts/README.md."
)

raise ValidationError(MESSAGE)
