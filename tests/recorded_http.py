"""A local HTTP server that answers with recorded responses, for the tests of the register
downloads (registers/fetch.py): no test reaches the internet.

    server.serve("/underenheter/lastned", body, etag='"v1"')   # honours If-None-Match
    server.fail("/underenheter/lastned", 503, 503)              # the next two requests
"""

import contextlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Resource:
    body: bytes
    content_type: str = "application/json"
    etag: str = ""
    last_modified: str = ""
    send_length: bool = True
    pause: float = 0  # seconds to stall half-way through the body (a slow download)
    failures: list = field(default_factory=list)  # statuses to answer first, one each


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        server = self.server
        server.requests.append((self.path, dict(self.headers)))
        resource = server.resources.get(self.path.split("?")[0])
        if resource is None:
            self._answer(404, b"Not found", "text/plain")
        elif resource.failures:
            self._answer(resource.failures.pop(0), b"<html>Service Unavailable</html>", "text/html")
        elif resource.etag and self.headers.get("If-None-Match") == resource.etag:
            self._answer(304, b"", None, resource)
        else:
            self._answer(200, resource.body, resource.content_type, resource)

    def _answer(self, status, body, content_type, resource=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if resource is not None and resource.etag:
            self.send_header("ETag", resource.etag)
        if resource is not None and resource.last_modified:
            self.send_header("Last-Modified", resource.last_modified)
        if status == 503:
            self.send_header("Retry-After", "0")
        if resource is None or resource.send_length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()  # HTTP/1.0: without a length the body ends when the connection does
        if status == 304:
            return
        if resource is not None and resource.pause:
            half = len(body) // 2
            self.wfile.write(body[:half])
            self.wfile.flush()
            time.sleep(resource.pause)
            body = body[half:]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # unless the client went away (a killed worker)


class RecordedServer:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.resources = {}
        self.httpd.requests = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def requests(self):
        return self.httpd.requests

    def url(self, path):
        host, port = self.httpd.server_address
        return f"http://{host}:{port}{path}"

    def serve(self, path, body, **options):
        self.httpd.resources[path] = Resource(body=body, **options)
        return self.url(path)

    def fail(self, path, *statuses):
        self.httpd.resources[path].failures.extend(statuses)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.httpd.shutdown()
        self.httpd.server_close()
