"""The scheduled jobs download the public registers themselves (registers/fetch.py): tested
against a local server answering with recorded responses in the real formats (the real
Enhetsregisteret records and SSB's real JSON-stat response in tests/data); no test reaches the
internet. Conditional requests, retries, the size limit, the format check, the archive, and a
failed download leaving everything as it was."""

import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from employers.models import Employer, Employment
from registers.fetch import FetchFailed, check_jsonstat, source_download
from registers.importing import ImportFailed
from registers.models import ImportRun, SourceDownload
from scheduling.jobs import scheduled_jobs
from scheduling.models import ScheduledRun
from tests.recorded_http import RecordedServer

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
BULK = "/enhetsregisteret/api/underenheter/lastned"
POSTEN = "918018395"
MODIFIED = "Sat, 28 Nov 2026 04:12:00 GMT"


def underenheter(rename=None):
    records = json.loads((DATA / "brreg/underenheter-sample.json").read_text(encoding="utf-8"))
    if rename:
        next(r for r in records if r["organisasjonsnummer"] == POSTEN)["navn"] = rename
    return gzip.compress(json.dumps(records, ensure_ascii=False).encode())


class Context:
    """What a job sees of the scheduler."""

    def __init__(self):
        self.steps = []

    def progress(self, text):
        self.steps.append(text)


def run_job(name):
    return scheduled_jobs()[name].run(Context())


@pytest.fixture
def server(settings, tmp_path):
    settings.IMPORT_DIR = tmp_path / "imports"
    settings.FETCH_BACKOFF = 0
    settings.FETCH_RETRIES = 3
    with RecordedServer() as server:
        yield server


@pytest.fixture
def brreg(server, settings, regions):
    settings.BRREG_UNDERENHETER_URL = server.serve(
        BULK,
        underenheter(),
        content_type="application/vnd.brreg.enhetsregisteret.underenhet.v2+gzip;charset=UTF-8",
        etag='"v1"',
        last_modified=MODIFIED,
    )
    return server


def archived(settings, source="enhetsregisteret"):
    folder = settings.IMPORT_DIR / "arkiv" / source
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_the_establishments_are_downloaded_archived_and_imported(brreg, settings):
    result = run_job("enhetsregisteret")

    assert Employer.objects.get(orgnr=POSTEN).name == "POSTEN BRING AS ALFASET OMDELING"
    assert "14 lest, 14 opprettet" in result
    [name] = archived(settings)
    assert name.endswith("-underenheter_alle.json.gz")
    download = SourceDownload.objects.get(key="enhetsregisteret-underenheter")
    assert (download.etag, download.last_modified) == ('"v1"', MODIFIED)
    assert download.file.endswith(name)
    path, headers = brreg.requests[0]
    assert path == BULK
    assert headers["Accept"].startswith("application/vnd.brreg.enhetsregisteret.underenhet")
    assert "If-None-Match" not in headers


def test_an_unchanged_file_is_not_downloaded_or_imported_again(brreg, settings):
    run_job("enhetsregisteret")
    runs = ImportRun.objects.count()

    result = run_job("enhetsregisteret")

    _path, headers = brreg.requests[-1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == MODIFIED
    assert "uendret" in result
    assert ImportRun.objects.count() == runs
    assert len(archived(settings)) == 1


def test_a_changed_file_is_downloaded_and_imported(brreg, settings):
    run_job("enhetsregisteret")
    brreg.serve(BULK, underenheter(rename="POSTEN BRING ALFASET"), etag='"v2"')

    run_job("enhetsregisteret")

    assert Employer.objects.get(orgnr=POSTEN).name == "POSTEN BRING ALFASET"
    assert SourceDownload.objects.get().etag == '"v2"'
    assert len(archived(settings)) == 2


def test_503_is_retried_with_back_off(brreg):
    brreg.fail(BULK, 503, 503)

    run_job("enhetsregisteret")

    assert len(brreg.requests) == 3
    assert Employer.objects.filter(orgnr=POSTEN).exists()


def test_a_server_that_stays_down_fails_the_run_which_is_tried_again(brreg, settings):
    brreg.fail(BULK, *[503] * 10)

    with pytest.raises(CommandError, match="prøver igjen"):
        call_command(
            "work", "--run", "enhetsregisteret", stdout=io.StringIO(), stderr=io.StringIO()
        )

    assert len(brreg.requests) == 1 + settings.FETCH_RETRIES
    run = ScheduledRun.objects.get(job="enhetsregisteret")
    assert run.status == ScheduledRun.Status.QUEUED  # the next attempt after a back-off
    assert "svarte 503" in run.last_error
    assert not Employer.objects.exists()
    assert archived(settings) == []


@pytest.mark.parametrize("send_length", [True, False], ids=["content-length", "streamed"])
def test_a_file_over_the_size_limit_is_refused(brreg, settings, send_length):
    settings.FETCH_MAX_BYTES = 1000
    brreg.serve(BULK, underenheter(), send_length=send_length)

    with pytest.raises(FetchFailed, match="større enn grensen på 1000 byte"):
        run_job("enhetsregisteret")

    assert archived(settings) == []  # nor a partial file
    assert not Employer.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html><body>Vedlikehold</body></html>", "mangler gzip-signaturen"),
        (gzip.compress(b'{"feil": "ikke en liste"}'), "ikke en JSON-liste"),
        (underenheter()[:40], "gzip-komprimert JSON"),
    ],
    ids=["html", "not-a-list", "truncated"],
)
def test_a_file_in_the_wrong_format_is_refused_before_the_import(brreg, settings, body, message):
    brreg.serve(BULK, body)

    with pytest.raises(FetchFailed, match=message):
        run_job("enhetsregisteret")

    assert archived(settings) == []
    assert not ImportRun.objects.exists()


