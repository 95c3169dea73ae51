"""Mine yrker: a shortlist in a signed cookie of its own, without an account or a session."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from compare.shortlist import COOKIE, MAX_ITEMS, SALT
from occupations.models import Occupation
from tests.compare.test_comparison import text
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db

CHANGE = "/mine-yrker/endre/"
SHORTLIST = "/mine-yrker/"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def visitor():
    return Client()


def save(client, slug, *, neste=None, action="lagre", headers=SAME_ORIGIN):
    data = {"yrke": slug, "handling": action, "neste": neste or f"/yrker/{slug}/"}
    return client.post(CHANGE, data, headers=headers)


def saved(client):
    """The slugs in the client's cookie, read as the server reads them."""
    morsel = client.cookies.get(COOKIE)
    if morsel is None or not morsel.value:
        return []
    request = RequestFactory().get("/")
    request.COOKIES[COOKIE] = morsel.value
    return request.get_signed_cookie(COOKIE, salt=SALT).split(".")


def test_saving_goes_back_to_the_page_and_keeps_only_slugs(visitor, demo_content):
    response = save(visitor, "tannpleier")

    assert response.status_code == 302
    assert response["Location"] == "/yrker/tannpleier/#lagret"
    assert saved(visitor) == ["tannpleier"]
    morsel = response.cookies[COOKIE]
    assert morsel.value.startswith("tannpleier:")  # the slugs, then the signature
    assert morsel["samesite"] == "Lax"
    assert morsel["max-age"] == 365 * 24 * 60 * 60
    assert not morsel["httponly"]  # shortlist.js reads it
    assert morsel["path"] == "/"

    save(visitor, "tannlege")
    save(visitor, "tannpleier")  # saving twice changes nothing
    assert saved(visitor) == ["tannpleier", "tannlege"]
    page = text(visitor.get(SHORTLIST))
    assert page.index("Tannpleier") < page.index("Tannlege")


def test_the_origin_or_referer_header_is_enough_for_older_browsers(visitor, demo_content):
    assert save(visitor, "tannpleier", headers={"Origin": "http://testserver"}).status_code == 302
    referer = {"Referer": "http://testserver/yrker/tannlege/"}
    assert save(visitor, "tannlege", headers=referer).status_code == 302
    assert saved(visitor) == ["tannpleier", "tannlege"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://angriper.example"},
        {"Referer": "https://angriper.example/side/"},
        {},
    ],
    ids=["cross-site", "same-site", "origin", "referer", "nothing"],
)
def test_a_post_from_another_site_is_refused(visitor, demo_content, headers):
    save(visitor, "tannlege")
    response = save(visitor, "tannpleier", headers=headers)

    assert response.status_code == 403
    assert "skjemaet må sendes fra en av sidene på dette nettstedet" in text(response)
    assert COOKIE not in response.cookies
    assert saved(visitor) == ["tannlege"]


def test_removing_from_the_shortlist_page(visitor, demo_content):
    save(visitor, "tannpleier")
    save(visitor, "tannlege")
    response = save(visitor, "tannpleier", action="fjern", neste=SHORTLIST)

    assert response.status_code == 302
    assert response["Location"] == f"{SHORTLIST}?fjernet=tannpleier"
    assert saved(visitor) == ["tannlege"]
    page = text(visitor.get(response["Location"]))
    assert "Tannpleier er fjernet fra listen." in page

    save(visitor, "tannlege", action="fjern", neste=SHORTLIST)
    assert saved(visitor) == []  # the cookie is gone
    assert "Du har ikke lagret noen yrker ennå" in text(visitor.get(SHORTLIST))


@pytest.mark.parametrize("removed", ["finnes-ikke", "<b>", ""])
def test_a_made_up_removal_notice_is_ignored(visitor, demo_content, removed):
    response = visitor.get(SHORTLIST, {"fjernet": removed})

    assert response.status_code == 200
    assert "er fjernet fra listen" not in text(response)


def test_removing_from_the_occupation_page_goes_back_there(visitor, demo_content):
    save(visitor, "tannpleier")
    response = save(visitor, "tannpleier", action="fjern")

    assert response["Location"] == "/yrker/tannpleier/#fjernet"
    assert saved(visitor) == []


def test_the_list_has_a_limit(visitor, demo_content):
    slugs = list(Occupation.objects.published().values_list("slug", flat=True)[: MAX_ITEMS + 1])
    for slug in slugs[:MAX_ITEMS]:
        save(visitor, slug)
    response = save(visitor, slugs[MAX_ITEMS])

    assert response["Location"] == f"/yrker/{slugs[MAX_ITEMS]}/#listen-er-full"
    assert saved(visitor) == slugs[:MAX_ITEMS]


