"""Issue 30's validation findings: a record cannot take a page the site makes, hide characters that
break the feed and pictures, follow a link out of the repository, keep `validate` busy with one
wrong quote, or hide one problem behind another."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path, PurePosixPath

import pytest

from generator.pages import paths
from generator.pages.render import render_site
from generator.records.knowledge_base import KnowledgeBase, build
from generator.records.models import TYPES
from generator.records.problems import ContentError


def _problems(repo: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build(repo / "content")
    return [p.text() for p in caught.value.problems]


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


# --- ids that name a page the site makes ------------------------------------------------------


def test_the_reserved_ids_are_the_pages_the_site_makes_in_each_record_folder(kb: KnowledgeBase) -> None:
    from generator.records.models import RESERVED_IDS

    site = render_site(kb)
    ids = {t.folder: {r.id for r in kb.records[t.folder]} for t in TYPES}
    for t in TYPES:
        if not t.own_pages:
            continue
        own = {PurePosixPath(p).stem for p in site.pages if p.startswith(f"{t.folder}/")} - ids[t.folder]
        assert own <= RESERVED_IDS[t.folder], t.folder
    checklists = {PurePosixPath(p).stem for p in site.pages if p.startswith("checklists/")} - ids["criteria"]
    assert checklists <= RESERVED_IDS["criteria"]


def test_a_criterion_named_all_would_replace_the_checklist_of_all_criteria(repo: Path) -> None:
    source = next((repo / "content/criteria").glob("*.yaml"))
    old = source.stem
    (repo / "content/criteria/all.yaml").write_text(
        source.read_text(encoding="utf-8").replace(f"id: {old}", "id: all", 1), encoding="utf-8"
    )
    source.unlink()
    problems = _problems(repo)
    assert (
        "content/criteria/all.yaml:2:1: id: 'all' is the name of a page the site makes itself (checklists/all.md); "
        "a criterion with this id would replace it (choose another id and name the file after it; the site keeps "
        "all, index for pages of its own)"
    ) in problems


def test_two_pages_with_the_same_path_stop_the_render_and_name_the_record(kb: KnowledgeBase) -> None:
    case = kb.cases[0]
    renamed = case.model_copy(update={"id": "index"})
    records = {**kb.records, "cases": (*kb.cases[1:], renamed)}
    files = {**kb.files, ("cases", "index"): "content/cases/index.yaml"}
    hostile = dataclasses.replace(kb, records=records, files=files)
    with pytest.raises(ContentError) as caught:
        render_site(hostile)
    [problem] = caught.value.problems
    assert problem.path == "content/cases/index.yaml"
    assert f"two pages would be written to {paths.output_file(paths.CASES_INDEX)}" in problem.message
    assert "cases_index.md.j2" in problem.message


# --- characters no page, feed or picture can show -----------------------------------------------

SOURCE = "content/sources/hollis-2021.yaml"


def _set(repo: Path, field: str, value: str) -> int:
    """Give the fixture source's ``field`` the YAML ``value``; the line it stands on."""
    path = repo / SOURCE
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if text.startswith(f"{field}:"))
    lines[line] = f"{field}: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return line + 1


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\x01", "U+0001, a control character"),
        ("\\b", "U+0008, a control character"),
        ("\\v", "U+000B, a control character"),
        ("\\f", "U+000C, a control character"),
        ("\\r", "U+000D, a control character"),
        ("\\e", "U+001B, a control character"),
        ("\\x7F", "U+007F, a control character"),
        ("\\N", "U+0085, a control character"),
        ("\\x9F", "U+009F, a control character"),
        ("\\0", "U+0000, the NUL character"),
        ("\\uFFFE", "U+FFFE, a non-character"),
        ("\\uFFFF", "U+FFFF, a non-character"),
        ("\\uFDD0", "U+FDD0, a non-character"),
    ],
)
@pytest.mark.parametrize("field", ["title", "publisher", "doi"])
def test_a_forbidden_character_is_refused_at_its_field_naming_it(
    repo: Path, field: str, escape: str, code: str
) -> None:
    start = "10.99999/x" if field == "doi" else "Trust"
    line = _set(repo, field, f'"{start}{escape}end"')
    [problem] = _problems(repo)
    assert problem.startswith(
        f"{SOURCE}:{line}:1: {field}: holds {code}, at character {len(start) + 1}, after '{start}'"
    )


