"""From a repository folder to the rendered site: the one entry point the plugin and CLI share."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from generator.pages.render import Site, render_site
from generator.records.history import changes, history
from generator.records.knowledge_base import KnowledgeBase, build
from generator.util.incremental import Memo
from generator.words import table


def load_kb(repo: Path, *, workers: int = 1, memo: Memo | None = None) -> KnowledgeBase:
    """The records of the repository at ``repo``; they always live in its ``content/`` folder."""
    return build(repo / "content", workers=workers, memo=memo)


def build_site(
    repo: Path,
    contributing: Path = Path("CONTRIBUTING.md"),
    *,
    site_url: str = "",
    edit_uri: str = "",
    workers: int = 1,
    lang: str = "en",
    memo: Memo | None = None,
) -> Site:
    """The site of the repository at ``repo``. A ``memo`` (live preview) carries what the last
    build made, so only what the changed files touch is loaded and rendered again."""
    if memo is not None:
        memo.start()
    kb = load_kb(repo, workers=workers, memo=memo)
    text = (repo / contributing).read_text(encoding="utf-8") if (repo / contributing).is_file() else None
    log = changes(repo)
    site = render_site(
        kb,
        contributing=(contributing.as_posix(), text) if text is not None else None,
        history=history(repo),
        days=log.days if log else None,
        site_url=site_url,
        history_base=history_base(edit_uri),
        repository=repository(edit_uri),
        workers=workers,
        lang=lang,
        memo=memo,
    )
    if log is not None:
        site.warnings.extend(log.warnings)  # past versions passed over: said, never fatal
    return site


def repository(edit_uri: str) -> str:
    """The repository's address on its host, from the edit address: GitHub's and GitLab's
    'https://github.com/OWNER/REPO/edit/BRANCH/' give 'https://github.com/OWNER/REPO'; '' otherwise."""
    if "/edit/" not in edit_uri or not edit_uri.startswith(("https://", "http://")):
        return ""
    return edit_uri.split("/edit/", 1)[0].rstrip("/").removesuffix("/-")


REPORT_FORM = "report-a-problem.yml"  # .github/ISSUE_TEMPLATE/, whose `page` field the link fills in


def report_link(repository: str, page_address: str, title: str, lang: str | None = None) -> str:
    """A new issue on the repository's "Report a problem" form, naming the page, its title in the
    reader's language (the form itself is bilingual; issue 35, N37); '' without a repository."""
    if not repository:
        return ""
    issue_title = table(lang)["report_issue_title"].format(title=title)
    query = urlencode({"template": REPORT_FORM, "page": page_address, "title": issue_title})
    return f"{repository}/issues/new?{query}"


def history_base(edit_uri: str) -> str:
    """The repository host's history address for a file, from the edit address: GitHub's and
    GitLab's '.../edit/BRANCH/' become '.../commits/BRANCH/'; '' where that does not apply."""
    if "/edit/" not in edit_uri or not edit_uri.startswith(("https://", "http://")):
        return ""
    return edit_uri.replace("/edit/", "/commits/", 1).rstrip("/") + "/"
