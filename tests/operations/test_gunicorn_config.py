import runpy

from django.conf import settings


def load(monkeypatch, **env):
    for name in ["WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "GUNICORN_ACCESS_LOG"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))


def test_defaults(monkeypatch):
    config = load(monkeypatch)
    assert config["workers"] >= 3
    assert config["timeout"] == 30
    assert config["graceful_timeout"] < config["timeout"]
    assert config["accesslog"] is None  # Django logs every request as JSON instead
    assert config["errorlog"] == "-"
    formatter = config["logconfig_dict"]["formatters"]["generic"]["()"]
    assert formatter == "operations.logging.JsonFormatter"


def test_environment_overrides(monkeypatch):
    config = load(monkeypatch, WEB_CONCURRENCY="4", GUNICORN_TIMEOUT="60", GUNICORN_ACCESS_LOG="-")
    assert (config["workers"], config["timeout"], config["accesslog"]) == (4, 60, "-")
