"""Outlive the engine: installs come from a committed lock, the build says how long Material lasts,
and ProperDocs (the MkDocs 1.x continuation) builds the same site."""

from __future__ import annotations

import logging
import re
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from helpers import ROOT, plugin_config


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"constraints.txt pins exact versions only: {line}"
            pins[canonicalize_name(name)] = version.strip()
    return pins


def test_every_dependency_in_pyproject_is_pinned_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    pins = _pins()
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is in pyproject.toml but not in constraints.txt: run 'make lock'"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {requirement.name}=={pins[name]}, outside {requirement.specifier}: run 'make lock'"
        )


def test_make_ci_and_the_pages_deploy_install_from_the_lock() -> None:
    assert re.search(r"pip install .*-c constraints\.txt", (ROOT / "Makefile").read_text(encoding="utf-8"))
    for workflow in ("ci.yml", "deploy.yml"):
        text = (ROOT / ".github/workflows" / workflow).read_text(encoding="utf-8")
        assert "-c constraints.txt" in text, workflow
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = ci["jobs"]["properdocs"]["steps"]
    assert any(step.get("run") == "make build-properdocs" for step in steps)


def test_the_build_says_when_material_reaches_end_of_life(caplog: pytest.LogCaptureFixture) -> None:
    _, plugin = plugin_config(ROOT / "mkdocs.yml")  # the plugin as MkDocs loads it, its hook in process
    with caplog.at_level(logging.INFO):
        plugin.on_startup(command="build", dirty=False)
    assert "Material for MkDocs reaches end of life on 2027-05-05" in caplog.text


def test_the_package_ships_every_template_folder() -> None:
    # setuptools reads package-data as globs, where * stops at a folder: the Dutch templates need their own.
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["generator.pages"]
    shipped = {p for g in globs for p in (ROOT / "generator/pages").glob(g)}
    templates = set((ROOT / "generator/pages/templates").rglob("*.j2"))
    assert any(p.parent.name == "nl" for p in templates)
    assert templates <= shipped, sorted(str(p) for p in templates - shipped)
