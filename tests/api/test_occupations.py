"""/api/v1/occupations: only published occupations, every section as fields, codes as text,
paging with limits, modified_since, old slugs, licences, flat query counts."""

import datetime

import pytest
from django.utils import timezone

from occupations.models import Occupation, SlugRedirect
from tests.api.conftest import assert_problem
from tests.factories import OccupationFactory, QualityReviewFactory, StyrkGroupFactory

pytestmark = pytest.mark.django_db


def test_the_list_has_the_published_occupations_only(demo_content, api_get):
    OccupationFactory(draft=True, title="Hemmelig utkast", slug="hemmelig")
    data = api_get("occupations").json()
    published = Occupation.objects.published().count()
    assert data["count"] == published == len(data["results"])
    assert "hemmelig" not in [row["slug"] for row in data["results"]]
    dental = next(row for row in data["results"] if row["slug"] == "tannhelsesekretaer")
    assert dental["title"] == "Tannhelsesekretær"
    assert isinstance(dental["id"], int)
    assert dental["styrk08"] == ["3256"]
    assert dental["url"] == "http://testserver/yrker/tannhelsesekretaer/"
    assert dental["api_url"] == "http://testserver/api/v1/occupations/tannhelsesekretaer"
    assert datetime.datetime.fromisoformat(dental["modified"])
    assert dental["last_reviewed"] == "2020-08-25"


def test_paging_walks_the_whole_list(demo_content, api_get):
    total = Occupation.objects.published().count()
    first = api_get("occupations?limit=5").json()
    assert (first["count"], first["page"], first["limit"]) == (total, 1, 5)
    assert first["pages"] == -(-total // 5)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/occupations?limit=5&page=2"
    slugs = [row["slug"] for row in first["results"]]
    for page in range(2, first["pages"] + 1):
        data = api_get(f"occupations?limit=5&page={page}").json()
        slugs += [row["slug"] for row in data["results"]]
    assert data["next"] is None
    assert data["previous"].endswith(f"page={first['pages'] - 1}")
    assert len(slugs) == len(set(slugs)) == total


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=99", "page"),
        ("page=0", "page"),
        ("page=en", "page"),
        ("limit=201", "limit"),
        ("limit=1000000", "limit"),
        ("limit=0", "limit"),
        ("modified_since=i-g%C3%A5r", "modified_since"),
        ("modified_since=2026-13-45", "modified_since"),
        ("modified_since=0001-01-01T00:00:00%2B14:00", "modified_since"),
        ("sort=title", "sort"),
        ("modified-since=2026-01-01", "modified-since"),
    ],
)
def test_bad_list_parameters_are_400_problems(demo_content, api_get, query, parameter):
    problem = assert_problem(api_get(f"occupations?{query}"), 400, parameter)
    assert problem["instance"] == f"/api/v1/occupations?{query}"


def test_modified_since(demo_content, api_get):
    Occupation.objects.update(updated_at=timezone.make_aware(datetime.datetime(2026, 1, 1)))
    Occupation.objects.filter(slug="tannhelsesekretaer").update(
        updated_at=datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
    )

    def slugs(query):
        return [row["slug"] for row in api_get(f"occupations?{query}").json()["results"]]

    assert slugs("modified_since=2026-03-01T00:00:00Z") == ["tannhelsesekretaer"]
    assert slugs("modified_since=2026-03-01") == ["tannhelsesekretaer"]  # a date: its midnight
    # Norwegian time (UTC+2 in June) when no zone is given; the boundary is included.
    assert slugs("modified_since=2026-06-01T14:00:00") == ["tannhelsesekretaer"]
    assert slugs("modified_since=2026-06-01T14:00:01") == []
    everything = slugs("modified_since=2025-12-31T23:00:00%2B00:00&limit=200")
    assert len(everything) == Occupation.objects.published().count()


def test_detail_has_every_section(reference_occupation, api_get):
    response = api_get("occupations/tannhelsesekretaer")
    assert response.status_code == 200
    data = response.json()["result"]
    assert data["id"] == reference_occupation.pk
    assert data["title_plural"] == "tannhelsesekretærer"
    assert data["lead"] == reference_occupation.lead
    assert data["description"] == reference_occupation.description
    assert data["duties"] == [duty.text for duty in reference_occupation.duties.all()]
    assert data["duties_intro"] == reference_occupation.duties_intro
    assert data["workplaces"] == [w.name for w in reference_occupation.workplaces.all()]
    assert data["alternative_titles"] == [
        title.title for title in reference_occupation.alternative_titles.all()
    ]
    assert data["authorisation"] == {
        "required": reference_occupation.authorisation_required,
        "authority": reference_occupation.authorisation_authority,
        "text": reference_occupation.authorisation_text,
    }
    for field in ("personal_traits", "education_text", "workplaces_text", "delegated_tasks"):
        assert data[field] == getattr(reference_occupation, field)
    assert data["codes"]["styrk08"] == [{"code": "3256", "name": "Helsesekretærer"}]
    assert [title["code"] for title in data["codes"]["job_titles"]] == [
        "5134101",
        "5134102",
        "5134103",
    ]
    assert {title["styrk08"] for title in data["codes"]["job_titles"]} <= {"3256", None}
    assert [education["name"] for education in data["educations"]] == [
        programme.education.name for programme in reference_occupation.programmes.all()
    ]
    review = reference_occupation.latest_review()
    assert data["last_review"] == {
        "organisation": review.organisation.name,
        "organisation_url": review.organisation.url,
        "reviewed_on": review.reviewed_on.isoformat(),
        "reviewer": review.reviewer,
    }
    assert data["image"]["alt"] == reference_occupation.image_alt
    assert data["image"]["url"].startswith("http://testserver/")


