"""What editors write in Markdown is rendered once, at save, and the pages print the stored,
sanitised HTML: no Markdown is converted while a page is served."""

import markdown
import pytest
from django.test import Client
from django.urls import reverse
from django.utils.safestring import SafeString

from occupations.models import Occupation
from occupations.richtext import RICH_TEXT_HTML_FIELDS
from occupations.services import occupation_draft_create, occupation_draft_publish
from registers.models import DataSource
from tests.admin_forms import admin_form_data
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


def _rich_occupation(**fields):
    texts = {name: f"**{name}** står her." for name in RICH_TEXT_HTML_FIELDS}
    return OccupationFactory(
        **{**texts, **fields},
        authorisation_required=True,
        authorisation_authority="Helsedirektoratet",
    )


def test_the_page_converts_no_markdown_while_it_is_served(monkeypatch):
    occupation = _rich_occupation()
    source = DataSource.objects.get(key=DataSource.Key.AA_REGISTERET)
    source.explanation = "Tall fra **Aa-registeret**."
    source.save()

    def fail(*args, **kwargs):
        raise AssertionError("Markdown converted during a request")

    monkeypatch.setattr(markdown.Markdown, "convert", fail)
    html = Client().get(occupation.get_absolute_url()).content.decode()

    for name in RICH_TEXT_HTML_FIELDS:
        assert f"<strong>{name}</strong> står her." in html
    assert "Tall fra <strong>Aa-registeret</strong>." in html


def test_the_stored_html_is_sanitised_and_safe_to_print():
    occupation = _rich_occupation(description="Før<script>alert('x')</script> **etter**")

    stored = Occupation.objects.get(pk=occupation.pk)

    assert stored.description_html == "<p>Før <strong>etter</strong></p>"
    assert isinstance(stored.description_html, SafeString)
    for html_field in RICH_TEXT_HTML_FIELDS.values():
        assert "<script" not in getattr(stored, html_field)


def test_an_admin_edit_stores_the_new_html(editor_client):
    occupation = OccupationFactory(draft=True, description="Gammel tekst.")
    url = reverse("admin:occupations_occupation_change", args=[occupation.pk])
    data = admin_form_data(editor_client.get(url))
    data["description"] = "Ny *tekst*.<script>alert(1)</script>"

    assert editor_client.post(url, data).status_code == 302

    occupation.refresh_from_db()
    assert occupation.description_html == "<p>Ny <em>tekst</em>.</p>"


def test_publishing_a_working_draft_brings_its_html(editor):
    occupation = OccupationFactory(personal_traits="Gammel.")
    draft = occupation_draft_create(occupation=occupation, by=editor)
    draft.personal_traits = "- nøyaktig\n- tålmodig"
    draft.save()

    occupation_draft_publish(draft=draft, by=editor)

    occupation.refresh_from_db()
    assert occupation.personal_traits_html == "<ul>\n<li>nøyaktig</li>\n<li>tålmodig</li>\n</ul>"
    assert "<li>tålmodig</li>" in Client().get(occupation.get_absolute_url()).content.decode()


def test_restoring_an_old_version_restores_its_html(editor_client):
    occupation = OccupationFactory(draft=True, education_text="Gammel *utdanning*.")
    old = occupation.history.first()
    occupation.education_text = "Ny utdanning."
    occupation.save()

    editor_client.post(
        reverse("admin:occupations_occupation_restore", args=[occupation.pk, old.history_id])
    )

    occupation.refresh_from_db()
    assert occupation.education_text_html == "<p>Gammel <em>utdanning</em>.</p>"


def test_bulk_created_rows_get_their_html_too():
    [occupation] = Occupation.objects.bulk_create(
        [
            Occupation(
                title="Bulk", title_plural="bulker", slug="bulk", lead="L.", workplaces_text="*x*"
            )
        ]
    )

    assert Occupation.all_objects.get(slug="bulk").workplaces_text_html == "<p><em>x</em></p>"
    assert occupation.workplaces_text_html == "<p><em>x</em></p>"


def test_the_demo_content_is_stored_with_its_html(demo_content):
    for occupation in Occupation.objects.exclude(description=""):
        assert occupation.description_html.startswith("<")
