"""The county map in a real browser: axe at phone and desktop widths, keyboard, focus, print."""

import os

import pytest

from tests.browser.conftest import DESKTOP, PHONE

# serialized_rollback: the live server needs committed data (see test_accessibility.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = [
    "/yrker/tannhelsesekretaer/?fylke=46#bedrifter",
    "/yrker/elektriker/?laerebedrift=on#bedrifter",
    "/bedrifter/?yrke=tannhelsesekretaer",
    "/bedrifter/?laerebedrift=on&fylke=03",
]
SCREENSHOTS = os.environ.get("MAP_SCREENSHOTS")  # a folder, to look at the map by eye


@pytest.mark.parametrize("path", PAGES)
def test_map_passes_axe_at_phone_and_desktop_widths(
    page, live_server, site_content, axe_violations, path
):
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}{path}")
        assert page.locator(".county-map__svg a").count() == 15
        assert axe_violations(page) == [], (path, viewport)
        # Nothing scrolls sideways at a phone's width.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        if SCREENSHOTS:
            name = f"{path.strip('/').replace('/', '_').replace('?', '_')}-{viewport['width']}.png"
            page.locator(".county-map").screenshot(path=f"{SCREENSHOTS}/{name}")


def test_a_county_is_reached_and_followed_by_keyboard(page, live_server, site_content):
    page.goto(f"{live_server.url}/yrker/tannhelsesekretaer/")
    vestland = page.locator('.county-map__svg a[href="?fylke=46#bedrifter"]')
    name = vestland.get_attribute("aria-label")
    assert name.startswith("Vestland: ")
    assert name.split()[-1] in {"bedrift", "bedrifter"}
    first = page.locator(".county-map__svg a").first
    first.focus()
    for _ in range(20):
        if page.evaluate("document.activeElement.getAttribute('href')") == "?fylke=46#bedrifter":
            break
        page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const a = document.activeElement, style = getComputedStyle(a);
            return {label: a.getAttribute('aria-label'), outline: style.outlineStyle,
                    fill: getComputedStyle(a.querySelector('path')).fill};
        }"""
    )
    assert focused["label"] == name
    assert focused["outline"] != "none"
    assert focused["fill"] == "rgb(255, 191, 71)"  # the site's focus colour fills the county
    page.keyboard.press("Enter")
    page.wait_for_url("**fylke=46**")
    assert page.locator("#bedrifter-resultat").inner_text() == "Tannhelsesekretær i Vestland"
    assert page.locator('.county-map__svg a[aria-current="true"]').get_attribute("href") == (
        "?fylke=46#bedrifter"
    )


def test_the_map_its_legend_and_table_print(page, live_server, site_content):
    page.goto(f"{live_server.url}/yrker/tannhelsesekretaer/")
    page.emulate_media(media="print")
    for selector in [".county-map__svg", ".county-map__legend", ".county-map__table table"]:
        assert page.locator(selector).is_visible(), selector
    assert page.locator(".filter-form").is_hidden()
    # A county's link address is not written out after it (it is relative to the page).
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.county-map__table a'), '::after').content"
    )
    assert after in ("none", "normal")