def test_a_tampered_cookie_is_emptied_with_a_message(visitor, demo_content):
    save(visitor, "tannpleier")
    signed = visitor.cookies[COOKIE].value
    visitor.cookies[COOKIE] = signed.replace("tannpleier", "tannlege", 1)

    response = visitor.get(SHORTLIST)
    assert response.status_code == 200
    assert "Vi kunne ikke lese listen" in text(response)
    assert "Tannlege" not in text(response)
    assert response.cookies[COOKIE].value == ""  # deleted

    visitor.cookies[COOKIE] = "tannlege.sykepleier"  # unsigned
    save(visitor, "tannpleier")  # starts a new list
    assert saved(visitor) == ["tannpleier"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"yrke": "finnes-ikke", "handling": "lagre"}, "fant ikke yrket «finnes-ikke»"),
        ({"yrke": "hemmelig", "handling": "lagre"}, "fant ikke yrket «hemmelig»"),
        ({"yrke": "tannpleier", "handling": "slett-alt"}, "vi forstod ikke"),
        ({"yrke": "<b>", "handling": "lagre"}, "vi forstod ikke"),
        ({"yrke": "a\x00b", "handling": "lagre"}, "vi forstod ikke"),
    ],
)
def test_bad_posts_get_a_message(visitor, demo_content, data, message):
    OccupationFactory(slug="hemmelig", draft=True)
    response = visitor.post(CHANGE, data, headers=SAME_ORIGIN)

    assert response.status_code == 400
    assert message in text(response)
    assert COOKIE not in response.cookies


def test_it_goes_back_only_to_this_site(visitor, demo_content):
    response = save(visitor, "tannpleier", neste="https://angriper.example/")
    assert response["Location"] == f"{SHORTLIST}#lagret"
    response = save(visitor, "tannlege", neste="//angriper.example/")
    assert response["Location"] == f"{SHORTLIST}#lagret"
    for neste in ["/yrker/\x00/", "/yrker/\r\nSet-Cookie: x=1", "/\\angriper.example/"]:
        response = save(visitor, "tannlege", neste=neste)
        assert response.status_code == 302, neste
        assert response["Location"] == f"{SHORTLIST}#lagret", neste


def test_the_change_address_takes_only_posts(visitor, demo_content):
    assert visitor.get(CHANGE).status_code == 405


def test_the_occupation_page_has_the_form_and_stays_the_same_for_everyone(
    visitor, demo_content, django_assert_num_queries
):
    url = "/yrker/tannpleier/"
    anonymous = Client().get(url)
    html = anonymous.content.decode()
    assert f'action="{CHANGE}"' in html
    assert 'name="handling" value="lagre"' in html
    assert "csrfmiddlewaretoken" not in html  # a token would make the page per visitor
    assert not anonymous.cookies

    save(visitor, "tannpleier")
    with django_assert_num_queries(0):
        response = visitor.get(url)
    assert response.wsgi_request.page_cache == "hit"
    assert response.content == anonymous.content
    assert "public" in response["Cache-Control"]


def test_the_shortlist_page_is_never_cached(visitor, demo_content):
    save(visitor, "tannpleier")
    first = visitor.get(SHORTLIST)
    second = visitor.get(SHORTLIST)

    assert "no-store" in first["Cache-Control"]
    assert second.wsgi_request.page_cache == "bypass"
    assert "Tannpleier" in text(second)


def test_no_javascript_flow_from_shortlist_to_comparison(visitor, site_content):
    """Save two from their pages, come back to Mine yrker, compare them: plain links and forms."""
    for slug in ["tannhelsesekretaer", "tannpleier"]:
        assert visitor.get(f"/yrker/{slug}/").status_code == 200
        assert save(visitor, slug).status_code == 302
    page = visitor.get(SHORTLIST)
    html = page.content.decode()
    assert 'id="mine-tannhelsesekretaer" checked' in html
    assert 'form="sammenlign-valgte"' in html
    link = "/yrker/sammenlign/?yrker=tannhelsesekretaer,tannpleier"
    assert f'href="{link}"' in html
    # The form sends the ticked ones; the comparison moves them to its comma address.
    response = visitor.get("/yrker/sammenlign/?yrker=tannhelsesekretaer&yrker=tannpleier")
    assert response["Location"] == link
    comparison = visitor.get(link)
    assert comparison.status_code == 200
    assert "Tannhelsesekretær" in text(comparison)
    assert "Tannpleier" in text(comparison)


def test_the_shortlist_page_queries_do_not_grow(visitor, demo_content):
    counts = []
    for size in [2, MAX_ITEMS]:
        client = Client()
        for slug in Occupation.objects.published().values_list("slug", flat=True)[:size]:
            save(client, slug)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SHORTLIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 2, counts


@pytest.mark.parametrize(("prefix", "heading"), [("/nn", "Yrka mine"), ("/en", "My occupations")])
def test_the_shortlist_in_nynorsk_and_english(visitor, demo_content, prefix, heading):
    response = save(visitor, "tannpleier", neste=f"{prefix}/yrker/tannpleier/")
    assert response["Location"] == f"{prefix}/yrker/tannpleier/#lagret"
    page = text(visitor.get(f"{prefix}{SHORTLIST}"))
    assert heading in page
    assert "Tannpleier" in page
