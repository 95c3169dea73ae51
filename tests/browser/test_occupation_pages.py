import pytest

# serialized_rollback: the live server needs committed data, and the data sources that a
# migration creates must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server, demo_content):
    page.goto(f"{live_server.url}/yrker/tannhelsesekretaer/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hopp til hovedinnholdet"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_phone_width_has_no_horizontal_scrolling(page, live_server, demo_content):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/yrker/tannhelsesekretaer/")
    header = "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    assert page.evaluate(header) == "rgb(29, 78, 110)", "the stylesheet did not load"
    wide = page.evaluate(
        """() => [...document.querySelectorAll("*")]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => e.tagName + "." + e.className)"""
    )
    assert wide == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
