"""A lesson's page as a practice card: the sections its template cannot say in one line of
Markdown. The evidence line reads the query layer's ``KnowledgeBase.evidence`` and says it in
the edition's words; each statement keeps its numbered sources (notes.py)."""

from __future__ import annotations

from generator.pages import markup as h
from generator.pages import paths
from generator.pages.notes import Notes
from generator.pages.text import Trusted, pick
from generator.records.knowledge_base import KnowledgeBase
from generator.records.models import Lesson


def evidence_line(page: str, kb: KnowledgeBase, lesson: Lesson, notes: Notes, words: dict[str, str]) -> Trusted:
    """How strong the evidence is, in one line: the studied cases it rests on, whether the study
    states it or this knowledge base infers it, and the kind of evidence the study's findings are."""
    evidence = kb.evidence(lesson)
    names = ", ".join(h.link(page, case.name, paths.case(case.id)) for case in evidence.cases)
    count = {"count": str(len(evidence.cases)), "total": str(evidence.studied)}
    cases = (
        words["lesson_evidence_cases"].format(**count) if names else words["lesson_evidence_no_cases"].format(**count)
    )
    shown = f"{h.text(cases)} ({names})" if names else h.text(cases)
    basis = h.text(words[f"lesson_basis_{evidence.basis}"])
    kind = h.text(pick(evidence.kind.text)) + notes.mark_html(evidence.kind.cite)
    return h.block(f'<p class="kb-evidence">{shown} · {basis} · {kind}</p>')
