"""Reads from PostgreSQL streaming replicas: public, anonymous reads go to a replica that has
replayed what the page must show; everything else, and everything while a replica is down or
lags, goes to the primary, and /healthz says so without naming a host.

The rules are tested here with replicas stood in for; the end-to-end test runs gunicorn
against the real streaming replica that CI starts (.ci/replica, TEST_REPLICA_URL)."""

import json
import os
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import psycopg
import pytest
import requests
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory

from occupations.models import Occupation
from operations import replicas
from operations.replicas import PIN_COOKIE, ReplicaMiddleware, ReplicaRouter, ReplicaState
from tests.factories import OccupationFactory
from tests.servers import login, running, site_environment

PASSWORD = "et-langt-passord-for-test"


@pytest.fixture
def replica(monkeypatch, settings):
    """One replica, "replica1", whose answers the test sets."""
    settings.REPLICA_CHECK_SECONDS, settings.REPLICA_MAX_LAG_SECONDS = 5, 10
    state = ReplicaState(replayed=100, lag=0.0, checked=time.monotonic())
    answers = {"replayed": 100, "lag": 0.0, "down": False}
    asked = []

    def check(alias):
        asked.append(alias)
        state.replayed, state.lag, state.down = answers["replayed"], answers["lag"], answers["down"]
        state.checked = time.monotonic()
        return state

    monkeypatch.setattr(replicas, "replica_aliases", lambda: ["replica1"])
    monkeypatch.setattr(replicas, "replica_check", check)
    monkeypatch.setattr(replicas, "_states", {"replica1": state})
    return answers, asked


def read_in_request(generation, cookies=None):
    """The database a model read goes to inside a request through ReplicaMiddleware."""
    chosen = []

    def view(request):
        chosen.append(ReplicaRouter().db_for_read(Occupation))
        return HttpResponse()

    request = RequestFactory().get("/yrker/")
    request.COOKIES.update(cookies or {})
    if generation is not None:
        request.page_generation = generation
    ReplicaMiddleware(view)(request)
    return chosen[0]


def test_an_anonymous_read_goes_to_a_replica_that_has_replayed_the_generation(replica):
    answers, asked = replica
    assert read_in_request("1700000000000000000-100") == "replica1"
    assert asked == []  # fresh enough as last checked: no question asked
    # A change since: the replica is asked again, and is behind, so the primary answers.
    assert read_in_request("1700000000000000001-150") is None
    assert asked == ["replica1"]
    answers["replayed"] = 150
    assert read_in_request("1700000000000000001-150") == "replica1"


def test_the_primary_answers_everything_else(replica):
    assert read_in_request(None) is None  # not a page-cache read: a session, a POST, the admin
    assert read_in_request("1-0", cookies={PIN_COOKIE: "1"}) is None  # just wrote
    assert ReplicaRouter().db_for_read(Occupation) is None  # outside a request: a command
    assert ReplicaRouter().db_for_write(Occupation) == "default"
    assert ReplicaRouter().allow_migrate("replica1", "occupations") is False


def test_a_replica_down_or_lagging_is_left_alone(replica, settings):
    answers, _asked = replica
    settings.REPLICA_CHECK_SECONDS = 0  # check on every read
    answers["down"] = True
    assert read_in_request("1-0") is None
    answers.update(down=False, lag=30.0)
    assert read_in_request("1-0") is None
    answers["lag"] = 2.0
    assert read_in_request("1-0") == "replica1"


