"""What every register import shares: run records, dry runs, the lock, and all-or-nothing."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from employers.models import Employment
from registers.models import DataSource, ImportRun
from tests.factories import EmployerFactory
from tests.locks import held_elsewhere

pytestmark = pytest.mark.django_db

HEADER = "orgnr;stillingskode;antall_arbeidsforhold;periode\n"


@pytest.fixture
def aa_file(reference_occupation, places, tmp_path):
    employer = EmployerFactory(municipality=places["4601"])
    path = tmp_path / "aa-2026-10.csv"
    path.write_text(HEADER + f"{employer.orgnr};5134103;3;2026-10\n", encoding="utf-8")
    return path


def import_aa(path, *args):
    out = io.StringIO()
    call_command("import_aa", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_successful_run_is_recorded_and_dates_the_source(aa_file):
    before = timezone.now()
    import_aa(aa_file)

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.SUCCEEDED
    assert (run.file, run.read, run.created, run.rejected) == ("aa-2026-10.csv", 1, 1, 0)
    assert run.finished_at >= run.started_at
    assert DataSource.objects.get(key="aa-registeret").refreshed_at >= before


def test_dry_run_validates_and_reports_without_writing(aa_file):
    out = import_aa(aa_file, "--dry-run")
    assert out.startswith("Prøvekjøring, ingenting lagret. NAV: 1 lest, 1 opprettet")
    assert not Employment.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.DRY_RUN
    assert DataSource.objects.get(key="aa-registeret").refreshed_at is None


def test_a_failure_inside_the_transaction_leaves_the_database_as_it_was(aa_file, monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("strømmen gikk")

    # The change is recorded after every employment row is written: the worst moment to fail.
    monkeypatch.setattr("employers.importers.aa.changes_record", crash)

    with pytest.raises(RuntimeError):
        import_aa(aa_file)

    assert not Employment.objects.exists()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert run.message == "RuntimeError: strømmen gikk"
    assert DataSource.objects.get(key="aa-registeret").refreshed_at is None


def test_two_runs_of_the_same_source_cannot_overlap(aa_file, settings, tmp_path):
    settings.IMPORT_LOCK_DIR = tmp_path / "locks"
    with (
        held_elsewhere("aa-registeret"),
        pytest.raises(CommandError, match="En import fra NAV kjører allerede"),
    ):
        import_aa(aa_file)
    assert not Employment.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
    import_aa(aa_file)  # Once the other run is done, the next one goes ahead.
    assert Employment.objects.count() == 1


def test_another_source_is_not_blocked(aa_file, settings, tmp_path):
    settings.IMPORT_LOCK_DIR = tmp_path / "locks"
    with held_elsewhere("vigo"):
        import_aa(aa_file)
    assert Employment.objects.count() == 1


def test_the_updated_date_on_the_page_follows_success_not_failure(client, aa_file, tmp_path):
    DataSource.objects.filter(key="aa-registeret").update(
        refreshed_at=timezone.make_aware(datetime.datetime(2026, 10, 13, 6, 0))
    )
    broken = tmp_path / "broken.csv"
    broken.write_text("orgnr,stillingskode\n", encoding="utf-8")
    with pytest.raises(CommandError):
        import_aa(broken)
    assert "Oppdatert 13. oktober 2026" in client.get("/yrker/tannhelsesekretaer/").content.decode()

    import_aa(aa_file)

    today = timezone.localdate()
    html = client.get("/yrker/tannhelsesekretaer/").content.decode()
    assert f"Oppdatert {today.day}. " in html
    assert "Oppdatert 13. oktober 2026" not in html


def test_a_missing_file_fails_clearly(db):
    with pytest.raises(CommandError, match="Finner ikke filen"):
        import_aa("/finnes/ikke.csv")


def test_runs_are_listed_in_the_admin(editor_client, aa_file):
    import_aa(aa_file)
    response = editor_client.get("/admin/registers/importrun/")
    assert response.status_code == 200
    assert "aa-2026-10.csv" in response.content.decode()


def test_a_run_killed_half_way_is_closed_by_the_next_one(aa_file):
    """Finding 3: a run whose process died stayed "running" for ever. It committed nothing;
    the next run of the source, once it holds the lock, records that."""
    source = DataSource.objects.get(key=DataSource.Key.AA_REGISTERET)
    dead = ImportRun.objects.create(source=source, file="aa-2026-09.csv")
    other_source = ImportRun.objects.create(
        source=DataSource.objects.get(key=DataSource.Key.VIGO), file="vigo-46.csv"
    )

    import_aa(aa_file)

    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.FAILED
    assert dead.finished_at is not None
    assert dead.message.startswith("Avbrutt: prosessen stoppet før importen var ferdig")
    other_source.refresh_from_db()
    assert other_source.status == ImportRun.Status.RUNNING  # its own lock may still be held
    assert ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).count() == 1
