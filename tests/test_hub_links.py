"""The course's nbgitpuller links: one recipe, in the README and behind the site's "JupyterHub" launch button.

Repository and branch come from one place, the README's `[binder]` link definition; the link
format is tools/classroom.py's :func:`nbgitpuller_link`, which tests/test_hub.py follows on a
real hub. Here: the README's worked example is that function's output, and a site built with a
hub address offers, on every notebook page, exactly that link beside the Binder one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from helpers import ROOT
from tools import classroom

README = (ROOT / "README.md").read_text(encoding="utf-8")
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
HUB_URL = "https://hub.example.edu"


def binder_repository() -> tuple[str, str]:
    """(repository URL, branch) from the README's `[binder]` link definition."""
    match = re.search(r"^\[binder\]: https://mybinder\.org/v2/gh/([^/]+)/([^/]+)/([^/?]+)\?", README, re.M)
    owner, name, branch = match.groups()
    return f"https://github.com/{owner}/{name}", branch


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def page_links(path: Path) -> list[str]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links


def test_the_branch_is_named_for_nbgitpuller():
    # nbgitpuller 1.3.0 (pull.py, GitPuller.branch_exists) accepts only a branch or tag that
    # `git ls-remote --heads/--tags` lists: "HEAD" would fail every link.
    _, branch = binder_repository()
    assert branch != "HEAD"


def test_the_readme_recipe_is_the_tested_link():
    repository, branch = binder_repository()
    expected = classroom.nbgitpuller_link(HUB_URL, repository, branch, "01-probabilities.ipynb")
    assert expected in README, f"README's example nbgitpuller link should read {expected}"


def test_the_site_offers_jupyterhub_beside_binder_when_a_hub_is_configured(tmp_path):
    repository, branch = binder_repository()
    result = subprocess.run([sys.executable, "tools/build_site.py", "--build-dir", str(tmp_path), "-q"],
                            cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, TEMPNB_JUPYTERHUB_URL=HUB_URL + "/"))
    assert result.returncode == 0, result.stdout + result.stderr
    for notebook in NOTEBOOKS:
        links = page_links(tmp_path / "html" / notebook.replace(".ipynb", ".html"))
        hub_links = [url for url in links if "/hub/user-redirect/git-pull" in url]
        assert hub_links == [classroom.nbgitpuller_link(HUB_URL, repository, branch, notebook)], notebook
        assert [url for url in links if "/v2/gh/" in url], f"{notebook}: the Binder button is gone"


def test_a_hub_address_that_is_not_one_fails_the_build(tmp_path):
    result = subprocess.run([sys.executable, "tools/build_site.py", "--build-dir", str(tmp_path), "-q"],
                            cwd=ROOT, capture_output=True, text=True,
                            env=dict(os.environ, TEMPNB_JUPYTERHUB_URL="hub.example.edu"))
    assert result.returncode != 0
    assert "TEMPNB_JUPYTERHUB_URL must be a hub's http(s) address" in result.stdout + result.stderr