def test_detail_shows_the_newest_review(reference_occupation, api_get):
    QualityReviewFactory(occupation=reference_occupation, reviewed_on=datetime.date(2026, 3, 1))
    data = api_get("occupations/tannhelsesekretaer").json()["result"]
    assert data["last_review"]["reviewed_on"] == "2026-03-01"
    assert data["last_reviewed"] == "2026-03-01"


def test_drafts_and_unknown_occupations_are_404_problems(demo_content, api_get):
    OccupationFactory(draft=True, slug="utkast")
    assert_problem(api_get("occupations/utkast"), 404)
    assert_problem(api_get("occupations/finnes-ikke"), 404)
    assert_problem(api_get("occupations/%C3%A6%00x"), 404)
    assert_problem(api_get("occupations/tannhelsesekretaer/employers/mer"), 404)
    assert_problem(api_get("finnes-ikke"), 404)


def test_an_old_slug_moves_permanently(reference_occupation, api_get):
    SlugRedirect.objects.create(old_slug="tannhelsesekretar", occupation=reference_occupation)
    response = api_get("occupations/tannhelsesekretar")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/occupations/tannhelsesekretaer"
    response = api_get("occupations/tannhelsesekretar/employers?county=46")
    assert response["Location"] == "/api/v1/occupations/tannhelsesekretaer/employers?county=46"
    response = api_get("occupations/tannhelsesekretar/employers.csv")
    assert response["Location"] == "/api/v1/occupations/tannhelsesekretaer/employers.csv"


def test_detail_rejects_parameters(reference_occupation, api_get):
    assert_problem(api_get("occupations/tannhelsesekretaer?felt=alle"), 400, "felt")


def test_every_response_names_its_licences(reference_occupation, api_get):
    meta = api_get("occupations/tannhelsesekretaer").json()["meta"]
    assert meta["api_version"] == "1"
    assert meta["documentation"] == "http://testserver/api/"
    licences = {licence["source"]: licence for licence in meta["licences"]}
    assert licences["yrke"]["licence"] == "NLOD 2.0"
    assert "description" in licences["yrke"]["fields"]
    assert licences["ssb"]["licence"] == "CC BY 4.0"
    assert "salaries" in licences["ssb"]["fields"]
    assert "codes.job_titles" in licences["aa-registeret"]["fields"]
    listed = api_get("occupations").json()["meta"]["licences"]
    assert {licence["source"] for licence in listed} == {"yrke", "ssb"}


def make_occupations(count, styrk):
    for _ in range(count):
        occupation = OccupationFactory()
        occupation.styrk_groups.add(styrk)
        QualityReviewFactory(occupation=occupation)


def test_list_query_count_is_flat(db, api_get, count_queries):
    styrk = StyrkGroupFactory(code="9999")
    make_occupations(3, styrk)
    few = count_queries(api_get, "occupations")
    make_occupations(27, styrk)
    assert count_queries(api_get, "occupations") == few <= 4


def test_detail_query_count_is_flat(reference_occupation, api_get, count_queries):
    few = count_queries(api_get, "occupations/tannhelsesekretaer")
    for day in range(1, 20):
        QualityReviewFactory(
            occupation=reference_occupation, reviewed_on=datetime.date(2025, 1, day)
        )
    assert count_queries(api_get, "occupations/tannhelsesekretaer") == few <= 15


def test_detail_has_the_fields_and_the_related_occupations_with_their_reasons(
    reference_occupation, api_get
):
    from related.compute import related_refresh

    group = reference_occupation.styrk_groups.get()
    fields = list(reference_occupation.fields_of_work())
    assert fields, "the reference page's unit group has a field in NAV's categories"
    colleague = OccupationFactory(title="Klinikksekretær", slug="klinikksekretaer")
    colleague.styrk_groups.add(group)
    related_refresh()

    response = api_get("occupations/tannhelsesekretaer").json()
    result = response["result"]
    assert result["fields"] == [
        {
            "slug": field.slug,
            "name": field.name,
            "area": field.parent.name,
            "url": f"http://testserver/yrker/omrader/{field.slug}/",
        }
        for field in fields
    ]
    assert result["related"][0] == {
        "id": colleague.pk,
        "slug": "klinikksekretaer",
        "title": "Klinikksekretær",
        "url": "http://testserver/yrker/klinikksekretaer/",
        "api_url": "http://testserver/api/v1/occupations/klinikksekretaer",
        "reason": "unit_group",
        "label": group.name,
        "shared_employers": None,
        "employers": None,
    }
    licences = {licence["source"]: licence for licence in response["meta"]["licences"]}
    assert licences["nav-yrkeskategorier"]["fields"] == ["fields"]
    assert "related" in licences["yrke"]["fields"]
