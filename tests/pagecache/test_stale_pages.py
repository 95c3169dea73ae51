"""No thundering herd after a change: while one request renders a page anew, the others get
its copy from before the change, for a few seconds at most; editors never do."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from occupations.models import Occupation
from pagecache.cache import (
    current_generation,
    page_key,
    page_render_claim,
    page_render_release,
    pagecache_invalidate,
)
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db

OLD, NEW = "Baker brød om natten.", "Baker brød og kaker før soloppgang."


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def occupation(visitor):
    occupation = OccupationFactory(title="Baker", slug="baker", lead=OLD)
    assert OLD in visitor.get(occupation.get_absolute_url()).content.decode()  # cached
    Occupation.objects.filter(pk=occupation.pk).update(lead=NEW)
    pagecache_invalidate()  # as the change path does after a publication
    return occupation


def claim_rendering(url):
    """Take the render lock of `url` in the current generation, as a request rendering it
    right now holds it. Returns its key and generation."""
    request = RequestFactory().get(url)
    generation = current_generation()
    key = page_key(request, settings.LANGUAGE_CODE)
    assert page_render_claim(key, generation)
    return key, generation


def test_while_one_request_renders_the_others_get_the_earlier_copy(visitor, occupation):
    url = occupation.get_absolute_url()
    claim = claim_rendering(url)

    stale = visitor.get(url)

    assert stale.status_code == 200
    assert OLD in stale.content.decode()
    assert stale["X-Page-Cache"] == "stale"
    assert 0 <= int(stale["Age"]) <= settings.PAGE_STALE_SECONDS
    assert "max-age=0" in stale["Cache-Control"]
    assert "s-maxage=0" in stale["Cache-Control"]

    page_render_release(*claim)  # the renderer is done (here: gave up) …
    fresh = visitor.get(url)  # … so the next request renders, and caches, the new page

    assert NEW in fresh.content.decode()
    assert "X-Page-Cache" not in fresh
    claim_rendering(url)  # no lock is left behind
    assert NEW in visitor.get(url).content.decode()  # and it is served from the cache


def test_the_first_request_after_a_change_renders_the_page_itself(visitor, occupation):
    response = visitor.get(occupation.get_absolute_url())

    assert NEW in response.content.decode()
    assert "X-Page-Cache" not in response


def test_a_copy_older_than_the_bound_is_never_served(visitor, occupation, settings):
    settings.PAGE_STALE_SECONDS = 0
    url = occupation.get_absolute_url()
    claim_rendering(url)

    response = visitor.get(url)

    assert NEW in response.content.decode()
    assert "X-Page-Cache" not in response


def test_a_page_with_no_earlier_copy_is_rendered(visitor, occupation):
    url = f"{occupation.get_absolute_url()}?fylke=46"
    claim_rendering(url)

    assert NEW in visitor.get(url).content.decode()


def test_editors_and_a_client_that_just_wrote_see_the_change(editor_client, occupation):
    url = occupation.get_absolute_url()
    claim_rendering(url)

    assert NEW in editor_client.get(url).content.decode()
    pinned = Client()
    pinned.cookies[settings.WRITE_PIN_COOKIE] = "1"
    assert NEW in pinned.get(url).content.decode()


def test_the_copies_of_the_generations_around_a_commit_are_found(visitor, occupation):
    # A change inside a transaction bumps the generation at once and again at the commit
    # (and the change path once more after its refresh): the copy from before is still found.
    pagecache_invalidate()
    pagecache_invalidate()
    url = occupation.get_absolute_url()
    claim_rendering(url)

    assert OLD in visitor.get(url).content.decode()
