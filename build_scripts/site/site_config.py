"""Read the site's configuration (mkdocs.yml, or a host's file that INHERITs it) as plain data.

The build reads the configuration itself, before any builder runs, so that what it
checks and stages does not depend on one builder's way of loading it. It honours the
two things the configuration uses beyond plain YAML, as MkDocs and Zensical both do:

- `!ENV NAME` and `!ENV [NAME, ..., default]`: the first variable that is set, read as
  a YAML scalar (so "true" is a boolean), else the default (SITE_URL, PRECOMPRESS);
- `INHERIT: path`: the file at `path` (relative to the file that names it), with this
  file's settings merged over it, mapping by mapping.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML comes with MkDocs; it has no type stubs here


class ConfigError(ValueError):
    """The configuration cannot be read; the message names the file and the problem."""


class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML is untyped here
    pass


def _env(loader: _Loader, node: yaml.Node) -> Any:
    default = None
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode) and node.value:
        children = node.value
        if len(children) > 1:
            default = loader.construct_object(children[-1])
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV needs a name or a list of names", node.start_mark)
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_Loader.add_constructor("!ENV", _env)


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """`child` over `parent`: mappings merged key by key, anything else replaced."""
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load(path: Path, _seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The configuration in `path`, with !ENV values resolved and INHERIT followed."""
    path = path.resolve()
    if path in _seen:
        raise ConfigError(f"{path}: INHERIT goes round in a circle")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506  (a safe loader)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: is not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: must be a mapping of settings")
    parent_name = data.pop("INHERIT", None)
    if parent_name is None:
        return data
    parent = path.parent / str(parent_name)
    if not parent.is_file():
        raise ConfigError(f"{path}: INHERIT names {parent_name}, which does not exist at {parent}")
    return merge(load(parent, (*_seen, path)), data)
