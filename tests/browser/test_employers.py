import pytest

# serialized_rollback: the live server needs committed data, and the data sources that a
# migration creates must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(live_server, demo_content, regions):
    from django.core.management import call_command

    call_command("generate_employers", "--employers", "150", verbosity=0)
    return live_server.url


def test_choose_a_county_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/yrker/tannhelsesekretaer/")

    page.select_option("#id_fylke", "46")
    page.click("text=Vis bedrifter")

    assert "fylke=46" in page.url
    assert page.locator("#bedrifter-resultat").inner_text() == "Tannhelsesekretær i Vestland"
    # After the submit, the municipality list offers Vestland's municipalities.
    page.select_option("#id_kommune", "4601")
    page.click("text=Vis bedrifter")
    assert page.locator("#bedrifter-resultat").inner_text() == "Tannhelsesekretær i Bergen"
    context.close()


def test_choose_a_county_with_javascript(page, site):
    page.goto(f"{site}/yrker/tannhelsesekretaer/")

    page.select_option("#id_fylke", "46")
    # The script offers the county's municipalities at once, before any submit.
    page.select_option("#id_kommune", "4601")
    page.click("text=Vis bedrifter")

    assert "kommune=4601" in page.url
    assert page.locator("#bedrifter-resultat").inner_text() == "Tannhelsesekretær i Bergen"


def test_keyboard_only_region_form(page, site):
    page.goto(f"{site}/yrker/tannhelsesekretaer/")
    page.focus("#id_fylke")
    page.keyboard.press("ArrowDown")  # Oslo
    for _ in range(4):  # municipality, order, apprenticeship companies only, the button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Vis bedrifter"
    page.keyboard.press("Enter")
    page.wait_for_url("**fylke=03**")
