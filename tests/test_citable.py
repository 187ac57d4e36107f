"""Citable and durable: CITATION.cff, a "Cite this page" block on every record page, history links."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import yaml

from generator.pages.build import history_base
from generator.records.history import history
from helpers import GIT_ENV, ROOT, broken_links, commit_all, copy_repo, mkdocs_build, read_page, run_cli

SITE_URL = "https://ppc-soft-targets.github.io/knowledge-base/"


def test_citation_cff_names_the_knowledge_base_and_the_study_and_invents_no_people() -> None:
    """CITATION.cff is written by hand: the project and the study as entities, no invented person,
    and no year the study's summary does not state."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] and cff["message"]
    assert cff["url"] == SITE_URL
    for cited in [cff, *cff["references"]]:
        assert cited["authors"] and all(set(author) == {"name"} for author in cited["authors"]), cited
    study = cff["references"][0]
    assert "year" not in study and "date-published" not in study


def test_every_record_page_can_be_cited_with_its_stable_address_and_history(built_site: Path) -> None:
    for path in ("cases/riverside-stadium", "criteria/trust-and-culture", "sources/hollis-2021"):
        page = read_page(built_site, path)
        assert "Cite this page" in page.text, path
        assert re.search(r"In: Knowledge base on .+, last changed on \d{4}-\d{2}-\d{2}\. https://", page.text), path
        assert f"{SITE_URL}{path}/" in page.links, path
        record = {"cases": "cases", "criteria": "criteria", "sources": "sources"}[path.split("/")[0]]
        history_link = f"https://github.com/ppc-soft-targets/knowledge-base/commits/main/content/{record}/{path.split('/')[1]}.yaml"
        assert history_link in page.links, path


def test_history_address_is_derived_from_the_edit_address() -> None:
    assert history_base("https://github.com/o/r/edit/main/") == "https://github.com/o/r/commits/main/"
    assert history_base("https://gitlab.com/o/r/-/edit/main") == "https://gitlab.com/o/r/-/commits/main/"
    assert history_base("") == "" and history_base("docs/") == ""


def test_without_git_history_the_build_succeeds_and_says_so(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")  # like a downloaded archive: no .git
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    text = read_page(site, "cases/old-mill-museum").text
    assert "not available in this copy of the knowledge base" in text
    assert "commits/main/content/cases/old-mill-museum.yaml" not in text


def test_a_shallow_clone_is_known_as_one(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    (origin / "content").mkdir(parents=True)
    for n in range(2):
        (origin / "content" / "a.yaml").write_text(f"n: {n}\n")
        for args in (["init", "-q"] if n == 0 else [], ["add", "content"], ["commit", "-q", "-m", str(n)]):
            if args:
                subprocess.run(["git", *args], cwd=origin, env=GIT_ENV, check=True)
    assert history(origin).state == "full"
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], env=GIT_ENV, check=True)
    shallow = history(clone)
    assert shallow.state == "shallow" and "content/a.yaml" in shallow.dates
    assert history(tmp_path).state == "none"


def _rename_rtr(repo: Path, extra: str = "") -> Path:
    old = repo / "content/cases/old-mill-museum.yaml"
    new = repo / "content/cases/rtr-netherlands.yaml"
    text = old.read_text(encoding="utf-8").replace(
        "id: old-mill-museum\n", f"id: rtr-netherlands\nformer_ids: [old-mill-museum{extra}]\n"
    )
    new.write_text(text, encoding="utf-8")
    old.unlink()
    return new


