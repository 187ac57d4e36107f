"""`enabled: false` turns the plugin off, as Material's plugins are turned off: MkDocs builds the
hand-written pages alone, to tell a theme problem from one of the generated pages."""

from __future__ import annotations

from pathlib import Path

from generator.util import mkdocs_config


def test_a_build_with_the_plugin_disabled_writes_only_the_hand_written_pages(repo: Path, tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (repo / "docs/notes.md").write_text("# Notes by hand\n\nWritten in docs/.\n", encoding="utf-8")
    config_file = repo / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "  knowledge-base:\n" in text
    config_file.write_text(text.replace("  knowledge-base:\n", "  knowledge-base:\n    enabled: false\n"), "utf-8")
    assert mkdocs_config.plugin_options(mkdocs_config.read(config_file))["enabled"] is False
    site = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site))
    plugin = config.plugins["knowledge-base"]
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    build(config)
    config.plugins.on_shutdown()
    assert "Notes by hand" in (site / "notes/index.html").read_text(encoding="utf-8")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["404.html", "notes/index.html"], pages
    assert not (site / "data").exists() and not (site / "pagefind").exists() and not (site / "nl").exists()
    assert plugin.memo is None and plugin.preview is None