@pytest.mark.django_db
def test_a_replica_that_fails_mid_page_is_left_and_the_page_rendered_from_the_primary(
    replica, settings, monkeypatch
):
    from tests.operations import replica_urls

    settings.ROOT_URLCONF = "tests.operations.replica_urls"
    if "operations.replicas.ReplicaMiddleware" not in settings.MIDDLEWARE:
        position = settings.MIDDLEWARE.index("pagecache.middleware.PageCacheMiddleware") + 1
        settings.MIDDLEWARE = [
            *settings.MIDDLEWARE[:position],
            "operations.replicas.ReplicaMiddleware",
            *settings.MIDDLEWARE[position:],
        ]
    answers, _asked = replica
    answers["replayed"] = replicas._states["replica1"].replayed = 2**62  # has everything
    closed = []
    monkeypatch.setattr(
        replicas, "connections", {"replica1": SimpleNamespace(close=lambda: closed.append(1))}
    )
    replica_urls.served_by.clear()
    response = Client().get("/side/")
    assert (response.status_code, response.content) == (200, b"0 yrker")
    assert replica_urls.served_by == ["replica1", "default"]
    assert replicas._states["replica1"].down
    assert closed == [1]


def test_a_write_pins_the_client_to_the_primary_for_a_while(settings):
    settings.REPLICA_PIN_SECONDS = 10
    request = RequestFactory().post("/mine-yrker/")
    response = ReplicaMiddleware(lambda request: HttpResponse())(request)
    assert response.cookies[PIN_COOKIE]["max-age"] == 10
    assert response.cookies[PIN_COOKIE]["httponly"]
    get = ReplicaMiddleware(lambda request: HttpResponse())(RequestFactory().get("/"))
    assert PIN_COOKIE not in get.cookies


@pytest.mark.django_db
def test_healthz_is_degraded_not_failing_while_a_replica_is_down(replica):
    answers, _asked = replica
    answers["down"] = True
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "ok", "replicas": "degraded"},
    }


# The real streaming replica (CI: .ci/replica starts it and sets TEST_REPLICA_URL). --------

REPLICA = os.environ.get("TEST_REPLICA_URL", "")


def _replica_connection():
    return psycopg.connect(f"{REPLICA}/{connection.settings_dict['NAME']}", autocommit=True)


def _pages_read_on_replica():
    """Connections on the replica whose last query was more than the health check's."""
    with _replica_connection() as replica:
        return replica.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid() "
            "AND query NOT LIKE '%%pg_last_wal_replay_lsn%%'"
        ).fetchone()[0]


def _wait_for_replay():
    """Until the replica has replayed everything the primary has flushed."""
    with connection.cursor() as primary:
        primary.execute("SELECT pg_current_wal_flush_lsn()")
        target = primary.fetchone()[0]
    with _replica_connection() as replica:
        deadline = time.monotonic() + 10
        while not replica.execute(
            "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]
        ).fetchone()[0]:
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.05)


def _healthz(base):
    return requests.get(f"{base}/healthz", timeout=10).json()


