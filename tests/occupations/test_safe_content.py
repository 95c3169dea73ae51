"""What an editor types in a rich-text field never carries a script onto the public page."""

import pytest
from django.test import Client
from django.urls import reverse

from occupations.richtext import RICH_TEXT_HELP
from occupations.services import occupation_publish
from tests.admin_forms import admin_form_data
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db

RICH_TEXT_FIELDS = [
    "description",
    "delegated_tasks",
    "authorisation_text",
    "workplaces_text",
    "personal_traits",
    "education_text",
]

# (what the editor types, strings that must not be on the page)
VECTORS = {
    "script tag": ("Før<script>alert('xss-script')</script>etter", ["<script>alert", "xss-script"]),
    "script tag, odd case": ("<ScRiPt >alert('xss-script2')</sCrIpT>", ["xss-script2"]),
    "event handler on an image": (
        "<img src=x onerror=\"alert('xss-img')\">",
        ["onerror", "xss-img"],
    ),
    "event handler on a paragraph": (
        "<p onmouseover=\"alert('xss-p')\">Hold musa her</p>",
        ["onmouseover", "xss-p"],
    ),
    "event handler on a link": (
        '<a href="https://vigo.no" onclick="alert(\'xss-a\')">Vigo</a>',
        ["onclick", "xss-a"],
    ),
    "javascript: Markdown link": ("[klikk](javascript:alert(1))", ["javascript:"]),
    "javascript: HTML link in mixed case": (
        "<a href=\"JaVaScRiPt:alert('xss-html')\">klikk</a>",
        ["javascript:", "xss-html"],
    ),
    "javascript: link hidden by an entity": (
        '<a href="&#106;avascript:alert(1)">klikk</a>',
        ["avascript:"],
    ),
    "data: link": ("[klikk](data:text/html;base64,PHNjcmlwdD4=)", ["data:text/html"]),
    "CSS expression in a style attribute": (
        "<p style=\"width: expression(alert('xss-css'))\">Tekst</p>",
        ["expression(", "xss-css"],
    ),
    "javascript: URL in a style attribute": (
        "<span style=\"background:url('javascript:alert(1)')\">Tekst</span>",
        ["background:url", "javascript:"],
    ),
    "style element": (
        "<style>body { background: expression(alert('xss-style')) }</style>Tekst",
        ["<style>body", "xss-style"],
    ),
    "iframe": ('<iframe src="https://example.com/xss-frame"></iframe>', ["xss-frame"]),
    "svg with a script": ("<svg onload=\"alert('xss-svg')\"><script>1</script></svg>", ["xss-svg"]),
}


@pytest.mark.parametrize("field", RICH_TEXT_FIELDS)
@pytest.mark.parametrize("vector", VECTORS.values(), ids=list(VECTORS))
def test_unsafe_input_never_reaches_the_public_page(client, field, vector):
    source, forbidden = vector
    occupation = OccupationFactory(
        **{field: f"Innledning.\n\n{source}\n\nSlutt."},
        authorisation_required=True,
        authorisation_authority="Helsedirektoratet",
    )

    html = client.get(occupation.get_absolute_url()).content.decode()

    assert "Innledning." in html  # the field is on the page
    for text in forbidden:
        assert text.lower() not in html.lower()


def test_what_an_editor_saves_in_the_admin_is_sanitised_on_the_page(editor_client):
    occupation = OccupationFactory(draft=True)
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    data = admin_form_data(editor_client.get(url))
    data["description"] = "\n\n".join(source for source, _forbidden in VECTORS.values())

    assert editor_client.post(url, data).status_code == 302
    occupation.refresh_from_db()
    occupation_publish(occupation=occupation)

    html = Client().get(occupation.get_absolute_url()).content.decode().lower()  # the public
    for _source, forbidden in VECTORS.values():
        for text in forbidden:
            assert text.lower() not in html


def test_links_get_noopener_and_external_links_noreferrer(client):
    occupation = OccupationFactory(
        description="[Vigo](https://vigo.no) og [alle yrker](/yrker/) og [oss](http://testserver/)"
    )

    html = client.get(occupation.get_absolute_url()).content.decode()

    assert '<a href="https://vigo.no" rel="noopener noreferrer">Vigo</a>' in html
    assert '<a href="/yrker/" rel="noopener">alle yrker</a>' in html
    assert '<a href="http://testserver/" rel="noopener">oss</a>' in html


def test_an_editor_cannot_weaken_the_rel_of_a_link(client):
    occupation = OccupationFactory(description='<a href="https://vigo.no" rel="opener">Vigo</a>')

    html = client.get(occupation.get_absolute_url()).content.decode()

    assert '<a href="https://vigo.no" rel="noopener noreferrer">Vigo</a>' in html
    assert 'rel="opener"' not in html


def test_the_allowed_subset_is_kept(client):
    occupation = OccupationFactory(
        description=(
            "### Mellomtittel\n\n- punkt\n\n**fet** og *kursiv*\n\n1. nummer\n\n> sitat\n\n"
            "#### Mindre tittel"
        )
    )

    html = client.get(occupation.get_absolute_url()).content.decode()

    for fragment in [
        "<h3>Mellomtittel</h3>",
        "<strong>fet</strong>",
        "<em>kursiv</em>",
        "<ul>\n<li>punkt</li>",
        "<ol>\n<li>nummer</li>",
        "<blockquote>\n<p>sitat</p>",
        "<h4>Mindre tittel</h4>",
    ]:
        assert fragment in html


def test_the_admin_explains_the_subset_to_editors(editor_client):
    occupation = OccupationFactory(draft=True)
    response = editor_client.get(
        reverse("admin:occupations_occupation_change", args=[occupation.pk])
    )

    form = response.context["adminform"].form
    for field in RICH_TEXT_FIELDS:
        assert form.fields[field].help_text == RICH_TEXT_HELP
    assert "nummerert liste" in response.content.decode()
