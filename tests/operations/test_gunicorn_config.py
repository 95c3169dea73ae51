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


class Server:
    def __init__(self, bind):
        from gunicorn.config import Config

        self.cfg = Config()
        self.cfg.set("bind", bind)


def test_each_instance_has_its_own_control_socket(monkeypatch):
    config = load(monkeypatch)
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    first, second = Server(["127.0.0.1:8001"]), Server(["127.0.0.1:8002"])
    config["on_starting"](first)
    config["on_starting"](second)
    assert first.cfg.control_socket == "var/run/gunicorn-127.0.0.1-8001.ctl"
    assert second.cfg.control_socket == "var/run/gunicorn-127.0.0.1-8002.ctl"

    monkeypatch.setenv("GUNICORN_CONTROL_SOCKET", "/run/yrke/web.ctl")
    config["on_starting"](first)
    assert first.cfg.control_socket == "/run/yrke/web.ctl"


def test_the_access_log_is_written_only_when_asked_for(monkeypatch):
    from gunicorn.config import Config
    from gunicorn.glogging import Logger

    from operations.logging import GunicornLogger

    written = []
    monkeypatch.setattr(Logger, "access", lambda self, *args: written.append(args))
    config = Config()
    for name, value in load(monkeypatch).items():
        if name in config.settings:
            config.set(name, value)
    assert config.logger_class is GunicornLogger

    GunicornLogger(config).access("response", "request", {}, 0.01)
    assert written == []  # every request is logged by Django (operations/logging.py)

    config.set("accesslog", "-")
    GunicornLogger(config).access("response", "request", {}, 0.01)
    assert len(written) == 1
