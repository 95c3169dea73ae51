"""The index follows the write paths: publishing, unpublishing, the admin, imports, rebuild."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from occupations.models import Occupation
from occupations.services import (
    occupation_draft_create,
    occupation_draft_publish,
    occupation_publish,
    occupation_unpublish,
)
from search.engine import search
from search.index import search_index_rebuild, search_index_update
from search.models import SearchDocument, SearchPosting, SearchWord
from tests.admin_forms import admin_form_data
from tests.factories import (
    AlternativeTitleFactory,
    DutyFactory,
    JobTitleFactory,
    OccupationFactory,
    StyrkGroupFactory,
)

pytestmark = pytest.mark.django_db


def slugs(query):
    return [hit.occupation.slug for hit in search(query).occupations]


def test_publishing_adds_and_unpublishing_removes(searchable):
    eye_doctor = Occupation.objects.get(slug="oyelege")
    assert slugs("øyelege") == []  # a draft is never a hit

    occupation_publish(occupation=eye_doctor)
    assert slugs("øyelege")[0] == "oyelege"

    occupation_unpublish(occupation=eye_doctor)
    assert "oyelege" not in slugs("øyelege")
    assert not SearchDocument.objects.filter(occupation=eye_doctor).exists()


def test_an_edit_in_the_admin_is_found_once_published(editor, editor_client, searchable):
    occupation = Occupation.objects.get(slug="kokk")
    draft = occupation_draft_create(occupation=occupation, by=editor)
    url = reverse("admin:occupations_occupation_change", args=[draft.pk])
    data = admin_form_data(editor_client.get(url))
    index = data["alternative_titles-TOTAL_FORMS"]
    data[f"alternative_titles-{index}-title"] = "kjøkkensjef"
    data["alternative_titles-TOTAL_FORMS"] = int(index) + 1

    response = editor_client.post(url, data)

    assert response.status_code == 302
    # The public page, and so the index, has not changed yet.
    assert not SearchDocument.objects.filter(text="kjøkkensjef").exists()
    occupation_draft_publish(draft=draft, by=editor)
    assert slugs("kjøkkensjef")[0] == "kokk"
    assert slugs("kjokkensjef")[0] == "kokk"


def test_every_field_is_searched_with_its_weight(db):
    group = StyrkGroupFactory(code="9991", name="Fjellførere")
    occupation = OccupationFactory(
        title="Breturguide",
        title_plural="breturguider",
        lead="Leder turer på isbreer.",
        description="Arbeidet krever **sikringsutstyr** og [kart](https://example.no).",
    )
    AlternativeTitleFactory(occupation=occupation, title="isbreguide")
    DutyFactory(occupation=occupation, text="planlegge ruter over bresprekker")
    title = JobTitleFactory(name="BREFØRER", unit_group=group)
    occupation.job_titles.add(title)
    search_index_update(occupations=[occupation.pk])

    fields = dict(SearchDocument.objects.filter(occupation=occupation).values_list("text", "field"))
    Field = SearchDocument.Field
    assert fields == {
        "Breturguide": Field.TITLE,
        "breturguider": Field.TITLE,
        "isbreguide": Field.ALTERNATIVE_TITLE,
        "BREFØRER": Field.JOB_TITLE,
        "Fjellførere": Field.UNIT_GROUP,
        "Leder turer på isbreer.": Field.LEAD,
        "planlegge ruter over bresprekker": Field.DUTY,
        "Arbeidet krever sikringsutstyr og kart.": Field.DESCRIPTION,
        f"{title.code} – BREFØRER": Field.JOB_TITLE_CODE,
        "9991 – Fjellførere": Field.STYRK_CODE,
    }
    for query in [
        "breturguide",
        "isbreguide",
        "brefører",
        "fjellfører",
        "isbreer",
        "bresprekker",
        "sikringsutstyr",
        title.code,
        "9991",
    ]:
        assert slugs(query) == [occupation.slug], query


def test_job_title_import_updates_the_index(searchable, tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text("code,name,styrk08\n5134103,TANNHELSEFULLMEKTIG,3256\n", encoding="utf-8")

    call_command("load_job_titles", str(path), stdout=io.StringIO())

    assert slugs("tannhelsefullmektig")[0] == "tannhelsesekretaer"


def test_rebuild_command_and_function(searchable):
    SearchPosting.objects.all().delete()
    SearchDocument.objects.all().delete()
    assert slugs("sykepleier") == []

    out = io.StringIO()
    call_command("refresh_derived", stdout=out)

    assert "Søkeindeksen" in out.getvalue()
    assert slugs("sykepleier")[0] == "sykepleier"
    documents = SearchDocument.objects.count()
    assert search_index_rebuild() == documents  # the same again, no duplicates
    assert SearchWord.objects.filter(word="sykepleier").count() == 1
