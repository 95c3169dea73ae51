"""gunicorn settings; gunicorn reads this file from the working directory.

Every value can be changed with an environment variable, e.g. WEB_CONCURRENCY=4.
"""

import multiprocessing
import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are short database reads; (2 × cores) + 1 is gunicorn's advice.
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request taking longer than this is killed and its worker replaced (the CSV export streams,
# so it sends bytes long before then); graceful_timeout is what a restart waits for.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow for ever. Not often: a new worker
# imports Django and renders its first pages cold (about a second of CPU), and at the page
# cache's rate (1,000+ requests a second on 2 cores) 2,000 requests meant a new worker every
# few seconds and second-long stalls (benchmarks/load.py).
max_requests = 20000
max_requests_jitter = 2000
# Heartbeat files in memory rather than on a disk that may be slow (gunicorn's advice).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Logs go to standard output as JSON, like Django's (operations/logging.py). Django writes one
# line for each request with its duration and page-cache outcome, so gunicorn's own access
# log is off unless GUNICORN_ACCESS_LOG names a file (or "-" for standard output).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
# gunicorn turns its access log on whenever a logging configuration is given, as below; this
# logger writes it only when GUNICORN_ACCESS_LOG asks for it.
logger_class = "operations.logging.GunicornLogger"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# gunicorn merges this into its own logging configuration, key by key.
logconfig_dict = {
    "formatters": {"generic": {"()": "operations.logging.JsonFormatter"}},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}

# gunicorn's control socket (for `gunicornc`) is one path per user by default, so a second
# instance on the same machine would take over the first one's. Each instance gets its own,
# named after the address it listens on, in GUNICORN_RUN_DIR (var/run), unless
# GUNICORN_CONTROL_SOCKET names one.
RUN_DIR = Path(os.environ.get("GUNICORN_RUN_DIR", "var/run"))


def control_socket_for(address):
    return str(RUN_DIR / f"gunicorn-{address.replace(':', '-').replace('/', '_')}.ctl")


def on_starting(server):
    socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or control_socket_for(server.cfg.bind[0])
    server.cfg.set("control_socket", socket)
