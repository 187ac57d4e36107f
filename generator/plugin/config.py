"""The plugin's options in mkdocs.yml (``plugins: knowledge-base: ...``)."""

from __future__ import annotations

from mkdocs.config import config_options
from mkdocs.config.base import Config


class KnowledgeBaseConfig(Config):
    # Off, MkDocs builds the hand-written pages alone with the theme: to tell a theme problem
    # from one of the generated pages.
    enabled = config_options.Type(bool, default=True)
    # The records always live in content/ beside mkdocs.yml: the CLI, the scaffolds and the edit
    # links assume it, so it is not an option.
    contributing = config_options.Type(str, default="CONTRIBUTING.md")
    # Language -> config file of each edition, this one included; the edition a config builds is its
    # theme language. Building the default (English) edition builds the others beside it.
    editions = config_options.DictOfItems(config_options.Type(str), default={})