def test_a_renamed_record_keeps_a_redirect_at_its_former_address(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    _rename_rtr(repo)
    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    redirect = (site / "cases/old-mill-museum/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../rtr-netherlands/">' in redirect
    assert f'<link rel="canonical" href="{SITE_URL}cases/rtr-netherlands/">' in redirect
    assert '<a href="../rtr-netherlands/">Old Mill Museum</a>' in redirect
    assert (site / "cases/old-mill-museum" / "../rtr-netherlands/index.html").resolve().is_file()
    assert broken_links(site) == []
    data = json.loads((site / "data/knowledge-base.json").read_text(encoding="utf-8"))
    assert next(c for c in data["cases"] if c["id"] == "rtr-netherlands")["former_ids"] == ["old-mill-museum"]


def test_validate_rejects_a_former_id_that_is_live_or_taken(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    renamed = _rename_rtr(repo, ", northgate-station")
    other = repo / "content/cases/harbour-lights-festival.yaml"
    other.write_text(
        other.read_text(encoding="utf-8").replace(
            "id: harbour-lights-festival\n", "id: harbour-lights-festival\nformer_ids: [old-mill-museum]\n"
        )
    )
    out = run_cli(repo, "validate").stdout
    line = next(n for n, t in enumerate(renamed.read_text().splitlines(), 1) if t.startswith("former_ids"))
    assert f"content/cases/rtr-netherlands.yaml:{line}:" in out
    assert "former_ids[1]: 'northgate-station' is the id of a record in content/cases/ now" in out
    assert "former_ids[0]: 'old-mill-museum' is a former id of" in out


def test_what_changed_lists_records_and_rating_changes_by_date_with_a_feed(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    market = repo / "content/cases/havenplein-markt.yaml"
    text = market.read_text(encoding="utf-8")
    at = text.index("    signed-agreement:\n      rating: absent")
    market.write_text(text[:at] + text[at:].replace("rating: absent", "rating: present", 1), encoding="utf-8")
    (repo / "content/cases/northgate-station.yaml").unlink()
    added = (
        (repo / "content/cases/old-mill-museum.yaml")
        .read_text(encoding="utf-8")
        .replace("id: old-mill-museum", "id: rtr-two")
    )
    (repo / "content/cases/rtr-two.yaml").write_text(
        added.replace("name: {en: Old Mill Museum, nl: Museum De Oude Molen}", "name: {en: RTR Two, nl: RTR Two}"),
        encoding="utf-8",
    )
    commit_all(repo, "changes", "2024-02-20")

    site = tmp_path / "site"
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stderr
    page = read_page(site, "changes")
    # The page's text, as read, without the gaps links leave (before a stop, inside quotation marks).
    text = re.sub(r"“ ", "“", re.sub(r" ([,:;.”])", r"\1", page.text))
    assert text.index("2024-02-20") < text.index("2024-01-10")  # newest first
    for line in (
        "Added: case RTR Two",
        "Removed: case Northgate Station",  # by the name its last version gave it, not its id
        "Havenplein Market safety consultation: the rating of “A signed agreement” changed from “Absent” to “Present”.",
    ):
        assert line in text, line
    assert "northgate-station" not in text and "Changed:" not in text
    assert "../cases/rtr-two/" in page.links and not any("northgate-station" in link for link in page.links)

    feed = ElementTree.fromstring((site / "feed.xml").read_text(encoding="utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:updated", ns).text for e in entries] == ["2024-02-20T00:00:00Z", "2024-01-10T00:00:00Z"]
    content = entries[0].find("a:content", ns).text
    assert "Removed: case Northgate Station" in content and "Added: case RTR Two" in content
    assert (
        "Havenplein Market safety consultation: the rating of “A signed agreement” changed from “Absent” to “Present”."
        in content
    )
    head = (site / "cases/rtr-two/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" title="What changed" href="../../feed.xml">' in head
    # The Dutch edition has its own feed, in Dutch.
    dutch = ElementTree.fromstring((site / "nl/feed.xml").read_text(encoding="utf-8"))
    assert dutch.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    text = dutch.findall("a:entry", ns)[0].find("a:content", ns).text
    assert "Verwijderd: casus Station Northgate" in text and "Toegevoegd: casus RTR Two" in text
    assert "Verwijderd: casus" in read_page(site / "nl", "changes").text


def test_what_changed_without_git_history_says_so_and_the_feed_is_empty(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    site = tmp_path / "site"
    assert mkdocs_build(repo, site).returncode == 0
    assert "not available in this copy of the knowledge base" in read_page(site, "changes").text
    feed = ElementTree.fromstring((site / "feed.xml").read_text(encoding="utf-8"))
    assert feed.findall("{http://www.w3.org/2005/Atom}entry") == []


def test_the_change_list_is_read_once_per_commit(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds on every save; git is asked again only after a commit."""
    from generator.records import history as history_module

    repo = copy_repo(tmp_path / "repo")
    commit_all(repo, "records", "2024-01-10")
    history_module._changes.cache_clear()
    first = history_module.changes(repo)
    assert history_module.changes(repo) is first  # the same commit: no second reading
    (repo / "content/cases/northgate-station.yaml").unlink()
    commit_all(repo, "griffin", "2024-02-20")
    again = history_module.changes(repo)
    assert again is not first and again.days[0].changes[0].status == "removed"


def test_ratings_are_read_from_old_or_odd_shapes_without_failing() -> None:
    from generator.records.ratings import indicator_ratings

    assert indicator_ratings({"c": {"i": {"rating": "present"}, "j": "x"}, "d": ["odd"]}) == {"c › i": "present"}
    assert indicator_ratings(None) == {} and indicator_ratings(["x"]) == {}
