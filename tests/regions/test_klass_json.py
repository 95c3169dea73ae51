"""County and municipality updates from KLASS JSON: renumbering, merges and splits keep links."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from employers.models import ApprenticeshipApproval, Employer, OccupationEmployer
from employers.summary import occupation_employers_refresh
from regions.importers.klass_json import klass_regions_import
from regions.models import County, Municipality, PostalCode, RegionChange
from registers.importing import ImportFailed
from registers.models import DataSource, ImportRun
from registers.runs import import_run
from tests.factories import (
    ApprovalFactory,
    CountyFactory,
    EmployerFactory,
    EmploymentFactory,
    MunicipalityFactory,
    OccupationFactory,
    TradeFactory,
)

pytestmark = pytest.mark.django_db

KLASS = Path(__file__).resolve().parents[1] / "data" / "klass"
COUNTIES, MUNICIPALITIES = KLASS / "fylker.json", KLASS / "kommuner.json"
COUNTY_CHANGES, MUNICIPALITY_CHANGES = (
    KLASS / "fylke-endringer.json",
    KLASS / "kommune-endringer.json",
)


def update(path, kind, changes=None, **options):
    return import_run(
        source=DataSource.Key.SSB,
        path=path,
        importer=klass_regions_import,
        kind=kind,
        changes=changes,
        **options,
    )


def postal_code(code, place, municipality):
    values = {"place": place, "municipality": municipality, "category": "G"}
    return PostalCode.objects.update_or_create(code=code, defaults=values)[0]


def listed(employer):
    """Put the employer on an occupation page, so the read model has a row for it."""
    employment = EmploymentFactory(employer=employer)
    OccupationFactory().job_titles.add(employment.job_title)
    occupation_employers_refresh()


def read_model_place(employer):
    row = OccupationEmployer.objects.select_related("county", "municipality").get(employer=employer)
    return row.county.code, row.municipality.code


@pytest.fixture
def halden_2023():
    """Halden as it was in Viken, with an employer, a postal code and an approval."""
    viken = CountyFactory(code="30", name="Viken")
    halden = MunicipalityFactory(code="3001", name="Halden", county=viken)
    code = postal_code("1751", "HALDEN", halden)
    employer = EmployerFactory(name="Halden Tannklinikk", municipality=halden, postal_code="1751")
    approval = ApprovalFactory(employer=employer, county=viken)
    listed(employer)
    return halden, code, employer, approval


def test_renumbering_changes_the_number_in_place_and_keeps_every_link(halden_2023):
    halden, code, employer, _ = halden_2023
    update(COUNTIES, "fylke")

    run = update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)

    halden.refresh_from_db()
    assert (halden.code, halden.name, halden.county.code) == ("3101", "Halden", "31")
    assert Employer.objects.get(pk=employer.pk).municipality_id == halden.pk
    assert PostalCode.objects.get(pk=code.pk).municipality_id == halden.pk
    assert read_model_place(employer) == ("31", "3101")
    assert not Municipality.objects.filter(code="3001").exists()
    assert "Kommune 3001 Halden har fått nummeret 3101 (Halden) fra 2024-01-01" in run.message
    assert RegionChange.objects.filter(kind="kommune", old_code="3001", new_code="3101").exists()
    assert Municipality.objects.count() == 357


def test_renumbering_to_a_stored_number_moves_the_links_and_removes_the_old_row(
    regions, halden_2023
):
    old, code, employer, _ = halden_2023

    run = update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)

    halden = Municipality.objects.get(code="3101")
    assert Employer.objects.get(pk=employer.pk).municipality == halden
    assert PostalCode.objects.get(pk=code.pk).municipality == halden
    assert read_model_place(employer) == ("31", "3101")
    assert not Municipality.objects.filter(pk=old.pk).exists()
    assert (run.created, run.updated, run.closed) == (0, 0, 1)
    assert "Kommune 3001 Halden er slått inn i 3101 Halden fra 2024-01-01" in run.message


def test_a_merge_moves_the_links_of_every_old_municipality(db):
    sogn = CountyFactory(code="14", name="Sogn og Fjordane")
    flora = MunicipalityFactory(code="1401", name="Flora", county=sogn)
    vagsoy = MunicipalityFactory(code="1439", name="Vågsøy", county=sogn)
    in_flora = EmployerFactory(municipality=flora)
    in_vagsoy = EmployerFactory(municipality=vagsoy)
    listed(in_vagsoy)
    update(COUNTIES, "fylke")

    run = update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)

    kinn = Municipality.objects.get(code="4602")
    assert (kinn.pk, kinn.name, kinn.county.code) == (flora.pk, "Kinn", "46")
    assert list(Employer.objects.filter(municipality=kinn).order_by("pk")) == [in_flora, in_vagsoy]
    assert read_model_place(in_vagsoy) == ("46", "4602")
    assert not Municipality.objects.filter(code__in=["1401", "1439"]).exists()
    assert "Kommune 1439 Vågsøy er slått inn i 4602 Kinn fra 2020-01-01" in run.message


@pytest.fixture
def alesund_2023(db):
    """Ålesund before the 2024 split, with Haram and the new Ålesund already created by a codes
    file and Bring's postal register already moved to them (but one postal code not)."""
    more = CountyFactory(code="15", name="Møre og Romsdal")
    old = MunicipalityFactory(code="1507", name="Ålesund", county=more)
    new = MunicipalityFactory(code="1508", name="Ålesund", county=more)
    haram = MunicipalityFactory(code="1580", name="Haram", county=more)
    postal_code("6270", "BRATTVÅG", haram)
    postal_code("6002", "ÅLESUND", new)
    postal_code("6099", "ÅLESUND", old)
    employers = {
        place: EmployerFactory(name=f"Bedrift {place}", municipality=old, postal_code=code)
        for place, code in [("Brattvåg", "6270"), ("Ålesund", "6002"), ("ukjent", "6099")]
    }
    employers["uten"] = EmployerFactory(name="Bedrift uten", municipality=old, postal_code="")
    update(COUNTIES, "fylke")
    return old, employers


