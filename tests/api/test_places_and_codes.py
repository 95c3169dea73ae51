"""/api/v1/counties, /municipalities, /styrk08, /job-titles and /sources: codes as text, the
filters, bad codes as 400 and unknown resources as 404 problem documents."""

import datetime

import pytest

from registers.models import DataSource, ImportRun
from tests.api.conftest import assert_problem

pytestmark = pytest.mark.django_db


def test_counties(regions, api_get):
    data = api_get("counties").json()
    assert len(data["results"]) == 15
    assert data["results"][0] == {
        "code": "03",
        "name": "Oslo",
        "api_url": "http://testserver/api/v1/counties/03",
    }
    assert data["meta"]["licences"][0]["licence"] == "CC BY 4.0"


def test_a_county_with_its_municipalities(regions, api_get):
    data = api_get("counties/46").json()["result"]
    assert data["name"] == "Vestland"
    assert {"code": "4601", "name": "Bergen"} in data["municipalities"]
    assert_problem(api_get("counties/77"), 404)
    assert_problem(api_get("counties/4"), 404)
    assert_problem(api_get("counties/%00a"), 404)


def test_municipalities(regions, api_get):
    everything = api_get("municipalities?limit=200").json()
    assert everything["count"] == 357
    assert everything["pages"] == 2
    vestland = api_get("municipalities?county=46").json()
    assert vestland["count"] == 43
    assert vestland["results"][0] == {
        "code": "4601",
        "name": "Bergen",
        "county": {"code": "46", "name": "Vestland"},
    }
    assert_problem(api_get("municipalities?county=77"), 400, "county")
    assert_problem(api_get("municipalities?county=4"), 400, "county")
    assert_problem(api_get("municipalities?kommune=4601"), 400, "kommune")


def test_styrk08(styrk08, api_get):
    top = api_get("styrk08?level=1").json()
    assert top["count"] == 10
    assert top["results"][0] == {
        "code": "0",
        "name": "Militære yrker og uoppgitt",
        "level": 1,
        "parent": None,
    }
    children = api_get("styrk08?parent=325").json()["results"]
    assert {row["code"] for row in children} >= {"3251", "3256"}
    assert all(row["parent"] == "325" for row in children)
    assert_problem(api_get("styrk08?level=5"), 400, "level")
    assert_problem(api_get("styrk08?parent=99999"), 400, "parent")
    assert_problem(api_get("styrk08?parent=998"), 400, "parent")


def test_a_styrk08_group(reference_occupation, api_get):
    data = api_get("styrk08/3256").json()["result"]
    assert data["level"] == 4
    assert data["parent"] == "325"
    assert data["occupations"] == [
        {"id": reference_occupation.pk, "slug": "tannhelsesekretaer", "title": "Tannhelsesekretær"}
    ]
    assert [row["code"] for row in api_get("styrk08/325").json()["result"]["children"]][:1] == [
        "3251"
    ]
    assert_problem(api_get("styrk08/99999"), 404)
    assert_problem(api_get("styrk08/x"), 404)


def test_job_titles(reference_occupation, api_get):
    data = api_get("job-titles").json()
    codes = [row["code"] for row in data["results"]]
    assert {"5134101", "5134102", "5134103"} <= set(codes)
    assert codes == sorted(codes)
    filtered = api_get("job-titles?styrk08=3256").json()["results"]
    assert all(row["styrk08"] == "3256" for row in filtered)
    assert_problem(api_get("job-titles?styrk08=32"), 400, "styrk08")
    assert_problem(api_get("job-titles?styrk08=9998"), 400, "styrk08")


def test_sources_say_how_fresh_each_register_is(db, api_get):
    source = DataSource.objects.get(key="enhetsregisteret")
    moment = datetime.datetime(2026, 11, 1, 3, tzinfo=datetime.UTC)
    ImportRun.objects.create(
        source=source,
        file="enheter.json.gz",
        started_at=moment,
        finished_at=moment + datetime.timedelta(minutes=5),
        status=ImportRun.Status.SUCCEEDED,
    )
    ImportRun.objects.create(
        source=source,
        file="enheter.json.gz",
        started_at=moment + datetime.timedelta(days=1),
        status=ImportRun.Status.FAILED,
    )
    data = {row["key"]: row for row in api_get("sources").json()["results"]}
    assert set(data) == {"aa-registeret", "enhetsregisteret", "ssb", "vigo"}
    register = data["enhetsregisteret"]
    assert register["last_success_at"] == "2026-11-01T03:05:00Z"
    assert register["last_run"]["status"] == "failed"
    assert register["last_run"]["started_at"] == "2026-11-02T03:00:00Z"
    assert register["licence"]["licence"] == "NLOD 2.0"
    assert data["ssb"]["licence"]["licence"] == "CC BY 4.0"
    assert data["vigo"]["last_run"] is None
    assert data["vigo"]["licence"]["licence"] is None


@pytest.mark.parametrize(
    ("path", "most"),
    [
        ("occupations?limit={}", 4),
        ("municipalities?limit={}", 3),
        ("styrk08?limit={}", 3),
        ("job-titles?limit={}", 3),
        ("occupations/tannhelsesekretaer/employers?limit={}", 12),
    ],
)
def test_list_query_counts_do_not_grow_with_the_page(
    reference_occupation, regions, api_get, count_queries, path, most
):
    assert count_queries(api_get, path.format(3)) == count_queries(api_get, path.format(30))
    assert count_queries(api_get, path.format(30)) <= most


@pytest.mark.parametrize(
    ("path", "most"),
    [("counties", 1), ("counties/46", 2), ("styrk08/325", 5), ("sources", 1)],
)
def test_other_query_counts(reference_occupation, regions, api_get, count_queries, path, most):
    assert count_queries(api_get, path) <= most