@pytest.mark.skipif(
    connection.vendor != "postgresql" or not (REPLICA or os.environ.get("CI")),
    reason="needs a PostgreSQL streaming replica (TEST_REPLICA_URL, see .ci/replica) and Redis",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_replica(tmp_path, django_user_model):
    assert REPLICA, "CI starts a replica with .ci/replica and sets TEST_REPLICA_URL"
    assert os.environ.get("REDIS_URL"), "the instances share the page cache in Redis"
    database = connection.settings_dict["NAME"]
    environment = site_environment(
        tmp_path,
        CONN_MAX_AGE="60",  # the replica connection stays open, so the test can see it
        DATABASE_REPLICA_URLS=f"{REPLICA}/{database}",
        REPLICA_MAX_LAG_SECONDS="1",
    )
    down = site_environment(tmp_path, DATABASE_REPLICA_URLS=f"{REPLICA.rsplit(':', 1)[0]}:9/x")
    django_user_model.objects.create_superuser("redaktor", "r@example.no", PASSWORD)
    occupation = OccupationFactory(title="Brønnborer", lead="Borer brønner.")
    page = occupation.get_absolute_url()
    with running(environment, down) as (site, site_without_replica):
        assert _pages_read_on_replica() == 0
        requests.get(f"{site}/sok/")  # the page cache's generation is made, on the primary
        _wait_for_replay()
        assert requests.get(f"{site}{page}").status_code == 200
        assert _pages_read_on_replica() == 1  # the page was read from the replica
        assert _healthz(site)["checks"]["replicas"] == "ok"

        with _replica_connection() as replica:
            replica.execute("SELECT pg_wal_replay_pause()")
            try:
                # The replica stops replaying; an editor unpublishes through the primary.
                editor, _response = login(site, "redaktor", PASSWORD)
                editor.post(
                    f"{site}/admin/occupations/occupation/{occupation.pk}/avpubliser/",
                    data={"csrfmiddlewaretoken": editor.cookies["csrftoken"]},
                )
                # A visitor is served from the primary: the replica has not replayed it.
                assert requests.get(f"{site}{page}").status_code == 404
                time.sleep(1.5)
                health = _healthz(site)
                assert (health["status"], health["checks"]["replicas"]) == (
                    "degraded",
                    "degraded",
                )
            finally:
                replica.execute("SELECT pg_wal_replay_resume()")
        deadline = time.monotonic() + 10
        while _healthz(site)["checks"]["replicas"] != "ok":
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.2)

        # A replica that is down: pages come from the primary, /healthz names nothing.
        assert requests.get(f"{site_without_replica}/yrker/").status_code == 200
        response = requests.get(f"{site_without_replica}/healthz")
        assert response.status_code == 200
        assert response.json()["checks"]["replicas"] == "degraded"
        assert "127.0.0.1" not in response.text
        assert ":9" not in response.text


REPLICA_DATA = Path(f"/var/lib/postgresql/replica-{REPLICA.rsplit(':', 1)[-1]}")


def _replica_ctl(action):
    """Stop or start the replica that .ci/replica made (as root, like CI)."""
    version = sorted(os.listdir("/etc/postgresql"), key=int)[-1]
    pg_ctl = f"/usr/lib/postgresql/{version}/bin/pg_ctl"
    log = str(REPLICA_DATA / "server.log")
    subprocess.run(
        [
            *("runuser", "-u", "postgres", "--", pg_ctl, "-D", str(REPLICA_DATA)),
            *("-l", log, "-w", "-m", "fast", action),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql" or not REPLICA or not REPLICA_DATA.is_dir(),
    reason="needs the streaming replica that .ci/replica starts, and root to stop it",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_replica_stopped_and_started_again(tmp_path):
    """The instance holds its replica connection open (CONN_MAX_AGE): stopping the replica
    breaks it in the middle of a request, which must still be answered from the primary."""
    database = connection.settings_dict["NAME"]
    environment = site_environment(
        tmp_path,
        CONN_MAX_AGE="60",
        DATABASE_REPLICA_URLS=f"{REPLICA}/{database}",
        REPLICA_CHECK_SECONDS="60",  # no check between the requests: the request finds out
    )
    OccupationFactory(title="Brønnborer", lead="Borer brønner.")
    with running(environment) as (site,):
        requests.get(f"{site}/sok/")  # the page cache's generation is made, on the primary
        _wait_for_replay()
        assert requests.get(f"{site}/yrker/?besok=1").status_code == 200
        assert _pages_read_on_replica() == 1
        _replica_ctl("stop")
        try:
            for visit in range(2, 6):  # each address a page-cache miss, rendered again
                response = requests.get(f"{site}/yrker/?besok={visit}")
                assert response.status_code == 200
                assert "Brønnborer" in response.text
            health = requests.get(f"{site}/healthz")
            assert (health.status_code, health.json()["status"]) == (200, "degraded")
        finally:
            _replica_ctl("start")
        deadline = time.monotonic() + 90
        while _healthz(site)["checks"]["replicas"] != "ok":
            assert time.monotonic() < deadline, "the replica did not come back"
            time.sleep(0.5)
