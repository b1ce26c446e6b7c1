"""The repository's address: one setting, the environment variable BOOK_REPOSITORY_URL (a CI
workflow fills it from the repository it runs in; BOOK_REPOSITORY_BRANCH names the branch).
Set: repository, "edit this page" and Binder buttons, and `{{ repository }}` is a link. Unset
(a fork, a local build): no button and no launch link, so no page links to a wrong place."""

from __future__ import annotations

import os

from sphinx.application import Sphinx

REPOSITORY_BUTTONS = ("use_repository_button", "use_edit_page_button", "use_issues_button")


def configure(app: Sphinx, config) -> None:
    options = dict(config.html_theme_options or {})
    url = os.environ.get("BOOK_REPOSITORY_URL", "").strip().rstrip("/")
    if url:
        options["repository_url"] = url
        options["repository_branch"] = (
            os.environ.get("BOOK_REPOSITORY_BRANCH", "").strip() or "main"
        )
        options.setdefault("path_to_docs", "")
        options.update({"use_repository_button": True, "use_edit_page_button": True})
        repository = f"the [book's repository]({url})"
    else:
        options.pop("repository_url", None)
        options.update(dict.fromkeys(REPOSITORY_BUTTONS, False))
        options["launch_buttons"] = {}  # Binder needs a repository to launch
        repository = "the book's source repository"
    config.html_theme_options = options
    config.myst_substitutions = {**(config.myst_substitutions or {}), "repository": repository}
