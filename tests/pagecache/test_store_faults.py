"""The page cache's store fails: Redis restarted, stopped or full. The site keeps answering
(uncached, /healthz "degraded"), a write keeps its change until the pages can be invalidated,
and caching resumes by itself once Redis is back (pagecache/store.py).

Each test runs a Redis server of its own on a free port (skipped where redis-server is not
installed, e.g. a laptop; CI's machine has it)."""

import json
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.test import Client

from changes.apply import changes_apply
from changes.models import PendingChange
from occupations.services import occupation_unpublish
from pagecache.store import store_reset
from tests.factories import OccupationFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]


class RedisServer:
    def __init__(self, *options):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.options = options
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", *self.options),
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        for _attempt in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_server(settings):
    def run(*options):
        server = RedisServer(*options)
        server.start()
        servers.append(server)
        settings.CACHES = {
            **settings.CACHES,
            "pages": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": server.url,
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            },
        }
        return server

    servers = []
    settings.PAGE_CACHE_RETRY_SECONDS = 0
    store_reset()
    yield run
    for server in servers:
        if server.process.poll() is None:
            server.stop()
    store_reset()


def _served(path, expected_cache):
    page_cache = []
    client = Client()
    response = client.get(path)
    page_cache.append(response.wsgi_request.page_cache)
    assert response.status_code == 200
    assert page_cache == [expected_cache]
    return response


def test_pages_are_served_while_redis_is_down_and_cached_again_once_it_is_back(redis_server):
    OccupationFactory(title="Baker", slug="baker")
    server = redis_server()
    _served("/yrker/baker/", "miss")
    _served("/yrker/baker/", "hit")

    server.stop()
    for _visit in range(3):
        assert "Baker" in _served("/yrker/baker/", "miss").content.decode()
    health = Client().get("/healthz")
    assert health.status_code == 200
    assert json.loads(health.content)["status"] == "degraded"

    server.start()  # a restarted Redis keeps nothing (no persistence)
    _served("/yrker/baker/", "miss")
    _served("/yrker/baker/", "hit")


def test_a_full_cache_is_stepped_around(redis_server):
    OccupationFactory(title="Baker", slug="baker")
    server = redis_server("--maxmemory", "2mb", "--maxmemory-policy", "noeviction")
    filler = redis.Redis.from_url(server.url)

    def fill():
        for number in range(10_000):
            filler.set(f"filler:{number}", "x" * 10_000)

    with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):
        fill()

    # Whether a page still fits depends on what Redis frees meanwhile: every visit is served.
    for _visit in range(3):
        response = Client().get("/yrker/baker/")
        assert response.status_code == 200
        assert "Baker" in response.content.decode()
        assert Client().get("/yrker/").status_code == 200


def test_an_evicted_generation_never_brings_back_an_old_page(redis_server):
    occupation = OccupationFactory(title="Baker", slug="baker")
    server = redis_server()
    _served("/yrker/", "miss")
    redis.Redis.from_url(server.url).flushall()  # what an eviction of every key looks like
    occupation_unpublish(occupation=occupation)
    assert "Baker" not in _served("/yrker/", "miss").content.decode()


def test_a_write_while_redis_is_down_is_kept_and_reaches_the_pages_once_it_is_back(
    redis_server,
):
    occupation = OccupationFactory(title="Baker", slug="baker")
    server = redis_server()
    assert "Baker" in _served("/yrker/", "miss").content.decode()
    server.stop()

    occupation_unpublish(occupation=occupation)  # commits; the invalidation fails

    pending = PendingChange.objects.get()
    assert pending.attempts == 1
    assert "connecting" in pending.last_error
    assert "Baker" not in _served("/yrker/", "miss").content.decode()

    server.start()
    changes_apply()
    assert not PendingChange.objects.exists()
    assert "Baker" not in _served("/yrker/", "miss").content.decode()
    assert "Baker" not in _served("/yrker/", "hit").content.decode()
