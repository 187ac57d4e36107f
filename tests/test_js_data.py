"""The node unit tests' data (tests/js/data.json) is the real self-assessment export of the fixture
corpus, so a change to export.self_assessment() or to the corpus reaches the tests of the scripts
that read it. The file is committed (node reads it without Python); this test fails while it differs
from what the export gives now, and running this file rewrites it:

    .venv/bin/python tests/test_js_data.py
"""

from __future__ import annotations

import json
import sys

from generator.pages import export
from generator.records.knowledge_base import KnowledgeBase, build
from generator.words import edition
from helpers import CORPUS, ROOT

DATA = ROOT / "tests" / "js" / "data.json"
COMMAND = "python tests/test_js_data.py"


def exported(kb: KnowledgeBase) -> str:
    """The English edition's self-assessment data as the committed file holds it."""
    with edition("en"):
        data = export.self_assessment(kb)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_the_node_tests_data_is_the_export_of_the_fixture_corpus(kb: KnowledgeBase) -> None:
    committed = DATA.read_text(encoding="utf-8") if DATA.exists() else ""
    assert committed == exported(kb), (
        f"{DATA.relative_to(ROOT)} is not what generator/pages/export.py self_assessment() gives for "
        f"tests/fixtures/kb: run `{COMMAND}` (in the virtual environment) to rewrite it, then check that "
        "`node --test tests/js/` still passes"
    )


if __name__ == "__main__":
    DATA.write_text(exported(build(CORPUS / "content")), encoding="utf-8")
    print(f"wrote {DATA.relative_to(ROOT)}", file=sys.stderr)
