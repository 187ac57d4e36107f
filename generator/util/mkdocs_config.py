"""A MkDocs config file read as plain YAML, for the code that must know a setting without loading
MkDocs (``render --out``, the after-build steps of another engine) or before MkDocs has read the
file (the other editions' configs). Imports nothing of MkDocs, so every layer may use it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

PLUGIN = "knowledge-base"  # the plugin's entry-point name, as mkdocs.yml lists it


class _AnyTagLoader(yaml.SafeLoader):
    """Reads a MkDocs config without running its tags (!ENV, !relative): each reads as None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read(config_file: Path) -> dict[str, Any]:
    """A config file's own settings (not those it INHERITs), its tags left unrun; {} where there
    is no such file or it holds no mapping."""
    if not config_file.is_file():
        return {}
    data: Any = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    return data if isinstance(data, dict) else {}


def plugin_options(config: dict[str, Any], plugin: str = PLUGIN) -> dict[str, Any]:
    """A plugin's options in a read config, whether ``plugins`` is a mapping or a list (MkDocs takes
    both); {} where the plugin is not listed or has no options."""
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):  # "- search" or "- knowledge-base: {options}"
        entries = [item for entry in plugins if isinstance(entry, dict) for item in entry.items()]
    else:
        entries = []
    for name, options in entries:
        if name == plugin:
            return options if isinstance(options, dict) else {}
    return {}


def editions(config: dict[str, Any]) -> dict[str, str]:
    """The plugin's ``editions`` option in a read config: language -> config file; {} if none."""
    named = plugin_options(config).get("editions")
    return {str(lang): str(file) for lang, file in named.items()} if isinstance(named, dict) else {}