def test_a_forbidden_character_in_a_translated_prose_text_is_refused(repo: Path) -> None:
    path = repo / SOURCE
    english = (
        "  en: >-\n    A made-up journal article for the tests: the literature two of the criteria rest on. "
        "It reports\n    no real research.\n"
    )
    text = path.read_text(encoding="utf-8")
    assert english in text
    path.write_text(text.replace(english, '  en: "A made-up journal\\x02 article."\n'), encoding="utf-8")
    [problem] = _problems(repo)
    assert problem.startswith(
        f"{SOURCE}:14:3: about.en: holds U+0002, a control character, at character 18, after 'A made-up journal'"
    )


def test_a_raw_control_character_is_named_at_its_line_and_column(repo: Path) -> None:
    path = repo / SOURCE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("publisher: Journal", "publisher: Jour\x02nal"), encoding="utf-8")
    [problem] = _problems(repo)
    assert problem == (
        f"{SOURCE}:9:16: holds U+0002, a control character, which a record may not hold "
        "(remove it; your editor may show it as a box or not at all)"
    )


def test_tabs_newlines_and_ordinary_unicode_pass(repo: Path) -> None:
    _set(repo, "title", '"Trust,\\tmeetings ‘and’ mémoire 🛡 in\\nnetworks"')
    build(repo / "content")


def test_a_direction_override_in_a_title_is_a_warning_shown_as_its_code(repo: Path) -> None:
    line = _set(repo, "title", '"Trust\\u202Egnirrem"')
    [warning] = [w for w in build(repo / "content").warnings if w.path == SOURCE]
    assert warning.warning
    assert warning.text().startswith(
        f"{SOURCE}:{line}:1: warning: title: holds U+202E (RIGHT-TO-LEFT OVERRIDE), an invisible character "
        "that changes how the text shows, at character 6, after 'Trust'"
    )
    assert "\u202e" not in warning.text()


# --- pattern errors say what the field takes --------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("doi", "https://doi.org/10.1/x", "'https://doi.org/10.1/x' is not a DOI (write it without https://doi.org/"),
        ("language", "eng", "'eng' is not a language code (write its two lowercase letters, e.g. 'en' or 'nl')"),
        ("year", "2021\ndate: 2011/05/01", "date: '2011/05/01' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("publisher", "P\nurl: ftp://example.org/x", "url: 'ftp://example.org/x' is not a web address (write it in"),
        ("full_text", "../../etc/passwd", "'../../etc/passwd' is not the path of a text file in the repository"),
        ("full_text", "/etc/hostname.txt", "is not the path of a text file in the repository (name the source's"),
    ],
)
def test_a_pattern_error_names_what_the_field_takes(repo: Path, field: str, value: str, message: str) -> None:
    _set(repo, field, value)
    problems = _problems(repo)
    assert len(problems) == 1 and message in problems[0], problems
    assert "is not a valid id" not in problems[0]


def test_an_empty_source_id_asks_for_one(repo: Path) -> None:
    path = repo / "content/lessons" / next((repo / "content/lessons").glob("*.yaml")).name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- source: riverside-study", "- source: ''", 1), encoding="utf-8")
    [problem] = [p for p in _problems(repo) if "source: " in p]
    assert "source: must not be empty (use lowercase letters a-z" in problem


def test_the_id_hint_offers_the_file_name_only_where_it_is_an_id(repo: Path) -> None:
    case = next((repo / "content/cases").glob("*.yaml"))
    rid = case.stem
    (case.parent / f"{rid.upper()}.yaml").write_bytes(case.read_bytes())  # a case-fold twin (D19)
    (case.parent / f"{rid}\u202elmay.yaml").write_bytes(case.read_bytes())  # a direction override (D17)
    problems = _problems(repo)
    upper = next(p for p in problems if p.startswith(f"content/cases/{rid.upper()}.yaml") and "differs" in p)
    assert upper.endswith(f"(rename the file to '{rid}.yaml')"), upper
    bidi = next(p for p in problems if "lmay" in p and "differs" in p)
    assert f"content/cases/{rid}<U+202E>lmay.yaml" in bidi and "set id" not in bidi
    assert "\u202e" not in "".join(problems)


