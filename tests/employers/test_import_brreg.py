import copy
import datetime
import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from employers.models import Employer
from norwegian.collation import stored_sort_key
from registers.models import ImportRun

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data" / "brreg"
REAL = json.loads((DATA / "underenheter-sample.json").read_text(encoding="utf-8"))


def write(tmp_path, records, name="underenheter_alle.json.gz"):
    path = tmp_path / name
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(records, handle, ensure_ascii=False)
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_brreg", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_real_records_in_the_bulk_format(regions, tmp_path):
    out, _ = run(write(tmp_path, REAL))

    assert "14 lest, 14 opprettet" in out
    posten = Employer.objects.get(orgnr="918018395")
    assert posten.name == "POSTEN BRING AS ALFASET OMDELING"
    assert posten.municipality.code == "0301"
    assert posten.address == "Alfaset 3 Industriveien 1"
    assert (posten.postal_code, posten.postal_place) == ("0668", "OSLO")
    assert (posten.nace_code, posten.nace_text) == ("53.100", "Landsdekkende posttjenester")
    assert posten.parent_orgnr == "984661185"
    assert posten.employees == 62
    assert posten.registered_on == datetime.date(2016, 11, 7)
    assert posten.closed_on is None


def test_missing_number_of_employees_means_unknown_not_zero(regions, tmp_path):
    run(write(tmp_path, REAL))
    assert Employer.objects.get(orgnr="991770526").employees is None
    assert Employer.objects.get(orgnr="981452992").employees == 0  # old format, says 0


def test_second_run_changes_nothing(regions, tmp_path):
    path = write(tmp_path, REAL)
    run(path)
    out, _ = run(path)
    assert "14 lest, 0 opprettet, 0 oppdatert, 14 uendret, 0 lukket, 0 avvist" in out


def test_changed_record_is_updated(regions, tmp_path):
    run(write(tmp_path, REAL))
    changed = copy.deepcopy(REAL)
    changed[0]["navn"] = "POSTEN BRING AS ALFASET"
    out, _ = run(write(tmp_path, changed, "b.json.gz"))
    assert "1 oppdatert, 13 uendret" in out
    assert Employer.objects.get(orgnr="918018395").name == "POSTEN BRING AS ALFASET"


def test_the_import_stores_each_name_with_its_sort_key(regions, tmp_path):
    run(write(tmp_path, REAL))
    changed = copy.deepcopy(REAL)
    changed[0]["navn"] = "ÅLESUND POSTKONTOR"
    run(write(tmp_path, changed, "b.json.gz"))

    for employer in Employer.objects.all():
        assert bytes(employer.sort_name) == stored_sort_key(employer.name), employer.name
    assert Employer.objects.order_by("sort_name").last().name == "ÅLESUND POSTKONTOR"


def test_closing_date_and_deleted_stub_close_without_deleting(regions, tmp_path):
    run(write(tmp_path, REAL))
    changed = copy.deepcopy(REAL)
    changed[0]["nedleggelsesdato"] = "2026-10-31"
    changed[1] = {
        "organisasjonsnummer": changed[1]["organisasjonsnummer"],
        "navn": changed[1]["navn"],
        "organisasjonsform": changed[1]["organisasjonsform"],
        "slettedato": "2026-11-02",
    }

    out, _ = run(write(tmp_path, changed, "b.json.gz"))

    assert "2 lukket" in out
    assert Employer.objects.get(orgnr="918018395").closed_on == datetime.date(2026, 10, 31)
    stub = Employer.objects.get(orgnr="983498221")
    assert stub.closed_on == datetime.date(2026, 11, 2)
    assert stub.address  # The stub does not wipe what we knew.
    assert Employer.objects.count() == 14


def test_full_file_closes_establishments_it_no_longer_lists(regions, tmp_path):
    run(write(tmp_path, REAL))
    out, _ = run(write(tmp_path, REAL[1:], "b.json.gz"), "--full")
    assert "1 lukket" in out
    assert Employer.objects.get(orgnr=REAL[0]["organisasjonsnummer"]).is_closed


def test_full_file_that_is_far_too_small_is_refused(regions, tmp_path):
    run(write(tmp_path, REAL))
    with pytest.raises(CommandError, match="det ser ikke ut som en full fil"):
        run(write(tmp_path, REAL[:3], "b.json.gz"), "--full")
    assert not Employer.objects.filter(closed_on__isnull=False).exists()


def test_parent_names_come_from_the_legal_units_file(regions, tmp_path):
    run(write(tmp_path, REAL), "--enheter", str(DATA / "enheter-sample.json"))
    assert Employer.objects.get(orgnr="991770526").parent_name == "EQUINOR ASA"
    assert "5 virksomheter fikk oppdatert navn på overordnet enhet." in (
        ImportRun.objects.get().message
    )


def test_bad_records_are_rejected_with_position_and_reason(regions, tmp_path):
    records = copy.deepcopy(REAL)
    records[2]["organisasjonsnummer"] = "973160835"
    records[3]["beliggenhetsadresse"]["kommunenummer"] = "9876"
    records[4]["antallAnsatte"] = "mange"
    records[5]["navn"] = ""
    records.append(copy.deepcopy(REAL[0]))

    with pytest.raises(CommandError, match="5 av 15 rader ble avvist"):
        run(write(tmp_path, records))

    run_record = ImportRun.objects.get()
    assert [(row["line"], row["reason"]) for row in run_record.rejected_rows] == [
        (3, "ugyldig organisasjonsnummer '973160835'"),
        (4, "973160680 ligger i ukjent kommune '9876'"),
        (5, "974072270 har ugyldig antall ansatte 'mange'"),
        (6, "975901408 mangler navn"),
        (15, "918018395 står to ganger i filen"),
    ]
    assert run_record.status == ImportRun.Status.FAILED
    assert not Employer.objects.exists()


def test_under_the_threshold_the_valid_records_are_applied(regions, tmp_path):
    records = copy.deepcopy(REAL)
    records[2]["organisasjonsnummer"] = "973160835"
    out, err = run(write(tmp_path, records), "--threshold", "10")
    assert "13 opprettet" in out
    assert "post 3: ugyldig organisasjonsnummer '973160835'" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "er tom"),
        (gzip.compress(b"")[:10], "er avkortet eller ikke en gyldig gzip-fil"),
        (
            gzip.compress(json.dumps(REAL).encode())[:-200],
            "er avkortet eller ikke en gyldig gzip-fil",
        ),
        (gzip.compress(b'[{"organisasjonsnummer": "918018395",'), "er ikke gyldig JSON"),
        (gzip.compress(b"[]"), "har ingen virksomheter"),
        (gzip.compress(b'{"_embedded": {}}'), "har ingen virksomheter"),
        (b"not gzip at all", "er avkortet eller ikke en gyldig gzip-fil"),
    ],
)
def test_file_level_faults_fail_before_any_write(regions, tmp_path, content, message):
    path = tmp_path / "underenheter_alle.json.gz"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path)
    assert not Employer.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_plain_json_works_too(regions, tmp_path):
    path = tmp_path / "underenheter.json"
    path.write_text(json.dumps(REAL), encoding="utf-8")
    out, _ = run(path)
    assert "14 opprettet" in out
