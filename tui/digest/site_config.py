"""Reading a blog's config files safely: small reads, any format, never an exception.

An engine's config may be TOML, YAML (MkDocs' with Python tags) or JSON, may be broken or
huge; a file that cannot be read reads as empty, so detection falls back to the engine's
defaults instead of failing a `check`.
"""

from __future__ import annotations

import json
from pathlib import Path

_MAX_BYTES = 256 * 1024


def read_small(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return handle.read(_MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None


def first_file(root: Path, names) -> Path | None:
    for name in names:
        path = root / name
        if path.is_file():
            return path
    return None


def _toml(text: str) -> dict:
    import tomllib

    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return {}


class _AnyTagLoader:
    """A YAML loader that reads MkDocs' ``!!python/name:...`` and ``!ENV`` tags as plain
    values (the tag's suffix, the node's value) instead of refusing the whole file."""

    @staticmethod
    def build():
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        def tagged(loader, suffix, node):
            if isinstance(node, yaml.MappingNode):
                value = loader.construct_mapping(node, deep=True)
            elif isinstance(node, yaml.SequenceNode):
                value = loader.construct_sequence(node, deep=True)
            else:
                value = loader.construct_scalar(node)
            return {"__tag__": suffix, "value": value} if value not in ("", None) else suffix

        Loader.add_multi_constructor("tag:yaml.org,2002:python/", tagged)
        Loader.add_multi_constructor("!", tagged)
        return Loader


def _yaml(text: str) -> dict:
    import yaml

    try:
        data = yaml.load(text, Loader=_AnyTagLoader.build())
    except (yaml.YAMLError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def config_data(path: Path) -> dict:
    text = read_small(path)
    if text is None:
        return {}
    if path.suffix == ".toml":
        return _toml(text)
    if path.suffix == ".json":
        try:
            data = json.loads(text)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return _yaml(text)


def get_key(data, *keys):
    """``data[k1][k2]...`` with Hugo's case-insensitive keys; None when any is missing."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        found = [v for k, v in data.items() if str(k).lower() == key.lower()]
        if not found:
            return None
        data = found[0]
    return data