def test_a_split_places_employers_by_postal_code_and_lists_the_rest(alesund_2023):
    old, employers = alesund_2023

    run = update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)

    def place(name):
        return Employer.objects.get(pk=employers[name].pk).municipality.code

    assert place("Brattvåg") == "1580"
    assert place("Ålesund") == "1508"
    assert place("ukjent") == place("uten") == "1508"
    assert PostalCode.objects.get(code="6099").municipality.code == "1508"
    assert not Municipality.objects.filter(pk=old.pk).exists()
    unknown, without = employers["ukjent"], employers["uten"]
    assert run.message.splitlines() == [
        "Kommune 1507 Ålesund er delt i 1508 Ålesund, 1580 Haram fra 2024-01-01; det som ikke "
        "kunne plasseres, er lagt i 1508 Ålesund.",
        f"Kontroller: Bedrift ukjent ({unknown.orgnr}) lå i kommune 1507 Ålesund, og "
        "postnummeret (6099) viser ikke om den ligger i 1508 Ålesund, 1580 Haram. Den er lagt i "
        "1508 Ålesund.",
        f"Kontroller: Bedrift uten ({without.orgnr}) lå i kommune 1507 Ålesund, og "
        "postnummeret (mangler) viser ikke om den ligger i 1508 Ålesund, 1580 Haram. Den er lagt "
        "i 1508 Ålesund.",
        "Kontroller: postnummer 6099 ÅLESUND lå i kommune 1507 Ålesund og er lagt i 1508 Ålesund. "
        "Brings postnummerregister sier hvilken kommune det hører til.",
    ]


def test_a_split_renames_the_old_row_when_its_namesake_is_not_stored(db):
    more = CountyFactory(code="15", name="Møre og Romsdal")
    old = MunicipalityFactory(code="1507", name="Ålesund", county=more)
    employer = EmployerFactory(municipality=old, postal_code="6002")
    update(COUNTIES, "fylke")

    run = update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)

    old.refresh_from_db()
    assert old.code == "1508"
    assert Employer.objects.get(pk=employer.pk).municipality == old
    assert f"({employer.orgnr}) lå i kommune 1507 Ålesund" in run.message


