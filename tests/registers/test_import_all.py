import gzip
import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from employers.models import ApprenticeshipApproval, Employer, Employment
from registers.models import ImportRun

pytestmark = pytest.mark.django_db

BRREG = Path(__file__).resolve().parent.parent / "data" / "brreg"
POSTEN, DNB_OSLO = "918018395", "983498221"


@pytest.fixture
def inbox(tmp_path, demo_content, regions, settings):
    settings.IMPORT_DIR = tmp_path / "inbox"
    for folder in ("enhetsregisteret", "aa-registeret", "vigo"):
        (settings.IMPORT_DIR / folder).mkdir(parents=True)
    with gzip.open(settings.IMPORT_DIR / "enhetsregisteret/underenheter_alle.json.gz", "wb") as out:
        out.write((BRREG / "underenheter-sample.json").read_bytes())
    shutil.copy(
        BRREG / "enheter-sample.json", settings.IMPORT_DIR / "enhetsregisteret/enheter_alle.json"
    )
    (settings.IMPORT_DIR / "aa-registeret/aa-2026-10.csv").write_text(
        "orgnr;stillingskode;antall_arbeidsforhold;periode\n"
        f"{POSTEN};5134103;2;2026-10\n{DNB_OSLO};5134101;1;2026-10\n",
        encoding="utf-8",
    )
    (settings.IMPORT_DIR / "vigo/vigo-03.csv").write_text(
        "orgnr;fylkesnummer;programomradekode;laerefag;godkjent;godkjent_fra;godkjent_til;"
        f"lopende_laerekontrakter\n{POSTEN};03;HSHEA3----;Helsearbeiderfaget;ja;2019-08-01;;2\n",
        encoding="utf-8",
    )
    return settings.IMPORT_DIR


def test_imports_everything_in_order_and_archives_the_files(inbox):
    out = io.StringIO()
    call_command("import_all", stdout=out)

    assert Employer.objects.count() == 14
    assert Employment.objects.count() == 2
    assert ApprenticeshipApproval.objects.count() == 1
    assert Employer.objects.get(orgnr="991770526").parent_name == "EQUINOR ASA"
    assert [run.source.key for run in ImportRun.objects.order_by("started_at")] == [
        "enhetsregisteret",
        "aa-registeret",
        "vigo",
    ]
    assert not list(inbox.glob("*/*.*"))
    assert len(list((inbox / "arkiv").glob("*/*"))) == 4
    assert "underenheter_alle.json.gz: 14 lest, 14 opprettet" in out.getvalue()


def test_a_failing_file_does_not_stop_the_others_but_fails_the_command(inbox):
    (inbox / "vigo/vigo-03.csv").write_text("feil\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 import"):
        call_command("import_all", stdout=io.StringIO(), stderr=io.StringIO())
    assert Employment.objects.count() == 2
    assert (inbox / "vigo/vigo-03.csv").exists()


def test_only_and_dry_run(inbox):
    call_command("import_all", "--only", "enhetsregisteret", "--dry-run", stdout=io.StringIO())
    assert not Employer.objects.exists()
    assert (inbox / "enhetsregisteret/underenheter_alle.json.gz").exists()
    assert ImportRun.objects.get().status == ImportRun.Status.DRY_RUN


def test_editors_content_is_never_touched(inbox):
    from occupations.models import Occupation

    def content():
        return list(
            Occupation.objects.order_by("pk").values_list(
                "title", "lead", "description", "updated_at", "status"
            )
        ), list(Occupation.job_titles.through.objects.order_by("pk").values_list())

    before = content()
    call_command("import_all", stdout=io.StringIO())
    assert content() == before


def test_an_unexpected_error_is_reported_and_the_other_files_still_run(inbox, monkeypatch):
    """Finding 3: import_all stopped at the first unexpected error. It now goes on with the
    other files and reports every failure."""
    from employers import import_jobs

    def broken(**kwargs):
        raise KeyError("kolonne")

    jobs = [
        replace(job, importer=broken) if job.source == "aa-registeret" else job
        for job in import_jobs.JOBS
    ]
    monkeypatch.setattr(import_jobs, "JOBS", jobs)
    (inbox / "vigo/vigo-46.csv").write_text("feil\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="2 import"):
        call_command("import_all", stdout=io.StringIO(), stderr=err)

    assert Employer.objects.count() == 14  # before the broken one
    assert ApprenticeshipApproval.objects.count() == 1  # after it
    assert "aa-2026-10.csv: uventet feil (KeyError: 'kolonne')" in err.getvalue()
    assert "vigo-46.csv:" in err.getvalue()
    assert ImportRun.objects.get(source__key="aa-registeret").status == ImportRun.Status.FAILED


def test_says_so_when_there_is_nothing_to_import(tmp_path, settings):
    settings.IMPORT_DIR = tmp_path / "empty"
    out = io.StringIO()
    call_command("import_all", "--only", "vigo", stdout=out)
    assert out.getvalue() == (
        f"Ingen filer å importere i {settings.IMPORT_DIR} (se docs/data-feeds.md for mapper og "
        "filnavn).\n"
    )
    assert not ImportRun.objects.exists()
