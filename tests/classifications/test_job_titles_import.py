import io

import pytest
from django.core.management import CommandError, call_command

from classifications.models import JobTitle

pytestmark = pytest.mark.django_db


def test_accepts_a_full_list_and_links_unit_groups(styrk08, tmp_path):
    path = tmp_path / "titler.csv"
    path.write_text(
        "code,name,styrk08\n5134103,TANNHELSESEKRETÆR,3256\n9999001,UKJENT GRUPPE,\n",
        encoding="utf-8",
    )
    out = io.StringIO()

    call_command("load_job_titles", path, stdout=out)
    call_command("load_job_titles", path, stdout=out)

    assert out.getvalue().splitlines() == [
        "Stillingstitler: 2 lest, 2 opprettet, 0 oppdatert, 0 uendret, 0 lukket, 0 avvist",
        "Stillingstitler: 2 lest, 0 opprettet, 0 oppdatert, 2 uendret, 0 lukket, 0 avvist",
    ]
    assert JobTitle.objects.get(code="5134103").unit_group.name == "Helsesekretærer"
    assert JobTitle.objects.get(code="9999001").unit_group is None


def test_bad_rows_are_reported_and_nothing_is_written(styrk08, tmp_path):
    path = tmp_path / "titler.csv"
    path.write_text(
        "code,name,styrk08\n"
        "5134103,TANNHELSESEKRETÆR,3256\n"
        "513410,FOR KORT,3256\n"
        "5134101,UKJENT STYRK,9998\n"
        "5134103,DUPLIKAT,3256\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("load_job_titles", path, stderr=err, stdout=io.StringIO())
    assert err.getvalue().splitlines() == [
        "Avvist linje 3: koden '513410' er ikke 7 sifre",
        "Avvist linje 4: STYRK-08-koden '9998' er ikke en kjent yrkesgruppe",
        "Avvist linje 5: koden 5134103 står også på linje 2",
    ]
    assert not JobTitle.objects.exists()


def test_the_database_refuses_a_code_that_is_not_seven_digits(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        JobTitle.objects.create(code="12345", name="FOR KORT")
