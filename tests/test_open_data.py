"""Open data and pictures: the published files agree with the records; nothing loads from elsewhere."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import yaml

from generator.pages.text import pick
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import Case
from helpers import CORPUS, Page, collection_schema


def test_knowledge_base_json_round_trips_to_the_records(kb: KnowledgeBase, built_site: Path) -> None:
    data = json.loads((built_site / "data/knowledge-base.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["cases"]] == [c.id for c in kb.cases]
    for exported in data["cases"]:
        case = kb.case(exported["id"])
        record = yaml.safe_load((CORPUS / kb.source_file("cases", case.id)).read_text(encoding="utf-8"))
        ratings = exported.pop("criterion_ratings", None)
        counts = exported.pop("indicator_counts", None)
        as_read = Case.model_validate(record, context={"lang": record.get("lang")})  # as the loader reads it
        assert exported == as_read.model_dump(mode="json"), case.id
        # Every text is exported as {en, nl}, the English as the record gives it.
        assert exported["name"]["en"] == pick(record["name"], "en")
        assert set(exported["name"]) <= {"en", "nl"}
        if case.assessed_by:
            assert ratings == {c: r.value for c, r in kb.profile(case).items()}
            assert counts == {r.value: n for r, n in kb.indicator_counts(case).items()}
            assert sum(counts.values()) == len(kb.indicators)
    assert {c["id"] for c in data["criteria"]} == {c.id for c in kb.criteria}
    assert len(data["lessons"]) == len(kb.lessons) and len(data["terms"]) == len(kb.terms)


def test_ratings_csv_has_one_row_per_assessed_case_and_indicator_with_its_evidence(
    kb: KnowledgeBase, built_site: Path
) -> None:
    with (built_site / "data/ratings.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(kb.assessed_cases) * len(kb.indicators)
    for row in rows:
        case = kb.case(row["case_id"])
        entry = case.assessment[row["criterion_id"]][row["indicator_id"]]
        assert row["rating"] == entry.rating.value
        assert row["finding"] == " ".join(pick(entry.finding).split())
        assert row["assessed_by"] == case.assessed_by
        assert row["quotes"].split(" | ") == [c.quote for c in entry.cite if c.quote] or row["quotes"] == ""
        for cited in entry.cite:
            assert pick(kb.source(cited.source).cited_as, "en") in row["citations"]


def test_the_json_export_carries_sources_and_citations(kb: KnowledgeBase, built_site: Path) -> None:
    data = json.loads((built_site / "data/knowledge-base.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sources"]] == [s.id for s in kb.sources]
    assert data["study"]["source"] == kb.study_source.id
    stadium = next(c for c in data["cases"] if c["id"] == "riverside-stadium")
    trust = stadium["assessment"]["trust-and-culture"]["mutual-confidence"]
    assert trust["cite"][0] == {
        "source": "riverside-study",
        "section": "Findings › Riverside Stadium",
        "page": None,
        "quote": "Trust between the partners is high",
        "translation": {"nl": "Het vertrouwen tussen de partners is groot"},  # ours, beside the verbatim words
    }
    schema = json.loads((built_site / "data/schema/source.schema.json").read_text(encoding="utf-8"))
    assert "cited_as" in schema["required"]


def test_each_record_validates_against_its_published_json_schema(built_site: Path) -> None:
    schemas = {p.name: json.loads(p.read_text()) for p in (built_site / "data/schema").glob("*.json")}
    for path in sorted((CORPUS / "content").glob("*/*.yaml")):
        jsonschema.validate(
            yaml.safe_load(path.read_text(encoding="utf-8")), schemas[collection_schema(path.parent.name)]
        )
    jsonschema.validate(yaml.safe_load((CORPUS / "content/study.yaml").read_text()), schemas["study.schema.json"])


def test_data_page_links_every_file_and_suggests_a_citation(built_site: Path) -> None:
    page = Page((built_site / "data/index.html").read_text(encoding="utf-8"))
    for target in ("knowledge-base.json", "ratings.csv", "self-assessment.json", "schema/case.schema.json"):
        assert any(link.endswith(target) for link in page.links), target
    assert "How to cite" in page.text


def test_profile_svgs_have_a_text_alternative_and_labels(kb: KnowledgeBase, built_site: Path) -> None:
    for case in kb.assessed_cases:
        svg = (built_site / f"assets/profiles/{case.id}.svg").read_text(encoding="utf-8")
        assert "<title" in svg and "<desc" in svg and "<script" not in svg
        for criterion in kb.criteria:
            assert pick(criterion.title) in svg
        html = (built_site / f"cases/{case.id}/index.html").read_text(encoding="utf-8")
        assert f'alt="Criterion profile of {pick(case.name)} – ' in html
    funnel = (built_site / "assets/funnel.svg").read_text()
    numbers = kb.study.funnel
    assert all(f">{n}<" in funnel for n in (numbers.examples, numbers.promising, numbers.studied))
    assert "assets/funnel.svg" in (built_site / "index.html").read_text()


# Anything fetched automatically: scripts, styles, images, fonts, frames, CSS imports and url()s.
LOADS = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*["']?(?P<src>[^"'\s>]+)""", re.I
)
LINKS = re.compile(r"""<link\b(?P<attrs>[^>]*)>""", re.I)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?P<url>[^"')\s]+)""", re.I)


def external(url: str) -> bool:
    return bool(re.match(r"(?i)^(https?:)?//", url))


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    problems = []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        problems += [f"{path.name}: {m['src']}" for m in LOADS.finditer(html) if external(m["src"])]
        for m in LINKS.finditer(html):
            attrs = m["attrs"]
            rel = re.search(r"""rel=["']?([^"'\s>]+)""", attrs)
            href = re.search(r"""href=["']?([^"'\s>]+)""", attrs)
            if rel and href and rel.group(1).lower() not in ("canonical", "alternate") and external(href.group(1)):
                problems.append(f"{path.relative_to(built_site)}: <link rel={rel.group(1)} {href.group(1)}>")
        problems += [f"{path.name}: {m['url']}" for m in CSS_URL.finditer(html) if external(m["url"])]
    for path in list(built_site.rglob("*.css")) + list(built_site.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".css":
            problems += [f"{path.name}: {m['url']}" for m in CSS_URL.finditer(text) if external(m["url"])]
    assert "fonts.googleapis.com" not in (built_site / "index.html").read_text()
    assert problems == []
