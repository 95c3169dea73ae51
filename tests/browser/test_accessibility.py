"""WCAG 2.0/2.1 A and AA on every public page type, at phone and desktop widths, in Chromium.

The pages are tests/site_pages.py's list (the search page's cases skip until /sok/ exists).
Beside axe-core, each page is checked for what axe leaves to people: one h1 and no skipped
heading levels, tables with headers and a caption, and form errors tied to their fields.
"""

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.site_pages import PAGES, SEARCH_PAGES, page_path

# serialized_rollback: the live server needs committed data, and the data sources that a
# migration creates must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STRUCTURE = """() => {
    const problems = [];
    const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
    if (document.querySelectorAll("h1").length !== 1) problems.push("not exactly one h1");
    let previous = 0;
    for (const h of headings) {
        const level = Number(h.tagName[1]);
        if (level > previous + 1) {
            problems.push(`${h.tagName} "${h.textContent.trim()}" after h${previous}`);
        }
        previous = level;
    }
    for (const table of document.querySelectorAll("table")) {
        if (!table.querySelector("th")) problems.push("a table without header cells");
        if (!table.caption || !table.caption.textContent.trim()) {
            problems.push("a table without a caption");
        }
    }
    for (const field of document.querySelectorAll("[aria-invalid=true]")) {
        const ids = (field.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
        const text = ids.map(id => (document.getElementById(id) || {}).textContent || "")
            .join(" ").trim();
        if (!text) problems.push(`#${field.id} is invalid but no error message describes it`);
    }
    for (const field of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
        if (!field.labels || !field.labels.length) problems.push(`#${field.id} has no label`);
    }
    return problems;
}"""

CASES = [
    *[pytest.param(name, "", id=name) for name in PAGES],
    pytest.param("occupation", "/nn", id="occupation-nn"),
    pytest.param("occupation-form-error", "/en", id="occupation-form-error-en"),
    pytest.param("employers-filtered", "/en", id="employers-filtered-en"),
    *[pytest.param(name, "", id=name) for name in SEARCH_PAGES],
]


@pytest.mark.parametrize(("name", "prefix"), CASES)
def test_page_has_no_wcag_violations(page, live_server, site_content, axe_violations, name, prefix):
    url = f"{live_server.url}{prefix}{page_path(name)}"
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        page.goto(url)
        assert page.evaluate("getComputedStyle(document.body).margin") == "0px", "no stylesheet"
        assert axe_violations(page) == [], (url, viewport)
    assert page.evaluate(STRUCTURE) == [], url


def test_form_errors_are_tied_to_their_fields(page, live_server, site_content):
    page.goto(f"{live_server.url}/bedrifter/?fylke=77")
    field = page.locator("#id_fylke")
    assert field.get_attribute("aria-invalid") == "true"
    described_by = field.get_attribute("aria-describedby")
    assert "77" in page.locator(f"#{described_by}").inner_text()
    # The summary at the top links to the field.
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "id_fylke"


FOCUSED = """() => {
    const e = document.activeElement;
    if (e === document.body || e === document.documentElement) return null;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    const follows = !window.__previous ||
        Boolean(window.__previous.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
    window.__previous = e;
    return {
        text: (e.textContent || e.name || "").trim().replace(/\\s+/g, " ").slice(0, 40),
        outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        visible: box.width > 0 && box.height > 0,
        follows,
    };
}"""


@pytest.mark.parametrize("name", ["occupation", "employers-filtered"])
def test_keyboard_focus_is_visible_and_follows_the_page(page, live_server, site_content, name):
    page.goto(f"{live_server.url}{page_path(name)}".split("#")[0])
    stops = []
    for _ in range(30):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None:  # past the last link, focus is back on the document
            break
        stops.append(stop)

    texts = [stop["text"] for stop in stops]
    assert texts[:9] == [
        "Hopp til hovedinnholdet",
        "yrke – til forsiden",
        "Yrker A–Å",
        "Bedrifter og lærebedrifter",
        "q",  # the search box
        "Søk",
        "Bokmål",
        "Nynorsk",
        "English",
    ]
    assert len(stops) > 10
    for stop in stops:
        assert stop["visible"], stop
        assert stop["outlined"], stop
        assert stop["follows"], stop


def test_language_switcher_by_keyboard_keeps_the_page(page, live_server, site_content):
    page.goto(f"{live_server.url}/yrker/tannhelsesekretaer/?fylke=46")
    for _ in range(9):  # skip link, site name, menu (2), search (2), Bokmål, Nynorsk, English
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "English"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/yrker/tannhelsesekretaer/?fylke=46")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#bedrifter-resultat").inner_text() == "Tannhelsesekretær in Vestland"


def test_the_checks_find_problems(page, live_server, axe_violations):
    """The checks above are real: a page with known faults fails each of them."""
    page.goto(f"{live_server.url}/yrker/")  # any page of the site, then replaced
    page.set_content(
        '<html><body><h1>a</h1><h1>b</h1><h3>c</h3><img src="x.png">'
        "<table><tr><td>1</td></tr></table><input id=q></body></html>"
    )
    assert {v["id"] for v in axe_violations(page)} >= {"image-alt", "html-has-lang", "label"}
    problems = page.evaluate(STRUCTURE)
    assert "not exactly one h1" in problems
    assert 'H3 "c" after h1' in problems
    assert "a table without header cells" in problems
    assert "#q has no label" in problems
