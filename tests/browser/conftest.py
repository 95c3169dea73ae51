"""Playwright with Debian's Chromium (no `playwright install`), and axe-core for WCAG checks."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE, DESKTOP = {"width": 375, "height": 812}, {"width": 1280, "height": 900}

# live_server runs Django in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(item.fspath).parents]
    if os.environ.get("CI"):
        raise pytest.UsageError(
            f"Chromium is missing at {CHROMIUM}; CI must run the browser tests."
        )
    reason = f"Chromium not found at {CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)"
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """pytest-django's live server serves static files through the finders, which know only
    the unhashed names; so pages under test link to those instead of the manifest's."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def axe_violations():
    """Run axe-core on the page and return its WCAG 2.0/2.1 A and AA violations, summarised."""

    def run(page, include=None):
        """`include`: CSS selectors to check only those parts (e.g. what we added to a page
        that Django's admin renders); the whole document otherwise."""
        page.evaluate(AXE_SOURCE)
        return page.evaluate(
            """async ([tags, include]) => {
                const context = include ? {include: include.map(s => [s])} : document;
                const result = await axe.run(context, {runOnly: {type: 'tag', values: tags}});
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
                }));
            }""",
            [WCAG_TAGS, include],
        )

    return run