def test_a_county_split_follows_the_municipalities(halden_2023):
    halden, _, in_halden, approval = halden_2023
    viken = halden.county
    baerum = MunicipalityFactory(code="3024", name="Bærum", county=viken)
    in_baerum = EmployerFactory(municipality=baerum)
    in_baerum_approval = ApprovalFactory(employer=in_baerum, county=viken)
    twice = ApprovalFactory(employer=in_baerum, county=viken, trade=TradeFactory())
    nowhere = ApprovalFactory(employer=EmployerFactory(municipality=None), county=viken)
    update(COUNTIES, "fylke")
    update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)
    ApprovalFactory(employer=in_baerum, trade=twice.trade, county=County.objects.get(code="32"))

    run = update(COUNTIES, "fylke", changes=COUNTY_CHANGES)

    def county(approval):
        return ApprenticeshipApproval.objects.get(pk=approval.pk).county.code

    assert (county(approval), county(in_baerum_approval), county(nowhere)) == ("31", "32", "31")
    assert not ApprenticeshipApproval.objects.filter(pk=twice.pk).exists()
    assert Municipality.objects.get(code="3201").county.code == "32"
    assert read_model_place(in_halden) == ("31", "3101")
    assert not County.objects.filter(code="30").exists()
    assert "Fylke 30 Viken er delt i 31 Østfold, 32 Akershus, 33 Buskerud" in run.message
    assert f"godkjenningen av {nowhere.employer}" in run.message
    assert (
        "Antall koblinger fra fylke 30 Viken som fantes fra før i etterfølgeren og er fjernet: 1."
    ) in run.message


def test_a_county_merge_moves_municipalities_and_approvals(db):
    south = CountyFactory(code="16", name="Sør-Trøndelag")
    north = CountyFactory(code="17", name="Nord-Trøndelag")
    trondheim = MunicipalityFactory(code="1601", name="Trondheim", county=south)
    steinkjer = MunicipalityFactory(code="1702", name="Steinkjer", county=north)
    approval = ApprovalFactory(employer=EmployerFactory(municipality=steinkjer), county=north)

    update(COUNTIES, "fylke", changes=COUNTY_CHANGES)

    trondelag = County.objects.get(code="50")
    assert (trondelag.pk, trondelag.name) == (south.pk, "Trøndelag - Trööndelage")
    assert Municipality.objects.get(pk=steinkjer.pk).county == trondelag
    assert Municipality.objects.get(pk=trondheim.pk).county == trondelag
    assert ApprenticeshipApproval.objects.get(pk=approval.pk).county == trondelag
    assert not County.objects.filter(code="17").exists()


def test_the_whole_history_changes_nothing_in_todays_regions(regions):
    run = update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)

    assert (run.read, run.created, run.updated, run.closed, run.rejected) == (952, 0, 0, 0, 0)
    assert run.unchanged == 357 + 594


def test_a_second_run_changes_nothing(halden_2023):
    update(COUNTIES, "fylke")
    update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)

    run = update(MUNICIPALITIES, "kommune", changes=MUNICIPALITY_CHANGES)

    assert (run.created, run.updated, run.closed, run.rejected) == (0, 0, 0, 0)
    assert run.message == ""


