import os
import time

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.csp import LazyNonce
from django.utils.http import http_date

from occupations.services import occupation_unpublish
from pagecache.cache import GENERATION_KEY, current_generation, pagecache_invalidate
from pagecache.middleware import response_is_shareable
from registers.runs import import_run
from tests.admin_forms import admin_form_data
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """An anonymous visitor (the editor_client fixture logs pytest-django's client in)."""
    return Client()


@pytest.fixture
def occupation():
    return OccupationFactory(title="Baker", slug="baker", lead="Baker brød om natten.")


def test_a_repeated_anonymous_visit_is_served_from_the_cache(
    visitor, occupation, django_assert_num_queries
):
    first = visitor.get(occupation.get_absolute_url())
    with django_assert_num_queries(0):
        second = visitor.get(occupation.get_absolute_url())

    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_hit_is_one_read_of_the_store_and_skips_the_middleware_inside(
    visitor, occupation, monkeypatch
):
    from norwegian.middleware import AddressLocaleMiddleware
    from pagecache import cache

    first = visitor.get(occupation.get_absolute_url())
    reads = []
    monkeypatch.setattr(cache, "store_get", lambda key: reads.append(key))
    real_get_many = cache.store_get_many
    monkeypatch.setattr(
        cache, "store_get_many", lambda keys: reads.append(keys) or real_get_many(keys)
    )

    def locale(*args):
        raise AssertionError("the locale middleware ran for a cached page")

    monkeypatch.setattr(AddressLocaleMiddleware, "process_request", locale)
    second = visitor.get(occupation.get_absolute_url())

    assert len(reads) == 1  # the generation and the page, together
    assert second.content == first.content
    # What the middleware inside the cache added when the page was rendered is stored with it.
    assert second["Content-Language"] == "nb"
    assert second["Content-Length"] == str(len(first.content))


def test_a_page_served_again_comes_from_this_process_only_in_its_generation(
    visitor, occupation, monkeypatch
):
    from occupations.models import Occupation
    from pagecache import cache
    from pagecache.generation import new_generation

    url = occupation.get_absolute_url()
    first = visitor.get(url)
    read = []
    real_get_many = cache.store_get_many
    monkeypatch.setattr(
        cache, "store_get_many", lambda keys: read.extend(keys) or real_get_many(keys)
    )

    second, third = visitor.get(url), visitor.get(url)
    assert read == [GENERATION_KEY, cache.PREVIOUS_KEY] * 2  # the generations, not the page
    assert second.content == third.content == first.content
    assert second.headers == third.headers  # a new response each time, headers not piled up

    # Another instance publishes: it replaces the shared generation, and this process's copy
    # is out of date at once.
    Occupation.objects.filter(pk=occupation.pk).update(lead="Baker kaker til bryllup.")
    caches["pages"].set(GENERATION_KEY, new_generation(), timeout=None)
    assert "Baker kaker til bryllup." in visitor.get(url).content.decode()


def test_public_pages_tell_browsers_and_cdns_what_to_keep(visitor, occupation, settings):
    for url in ["/", "/yrker/", occupation.get_absolute_url(), "/bedrifter/"]:
        response = visitor.get(url)
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {
            "public",
            f"max-age={settings.PAGE_MAX_AGE}",
            f"s-maxage={settings.PAGE_SHARED_MAX_AGE}",
            f"stale-while-revalidate={settings.PAGE_STALE_WHILE_REVALIDATE}",
        }, url
        assert response["ETag"].startswith('"'), url
        assert response["Last-Modified"], url


