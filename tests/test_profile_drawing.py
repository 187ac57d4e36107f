"""The reader's profile in the self-assessment is drawn as the cases' profiles are: the page script's
layout (docs/assets/javascripts/self-assessment/profile.mjs, run under node) gives, shape for shape,
the picture generator/pages/svg.py profile() draws for the same ratings, in both editions, from
the geometry the build exports in self-assessment.json."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.pages import export, svg
from generator.pages.pieces import label
from generator.pages.text import pick
from generator.records.ratings import SCALE, Rating
from generator.words import edition

PROFILE_MJS = Path(__file__).parents[1] / "docs/assets/javascripts/self-assessment/profile.mjs"
NS = "{http://www.w3.org/2000/svg}"
LAYOUT = """
import { readFileSync } from "node:fs";
import { profileLayout } from %s;
const { data, profile } = JSON.parse(readFileSync(0, "utf8"));
const out = profileLayout(data, profile);
out.shapes = out.shapes.map((s) => [s.tag, Object.fromEntries(Object.entries(s.attrs).map(([k, v]) => [k, String(v)])), s.text ?? null]);
console.log(JSON.stringify(out));
"""


def node() -> str:
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed for the page script's layout")
        pytest.skip("node not found")
    return found


def drawn_by_script(data: dict, profile: dict[str, str]) -> dict:
    script = LAYOUT % json.dumps(PROFILE_MJS.as_uri())
    result = subprocess.run(
        [node(), "--input-type=module", "-e", script],
        input=json.dumps({"data": data, "profile": profile}),
        capture_output=True, text=True, check=False, timeout=30,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def drawn_by_build(picture: str) -> tuple[ET.Element, list]:
    root = ET.fromstring(picture)
    shapes = [
        [e.tag.removeprefix(NS), dict(e.attrib), e.text] for e in root if e.tag.removeprefix(NS) in ("text", "rect")
    ]
    return root, shapes


# Every rating on some criterion, so each kind of bar (full, part, a sliver, dashed) is drawn.
@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("shift", range(len(SCALE)))
def test_the_scripts_profile_is_the_builds_shape_for_shape(kb, lang: str, shift: int) -> None:
    ratings = list(SCALE)
    with edition(lang):
        data = export.self_assessment(kb)
        rows = [(pick(c.title), ratings[(n + shift) % len(ratings)]) for n, c in enumerate(kb.criteria)]
        picture = svg.profile("title", rows, {r: label(r) for r in SCALE}, lang)
    profile = {c.id: rating.value for c, (_, rating) in zip(kb.criteria, rows, strict=True)}
    root, shapes = drawn_by_build(picture)
    script = drawn_by_script(data, profile)
    assert root.get("viewBox") == f"0 0 {script['width']} {script['height']}"
    assert script["shapes"] == shapes
    desc = root.find(f"{NS}desc")
    assert desc is not None and script["desc"] == desc.text


def test_a_long_label_wraps_in_the_script_as_in_the_build(kb) -> None:
    """A criterion named past the picture's width, with a word longer than a line: both break it
    into the same lines."""
    with edition("nl"):
        data = export.self_assessment(kb)
    name = "Verdeling van verantwoordelijkheden en sturing " + "Publiekprivaatsamenwerkingsverbandsoverleg" * 2
    data["criteria"] = data["criteria"][:1]
    data["criteria"][0]["title"] = name
    picture = svg.profile("t", [(name, Rating.PARTIAL)], {r: r.value for r in SCALE}, "nl")
    data["scale"] = [{**s, "label": s["id"]} for s in data["scale"]]
    lines = [e.text for e in ET.fromstring(picture).iter(f"{NS}text")][:-1]
    assert len(lines) >= 4 and any(line.endswith("-") for line in lines)
    shown = drawn_by_script(data, {data["criteria"][0]["id"]: "partial"})["shapes"]
    assert [s[2] for s in shown if s[0] == "text"][:-1] == lines