def test_a_dry_run_writes_nothing(halden_2023):
    halden = halden_2023[0]

    run = update(COUNTIES, "fylke", dry_run=True)

    assert (run.status, run.created) == (ImportRun.Status.DRY_RUN, 15)
    assert list(County.objects.values_list("code", flat=True)) == ["30"]
    assert Municipality.objects.get(pk=halden.pk).code == "3001"


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "er tom"),
        ('{"codes": [{"code": "46"', "er ikke gyldig JSON"),
        ([{"code": "46", "name": "Vestland"}], "mangler listen «codes»"),
        ({"codeChanges": []}, "mangler listen «codes»"),
        ({"codes": []}, "har ingen poster i «codes»"),
    ],
)
def test_a_faulty_codes_file_writes_nothing(tmp_path, content, message):
    path = write(tmp_path, "fylker.json", content)

    with pytest.raises(ImportFailed, match=message):
        update(path, "fylke")

    assert not County.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[", "er ikke gyldig JSON"),
        ({"codes": []}, "mangler listen «codeChanges»"),
    ],
)
def test_a_faulty_changes_file_writes_nothing(tmp_path, content, message):
    changes = write(tmp_path, "endringer.json", content)

    with pytest.raises(ImportFailed, match=message):
        update(COUNTIES, "fylke", changes=changes)

    assert not County.objects.exists()


def test_a_missing_changes_file_writes_nothing(tmp_path):
    with pytest.raises(ImportFailed, match=r"Finner ikke filen .*endringer\.json"):
        update(COUNTIES, "fylke", changes=tmp_path / "endringer.json")
    assert not County.objects.exists()


def test_an_empty_changes_list_is_a_valid_file(tmp_path):
    run = update(COUNTIES, "fylke", changes=write(tmp_path, "e.json", {"codeChanges": []}))
    assert (run.read, run.created) == (16, 15)


def test_bad_items_are_rejected_by_position(tmp_path):
    codes = write(
        tmp_path,
        "fylker.json",
        {
            "codes": [
                {"code": "46", "name": "Vestland"},
                {"code": "4x", "name": "Feil"},
                "Rogaland",
                {"code": "11", "name": ["Rogaland"]},
                {"code": "50", "name": ""},
                {"code": "46", "name": "Vestland"},
            ]
        },
    )
    changes = write(
        tmp_path,
        "endringer.json",
        {
            "codeChanges": [
                {
                    "oldCode": "12",
                    "oldName": "Hordaland",
                    "newCode": "46",
                    "newName": "Vestland",
                    "changeOccurred": "2020-13-01",
                },
                {
                    "oldCode": "12",
                    "oldName": "Hordaland",
                    "newCode": "4600",
                    "newName": "Vestland",
                    "changeOccurred": "2020-01-01",
                },
            ]
        },
    )

    run = update(codes, "fylke", changes=changes, threshold=1)

    assert [(row["unit"], row["line"], row["reason"]) for row in run.rejected_rows] == [
        ("post", 3, "posten er ikke et JSON-objekt"),
        ("post", 4, "feltet name er ikke tekst"),
        ("post", 2, "nummeret '4x' er ikke 2 sifre"),
        ("post", 5, "50 mangler navn"),
        ("post", 6, "46 står også i post 1"),
        ("post", 1, "endringer.json: ugyldig changeOccurred '2020-13-01'"),
        ("post", 2, "endringer.json: nummeret '4600' er ikke 2 sifre"),
    ]
    assert list(County.objects.values_list("code", flat=True)) == ["46"]


def test_a_municipality_without_its_county_is_rejected(tmp_path):
    codes = write(tmp_path, "kommuner.json", {"codes": [{"code": "4601", "name": "Bergen"}]})

    run = update(codes, "kommune", threshold=1)

    assert run.rejected_rows[0]["reason"] == (
        "fylke 46 finnes ikke for kommune 4601; importer fylkene først"
    )


def test_command_prints_the_summary_and_the_notes(halden_2023):
    out = io.StringIO()
    call_command("import_klass_regions", COUNTIES, "--kind", "fylke", stdout=out)
    call_command(
        "import_klass_regions",
        MUNICIPALITIES,
        "--kind=kommune",
        f"--changes={MUNICIPALITY_CHANGES}",
        stdout=out,
    )

    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "Statistisk sentralbyrå: 16 lest, 15 opprettet, 0 oppdatert, 0 uendret, 0 lukket, 0 avvist."
    )
    assert lines[1].startswith("Statistisk sentralbyrå: 952 lest, 950 opprettet, 1 oppdatert")
    assert "Kommune 3001 Halden har fått nummeret 3101" in lines[2]