@pytest.mark.parametrize("cached", [False, True], ids=["fresh", "cached"])
def test_conditional_gets_are_answered_with_304(visitor, occupation, cached):
    url = occupation.get_absolute_url()
    first = visitor.get(url)
    if not cached:
        # Drop the stored pages but keep the generation: a new one would (rightly) move
        # Last-Modified whenever the clock has passed a second since the first request.
        generation = current_generation()
        caches["pages"].clear()
        caches["pages"].set(GENERATION_KEY, generation, timeout=None)

    by_etag = visitor.get(url, headers={"If-None-Match": first["ETag"]})
    by_date = visitor.get(url, headers={"If-Modified-Since": first["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_date.status_code == 304
    assert visitor.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_last_modified_moves_with_a_content_change(visitor, occupation):
    before = visitor.get("/yrker/")["Last-Modified"]
    time.sleep(1.1)  # HTTP dates count whole seconds (clients also send the ETag, which decides)
    occupation_unpublish(occupation=occupation)
    response = visitor.get("/yrker/", headers={"If-Modified-Since": before})
    assert response.status_code == 200
    assert response["Last-Modified"] == http_date(int(current_generation().split("-")[0]) / 1e9)


def test_an_edit_is_visible_right_after_publishing(visitor, editor_client, occupation):
    from tests.occupations.test_admin import publish, working_draft

    assert "Baker brød om natten." in visitor.get(occupation.get_absolute_url()).content.decode()
    assert "Baker" in visitor.get("/yrker/").content.decode()

    draft = working_draft(editor_client, occupation)
    url = reverse("admin:occupations_occupation_change", args=[draft.pk])
    data = admin_form_data(editor_client.get(url))
    data["lead"] = "Baker brød og kaker før soloppgang."
    assert editor_client.post(url, data).status_code == 302
    # The draft is not public: the cached page is still right.
    assert "Baker brød om natten." in visitor.get(occupation.get_absolute_url()).content.decode()

    publish(editor_client, draft)

    page = visitor.get(occupation.get_absolute_url()).content.decode()
    assert "Baker brød og kaker før soloppgang." in page
    assert "Baker brød om natten." not in page
    assert "Baker brød og kaker før soloppgang." in visitor.get("/").content.decode()


def test_publish_and_unpublish_through_the_admin_reach_every_page(visitor, editor_client):
    draft = OccupationFactory(title="Smed", slug="smed", draft=True)
    assert visitor.get("/yrker/smed/").status_code == 404
    assert "Smed" not in visitor.get("/yrker/").content.decode()
    changelist = reverse("admin:occupations_occupation_changelist")

    editor_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert visitor.get("/yrker/smed/").status_code == 200
    assert "Smed" in visitor.get("/yrker/").content.decode()
    assert "Smed" in visitor.get("/").content.decode()

    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert visitor.get("/yrker/smed/").status_code == 404
    assert "Smed" not in visitor.get("/yrker/").content.decode()


def test_an_admin_delete_invalidates(visitor, editor_client, occupation):
    visitor.get("/yrker/")
    url = reverse("admin:occupations_occupation_delete", args=[occupation.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert "Baker" not in visitor.get("/yrker/").content.decode()


def test_an_import_invalidates_and_a_dry_run_does_not(tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("x\n")
    before = current_generation()
    import_run(source="vigo", path=feed, importer=lambda path, report: None, dry_run=True)
    assert current_generation() == before
    import_run(source="vigo", path=feed, importer=lambda path, report: None)
    assert current_generation() != before


def test_staff_are_never_served_or_given_a_cached_page(visitor, editor_client, occupation):
    assert visitor is not editor_client
    draft = OccupationFactory(slug="utkast", draft=True)

    staff_view = editor_client.get(draft.get_absolute_url())
    assert staff_view.status_code == 200
    assert "private" in staff_view["Cache-Control"]
    assert "public" not in staff_view["Cache-Control"]
    assert visitor.get(draft.get_absolute_url()).status_code == 404

    visitor.get(occupation.get_absolute_url())  # now cached for the public
    occupation.lead = "Endret uten publisering."
    occupation.save()
    assert (
        "Endret uten publisering."
        in editor_client.get(occupation.get_absolute_url()).content.decode()
    )


def test_admin_and_errors_are_not_cached(visitor):
    assert "no-store" in visitor.get("/admin/login/")["Cache-Control"]
    assert not visitor.get("/yrker/finnes-ikke/").has_header("Cache-Control")


def test_each_language_has_its_own_entry(visitor, occupation):
    pages = {prefix: visitor.get(f"{prefix}/yrker/") for prefix in ["", "/nn", "/en"]}
    cached = {prefix: visitor.get(f"{prefix}/yrker/") for prefix in ["", "/nn", "/en"]}

    for prefix, language in [("", "nb"), ("/nn", "nn"), ("/en", "en")]:
        assert pages[prefix]["Content-Language"] == language
        assert cached[prefix]["Content-Language"] == language
        assert f'<html lang="{language}">' in cached[prefix].content.decode()
    # The language is in the address (bokmål unprefixed), never in a cookie, so shared caches
    # need not vary on cookies.
    assert "Cookie" not in pages["/en"].get("Vary", "")
    # Bokmål's unprefixed address stays bokmål whatever the browser asks for.
    assert visitor.get("/yrker/", headers={"Accept-Language": "en"})["Content-Language"] == "nb"


def test_the_key_holds_the_language(rf):
    from pagecache.cache import page_key

    request = rf.get("/robots.txt")
    assert page_key(request, "nb") != page_key(request, "en")


def test_a_page_that_used_the_csp_nonce_is_not_stored(rf):
    from django.http import HttpResponse

    request = rf.get("/")
    request._csp_nonce = LazyNonce()
    response = HttpResponse("<script nonce=…></script>")
    assert response_is_shareable(request, response)
    str(request._csp_nonce)  # a template used it
    assert not response_is_shareable(request, response)


def test_invalidating_inside_a_transaction_bumps_again_at_commit():
    before = current_generation()
    with transaction.atomic():
        pagecache_invalidate()
        during = current_generation()
        assert during != before
    assert current_generation() != during


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_pages_go_to_redis_when_redis_url_is_set(visitor, occupation):
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["pages"], RedisCache)
    visitor.get(occupation.get_absolute_url())
    assert caches["pages"].get("generation") is not None


def test_the_redis_cache_makes_one_client_per_server():
    from pagecache.redis import ReusedClientRedisCache

    cache = ReusedClientRedisCache("redis://127.0.0.1:6379/3", {})
    client = cache._cache.get_client()  # no connection is made until a command is sent

    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client("key") is client
