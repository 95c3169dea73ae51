"""Every public page type is valid HTML: the Nu Html Checker (vnu) reports no errors.

vnu comes from the npm package vnu-jar (package.json; `npm ci`) and runs with Java 17. The pages
are the HTML that Django's test client returns, saved to files and checked in one vnu run. The
test skips, saying why, when Java or vnu is missing on a developer's machine, never in CI.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.site_pages import PAGES, SEARCH_PAGES, page_path

VNU_JAR = Path(
    os.environ.get("VNU_JAR", settings.BASE_DIR / "node_modules/vnu-jar/build/dist/vnu.jar")
)
JAVA = shutil.which("java")


@pytest.fixture
def vnu():
    missing = None
    if not JAVA:
        missing = "Java is not installed (sudo apt install openjdk-17-jre-headless)"
    elif not VNU_JAR.exists():
        missing = f"vnu is not at {VNU_JAR} (run `npm ci`, or set VNU_JAR)"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}; CI must check the HTML.")
        pytest.skip(missing)

    def check(files):
        """vnu's errors, as 'file:line: message', for the given HTML files."""
        result = subprocess.run(
            [JAVA, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        messages = json.loads(result.stderr or "{}").get("messages", [])
        errors = [
            f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages
            if m.get("type") in {"error", "non-document-error"}
        ]
        if result.returncode and not errors:
            errors = [result.stderr or result.stdout or f"vnu exited {result.returncode}"]
        return errors

    return check


def save_pages(client, tmp_path, names, prefixes=("", "/nn", "/en")):
    files = []
    for name in names:
        path = page_path(name)
        for prefix in prefixes:
            response = client.get(prefix + path.split("#")[0])
            assert response.status_code in {200, 400, 404}, (prefix + path, response.status_code)
            file = tmp_path / f"{name}{prefix.replace('/', '-')}.html"
            file.write_bytes(response.content)
            files.append(file)
    return files


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, site_content, tmp_path, vnu):
    files = save_pages(client, tmp_path, PAGES)
    assert len(files) == 3 * len(PAGES)
    assert vnu(files) == []


@pytest.mark.django_db
def test_search_pages_are_valid_html(client, site_content, tmp_path, vnu):
    assert vnu(save_pages(client, tmp_path, SEARCH_PAGES)) == []


@pytest.mark.django_db
def test_vnu_reports_an_invalid_page(tmp_path, vnu):
    """The check itself works: a page with a known error fails it."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="nb"><title>x</title><p><div>x</p></html>')
    assert vnu([bad]) != []
