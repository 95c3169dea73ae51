"""Real gunicorn instances of the site, on the test database, for the tests of what several
processes share (tests/operations/test_two_instances.py, test_replicas.py)."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests
from django.conf import settings
from django.db import connection


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    db = connection.settings_dict
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Instance:
    """gunicorn serving the site; its output (the request log) in GUNICORN_RUN_DIR."""

    def __init__(self, port, environment):
        self.url = f"http://127.0.0.1:{port}"
        self.log = Path(environment["GUNICORN_RUN_DIR"]) / f"gunicorn-{port}.log"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "careersite.wsgi", "--bind", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )

    def wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise AssertionError(f"{self.url} did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def site_environment(tmp_path, **extra):
    """The environment of an instance on the test database and the test run's Redis."""
    return {
        **os.environ,
        "LOCAL_ENV_FILE": "",
        "PYTHONUNBUFFERED": "1",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": os.environ["REDIS_URL"],
        "DEBUG": "false",
        "SECURE_HTTPS": "false",
        "SECRET_KEY": "several-instances-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SERVE_MEDIA": "true",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_RUN_DIR": str(tmp_path / "run"),
        "GUNICORN_CONTROL_SOCKET": "",
        **extra,
    }


@contextmanager
def running(*environments):
    """One started instance per environment, stopped at the end."""
    instances = [Instance(free_port(), environment) for environment in environments]
    try:
        for instance in instances:
            instance.wait()
        yield [instance.url for instance in instances]
    finally:
        for instance in instances:
            instance.stop()


def login(base, username, password):
    """A browser session logged in (or refused) at `base`'s admin: (session, response)."""
    browser = requests.Session()
    browser.get(f"{base}/admin/login/")
    return browser, browser.post(
        f"{base}/admin/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "next": "/admin/",
        },
        allow_redirects=False,
    )
