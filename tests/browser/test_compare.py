"""The comparison and Mine yrker in Chromium: phone and desktop, with and without JavaScript."""

import time

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_layout_and_security import watch_csp

# serialized_rollback: the live server needs committed data, and the data sources that a
# migration creates must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FOUR = "/yrker/sammenlign/?yrker=tannhelsesekretaer,tannpleier,helsefagarbeider,elektriker"
NO_PAGE_SCROLL = """() => document.documentElement.scrollWidth <= window.innerWidth
    && document.body.scrollWidth <= window.innerWidth"""
REGION = """() => {
    const region = document.querySelector('.comparison-scroll');
    const label = document.getElementById(region.getAttribute('aria-labelledby'));
    return {
        role: region.getAttribute('role'),
        tabindex: region.tabIndex,
        label: label && label.textContent.trim(),
        scrolls: region.scrollWidth > region.clientWidth,
    };
}"""


@pytest.mark.parametrize("path", [FOUR, f"{FOUR}&fylke=46", "/en" + FOUR])
def test_the_comparison_at_phone_and_desktop_widths(
    page, live_server, site_content, axe_violations, path
):
    for viewport, scrolls in [(PHONE, True), (DESKTOP, False)]:
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}{path}")
        assert page.locator("table.comparison thead th").count() == 4
        assert axe_violations(page) == [], (path, viewport)
        assert page.evaluate(NO_PAGE_SCROLL), (path, viewport)
        region = page.evaluate(REGION)
        assert region["role"] == "region"
        assert region["tabindex"] == 0
        assert region["label"].startswith(("Yrkene side om side", "The occupations side by side"))
        # On a phone the table scrolls inside its region, on a desktop it fits.
        assert region["scrolls"] is scrolls, (path, viewport)
    # The row headers stay in view while the region scrolls.
    page.set_viewport_size(PHONE)
    region = page.locator(".comparison-scroll")
    region.evaluate("region => { region.scrollLeft = region.scrollWidth; }")
    assert region.evaluate("region => region.scrollLeft") > 0
    header = page.locator(".comparison tbody th").first.bounding_box()
    assert abs(header["x"] - region.bounding_box()["x"]) <= 2


def test_the_shortlist_with_javascript(page, live_server, site_content, axe_violations):
    violations = watch_csp(page)
    page.set_viewport_size(PHONE)
    for slug in ["tannhelsesekretaer", "tannpleier"]:
        page.goto(f"{live_server.url}/yrker/{slug}/")
        page.get_by_role("button", name="Lagre yrket").click()
        page.wait_for_url(f"**/yrker/{slug}/#lagret")
        assert page.locator("#lagret").is_visible()
        # shortlist.js read the cookie: the button now removes.
        assert page.locator("form[data-shortlist] button").inner_text() == "Fjern fra Mine yrker"
        assert axe_violations(page) == [], slug
        assert page.evaluate(NO_PAGE_SCROLL), slug
    page.goto(f"{live_server.url}/yrker/helsefagarbeider/")
    assert page.locator("form[data-shortlist] button").inner_text() == "Lagre yrket"
    assert not page.locator("#lagret").is_visible()

    # Next day: the cookie lasts a year.
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "yrke_mine"]
    assert cookie["expires"] > time.time() + 300 * 24 * 3600
    assert cookie["value"].startswith("tannhelsesekretaer.tannpleier:")

    page.goto(f"{live_server.url}/mine-yrker/")
    assert page.locator(".shortlist__item").count() == 2
    assert axe_violations(page) == []
    assert page.evaluate(NO_PAGE_SCROLL)
    page.get_by_role("button", name="Sammenlign de valgte").click()
    page.wait_for_url("**/yrker/sammenlign/?yrker=tannhelsesekretaer,tannpleier")
    assert page.locator("table.comparison thead th").count() == 2

    # Remove from the occupation page.
    page.goto(f"{live_server.url}/yrker/tannpleier/")
    page.get_by_role("button", name="Fjern fra Mine yrker").click()
    page.wait_for_url("**/yrker/tannpleier/#fjernet")
    assert page.locator("#fjernet").is_visible()
    assert page.locator("form[data-shortlist] button").inner_text() == "Lagre yrket"
    assert violations == []


def test_the_shortlist_without_javascript(browser, live_server, site_content, axe_violations):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    for slug in ["tannhelsesekretaer", "tannpleier", "helsefagarbeider"]:
        page.goto(f"{live_server.url}/yrker/{slug}/")
        page.get_by_role("button", name="Lagre yrket").click()
        page.wait_for_url(f"**/yrker/{slug}/#lagret")
        assert page.locator("#lagret").is_visible()  # CSS :target, no script
        assert page.locator("form[data-shortlist] button").inner_text() == "Lagre yrket"

    page.goto(f"{live_server.url}/mine-yrker/")
    assert page.locator(".shortlist__item").count() == 3
    page.get_by_role("button", name="Fjern Tannpleier").click()
    page.wait_for_url("**/mine-yrker/?fjernet=tannpleier")
    assert "Tannpleier er fjernet fra listen." in page.locator("main").inner_text()
    assert page.locator(".shortlist__item").count() == 2
    page.get_by_role("button", name="Sammenlign de valgte").click()
    page.wait_for_url("**/yrker/sammenlign/?yrker=tannhelsesekretaer,helsefagarbeider")
    assert page.locator("table.comparison thead th").count() == 2
    assert page.evaluate(NO_PAGE_SCROLL)

    # The picker, without a script: tick a third and compare again.
    page.locator("summary").click()
    page.get_by_label("Elektriker").check()
    page.get_by_role("button", name="Sammenlign", exact=True).click()
    page.wait_for_url("**/yrker/sammenlign/?yrker=elektriker,helsefagarbeider,tannhelsesekretaer")
    assert page.locator("table.comparison thead th").count() == 3
    context.close()


def test_a_post_from_another_site_changes_nothing(browser, live_server, site_content):
    """A page on another origin that posts to the endpoint: refused, the list is unchanged."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/yrker/tannpleier/")
    page.get_by_role("button", name="Lagre yrket").click()
    page.wait_for_url("**#lagret")
    page.goto("about:blank")  # a page of another origin, without this site's CSP
    page.set_content(
        f'<form method="post" action="{live_server.url}/mine-yrker/endre/">'
        '<input name="yrke" value="tannpleier"><input name="handling" value="fjern">'
        "<button>send</button></form>"
    )
    with page.expect_navigation():
        page.click("button")
    assert page.locator("h1").inner_text() == "Mine yrker"
    page.goto(f"{live_server.url}/mine-yrker/")
    assert page.locator(".shortlist__item").count() == 1
    context.close()
