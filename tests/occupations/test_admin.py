import datetime

import pytest
from django.urls import reverse

from occupations.models import Duty, Occupation, SlugRedirect
from tests.admin_forms import admin_form_data
from tests.factories import (
    OccupationFactory,
    QualityReviewFactory,
    SalaryStatisticFactory,
    StyrkGroupFactory,
)

pytestmark = pytest.mark.django_db


def change_url(occupation):
    return reverse("admin:occupations_occupation_change", args=[occupation.pk])


def working_draft(client, occupation):
    """Press "Rediger som utkast" on a published occupation; returns its working draft."""
    response = client.post(reverse("admin:occupations_occupation_draft", args=[occupation.pk]))
    assert response.status_code == 302
    return Occupation.all_objects.get(draft_of=occupation)


def publish(client, draft):
    url = reverse("admin:occupations_occupation_publish", args=[draft.pk])
    page = client.get(url)
    data = {"lock_version": page.context["form"]["lock_version"].value(), "_publish": "1"}
    assert client.post(url, data).status_code == 302


def test_editing_a_duty_in_a_draft_shows_on_the_public_page_once_published(
    editor_client, reference_occupation
):
    draft = working_draft(editor_client, reference_occupation)
    page = editor_client.get(change_url(draft))
    data = admin_form_data(page)
    first_duty = draft.duties.first()
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("duties-") and key.endswith("-id") and value == first_duty.pk
    )
    data[f"duties-{index}-text"] = "smittevern og hygiene i hele klinikken"

    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    public = editor_client.get(reference_occupation.get_absolute_url()).content.decode()
    assert "<li>smittevern og hygiene i hele klinikken</li>" not in public
    publish(editor_client, draft)
    public = editor_client.get(reference_occupation.get_absolute_url()).content.decode()
    assert "<li>smittevern og hygiene i hele klinikken</li>" in public
    assert Duty.objects.filter(occupation=reference_occupation).count() == 10


def test_adding_an_occupation_fills_the_slug_from_the_title(editor_client):
    response = editor_client.get(reverse("admin:occupations_occupation_add"))
    data = admin_form_data(response)
    data.update(title="Sjåfør på ærend", title_plural="sjåfører", lead="Kjører.", slug="")

    response = editor_client.post(reverse("admin:occupations_occupation_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    occupation = Occupation.objects.get(title="Sjåfør på ærend")
    assert occupation.slug == "sjafor-pa-aerend"
    assert occupation.status == Occupation.Status.DRAFT


def test_changing_the_slug_keeps_the_old_address(editor_client):
    occupation = OccupationFactory(slug="gammel")
    draft = working_draft(editor_client, occupation)
    data = admin_form_data(editor_client.get(change_url(draft)))
    data["slug"] = "ny"

    assert editor_client.post(change_url(draft), data).status_code == 302
    assert editor_client.get("/yrker/gammel/").status_code == 200
    publish(editor_client, draft)

    assert SlugRedirect.objects.get(old_slug="gammel").occupation == occupation
    assert editor_client.get("/yrker/gammel/").status_code == 301


def test_image_without_alt_text_is_refused(editor_client, settings, tmp_path):
    from tests.images import jpeg_upload

    settings.MEDIA_ROOT = tmp_path
    occupation = OccupationFactory(draft=True)
    data = admin_form_data(editor_client.get(change_url(occupation)))
    data["image"] = jpeg_upload(width=800, height=450)
    data["image_alt"] = ""

    response = editor_client.post(change_url(occupation), data)

    assert response.status_code == 200
    assert "image_alt" in response.context["adminform"].form.errors


def test_publish_and_unpublish_actions(editor_client):
    draft = OccupationFactory(draft=True)
    url = reverse("admin:occupations_occupation_changelist")

    editor_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_at is not None

    editor_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert not draft.is_published


def test_filter_not_quality_assured_in_twelve_months(editor_client):
    today = datetime.date.today()
    fresh = QualityReviewFactory(reviewed_on=today - datetime.timedelta(days=30)).occupation
    stale = QualityReviewFactory(reviewed_on=today - datetime.timedelta(days=400)).occupation
    never = OccupationFactory()

    response = editor_client.get(
        reverse("admin:occupations_occupation_changelist"), {"kvalitetssikret": "eldre-enn-12-mnd"}
    )

    shown = set(response.context["cl"].queryset)
    assert shown == {stale, never}
    assert fresh not in shown


def test_search_finds_alternative_titles(editor_client, reference_occupation):
    response = editor_client.get(
        reverse("admin:occupations_occupation_changelist"), {"q": "klinikkassistent"}
    )
    assert list(response.context["cl"].queryset) == [reference_occupation]


def test_job_title_autocomplete(editor_client, reference_occupation):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "occupations",
            "model_name": "occupation",
            "field_name": "job_titles",
            "term": "tannhelse",
        },
    )
    assert [item["text"] for item in response.json()["results"]] == ["5134103 TANNHELSESEKRETÆR"]


def test_styrk_autocomplete_offers_unit_groups_only(editor_client, styrk08):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "occupations",
            "model_name": "occupation",
            "field_name": "styrk_groups",
            "term": "Helse",
        },
    )
    codes = [item["text"].split()[0] for item in response.json()["results"]]
    assert "3256" in codes
    assert all(len(code) == 4 for code in codes)


def test_register_codes_are_read_only(editor_client, reference_occupation):
    from classifications.models import JobTitle

    title = JobTitle.objects.get(code="5134103")
    response = editor_client.get(reverse("admin:classifications_jobtitle_change", args=[title.pk]))
    assert "code" not in response.context["adminform"].form.fields


def test_mapping_a_job_title_updates_the_employer_lists(
    editor_client, reference_occupation, regions
):
    from classifications.models import JobTitle
    from employers.models import OccupationEmployer
    from tests.factories import EmployerFactory, EmploymentFactory, OccupationFactory

    title = JobTitle.objects.get(code="5134101")
    EmploymentFactory(employer=EmployerFactory(municipality=None), job_title=title)
    occupation = OccupationFactory(draft=True)
    data = admin_form_data(editor_client.get(change_url(occupation)))
    data["job_titles"] = [str(title.pk)]

    assert editor_client.post(change_url(occupation), data).status_code == 302

    assert OccupationEmployer.objects.filter(occupation=occupation).count() == 1


def test_salary_statistics_are_listed_read_only(editor_client):
    SalaryStatisticFactory(
        styrk_group=StyrkGroupFactory(code="3256", name="Helsesekretærer"), value=None, status=":"
    )
    url = reverse("admin:occupations_salarystatistic_changelist")

    page = editor_client.get(url, {"year": "2024", "q": "3256"}).content.decode()

    assert "3256 Helsesekretærer" in page
    assert "Alle sektorer" in page
    assert editor_client.get(reverse("admin:occupations_salarystatistic_add")).status_code == 403
