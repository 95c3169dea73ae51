import io
import os

import pytest
from django.core.management import call_command


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the live-server tests last. They commit and then empty the database, which takes
    the rows that migrations create (the data sources) away from any test after them."""
    items.sort(key=lambda item: "live_server" in getattr(item, "fixturenames", ()))


@pytest.fixture(autouse=True)
def commits_like_production(monkeypatch):
    """Run on_commit callbacks where production would: when an atomic block ends that is the
    outermost one but for the test's own, and at once when only the test's blocks are open
    (production is in autocommit there).

    pytest-django wraps each test in a transaction it rolls back, so without this the change
    path (changes/: a write is stored, then refreshed after the commit) would never run in a
    test. Tests marked `transaction=True` commit for real and are left alone.
    """
    from django.db import transaction
    from django.db.backends.base.base import BaseDatabaseWrapper

    def only_test_blocks(connection):
        blocks = connection.atomic_blocks
        return bool(blocks) and all(block._from_testcase for block in blocks)

    original_on_commit = BaseDatabaseWrapper.on_commit
    original_exit = transaction.Atomic.__exit__

    def on_commit(connection, func, robust=False):
        if only_test_blocks(connection):
            func()
        else:
            original_on_commit(connection, func, robust)

    def exit_atomic(block, *exc_info):
        connection = transaction.get_connection(block.using)
        result = original_exit(block, *exc_info)
        if not block._from_testcase and only_test_blocks(connection):
            pending, connection.run_on_commit = connection.run_on_commit, []
            for _savepoints, func, _robust in pending:
                func()
        return result

    monkeypatch.setattr(BaseDatabaseWrapper, "on_commit", on_commit)
    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_atomic)


@pytest.fixture(autouse=True)
def fresh_page_cache(settings):
    """Every test starts with an empty full-page cache: local memory, or the Redis database of
    REDIS_URL (use a database number of its own, e.g. redis://127.0.0.1:6379/3)."""
    from django.core.cache import caches

    from pagecache import cache as page_cache
    from pagecache.cache import GENERATION_KEY, PREVIOUS_KEY

    if not os.environ.get("REDIS_URL"):
        settings.CACHES = {
            **settings.CACHES,
            "pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "pages",
            },
        }
    caches["pages"].delete_many([GENERATION_KEY, PREVIOUS_KEY])
    page_cache._recent.clear()  # this process's copies


@pytest.fixture(autouse=True)
def bokmal_by_default():
    """Each test starts in bokmål: a request to /nn/ or /en/ leaves its language active in the
    thread (LocaleMiddleware activates it and nothing resets it), and reverse() follows it."""
    from django.utils import translation

    translation.activate("nb")
    yield
    translation.deactivate()


@pytest.fixture
def styrk08(db):
    """The real STYRK-08 classification and NAV's fields of work, loaded as `make run` does."""
    call_command("load_classifications", stdout=io.StringIO())
    call_command("load_fields_of_work", stdout=io.StringIO())


@pytest.fixture
def regions(db):
    """The real counties, municipalities, postal codes and change tables."""
    call_command("load_regions", stdout=io.StringIO())


@pytest.fixture
def places(regions):
    """A few real municipalities by number: Bergen, Voss, Oslo, Trondheim."""
    from regions.models import Municipality

    return {
        m.code: m for m in Municipality.objects.filter(code__in=["4601", "4621", "0301", "5001"])
    }


@pytest.fixture
def demo_content(styrk08, settings, tmp_path):
    """The demo occupations from fixtures/demo/, with uploaded images in a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def reference_occupation(demo_content):
    from occupations.models import Occupation

    return Occupation.objects.get(slug="tannhelsesekretaer")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="redaktor", email="redaktor@example.no", password="et-langt-passord-for-test"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def site_content(demo_content, regions):
    """Every public page type filled: the demo occupations, the real regions and 150
    fictitious employers (tests/site_pages.py lists the pages)."""
    call_command("generate_employers", "--employers", "150", verbosity=0, stdout=io.StringIO())
