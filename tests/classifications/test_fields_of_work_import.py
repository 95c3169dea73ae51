import io

import pytest
from django.core.management import CommandError, call_command

from classifications.models import FieldOfWork, StyrkGroup

pytestmark = pytest.mark.django_db

HEADER = "styrk08_code,styrk_description,category_level1,category_level2\n"


@pytest.fixture
def only_styrk08(db):
    call_command("load_classifications", stdout=io.StringIO())


def test_loads_nav_s_whole_mapping_once(only_styrk08):
    out = io.StringIO()

    call_command("load_fields_of_work", stdout=out)
    call_command("load_fields_of_work", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Yrkesområder (NAV): 407 lest, 127 opprettet, 0 oppdatert")
    assert "406 yrkesgrupper koblet til et område, 0 fjernet." in out.getvalue()
    second = next(line for line in lines[1:] if line.startswith("Yrkesområder"))
    assert second.endswith("0 opprettet, 0 oppdatert, 127 uendret, 0 lukket, 0 avvist")
    assert FieldOfWork.objects.areas().count() == 13  # 14 less «Uoppgitt»
    assert FieldOfWork.objects.fields().count() == 115 - 1
    dental = FieldOfWork.objects.get(styrk_groups__code="3251")
    assert (dental.name, dental.parent.name, dental.slug) == (
        "Tannhelse/-pleie",
        "Helse og sosial",
        "tannhelse-pleie",
    )
    assert not StyrkGroup.objects.get(code="0000").fields_of_work.exists()


def test_a_row_with_an_unknown_code_is_reported_and_nothing_is_written(only_styrk08, tmp_path):
    path = tmp_path / "kategorier.csv"
    path.write_text(
        HEADER + "3251,Tannpleier,Helse og sosial,Tannhelse/-pleie\n"
        "9998,Oppdiktet,Helse og sosial,Tannhelse/-pleie\n"
        "325,Undergruppe,Helse og sosial,Tannhelse/-pleie\n"
        "3256,Helsesekretær,Helse og sosial,\n"
        "3251,Tannpleier,Helse og sosial,Tannhelse/-pleie\n"
        "2223,Sykepleier,Helse og sosial,Sykepleier\n"
        "2224,Vernepleier,Annet,Sykepleier\n",
        encoding="utf-8",
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match="5 avvist"):
        call_command("load_fields_of_work", "--path", path, stdout=io.StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        "Avvist linje 3: STYRK-08-koden '9998' er ingen kjent yrkesgruppe (4 sifre)",
        "Avvist linje 4: STYRK-08-koden '325' er ingen kjent yrkesgruppe (4 sifre)",
        "Avvist linje 5: koden 3256 mangler område eller yrkesområde",
        "Avvist linje 6: koden 3251 står også på linje 2",
        "Avvist linje 8: yrkesområdet «Sykepleier» står også under «Helse og sosial»",
    ]
    assert not FieldOfWork.objects.exists()


def test_a_second_file_moves_a_group_and_keeps_fields_no_longer_named(only_styrk08, tmp_path):
    path = tmp_path / "kategorier.csv"
    path.write_text(HEADER + "3251,Tannpleier,Helse og sosial,Tannhelse/-pleie\n", "utf-8")
    call_command("load_fields_of_work", "--path", path, stdout=io.StringIO())
    path.write_text(HEADER + "3251,Tannpleier,Helse og sosial,Munnhelse\n", "utf-8")
    out = io.StringIO()

    call_command("load_fields_of_work", "--path", path, stdout=out)

    assert FieldOfWork.objects.get(styrk_groups__code="3251").name == "Munnhelse"
    assert "Står ikke lenger i filen (beholdt): Tannhelse/-pleie." in out.getvalue()
    assert not FieldOfWork.objects.get(name="Tannhelse/-pleie").styrk_groups.exists()
