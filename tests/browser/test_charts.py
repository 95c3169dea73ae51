"""The SSB charts in a real browser: axe at phone and desktop widths, nothing wider than the
screen, and the charts print. The figures are the test files' (invented, SSB's structure)."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import DESKTOP, PHONE

# serialized_rollback: the live server needs committed data (see test_accessibility.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATA = Path(__file__).resolve().parent.parent / "data" / "ssb"
SCREENSHOTS = os.environ.get("MAP_SCREENSHOTS")  # a folder, to look at the charts by eye


@pytest.fixture
def figures(live_server, demo_content):
    from tests.factories import EducationFactory

    EducationFactory(nus_code="761102")  # the test file's second education
    for command, name in [
        ("import_ssb_salary", "manedslonn-yrke.json"),
        ("import_ssb_education", "sysselsatte-utdanning-yrke.json"),
    ]:
        call_command(command, str(DATA / name), stdout=io.StringIO())
    return f"{live_server.url}/yrker/tannhelsesekretaer/"


def test_charts_pass_axe_at_phone_and_desktop_widths(page, figures, axe_violations):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(figures)
        assert page.locator(".chart__svg").count() == 3
        assert axe_violations(page) == [], viewport
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        if SCREENSHOTS:
            for index, chart in enumerate(page.locator(".chart").all()):
                chart.screenshot(path=f"{SCREENSHOTS}/chart-{index}-{viewport['width']}.png")


def test_charts_print_beside_their_tables(page, figures):
    page.goto(figures)
    page.emulate_media(media="print")
    for chart in page.locator(".chart").all():
        assert chart.is_visible()
    assert page.locator("#lonn ~ .table-scroll table").first.is_visible()
