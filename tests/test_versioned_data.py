"""Versioned open data: the export names its version, and `diff` tells two exports apart."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from helpers import CORPUS, read_page, run_cli


def _export(tmp_path: Path) -> dict:
    assert run_cli(CORPUS, "export", "--out", str(tmp_path / "e")).returncode == 0
    return json.loads((tmp_path / "e/knowledge-base.json").read_text(encoding="utf-8"))


def test_the_export_names_its_data_and_schema_version(tmp_path: Path) -> None:
    data = _export(tmp_path)
    assert data["schema_version"] >= 2
    version = data["data_version"]
    assert set(version) == {"date", "commit"}
    if version["commit"]:  # a checkout with git history
        assert len(version["commit"]) == 40 and version["date"][:2] == "20"


def test_diff_reports_added_removed_renamed_changed_fields_and_ratings(tmp_path: Path) -> None:
    old = _export(tmp_path)
    new = copy.deepcopy(old)
    cases = {c["id"]: c for c in new["cases"]}
    market = cases["havenplein-markt"]
    assert market["assessment"]["government-link"]["council-reporting"]["rating"] == "absent"
    assert market["criterion_ratings"]["government-link"] == "absent"
    market["assessment"]["government-link"]["council-reporting"]["rating"] = "present"
    market["criterion_ratings"]["government-link"] = "partial"
    renamed = cases["old-mill-museum"] | {"id": "rtr-netherlands", "former_ids": ["old-mill-museum"]}
    new["cases"] = [c for c in new["cases"] if c["id"] not in ("old-mill-museum", "northgate-station")]
    new["cases"] += [renamed, cases["northgate-station"] | {"id": "harbour-festival", "name": "Harbour Festival"}]
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new), encoding="utf-8")

    text = run_cli(CORPUS, "diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    assert text.returncode == 0, text.stderr
    for line in (
        "  added: harbour-festival",
        "  removed: northgate-station",
        "  renamed: old-mill-museum -> rtr-netherlands",
        "  changed: havenplein-markt (assessment, criterion_ratings)",
        "    rating government-link: absent -> partial",
        "    rating government-link › council-reporting: absent -> present",
    ):
        assert line in text.stdout.splitlines(), (line, text.stdout)

    as_json = run_cli(CORPUS, "diff", "--format", "json", str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    cases_diff = json.loads(as_json.stdout)["collections"]["cases"]
    assert cases_diff["added"] == ["harbour-festival"] and cases_diff["removed"] == ["northgate-station"]
    assert cases_diff["renamed"] == [{"from": "old-mill-museum", "to": "rtr-netherlands"}]
    reported = {"what": "government-link › council-reporting", "from": "absent", "to": "present"}
    assert reported in cases_diff["changed"][0]["ratings"]


def test_diff_of_identical_exports_and_bad_input(tmp_path: Path) -> None:
    data = _export(tmp_path)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "No records differ." in run_cli(CORPUS, "diff", str(path), str(path)).stdout
    (tmp_path / "b.json").write_text('{"foo": 1}', encoding="utf-8")
    bad = run_cli(CORPUS, "diff", str(path), str(tmp_path / "b.json"))
    assert bad.returncode == 2 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr
    assert "is not a knowledge-base.json export" in bad.stderr


def test_the_data_page_explains_versions_and_diff(built_site: Path) -> None:
    text = read_page(built_site, "data").text
    assert "data_version" in text and "schema_version" in text and "python -m generator diff OLD.json NEW.json" in text


def test_diff_reads_a_text_of_schema_2_as_the_english_of_schema_3() -> None:
    from generator.tools.diff import diff

    old = {"format": "ppc-kb", "schema_version": 2, "terms": [{"id": "t", "term": "driver", "definition": "A person."}]}
    same = {
        "format": "ppc-kb",
        "schema_version": 3,
        "terms": [{"id": "t", "term": {"en": "driver"}, "definition": {"en": "A person."}}],
    }
    translated = {
        "format": "ppc-kb",
        "schema_version": 3,
        "terms": [{"id": "t", "term": {"en": "driver", "nl": "trekker"}, "definition": {"en": "A person."}}],
    }
    assert diff(old, same)["collections"] == {}
    assert diff(old, translated)["collections"]["terms"]["changed"] == [{"id": "t", "fields": ["term"], "ratings": []}]
