"""The plugin's logger: MkDocs' plugin logger, with the prefix every message of this plugin carries
(util/pool.py, which may not import MkDocs, writes the same prefix by hand)."""

from __future__ import annotations

import logging

from mkdocs.plugins import PrefixedLogger

log = PrefixedLogger("knowledge base", logging.getLogger("mkdocs.plugins.knowledge_base"))
