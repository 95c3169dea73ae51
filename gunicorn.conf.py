"""gunicorn settings; gunicorn reads this file from the working directory.

Every value can be changed with an environment variable, e.g. WEB_CONCURRENCY=4.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are short database reads; (2 × cores) + 1 is gunicorn's advice.
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request taking longer than this is killed and its worker replaced (the CSV export streams,
# so it sends bytes long before then); graceful_timeout is what a restart waits for.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory rather than on a disk that may be slow (gunicorn's advice).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Logs go to standard output as JSON, like Django's (operations/logging.py). Django writes one
# line for each request with its duration and page-cache outcome, so gunicorn's own access
# log is off unless GUNICORN_ACCESS_LOG names a file (or "-" for standard output).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
logconfig_dict = {"formatters": {"generic": {"()": "operations.logging.JsonFormatter"}}}
