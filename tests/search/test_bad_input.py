"""Whatever is typed, /sok/ answers with a page (or 400 for an over-long query), escapes what
it echoes, and never fails."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.engine import search

pytestmark = pytest.mark.django_db

URL = reverse("search:results")

BAD = [
    "",
    "   ",
    "\t\n",
    "\x00",
    "syke\x00pleier",
    "\x1b[31mrød\x7f",
    "' OR 1=1 --",
    "'; DROP TABLE search_searchword; --",
    "%",
    "_",
    "\\",
    "%_\\%",
    "sykepleier & lærer",
    "sykepleier | lærer",
    "!sykepleier",
    "syke:*",
    "((sykepleier",
    "sykepleier))",
    "<->",
    '"',
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "&lt;b&gt;",
    "🦷🦷",
    "ﬁ ﬂ",
    "٣٤٥",
    "x" * 200,
    "sykepleier " * 18,
]


def test_odd_queries_answer_with_a_page(client, searchable):
    for query in BAD:
        response = client.get(URL, {"q": query})
        assert response.status_code == 200, query
        html = response.content.decode()
        assert "<script>alert" not in html, query
        assert "<img src=x" not in html, query


def test_html_is_escaped_where_echoed(client, searchable):
    html = client.get(URL, {"q": "<script>alert('x')</script> tannlege"}).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_over_long_query_is_400_with_a_message(client, searchable):
    response = client.get(URL, {"q": "sykepleier " * 100})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Søket er for langt. Skriv høyst 200 tegn" in html
    assert 'role="alert"' in html


def test_an_invalid_organisation_number_is_no_hit(client, searchable, search_employers):
    orgnr = search_employers["bergen_tann"].orgnr
    wrong = orgnr[:8] + str((int(orgnr[8]) + 1) % 10)
    response = client.get(URL, {"q": wrong})
    assert response.status_code == 200
    assert "Bergen Tannklinikk" not in response.content.decode()


def test_suggestions_json(client, searchable):
    response = client.get(reverse("search:suggestions"), {"q": "tannh"})
    assert response.status_code == 200
    assert response.json()["suggestions"][0] == {
        "title": "Tannhelsesekretær",
        "url": "/yrker/tannhelsesekretaer/",
    }
    for query in ["", "%", "<b>", "x" * 1000]:
        assert client.get(reverse("search:suggestions"), {"q": query}).status_code == 200


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_random_unicode_never_fails(searchable, query):
    results = search(query)
    assert results.query == " ".join(query.split())[:200]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(alphabet=st.characters(codec="utf-8"), max_size=250))
def test_random_unicode_pages_never_fail(client, searchable, query):
    response = client.get(URL, {"q": query})
    assert response.status_code in (200, 400)
