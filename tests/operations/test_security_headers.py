import re

import pytest
from django.test import Client

from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def policy(response):
    """The Content-Security-Policy header as {directive: [values]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_security_headers(response):
    for name, value in EXPECTED.items():
        assert response[name] == value, name
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = policy(response)
    for directive in ("script-src", "style-src"):
        assert "'self'" in csp[directive]
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    return csp


def test_public_page_headers():
    occupation = OccupationFactory()
    response = Client().get(occupation.get_absolute_url())
    csp = assert_security_headers(response)
    # Public pages use no nonce, so the policy is the same for every visitor (and cacheable).
    assert not any(value.startswith("'nonce-") for value in csp["script-src"])
    assert "nonce=" not in response.content.decode()
    # and the same headers come with the page when it is served from the cache
    assert_security_headers(Client().get(occupation.get_absolute_url()))


def test_public_templates_have_no_inline_styles_or_scripts(client, reference_occupation):
    for url in ["/", "/yrker/", reference_occupation.get_absolute_url(), "/bedrifter/", "/x/"]:
        html = client.get(url).content.decode()
        assert " style=" not in html, url
        assert "<style" not in html, url
        for attributes in re.findall(r"<script([^>]*)>", html):
            # Only data blocks (JSON, JSON-LD) may be inline: CSP does not govern them.
            assert "src=" in attributes or 'type="application/' in attributes, url


def test_admin_headers_and_nonces(editor_client, reference_occupation):
    from django.urls import reverse

    for url in [
        reverse("admin:index"),
        reverse("admin:occupations_occupation_changelist"),
        reverse("admin:occupations_occupation_change", args=[reference_occupation.pk]),
    ]:
        response = editor_client.get(url)
        assert response.status_code == 200
        csp = assert_security_headers(response)
        nonces = [value for value in csp["script-src"] if value.startswith("'nonce-")]
        assert len(nonces) == 1, url
        nonce = nonces[0][len("'nonce-") : -1]
        assert f"'nonce-{nonce}'" in csp["style-src"]
        html = response.content.decode()
        # Every inline script carries the nonce; there are no style attributes to block.
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            if body.strip():
                assert f'nonce="{nonce}"' in attributes, (url, attributes)
        assert " style=" not in html
        assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_admin_login_page_headers():
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_hsts_and_https_only_in_production(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    occupation = OccupationFactory()
    response = Client().get(occupation.get_absolute_url(), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert not Client().get(occupation.get_absolute_url()).has_header("Strict-Transport-Security")