def test_a_failed_download_leaves_the_previous_data_untouched(brreg, settings):
    run_job("enhetsregisteret")
    before = list(Employer.objects.order_by("orgnr").values_list("orgnr", "name", "closed_on"))
    download = SourceDownload.objects.values().get()
    runs = ImportRun.objects.count()
    brreg.serve(BULK, b"<html>Feil</html>", etag='"v2"')

    with pytest.raises(FetchFailed):
        run_job("enhetsregisteret")

    after = list(Employer.objects.order_by("orgnr").values_list("orgnr", "name", "closed_on"))
    assert after == before
    assert SourceDownload.objects.values().get() == download  # asks for changes since v1
    assert ImportRun.objects.count() == runs
    assert len(archived(settings)) == 1


def test_a_refused_import_is_downloaded_again_next_time(brreg, settings):
    records = [{"organisasjonsnummer": "123", "navn": "Feil"}] * 3
    brreg.serve(BULK, gzip.compress(json.dumps(records).encode()), etag='"v1"')

    with pytest.raises(ImportFailed):
        run_job("enhetsregisteret")

    assert not SourceDownload.objects.exists()  # not remembered: no 304 next time
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    brreg.serve(BULK, underenheter(), etag='"v1"')
    run_job("enhetsregisteret")
    assert "If-None-Match" not in brreg.requests[-1][1]
    assert Employer.objects.filter(orgnr=POSTEN).exists()
    assert not Employment.objects.exists()


def test_ssb_earnings_are_downloaded_as_json_stat_and_imported(server, settings, styrk08):
    body = (DATA / "ssb/manedslonn-yrke.json").read_bytes()
    settings.SSB_EARNINGS_URL = server.serve(
        "/api/pxwebapi/v2/tables/11418/data", body, etag='"11418-1"'
    )
    settings.SSB_EARNINGS_URL += "?lang=no&outputFormat=json-stat2"

    result = run_job("ssb-lonn")

    assert "opprettet" in result
    assert archived(settings, "ssb")[0].endswith("-lonn.json")
    assert server.requests[0][0].endswith("?lang=no&outputFormat=json-stat2")
    assert "uendret" in run_job("ssb-lonn")


def test_the_real_ssb_response_passes_the_format_check_and_json_stat_1_does_not(tmp_path):
    check_jsonstat(DATA / "ssb/05300.json")  # SSB's real answer for table 05300
    old = tmp_path / "v1.json"
    old.write_text(json.dumps({"dataset": {"dimension": {}, "value": []}}), encoding="utf-8")
    with pytest.raises(FetchFailed, match=r"ikke JSON-stat 2\.0"):
        check_jsonstat(old)


def test_ssb_education_without_an_address_does_nothing(settings):
    settings.SSB_EDUCATION_URL = ""
    assert "SSB_EDUCATION_URL er ikke satt" in run_job("ssb-utdanning")


@pytest.fixture
def klass(server, settings):
    settings.KLASS_URL = server.url("/api/klass/v1/classifications")
    root = "/api/klass/v1/classifications"
    for path, name in [
        ("104/codes", "fylker.json"),
        ("131/codes", "kommuner.json"),
        ("104/changes", "fylke-endringer.json"),
        ("131/changes", "kommune-endringer.json"),
        ("7/codes", "styrk08.json"),
    ]:
        server.serve(f"{root}/{path}", (DATA / "klass" / name).read_bytes())
    server.serve(f"{root}/7/changes", b'{"codeChanges": []}')
    return server


def test_klass_regions_are_downloaded_and_imported_in_order(klass, settings, regions):
    result = run_job("klass-regioner")

    paths = [path.split("?")[0].rsplit("/", 2)[-2:] for path, _headers in klass.requests]
    assert paths == [["104", "codes"], ["131", "codes"], ["104", "changes"], ["131", "changes"]]
    assert all(headers["Accept"] == "application/json" for _p, headers in klass.requests)
    assert "from=" in klass.requests[2][0]
    assert "&to=" in klass.requests[2][0]
    assert len(result.splitlines()) == 3
    assert ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).count() == 3


def test_klass_styrk08_is_downloaded_and_imported(klass, styrk08):
    result = run_job("klass-styrk08")
    assert "styrk" not in result or "lest" in result
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED


def test_a_klass_answer_without_its_list_is_refused(klass, settings):
    klass.serve("/api/klass/v1/classifications/7/codes", b'{"classificationItems": []}')
    with pytest.raises(FetchFailed, match="mangler listen codes"):
        run_job("klass-styrk08")
    assert not ImportRun.objects.exists()


def test_an_unreachable_server_is_a_fetch_failure(settings, tmp_path):
    settings.IMPORT_DIR = tmp_path
    settings.FETCH_RETRIES = 0
    with pytest.raises(FetchFailed, match="Kunne ikke hente"):
        source_download(
            key="x",
            source="ssb",
            url="http://127.0.0.1:9/",
            filename="x.json",
            check=check_jsonstat,
        )
