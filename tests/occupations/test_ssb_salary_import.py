"""SSB's monthly earnings by occupation, sector and gender (table 11418 style)."""

import copy
import io
import json
from functools import partial
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from occupations.importers.ssb import ssb_salary_import
from occupations.models import SalaryStatistic
from registers.importing import ImportReport
from registers.models import ImportRun
from tests.factories import StyrkGroupFactory

FILE = Path(__file__).resolve().parent.parent / "data" / "ssb" / "manedslonn-yrke.json"
Measure = SalaryStatistic.Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return StyrkGroupFactory(code="3256", name="Helsesekretærer")


@pytest.fixture
def document():
    return json.loads(FILE.read_text(encoding="utf-8"))


def run(path=FILE):
    out = io.StringIO()
    call_command("import_ssb_salary", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def write(tmp_path, document):
    path = tmp_path / "lonn.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def figure(year, sector, gender, measure):
    row = SalaryStatistic.objects.get(
        year=year, sector_code=sector, gender_code=gender, measure=measure
    )
    return row.value, row.status


def test_every_cell_is_stored_with_labels_and_order(group):
    assert run() == (
        "Statistisk sentralbyrå: 72 lest, 72 opprettet, 0 oppdatert, 0 uendret, 0 lukket, 0 avvist."
    )
    median = SalaryStatistic.objects.get(
        year=2024, sector_code="ALLE", gender_code="0", measure=Measure.MEDIAN
    )
    assert median.styrk_group == group
    assert (median.value, median.status) == (48760, "")
    assert (median.sector_label, median.sector_order) == ("Alle sektorer", 0)
    assert (median.gender_label, median.gender_order) == ("Begge kjønn", 0)
    assert figure(2024, "PRIVAT", "2", Measure.UPPER_QUARTILE) == (55930 + 1240 - 1210, "")
    assert figure(2023, "ALLE", "0", Measure.LOWER_QUARTILE) == (42110 - 1900, "")
    assert str(median) == "3256 2024, Alle sektorer, Begge kjønn: Median 48760 kr"


def test_figures_ssb_does_not_publish_keep_their_status(group):
    run()
    for measure in Measure:
        assert figure(2024, "OFFENTLIG", "1", measure) == (None, ":")
    assert figure(2024, "OFFENTLIG", "0", Measure.LOWER_QUARTILE) == (None, ":")
    assert figure(2024, "OFFENTLIG", "0", Measure.MEDIAN) == (47780, "")
    assert figure(2023, "PRIVAT", "2", Measure.MEAN) == (None, "..")
    assert SalaryStatistic.objects.filter(value__isnull=True).count() == 7


def test_second_run_changes_nothing_and_a_new_figure_updates_one_row(group, document, tmp_path):
    run()
    assert run() == (
        "Statistisk sentralbyrå: 72 lest, 0 opprettet, 0 oppdatert, 72 uendret, 0 lukket, 0 avvist."
    )
    document["value"][1] = 48770  # ALLE, begge kjønn, median, 2024: revised by SSB.
    assert run(write(tmp_path, document)) == (
        "Statistisk sentralbyrå: 72 lest, 0 opprettet, 1 oppdatert, 71 uendret, 0 lukket, 0 avvist."
    )
    assert figure(2024, "ALLE", "0", Measure.MEDIAN) == (48770, "")


def test_a_missing_value_without_status_is_stored_as_missing(group, document, tmp_path):
    document["value"][1] = None
    run(write(tmp_path, document))
    assert figure(2024, "ALLE", "0", Measure.MEDIAN) == (None, "..")


def test_measure_from_maalemetode_and_labels(group, document, tmp_path):
    """SSB's 11418 puts the measure in MaaleMetode and keeps one ContentsCode (Månedslønn)."""
    measure = copy.deepcopy(document["dimension"]["ContentsCode"])
    measure["label"] = "målemetode"
    measure["category"] = {
        "index": {"01": 0, "02": 1, "03": 2, "04": 3},
        "label": {
            "01": "Median",
            "02": "Gjennomsnitt",
            "03": "Nedre kvartil",
            "04": "Øvre kvartil",
        },
    }
    document["dimension"]["MaaleMetode"] = measure
    document["dimension"]["ContentsCode"]["category"] = {
        "index": {"Manedslonn": 0},
        "label": {"Manedslonn": "Månedslønn (kr)"},
    }
    document["id"] = ["Yrke", "Sektor", "Kjonn", "MaaleMetode", "ContentsCode", "Tid"]
    document["size"] = [1, 3, 3, 4, 1, 2]
    run(write(tmp_path, document))
    assert figure(2024, "ALLE", "0", Measure.MEDIAN) == (48760, "")
    assert figure(2024, "ALLE", "0", Measure.UPPER_QUARTILE) == (55930, "")


def test_rejected_cells_name_the_reason(group, document, tmp_path):
    yrke = document["dimension"]["Yrke"]["category"]
    yrke["index"] = {"3256": 0, "9999": 1, "32": 2}
    yrke["label"].update({"9999": "Ukjent (test)", "32": "Ikke yrkesgruppe (test)"})
    document["size"][0] = 3
    document["status"] = {}
    document["value"] = [40000] * 71 + [-5] + [40000] * 144
    report = ImportReport(source="SSB")
    ssb_salary_import(path=write(tmp_path, document), report=report)
    reasons = [str(rejection) for rejection in report.rejections]
    assert reasons[0] == "celle 72: månedslønnen -5 er negativ"
    assert reasons[1] == "celle 73: ukjent yrkesgruppe 9999 (ikke i STYRK-08)"
    assert reasons[73] == "celle 145: yrkeskoden '32' er ikke en yrkesgruppe i STYRK-08 (4 sifre)"
    assert (report.read, report.created, report.rejected) == (216, 71, 145)


def test_a_status_that_is_not_an_ssb_symbol_is_rejected(group, document, tmp_path):
    document["status"]["0"] = "foreløpig"
    report = ImportReport(source="SSB")
    ssb_salary_import(path=write(tmp_path, document), report=report)
    assert [str(rejection) for rejection in report.rejections] == [
        "celle 1: ukjent standardtegn 'foreløpig'"
    ]


def long_sector_code(document):
    category = document["dimension"]["Sektor"]["category"]
    category["index"]["A" * 21] = category["index"].pop("ALLE")
    category["label"]["A" * 21] = category["label"].pop("ALLE")


def rename_measure(document, code, new_code, label):
    category = document["dimension"]["ContentsCode"]["category"]
    category["index"][new_code] = category["index"].pop(code)
    del category["label"][code]
    category["label"][new_code] = label


def no_gender(document):
    position = document["id"].index("Kjonn")
    del document["id"][position], document["size"][position]
    del document["dimension"]["Kjonn"]
    document["value"] = document["value"][:24]
    document["status"] = {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            partial(rename_measure, code="Median", new_code="Jobber", label="Antall jobber"),
            r"ContentsCode Jobber «Antall jobber» er ikke median, gjennomsnitt",
        ),
        (
            partial(rename_measure, code="Gjennomsnitt", new_code="Snitt", label="Median (kr)"),
            r"ContentsCode har to kategorier for median; velg én",
        ),
        (no_gender, r"lonn\.json mangler dimensjonen Kjonn \(har Yrke, Sektor, ContentsCode"),
        (long_sector_code, r"koden 'AAAAAAAAAAAAAAAAAAAAA' i Sektor er lengre enn 20 tegn"),
        (lambda document: document.update({"value": {"999": 1}}), r"nøkkelen '999'"),
        (lambda document: document.update({"version": "1.0"}), r"er ikke JSON-stat 2\.0"),
    ],
)
def test_file_level_faults_fail_before_any_write(group, document, tmp_path, change, message):
    run()
    change(document)
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, document))
    assert SalaryStatistic.objects.count() == 72
    assert ImportRun.objects.latest("started_at").status == ImportRun.Status.FAILED
