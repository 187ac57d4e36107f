"""A synthetic but valid corpus of N cases for the benchmark: the real criteria, study, countries
and terms, plus N studied cases that rate every indicator and a few lessons per criterion."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "partnership",
    "police",
    "municipality",
    "private",
    "security",
    "event",
    "venue",
    "stadium",
    "organiser",
    "information",
    "exchange",
    "covenant",
    "protocol",
    "agreement",
    "trust",
    "consensus",
    "urgency",
    "driver",
    "mayor",
    "council",
    "evaluation",
    "respondents",
    "parties",
    "safety",
    "measures",
    "threat",
    "scenario",
    "licence",
    "surveillance",
    "meeting",
    "forum",
    "contact",
    "role",
    "task",
    "responsibility",
    "funding",
    "reciprocity",
]
RATINGS = ["present", "present", "partial", "absent", "unknown"]
SECTIONS = ["PPC practices", "What does this teach us?", "Brief (inter)national overview › Examples from practice"]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


QUOTE = "less soundly structured in a legal sense"  # stands in the study's text, so it checks out


def cite(rng: random.Random, quote: bool = False) -> list[dict]:
    cited = {"source": "wodc-soft-targets", "section": rng.choice(SECTIONS)}
    return [{**cited, "section": "PPC practices", "quote": QUOTE}] if quote else [cited]


def case(rng: random.Random, index: int, indicators: dict[str, list[str]], countries: list[str]) -> dict:
    def fact(words: int) -> dict:
        return {"text": sentence(rng, words), "cite": cite(rng)}

    return {
        "id": f"synthetic-case-{index:05d}",
        "name": f"Synthetic partnership {index}",
        "other_names": [f"SP{index}"],
        "country": rng.choice(countries),
        "place": f"Town {index % 97}",
        "target": rng.choice(["Stadium", "Event grounds", "Shopping district", "Public transport hub"]),
        "assessed_by": "contributors",
        "summary": fact(80),
        "parties": [
            {
                "name": f"Party {p} of case {index}",
                "sector": rng.choice(["public", "private"]),
                "role": sentence(rng, 14),
                "cite": cite(rng),
            }
            for p in range(rng.randint(3, 6))
        ],
        "driver": fact(12),
        "formal_basis": fact(25),
        "meetings": fact(18),
        "satisfaction": fact(25),
        "task_shift": fact(30),
        "accountability": fact(20),
        "assessment": {
            criterion: {
                indicator: {
                    "rating": rng.choice(RATINGS),
                    "finding": sentence(rng, rng.randint(20, 40)),
                    "cite": cite(rng, quote=True),
                }
                for indicator in ids
            }
            for criterion, ids in indicators.items()
        },
    }


def make_repo(dest: Path, n: int, seed: int = 7) -> Path:
    """A repository folder with the real site configuration and a corpus of ``n`` synthetic cases."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in ("docs",):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    content = dest / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("cases", "lessons"))
    (content / "cases").mkdir()
    (content / "lessons").mkdir()
    rng = random.Random(seed)
    indicators = {}
    for path in sorted((content / "criteria").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        indicators[record["id"]] = [i["id"] for i in record["indicators"]]
    countries = sorted(p.stem for p in (content / "countries").glob("*.yaml"))
    for i in range(n):
        record = case(rng, i, indicators, countries)
        (content / "cases" / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    for criterion in indicators:
        for k in range(3):
            lesson = {
                "id": f"{criterion}-lesson-{k}",
                "title": sentence(rng, 6).rstrip("."),
                "criterion": criterion,
                "cases": [f"synthetic-case-{rng.randrange(n):05d}" for _ in range(3)],
                "text": sentence(rng, 60),
                "cite": [{"source": "wodc-soft-targets", "section": "What does this teach us?"}],
            }
            (content / "lessons" / f"{lesson['id']}.yaml").write_text(
                yaml.safe_dump(lesson, sort_keys=False), encoding="utf-8"
            )
    return dest
