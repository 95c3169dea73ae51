"""SSB's employed persons by education and occupation, imported as graduates' shares."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from occupations.importers.ssb import ssb_education_import
from occupations.models import GraduateOutcome
from registers.importing import ImportReport
from registers.models import ImportRun
from tests.factories import EducationFactory, GraduateOutcomeFactory, StyrkGroupFactory

DATA = Path(__file__).resolve().parent.parent / "data" / "ssb"
FILE = DATA / "sysselsatte-utdanning-yrke.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    return {
        code: StyrkGroupFactory(code=code, name=name)
        for code, name in [
            ("3256", "Helsesekretærer"),
            ("5321", "Helsefagarbeidere"),
            ("4110", "Kontormedarbeidere"),
            ("9112", "Renholdere i bedrifter"),
        ]
    }


@pytest.fixture
def educations():
    return {
        "464201": EducationFactory(nus_code="464201", name="Tannhelsesekretær"),
        "761102": EducationFactory(nus_code="761102", name="Testutdanning B"),
    }


def shares(education):
    return {
        (outcome.year, outcome.styrk_group.code): outcome.share_percent
        for outcome in education.outcomes.select_related("styrk_group")
    }


def run(path=FILE):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_ssb_education", str(path), stdout=out, stderr=err)
    return out.getvalue().splitlines()[0], err.getvalue()  # The summary; notes follow it.


def test_shares_per_education_unit_group_and_year(groups, educations):
    out, err = run()
    assert out == (
        "Statistisk sentralbyrå: 16 lest, 9 opprettet, 0 oppdatert, 0 uendret, 0 lukket, 0 avvist."
    )
    assert err == ""
    # The suppressed cell (9112 in 2023) is in neither the share nor the total; a zero is not
    # stored.
    assert shares(educations["464201"]) == {
        (2022, "3256"): Decimal("50.0"),
        (2022, "5321"): Decimal("30.0"),
        (2022, "4110"): Decimal("20.0"),
        (2023, "3256"): Decimal("60.0"),
        (2023, "5321"): Decimal("25.0"),
        (2023, "4110"): Decimal("15.0"),
    }
    assert shares(educations["761102"]) == {
        (2023, "3256"): Decimal("25.0"),
        (2023, "5321"): Decimal("25.0"),
        (2023, "9112"): Decimal("50.0"),
    }
    run_record = ImportRun.objects.get()
    assert run_record.status == ImportRun.Status.SUCCEEDED
    assert run_record.message == "6 celler er ikke publisert av SSB og ble hoppet over."


def test_second_run_changes_nothing(groups, educations):
    run()
    out, _err = run()
    assert out == (
        "Statistisk sentralbyrå: 16 lest, 0 opprettet, 0 oppdatert, 9 uendret, 0 lukket, 0 avvist."
    )
    assert GraduateOutcome.objects.count() == 9


def test_file_replaces_its_education_years_and_nothing_else(groups, educations):
    tannhelse = educations["464201"]
    GraduateOutcomeFactory(education=tannhelse, styrk_group=groups["3256"], year=2023)
    GraduateOutcomeFactory(education=tannhelse, styrk_group=groups["9112"], year=2023)
    GraduateOutcomeFactory(education=tannhelse, styrk_group=groups["9112"], year=2019)
    other = GraduateOutcomeFactory(styrk_group=groups["9112"], year=2023)

    out, _err = run()

    assert out == (
        "Statistisk sentralbyrå: 16 lest, 8 opprettet, 1 oppdatert, 0 uendret, 1 lukket, 0 avvist."
    )
    assert shares(tannhelse)[2023, "3256"] == Decimal("60.0")
    assert (2023, "9112") not in shares(tannhelse)
    assert shares(tannhelse)[2019, "9112"] == Decimal("12.5")
    assert GraduateOutcome.objects.filter(pk=other.pk).exists()


def test_rejected_cells_name_the_reason(groups, educations):
    report = ImportReport(source="SSB")
    ssb_education_import(path=DATA / "sysselsatte-avvist.json", report=report)

    assert [str(rejection) for rejection in report.rejections] == [
        "celle 2: antall sysselsatte 2.5 er ikke et helt tall",
        "celle 3: ukjent yrkesgruppe 9999 (ikke i STYRK-08)",
        "celle 4: yrkeskoden '32' er ikke en yrkesgruppe i STYRK-08 (4 sifre)",
        "celle 5: ukjent NUS-kode 999999 (ingen utdanning har den)",
        "celle 6: ukjent NUS-kode 999999 (ingen utdanning har den)",
        "celle 7: ukjent NUS-kode 999999 (ingen utdanning har den)",
        "celle 8: ukjent NUS-kode 999999 (ingen utdanning har den)",
    ]
    assert (report.read, report.created, report.rejected) == (8, 1, 7)
    # Those in an unknown unit group still count among the employed: 30 of 30 + 10.
    assert shares(educations["464201"]) == {(2023, "3256"): Decimal("75.0")}


def test_too_many_rejected_cells_write_nothing(groups, educations):
    with pytest.raises(CommandError, match=r"7 av 8 rader ble avvist"):
        run(DATA / "sysselsatte-avvist.json")
    assert not GraduateOutcome.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def write(tmp_path, change):
    document = json.loads(FILE.read_text(encoding="utf-8"))
    change(document)
    path = tmp_path / "ssb.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def rename_education(document):
    document["id"][0] = "Fagfelt"
    document["dimension"]["Fagfelt"] = document["dimension"].pop("Utdanning")


def two_contents(document):
    contents = document["dimension"]["ContentsCode"]["category"]
    contents["index"]["Andel"] = 1
    contents["label"]["Andel"] = "Andel"
    document["size"][2] = 2
    document["value"] += document["value"]


def quarters(document):
    time = document["dimension"]["Tid"]["category"]
    time["index"] = {"2023K1": 0, "2023K2": 1}
    time["label"] = {"2023K1": "2023K1", "2023K2": "2023K2"}


def extra_dimension(document):
    document["id"].insert(0, "Kjonn")
    document["size"].insert(0, 2)
    document["dimension"]["Kjonn"] = {"category": {"index": ["1", "2"]}}
    document["value"] += document["value"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (rename_education, r"ssb\.json mangler dimensjonen Utdanning eller NUS \(har Fagfelt"),
        (two_contents, r"ContentsCode skal ha én kategori \(antall sysselsatte\), har Sysselsatte"),
        (quarters, r"Tid skal være årstall, ikke '2023K1'"),
        (extra_dimension, r"dimensjonen Kjonn har 2 kategorier; velg én av dem"),
        (lambda document: document["value"].pop(), r"value har 15 verdier, men size"),
        (lambda document: document.pop("dimension"), r"mangler dimension"),
        (lambda document: document.update({"class": "collection"}), r"ikke et JSON-stat-datasett"),
    ],
)
def test_file_level_faults_fail_before_any_write(groups, educations, tmp_path, change, message):
    GraduateOutcomeFactory(education=educations["464201"], year=2023)
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, change))
    assert GraduateOutcome.objects.count() == 1
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_invalid_json_fails_with_its_position(educations, tmp_path):
    path = tmp_path / "ssb.json"
    path.write_text('{"version": "2.0", "class": "dataset",\n "id": [', encoding="utf-8")
    with pytest.raises(CommandError, match=r"ssb\.json er ikke gyldig JSON \(linje 2"):
        run(path)