# --- links out of the repository, and texts too large to read -----------------------------------

HOLLIS_TEXT = "texts/hollis-2021.txt"


def _misquote_hollis(repo: Path) -> None:
    """A lesson quoting words the Hollis article never wrote, so its text would be searched for a hint."""
    lesson = repo / "content/lessons/meet-at-fixed-times.yaml"
    cited = "  - source: hollis-2021\n    section: Trust in networks\n"
    text = lesson.read_text(encoding="utf-8")
    assert cited in text
    lesson.write_text(text.replace(cited, f"{cited}    quote: AUTHORIZATION basic\n"), encoding="utf-8")


def test_a_source_text_linked_to_git_config_is_refused_and_never_quoted(repo: Path) -> None:
    (repo / ".git").mkdir()
    (repo / ".git/config").write_text('[http]\n\textraheader = "AUTHORIZATION: basic c2VjcmV0"\n', encoding="utf-8")
    (repo / HOLLIS_TEXT).unlink()
    (repo / HOLLIS_TEXT).symlink_to("../.git/config")  # D5: inside the repository, but not a text
    _misquote_hollis(repo)
    problems = _problems(repo)
    line = _line_of(repo / SOURCE, "full_text:")
    assert (
        f"{SOURCE}:{line}:1: full_text: is reached through a symbolic link ({HOLLIS_TEXT}), so it is not read "
        "(put the source's text itself in texts/ and name it here: full_text: texts/hollis-2021.txt)"
    ) in problems
    assert "c2VjcmV0" not in "".join(problems)


def test_a_texts_folder_that_is_a_link_is_refused(repo: Path, tmp_path: Path) -> None:
    shutil.move(repo / "texts", tmp_path / "elsewhere")
    (repo / "texts").symlink_to(tmp_path / "elsewhere")
    problems = _problems(repo)
    assert any("full_text: is reached through a symbolic link (texts), so it is not read" in p for p in problems)


def test_a_text_in_git_is_refused(repo: Path) -> None:
    (repo / ".git").mkdir()
    (repo / ".git/notes.txt").write_text("Trust in networks", encoding="utf-8")
    _set(repo, "full_text", ".git/notes.txt")
    assert any("full_text: lies in .git, which holds no source texts" in p for p in _problems(repo))


def test_a_text_in_the_shared_folder_beside_the_repository_is_still_read(repo: Path, tmp_path: Path) -> None:
    given = tmp_path / "given"
    given.mkdir()
    shutil.copy(repo / HOLLIS_TEXT, given / "hollis.txt")
    (tmp_path / "shared").symlink_to(given)  # as CI keeps the copy it was given
    _set(repo, "full_text", "../shared/hollis.txt")
    build(repo / "content")
    _misquote_hollis(repo)
    assert any("these words are not in the text of source 'hollis-2021'" in p for p in _problems(repo))


