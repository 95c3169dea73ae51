"""Downloading a register file for an import: conditional requests, retries with back-off, a
size limit and a format check, and the file kept in the import archive.

    download = source_download(key=…, source=…, url=…, filename=…, check=…)
    if download.changed: import it from download.path, then
    download_remember(download)     # only after the import succeeded

A download that fails (the server, the size, the format) leaves nothing behind: no file in the
archive, the remembered ETag as it was, and the database untouched, since no import starts. A
file whose import fails is downloaded again next time, because only a successful import is
remembered.
"""

import gzip
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

import requests
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from registers.importing import ImportFailed
from registers.jsonstat import read_dataset
from registers.models import SourceDownload
from registers.runs import import_run

USER_AGENT = f"yrke/0.1 python-requests/{requests.__version__}"
CHUNK = 1024 * 1024


class FetchFailed(Exception):
    """The file could not be downloaded, or is not what the import reads; nothing was kept."""


@dataclass(frozen=True)
class Download:
    key: str
    source: str
    url: str
    path: Path
    changed: bool  # False: the server said 304, `path` is the file imported last time
    etag: str = ""
    last_modified: str = ""
    size: int = 0


def _session():
    retry = Retry(
        total=settings.FETCH_RETRIES,
        backoff_factor=settings.FETCH_BACKOFF,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,  # the last answer is returned, and reported below
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    return session


def _conditional(state, url):
    """If-None-Match / If-Modified-Since from the last imported download of the same address,
    as long as its file is still in the archive (a 304 then means: import nothing)."""
    if state is None or state.url != url or not state.file or not Path(state.file).is_file():
        return {}
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _too_big(url, max_bytes):
    return FetchFailed(
        _("%(url)s er større enn grensen på %(limit)s byte; ingenting ble importert.")
        % {"url": url, "limit": max_bytes}
    )


def _save(response, *, url, partial, max_bytes):
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise _too_big(url, max_bytes)
    size = 0
    with partial.open("wb") as out:
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise _too_big(url, max_bytes)
            out.write(chunk)
    return size


def _archive_name(archive, filename):
    """<time>-<filename>, as `import_all` archives a file; a second download in the same
    second gets a number rather than replacing the first."""
    stem = f"{timezone.now():%Y%m%dT%H%M%S}"
    target, number = archive / f"{stem}-{filename}", 1
    while target.exists():
        number += 1
        target = archive / f"{stem}-{number}-{filename}"
    return target


def source_download(*, key, source, url, filename, check, headers=None, max_bytes=None):
    """Download `url` into IMPORT_DIR/arkiv/<source>/<time>-<filename> and check it with
    `check(path)` (which raises FetchFailed). Returns a Download; raises FetchFailed."""
    max_bytes = max_bytes or settings.FETCH_MAX_BYTES
    state = SourceDownload.objects.filter(key=key).first()
    conditional = _conditional(state, url)
    try:
        response = _session().get(
            url,
            headers={**(headers or {}), **conditional},
            stream=True,
            timeout=(10, settings.FETCH_TIMEOUT),
        )
    except requests.RequestException as error:
        raise FetchFailed(
            _("Kunne ikke hente %(url)s: %(error)s") % {"url": url, "error": error}
        ) from error
    with response:
        if response.status_code == 304 and conditional:
            return Download(
                key, source, url, Path(state.file), False, state.etag, state.last_modified
            )
        if response.status_code != 200:
            raise FetchFailed(
                _("%(url)s svarte %(status)s %(reason)s.")
                % {"url": url, "status": response.status_code, "reason": response.reason}
            )
        archive = Path(settings.IMPORT_DIR) / "arkiv" / source
        archive.mkdir(parents=True, exist_ok=True)
        for stale in archive.glob(f".*-{filename}.del"):
            stale.unlink(missing_ok=True)  # left by a worker killed while downloading
        target = _archive_name(archive, filename)
        partial = archive / f".{target.name}.del"
        try:
            size = _save(response, url=url, partial=partial, max_bytes=max_bytes)
            check(partial)
            partial.rename(target)
        except requests.RequestException as error:
            raise FetchFailed(
                _("Hentingen av %(url)s stoppet: %(error)s") % {"url": url, "error": error}
            ) from error
        finally:
            partial.unlink(missing_ok=True)
    return Download(
        key,
        source,
        url,
        target,
        True,
        response.headers.get("ETag", "")[:500],
        response.headers.get("Last-Modified", "")[:100],
        size,
    )


def download_remember(download):
    """After a successful import (or a 304): the next request asks for changes since this."""
    now = timezone.now()
    fields = {"source": download.source, "url": download.url, "checked_at": now}
    if download.changed:
        fields |= {
            "etag": download.etag,
            "last_modified": download.last_modified,
            "file": str(download.path),
            "size": download.size,
            "imported_at": now,
        }
    SourceDownload.objects.update_or_create(key=download.key, defaults=fields)


def source_fetch_import(*, context, importer, options=None, **download):
    """A scheduled job's whole work for a one-file source: download (`source_download`'s
    arguments), import the file if it changed, remember the download. Returns a line for the
    run's result; raises FetchFailed or ImportFailed (the run is then tried again)."""
    context.progress(_("Henter %(url)s") % {"url": download["url"]})
    fetched = source_download(**download)
    if not fetched.changed:
        download_remember(fetched)
        return _("%(url)s er uendret siden forrige henting; ingenting å importere.") % {
            "url": fetched.url
        }
    context.progress(_("Importerer %(file)s") % {"file": fetched.path.name})
    run = import_run(source=fetched.source, path=fetched.path, importer=importer, **(options or {}))
    download_remember(fetched)
    return f"{fetched.path.name}: {run.summary()}"


KLASS_MAX_BYTES = 20 * 1024 * 1024


def klass_download(*, key, path, list_key):
    """One answer of SSB's KLASS API (`path` under KLASS_URL, e.g. "131/codes?from=…"), kept
    in the archive as <key>.json after checking that it holds the list `list_key`."""
    return source_download(
        key=key,
        source="ssb",
        url=f"{settings.KLASS_URL.rstrip('/')}/{path}",
        filename=f"{key}.json",
        check=check_klass(list_key),
        headers={"Accept": "application/json"},
        max_bytes=KLASS_MAX_BYTES,
    )


# Format checks, run on the downloaded file before any import starts --------------------------


def _not_format(path, what, detail=""):
    message = _("Den hentede filen er ikke %(what)s") % {"what": what}
    return FetchFailed(f"{message}{f' ({detail})' if detail else ''}; ingenting ble importert.")


def check_gzip_json_list(path):
    """Brønnøysundregistrene's bulk downloads: gzip around a JSON array."""
    with Path(path).open("rb") as handle:
        if handle.read(2) != b"\x1f\x8b":
            raise _not_format(path, _("gzip-komprimert JSON"), _("mangler gzip-signaturen"))
    try:
        with gzip.open(path, "rb") as handle:
            head = handle.read(4096)
    except (OSError, EOFError, zlib.error) as error:
        raise _not_format(path, _("gzip-komprimert JSON"), str(error)) from error
    if not head.lstrip().startswith(b"["):
        raise _not_format(path, _("en JSON-liste"))


def check_jsonstat(path):
    """SSB's PxWebApi answers in JSON-stat 2.0: the whole structure is checked."""
    try:
        read_dataset(path)
    except ImportFailed as error:
        raise _not_format(path, "JSON-stat 2.0", str(error)) from error


def check_klass(key):
    """A KLASS answer: a JSON object with the list `key` ("codes" or "codeChanges")."""

    def check(path):
        try:
            with Path(path).open(encoding="utf-8") as handle:
                document = json.load(handle)
        except (UnicodeDecodeError, ValueError) as error:
            raise _not_format(path, _("JSON fra KLASS"), str(error)) from error
        if not isinstance(document, dict) or not isinstance(document.get(key), list):
            raise _not_format(path, _("JSON fra KLASS"), _("mangler listen %s") % key)

    return check
