"""Small screens, print and the Content-Security-Policy, in a real browser."""

import json

import pytest

# serialized_rollback: the live server needs committed data, and the data sources that a
# migration creates must be back for the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(live_server, demo_content, regions):
    from django.core.management import call_command

    call_command("generate_employers", "--employers", "60", verbosity=0)
    return live_server.url


def page_paths():
    from employers.models import Employer

    return [
        "/",
        "/yrker/",
        "/yrker/tannhelsesekretaer/",
        "/yrker/tannhelsesekretaer/?fylke=03&kommune=0301",
        "/bedrifter/",
        "/bedrifter/?fylke=46&yrke=tannhelsesekretaer",
        Employer.objects.filter(employment__isnull=False).first().get_absolute_url(),
        "/sok/?q=tannhelse",
        "/sok/?q=qqxyzzy",
        "/en/yrker/tannhelsesekretaer/",
        "/yrker/finnes-ikke/",
        "/yrker/sammenlign/?yrker=tannhelsesekretaer,tannpleier,helsefagarbeider,elektriker",
        "/mine-yrker/",
    ]


def watch_csp(page):
    """Collect Content-Security-Policy violations the page reports."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        """document.addEventListener('securitypolicyviolation', e => console.error(
            'Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"""
    )
    return violations


def test_no_horizontal_scrolling_at_320_px(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in page_paths():
        page.goto(f"{site}{path}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        assert page.evaluate("document.body.scrollWidth <= window.innerWidth"), path


def test_print_shows_content_and_link_addresses_without_navigation(page, site):
    from employers.models import Employer

    employer = Employer.objects.filter(employment__isnull=False).first()
    for path in [
        "/yrker/tannhelsesekretaer/",
        "/bedrifter/?yrke=tannhelsesekretaer",
        employer.get_absolute_url(),
    ]:
        page.goto(f"{site}{path}")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.site-header nav', '.site-footer', '.skip-link', '.filter-form']
                .flatMap(s => [...document.querySelectorAll(s)])
                .filter(e => getComputedStyle(e).display !== 'none').map(e => e.className)"""
        )
        assert hidden == [], path
        assert page.locator("h1").is_visible()
        shown = page.evaluate(
            """() => [...document.querySelectorAll('main a[href^="/"]')].map(a =>
                [a.getAttribute('href'), getComputedStyle(a, '::after').content])"""
        )
        assert shown, path
        for href, after in shown:
            assert after == json.dumps(f" ({href})"), (path, href, after)
        page.emulate_media(media="screen")
        assert page.locator(".site-header nav").first.is_visible()


def test_public_pages_raise_no_csp_violations_and_keep_their_json_ld(page, site):
    violations = watch_csp(page)
    for path in page_paths():
        page.goto(f"{site}{path}")
    page.goto(f"{site}/yrker/tannhelsesekretaer/")
    page.select_option("#id_fylke", "46")  # the external script still runs
    assert page.locator("#id_kommune option[value='4601']").count() == 1
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@graph"][0]["name"] == "Tannhelsesekretær"
    assert violations == []


def test_admin_works_under_the_policy(page, live_server, demo_content, editor):
    violations = watch_csp(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "redaktor")
    page.fill("#id_password", "et-langt-passord-for-test")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/occupations/occupation/add/")
    # prepopulated_fields is admin JavaScript: the slug follows the title.
    page.fill("#id_title", "Sjåfør")
    page.locator("#id_title").blur()
    assert page.input_value("#id_slug") == "sjafor"
    page.goto(f"{live_server.url}/admin/occupations/occupation/")
    assert violations == []