def test_a_record_folder_that_is_a_link_is_refused_and_nothing_from_it_is_read(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside-cases"
    shutil.move(repo / "content/cases", outside)
    (outside / "secret.yaml").write_text("id: secret\nname: SECRET FROM OUTSIDE\n", encoding="utf-8")
    (repo / "content/cases").symlink_to(outside)  # D6
    problems = _problems(repo)
    assert (
        "content/cases: is a symbolic link; content/ holds records and their folders themselves, not links to them "
        "(put the records themselves in content/)"
    ) in problems
    assert not any("secret" in p.casefold() for p in problems)


def test_a_study_that_is_a_link_is_refused(repo: Path, tmp_path: Path) -> None:
    shutil.move(repo / "content/study.yaml", tmp_path / "study.yaml")
    (repo / "content/study.yaml").symlink_to(tmp_path / "study.yaml")  # D7
    assert "content/study.yaml: is a symbolic link; content/ holds records and their folders themselves, " in (
        "\n".join(_problems(repo))
    )


def test_a_record_linked_to_another_inside_content_is_refused(repo: Path) -> None:
    case = next((repo / "content/cases").glob("*.yaml"))
    (case.parent / "twin.yaml").symlink_to(case.name)
    assert (
        "content/cases/twin.yaml: is a symbolic link; content/ holds records and their folders themselves, not links "
        "to them (copy the record here, or give it its own file)"
    ) in _problems(repo)


def test_a_source_text_over_the_cap_is_refused_without_being_read(repo: Path) -> None:
    import tracemalloc

    with (repo / HOLLIS_TEXT).open("r+b") as file:
        file.truncate(64 * 1024 * 1024)  # sparse: 64 MB that take no disk
    tracemalloc.start()
    problems = _problems(repo)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    line = _line_of(repo / SOURCE, "full_text:")
    assert (
        f"{SOURCE}:{line}:1: full_text: names a text of 67,108,864 bytes; a source's text may be at most 5,242,880 "
        "bytes, so it is not read and the quotes citing this source cannot be checked"
    ) in "\n".join(problems)
    assert peak < 20 * 1024 * 1024, peak


def test_a_huge_record_is_refused_without_being_read(repo: Path) -> None:
    import tracemalloc

    huge = repo / "content/cases/huge.yaml"
    with huge.open("wb") as file:
        file.truncate(64 * 1024 * 1024)  # D10: sparse, 64 MB
    tracemalloc.start()
    problems = _problems(repo)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problems == [
        "content/cases/huge.yaml: is 67,108,864 bytes; a record may be at most 524,288 bytes, so shorten it"
    ]
    assert peak < 20 * 1024 * 1024, peak


# --- the nearest-words hint is bounded -----------------------------------------------------------


def test_the_nearest_words_are_looked_up_for_the_first_few_wrong_quotes_of_a_source(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.records import checks, quotes

    looked_up = []
    nearest = quotes.SourceText.nearest
    monkeypatch.setattr(quotes.SourceText, "nearest", lambda self, q: looked_up.append(q) or nearest(self, q))
    lesson = repo / "content/lessons/meet-at-fixed-times.yaml"
    wrong = "".join(
        f"  - source: hollis-2021\n    quote: Trust grows from regular meetings number {i}\n" for i in range(25)
    )
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("indicators:", wrong + "indicators:"), encoding="utf-8"
    )
    problems = [p for p in _problems(repo) if "not in the text of source 'hollis-2021'" in p]
    assert len(problems) == 25
    assert len(looked_up) == checks.HINTS_PER_SOURCE
    assert sum("no nearest words are looked up after the first 20" in p for p in problems) == 5


def test_in_a_long_text_the_hint_compares_only_the_stretch_that_shares_the_quotes_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.records import quotes

    filler = " ".join(f"word{i % 5000} filler{i % 7}" for i in range(200_000))  # about 2.4 MB
    text = quotes.SourceText(f"{filler} The partners meet every second Tuesday in the town hall. {filler}")
    compared = []
    whole = quotes._nearest_in
    monkeypatch.setattr(quotes, "_nearest_in", lambda t, w: compared.append(len(t)) or whole(t, w))
    near = text.nearest("The partners meet every second Wednesday in the town hall")
    assert near.startswith("The partners meet every second Tuesday"), near
    assert compared and max(compared) < 500  # not the 2.4 MB


# --- one run reports every problem of a record -----------------------------------------------------


def test_a_shape_error_does_not_hide_a_wrong_quote_country_or_section(repo: Path) -> None:
    case = repo / "content/cases/riverside-stadium.yaml"
    text = case.read_text(encoding="utf-8")
    for old, new in (
        ("    sector: private\n", "    sector: police\n"),  # a shape error
        ("quote: Two of these we studied in depth.", "quote: Two of these we studied very deeply."),
        ("country: arvenland", "country: england"),
        ("section: Findings › Riverside Stadium\n      quote: All", "section: Roles\n      quote: All"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    case.write_text(text, encoding="utf-8")
    problems = [p.split(": ", 2)[1:] for p in _problems(repo) if p.startswith("content/cases/riverside-stadium.yaml")]
    fields = sorted(field for field, _ in problems)
    assert fields == ["country", "parties[0].sector", "status_reason.cite[0].quote", "verdict.cite[0].section"], (
        problems
    )


# --- a quote cited under the wrong section ----------------------------------------------------------


def test_a_quote_cited_under_another_section_is_warned_about_naming_where_it_stands(repo: Path) -> None:
    case = repo / "content/cases/riverside-stadium.yaml"
    text = case.read_text(encoding="utf-8")
    cited = "      section: Selection of cases\n      quote: Two of these we studied in depth."
    assert cited in text
    case.write_text(text.replace(cited, cited.replace("Selection of cases", "Summary")), encoding="utf-8")
    warnings = [w.text() for w in build(repo / "content").warnings if w.path.endswith("riverside-stadium.yaml")]
    line = _line_of(case, "section: Summary")
    assert warnings == [
        f"content/cases/riverside-stadium.yaml:{line}:7: warning: status_reason.cite[0].section: these words stand "
        "under 'Selection of cases' in the text of source 'riverside-study', not under 'Summary' "
        "(set section: Selection of cases)"
    ]


def test_the_corpus_cites_every_quote_under_its_own_section(kb: KnowledgeBase) -> None:
    assert not [w.text() for w in kb.warnings if "stand under" in w.message]


def test_a_section_holds_its_subsections_and_an_unfound_heading_is_not_judged() -> None:
    from generator.records.checks import _elsewhere
    from generator.records.quotes import SourceText
    from generator.records.yaml_source import Document

    text = SourceText(
        "Method\n\nWe read and asked.\n\nStage 1: Reading\n\nWe read the literature on trust.\n\n"
        "Findings\n\nThe partners meet every week.\n"
    )
    sections = ("Method", "Method › Stage 1", "Appendix", "Findings")
    parts = text.parts(sections)
    assert list(parts) == ["Method", "Method › Stage 1", "Findings"]  # no heading 'Appendix'
    doc = Document("x.yaml", {})
    assert _elsewhere(doc, (), "s", parts, "Method", "We read the literature on trust.") == []
    assert _elsewhere(doc, (), "s", parts, "Appendix", "The partners meet every week.") == []
    [warning] = _elsewhere(doc, (), "s", parts, "Method › Stage 1", "The partners meet every week.")
    assert warning.warning and "stand under 'Findings'" in warning.message


@pytest.mark.parametrize("escape", ["\\r", "\\v", "\\f", "\\N"])
@pytest.mark.parametrize("where", ["start", "end"])
def test_a_control_character_at_either_end_is_refused_not_stripped(repo: Path, escape: str, where: str) -> None:
    """Stripping the whitespace around a text would drop these silently: they are refused like any other."""
    text = f"{escape}Trust" if where == "start" else f"Trust{escape}"
    line = _set(repo, "title", f'"{text}"')
    [problem] = _problems(repo)
    assert problem.startswith(f"{SOURCE}:{line}:1: title: holds U+00"), problem


def test_nothing_behind_a_linked_content_folder_is_read(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside-content"
    shutil.move(repo / "content", outside)
    (outside / "study.yaml").write_text("SecretKey: x\napi_token: y\n", encoding="utf-8")
    (repo / "content").symlink_to(outside)
    problems = "\n".join(_problems(repo))
    assert "is a symbolic link" in problems
    assert "SecretKey" not in problems and "api_token" not in problems


def test_a_displaced_passage_counts_under_the_section_its_source_record_names() -> None:
    """A page break can move a passage under another heading; the source record's `displaced`
    says where it belongs, and the check follows it both ways."""
    from generator.records.checks import _elsewhere
    from generator.records.quotes import SourceText
    from generator.records.yaml_source import Document

    text = SourceText(
        "Findings\n\nThe partners meet every week.\n\n that they trust each other, as the\nothers do.\n\n"
        "Reflection\n\nWe asked again and found\n"
    )
    sections = ("Findings", "Reflection")
    parts = text.parts(sections)
    passage = text.passage("that they trust each other")
    assert passage is not None and passage.raw.endswith("others do.")
    moved = [("Reflection", passage)]
    doc = Document("x.yaml", {})
    quote = "that they trust each other, as the others do"
    assert _elsewhere(doc, (), "s", parts, "Reflection", quote, moved) == []
    [warning] = _elsewhere(doc, (), "s", parts, "Findings", quote, moved)
    assert "stand under 'Reflection'" in warning.message
    # without the record's word, the text's order decides, as before
    [warning] = _elsewhere(doc, (), "s", parts, "Reflection", quote)
    assert "stand under 'Findings'" in warning.message
    assert text.passage("words the text does not have") is None
