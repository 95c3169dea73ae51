"""Structured logs: one JSON object a line, and one line for every request."""

import json
import logging
import time
from datetime import UTC, datetime

from gunicorn.glogging import Logger

request_log = logging.getLogger("yrke.requests")

# Attributes every LogRecord has; anything else was passed with `extra=` and is logged too.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", …the record's extra fields, "exception"}."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Log method, path, status, duration and page-cache outcome of every request.

    The path is logged without its query string and no client address is logged: the log
    holds no personal data. The proxy in front keeps its own access log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        status = response.status_code
        request_log.log(
            logging.ERROR if status >= 500 else logging.INFO,
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": duration_ms,
                "page_cache": getattr(request, "page_cache", None),
            },
        )
        return response


class GunicornLogger(Logger):
    """gunicorn's logger, writing the access log only when `accesslog` is set
    (GUNICORN_ACCESS_LOG, gunicorn.conf.py): any logging configuration turns it on otherwise,
    and every request would be logged twice, once by gunicorn and once by Django above."""

    def access(self, resp, req, environ, request_time):
        if self.cfg.accesslog:
            super().access(resp, req, environ, request_time)
