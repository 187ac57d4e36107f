"""Outlive the engine: installs come from a committed lock, the build says how long Material lasts,
and ProperDocs (the MkDocs 1.x continuation) builds the same site."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

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


@pytest.mark.build
def test_the_wheel_ships_every_template_and_theme_file_and_builds_without_warnings(tmp_path: Path) -> None:
    # setuptools reads package-data as globs, where * stops at a folder: each folder needs its own.
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr  # setuptools' deprecations: a quiet install
    [wheel] = tmp_path.glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    needed = {
        p.relative_to(ROOT).as_posix()
        for folder in ("generator/pages/templates", "generator/plugin/theme")
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }
    # Templates, and theme files in folders of folders (partials/languages/).
    assert any(p.endswith(".md.j2") for p in needed) and any("partials/languages/" in p for p in needed)
    assert needed <= shipped, sorted(needed - shipped)


@pytest.mark.build
def test_the_makefile_installs_the_project_without_warnings(tmp_path: Path) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    quiet = re.search(r'^QUIET := PYTHONWARNINGS="([^"]*)"$', makefile, re.M)[1]
    assert re.search(r"\$\(QUIET\) \$\(BIN\)/pip install --quiet -c constraints\.txt -e", makefile)
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True, timeout=120)
    pip = str(tmp_path / "venv/bin/pip")
    subprocess.run([pip, "install", "--quiet", "--upgrade", "pip"], check=True, timeout=300)  # as make does
    result = subprocess.run(
        [pip, "install", "--quiet", "--no-deps", "-e", str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": quiet},
    )
    assert result.returncode == 0, result.stderr
    noise = [line for line in result.stderr.splitlines() if "Warning" in line or "!!" in line]
    assert noise == [], result.stderr
