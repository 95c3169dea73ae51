import io

import pytest
from django.core.management import call_command

from regions.models import County, Municipality, PostalCode
from regions.resolve import resolve_county, resolve_municipality

pytestmark = pytest.mark.django_db


def codes(resolution):
    return [region.code for region in resolution.regions]


def test_loads_todays_counties_and_municipalities(regions):
    assert County.objects.count() == 15
    assert Municipality.objects.count() == 357
    assert PostalCode.objects.count() == 5122


def test_official_names_keep_sami_and_kven_forms(regions):
    assert County.objects.get(code="55").name == "Troms - Romsa - Tromssa"
    assert Municipality.objects.get(code="3430").county.code == "34"


def test_postal_codes_use_todays_municipalities(regions):
    assert PostalCode.objects.get(code="1300").municipality.name == "Bærum"
    assert PostalCode.objects.get(code="6270").municipality.code == "1580"
    assert PostalCode.objects.get(code="9170").municipality is None  # Svalbard


def test_second_load_changes_nothing(regions):
    out = io.StringIO()
    call_command("load_regions", stdout=out)
    assert all(" 0 opprettet, 0 oppdatert" in line for line in out.getvalue().splitlines())


@pytest.mark.parametrize(
    ("old", "today"),
    [("3001", ["3101"]), ("0101", ["3101"]), ("4601", ["4601"]), ("1507", ["1508", "1580"])],
)
def test_old_municipality_numbers_resolve_through_chains_and_splits(regions, old, today):
    assert codes(resolve_municipality(old)) == today


def test_old_municipality_keeps_its_old_name(regions):
    resolution = resolve_municipality("3001")
    assert resolution.old_name == "Halden"
    assert not resolution.is_current


@pytest.mark.parametrize(
    ("old", "today"),
    [
        ("30", ["31", "32", "33"]),
        ("38", ["39", "40"]),
        ("54", ["55", "56"]),
        ("16", ["50"]),
        ("05", ["32", "34"]),
        ("46", ["46"]),
    ],
)
def test_old_county_numbers_resolve_through_their_municipalities(regions, old, today):
    assert codes(resolve_county(old)) == today


def test_unknown_numbers_resolve_to_nothing(regions):
    assert codes(resolve_county("77")) == []
    assert codes(resolve_municipality("9999")) == []


def test_a_bad_row_in_a_region_file_writes_nothing(tmp_path, db):
    from regions.importers.klass import regions_import

    data = tmp_path
    (data / "f.csv").write_text("fylkesnummer,navn\n46,Vestland\n4x,Feil\n", encoding="utf-8")
    (data / "k.csv").write_text(
        "kommunenummer,navn,fylkesnummer\n4601,Bergen,46\n4602,Ukjent,47\n", encoding="utf-8"
    )
    (data / "p.csv").write_text(
        "postnummer,poststed,kommunenummer,kategori\n5003,BERGEN,4601,G\n", encoding="utf-8"
    )
    changes = (
        "old_code,old_name,new_code,new_name,change_date\n1201,Bergen,4601,Bergen,2020-01-01\n"
    )
    (data / "ke.csv").write_text(changes, encoding="utf-8")
    (data / "fe.csv").write_text(
        "old_code,old_name,new_code,new_name,change_date\n12,Hordaland,46,Vestland,2020-13-01\n",
        encoding="utf-8",
    )

    reports = regions_import(
        counties=data / "f.csv",
        municipalities=data / "k.csv",
        postal_codes=data / "p.csv",
        municipality_changes=data / "ke.csv",
        county_changes=data / "fe.csv",
    )

    rejected = {report.source: [str(r) for r in report.rejections] for report in reports}
    assert rejected["Fylker"] == ["linje 3: ugyldig fylke '4x' 'Feil'"]
    assert rejected["Kommuner"] == ["linje 3: kommune 4602 hører til ukjent fylke '47'"]
    assert rejected["Fylkesendringer"] == ["linje 2: ugyldig dato '2020-13-01'"]
    assert not County.objects.exists()


def test_the_files_never_undo_a_newer_klass_update(regions):
    from regions.models import RegionChange

    RegionChange.objects.create(
        kind="kommune",
        old_code="4601",
        old_name="Bergen",
        new_code="4699",
        new_name="Bjørgvin",
        changed_on="2026-01-01",
    )
    Municipality.objects.filter(code="4601").update(code="4699", name="Bjørgvin")
    out = io.StringIO()

    call_command("load_regions", stdout=out)

    assert "oppdatert fra KLASS til 01.01.2026" in out.getvalue()
    assert not Municipality.objects.filter(code="4601").exists()
    assert RegionChange.objects.filter(changed_on="2026-01-01").exists()
