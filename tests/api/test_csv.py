"""The bulk downloads: every published occupation with its codes, and the employers of an
occupation in a county, streamed from the database row by row."""

import csv
import io

import pytest

from occupations.models import Occupation
from tests.api.conftest import assert_problem, body, empty_page_cache
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_occupations_with_their_codes(demo_content, api_get):
    OccupationFactory(draft=True, slug="utkast")
    response = api_get("occupations.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="yrker-')
    table = rows(response)
    assert len(table) == Occupation.objects.published().count()
    assert "utkast" not in [row["slug"] for row in table]
    dental = next(row for row in table if row["slug"] == "tannhelsesekretaer")
    assert dental["tittel"] == "Tannhelsesekretær"
    assert dental["styrk08"] == "3256"
    assert dental["stillingstitler"] == "5134101 5134102 5134103"
    assert dental["url"] == "http://testserver/yrker/tannhelsesekretaer/"


def test_occupations_csv_query_count_is_flat(demo_content, api_get, django_assert_max_num_queries):
    for more in (0, 30):
        for _ in range(more):
            OccupationFactory()
        empty_page_cache()
        with django_assert_max_num_queries(4):
            body(api_get("occupations.csv", cached=True))


def test_employers_of_an_occupation_in_a_county(dental_employers, api_get):
    table = rows(api_get("occupations/tannhelsesekretaer/employers.csv?county=46"))
    data = api_get("occupations/tannhelsesekretaer/employers?county=46").json()
    # The same employers, in the same order, with the same numbers as the JSON and the page.
    assert [row["organisasjonsnummer"] for row in table] == [e["orgnr"] for e in data["results"]]
    assert [int(row["ansatte_i_yrket"]) for row in table] == [
        e["employed"] for e in data["results"]
    ]
    assert {row["fylke"] for row in table} == {"Vestland"}
    whole = rows(api_get("occupations/tannhelsesekretaer/employers.csv"))
    assert len(whole) == 4


def test_csv_bad_input(dental_employers, api_get):
    assert_problem(api_get("occupations/tannhelsesekretaer/employers.csv?county=77"), 400)
    assert_problem(api_get("occupations/tannhelsesekretaer/employers.csv?page=2"), 400, "page")
    assert_problem(api_get("occupations/finnes-ikke/employers.csv"), 404)
    assert_problem(api_get("occupations.csv?limit=5"), 400, "limit")
