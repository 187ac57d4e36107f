"""A synthetic but valid corpus of N cases for the benchmark: the real criteria, study, countries
and terms, plus N studied cases that rate every indicator and a few lessons per criterion."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
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
# The same words in Dutch: every synthetic text has its translation, as the real content does.
DUTCH = [
    "samenwerkingsverband",
    "politie",
    "gemeente",
    "privaat",
    "beveiliging",
    "evenement",
    "locatie",
    "stadion",
    "organisator",
    "informatie",
    "uitwisseling",
    "convenant",
    "protocol",
    "overeenkomst",
    "vertrouwen",
    "consensus",
    "urgentie",
    "trekker",
    "burgemeester",
    "gemeenteraad",
    "evaluatie",
    "respondenten",
    "partijen",
    "veiligheid",
    "maatregelen",
    "dreiging",
    "scenario",
    "vergunning",
    "toezicht",
    "overleg",
    "forum",
    "contact",
    "rol",
    "taak",
    "verantwoordelijkheid",
    "financiering",
    "wederkerigheid",
]
RATINGS = ["present", "present", "partial", "absent", "unknown"]


@dataclass(frozen=True)
class Study:
    """What the synthetic records cite: the study's source as the content names it, sections it
    lists and words that stand in its text (so they check out), whatever the content holds."""

    source: str
    sections: list[str]
    quote: str

    @classmethod
    def of(cls, content: Path) -> Study:
        sid = yaml.safe_load((content / "study.yaml").read_text(encoding="utf-8"))["source"]
        record = yaml.safe_load((content / "sources" / f"{sid}.yaml").read_text(encoding="utf-8"))
        text = ROOT / str(record.get("full_text") or "")
        # Six plain words of the study's text; a study without its text has its quotes unchecked.
        found = (
            re.search(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){5}", text.read_text(encoding="utf-8")) if text.is_file() else None
        )
        return cls(sid, list(record.get("sections") or [])[:3], found[0] if found else "as the study puts it")


def sentence(rng: random.Random, words: int, vocabulary: list[str] = WORDS) -> str:
    text = " ".join(rng.choice(vocabulary) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def both(rng: random.Random, words: int) -> dict[str, str]:
    """A text in English with its Dutch translation (of the same length)."""
    return {"en": sentence(rng, words), "nl": sentence(rng, words, DUTCH)}


def same(text: str) -> dict[str, str]:
    """A name that reads the same in both languages."""
    return {"en": text, "nl": text}


def cite(rng: random.Random, study: Study, quote: bool = False) -> list[dict]:
    cited = {"source": study.source, **({"section": rng.choice(study.sections)} if study.sections else {})}
    # The study's words are English: the Dutch edition shows a rendering of them (of any words here).
    rendered = {"translation": {"nl": sentence(rng, 6, DUTCH)}}
    return [{**cited, "quote": study.quote, **rendered}] if quote else [cited]


def case(rng: random.Random, index: int, indicators: dict[str, list[str]], countries: list[str], study: Study) -> dict:
    def fact(words: int) -> dict:
        return {"text": both(rng, words), "cite": cite(rng, study)}

    return {
        "id": f"synthetic-case-{index:05d}",
        "name": {"en": f"Synthetic partnership {index}", "nl": f"Synthetisch samenwerkingsverband {index}"},
        "other_names": [same(f"SP{index}")],
        "country": rng.choice(countries),
        "place": {"en": f"Town {index % 97}", "nl": f"Stad {index % 97}"},
        "target": rng.choice([same("Stadion"), same("Evenemententerrein"), both(rng, 2), both(rng, 3)]),
        "assessed_by": "contributors",
        "summary": fact(80),
        "parties": [
            {
                "name": {"en": f"Party {p} of case {index}", "nl": f"Partij {p} van casus {index}"},
                "sector": rng.choice(["public", "private"]),
                "role": both(rng, 14),
                "cite": cite(rng, study),
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
                    "finding": both(rng, rng.randint(20, 40)),
                    "cite": cite(rng, study, quote=True),
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
    for name in ("docs", "texts"):
        shutil.copytree(ROOT / name, dest / name)
    for name in ("mkdocs.yml", "mkdocs.nl.yml", "CONTRIBUTING.md", "CONTRIBUTING.nl.md"):
        shutil.copy(ROOT / name, dest / name)
    content = dest / "content"
    # roles name real lessons; steps real lessons and indicators; the reader queries real records
    shutil.copytree(
        ROOT / "content", content, ignore=shutil.ignore_patterns("cases", "lessons", "roles", "steps", "searches.yaml")
    )
    for kind in ("cases", "lessons", "steps"):
        (content / kind).mkdir()
    rng = random.Random(seed)
    indicators = {}
    for path in sorted((content / "criteria").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        indicators[record["id"]] = [i["id"] for i in record["indicators"]]
    countries = sorted(p.stem for p in (content / "countries").glob("*.yaml"))
    study = Study.of(content)
    for i in range(n):
        record = case(rng, i, indicators, countries, study)
        (content / "cases" / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    for criterion in indicators:
        for k in range(3):
            lesson = {
                "id": f"{criterion}-lesson-{k}",
                "title": {"en": sentence(rng, 6).rstrip("."), "nl": sentence(rng, 6, DUTCH).rstrip(".")},
                "criterion": criterion,
                "indicators": [indicators[criterion][k % len(indicators[criterion])]],
                "cases": [f"synthetic-case-{rng.randrange(n):05d}" for _ in range(3)],
                "kind": "advice",
                "basis": "inferred",
                "do": both(rng, 20),
                "why": {"text": both(rng, 60), "cite": cite(rng, study, quote=True)},
                "cite": cite(rng, study),
            }
            (content / "lessons" / f"{lesson['id']}.yaml").write_text(
                yaml.safe_dump(lesson, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
    for order, criterion in enumerate(indicators, 1):  # a step of the path per criterion, with its lessons
        step = {
            "id": f"{criterion}-step",
            "order": order,
            "title": {"en": sentence(rng, 5).rstrip("."), "nl": sentence(rng, 5, DUTCH).rstrip(".")},
            "do": both(rng, 20),
            "why": {"text": both(rng, 40), "cite": cite(rng, study)},
            "lessons": [f"{criterion}-lesson-{k}" for k in range(3)],
            "indicators": indicators[criterion],
        }
        (content / "steps" / f"{step['id']}.yaml").write_text(
            yaml.safe_dump(step, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return dest
