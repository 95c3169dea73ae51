import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from classifications.models import JobTitle
from employers.models import Employment, OccupationEmployer
from registers.models import ImportRun
from tests.factories import EmployerFactory, EmploymentFactory

pytestmark = pytest.mark.django_db

HEADER = "orgnr;stillingskode;antall_arbeidsforhold;periode\n"
OCTOBER, SEPTEMBER = datetime.date(2026, 10, 1), datetime.date(2026, 9, 1)


@pytest.fixture
def employers(reference_occupation, places):
    return [EmployerFactory(municipality=places["4601"]) for _ in range(3)]


def write(tmp_path, lines, name="aa-2026-10.csv", header=HEADER):
    path = tmp_path / name
    path.write_text(header + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_aa", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def stored(period=OCTOBER):
    return set(
        Employment.objects.filter(period=period).values_list(
            "employer__orgnr", "job_title__code", "count"
        )
    )


def test_a_month_is_imported_and_feeds_the_occupation_page(client, employers, tmp_path):
    a, b, _ = employers
    path = write(tmp_path, [f"{a.orgnr};5134103;3;2026-10", f"{b.orgnr};5134101;2;2026-10"])

    out, _ = run(path)

    assert "2 lest, 2 opprettet, 0 oppdatert, 0 uendret, 0 lukket, 0 avvist" in out
    assert stored() == {(a.orgnr, "5134103", 3), (b.orgnr, "5134101", 2)}
    assert OccupationEmployer.objects.filter(employer=a, employed=3).exists()
    html = client.get("/yrker/tannhelsesekretaer/").content.decode()
    assert "5 arbeidsforhold i yrket i oktober 2026" in html


def test_same_file_again_changes_nothing(employers, tmp_path):
    a, b, _ = employers
    path = write(tmp_path, [f"{a.orgnr};5134103;3;2026-10", f"{b.orgnr};5134101;2;2026-10"])
    run(path)
    out, _ = run(path)
    assert "2 lest, 0 opprettet, 0 oppdatert, 2 uendret, 0 lukket, 0 avvist" in out


def test_a_new_file_for_a_month_replaces_that_month_only(employers, tmp_path):
    a, b, c = employers
    title = JobTitle.objects.get(code="5134103")
    EmploymentFactory(employer=a, job_title=title, period=SEPTEMBER, count=9)
    run(write(tmp_path, [f"{a.orgnr};5134103;3;2026-10", f"{b.orgnr};5134101;2;2026-10"]))

    out, _ = run(
        write(tmp_path, [f"{a.orgnr};5134103;4;2026-10", f"{c.orgnr};5134102;1;2026-10"], "b.csv")
    )

    assert "2 lest, 1 opprettet, 1 oppdatert, 0 uendret, 1 lukket, 0 avvist" in out
    assert stored() == {(a.orgnr, "5134103", 4), (c.orgnr, "5134102", 1)}
    assert stored(SEPTEMBER) == {(a.orgnr, "5134103", 9)}


def test_unknown_job_titles_become_unmapped_titles(employers, tmp_path):
    a, *_ = employers
    run(write(tmp_path, [f"{a.orgnr};9999123;5;2026-10"]))
    title = JobTitle.objects.get(code="9999123")
    assert title.name == ""
    assert JobTitle.objects.filter(pk=title.pk, occupations__isnull=True).exists()
    assert "1 nye stillingstitler uten yrke" in ImportRun.objects.get().message


def test_unmapped_titles_are_listed_in_the_admin(editor_client, employers, tmp_path):
    a, *_ = employers
    run(write(tmp_path, [f"{a.orgnr};9999123;5;2026-10"]))
    response = editor_client.get("/admin/classifications/jobtitle/", {"koblet": "nei"})
    assert [t.code for t in response.context["cl"].queryset] == ["9999123"]


def test_rejected_rows_are_reported_with_line_and_reason(employers, tmp_path):
    a, b, _ = employers
    path = tmp_path / "aa.csv"
    path.write_bytes(
        (
            HEADER
            + f"{a.orgnr};5134103;3;2026-10\n"
            + "974760674;5134103;3;2026-10\n"
            + f"{b.orgnr};513410;3;2026-10\n"
            + f"{b.orgnr};5134103;tre;2026-10\n"
            + f"{b.orgnr};5134103;3;2026-13\n"
            + f"{b.orgnr};5134103;3\n"
            + f"{a.orgnr};5134103;5;2026-10\n"
            + "974760673;5134103;3;2026-10\n"
        ).encode()
        + f"{b.orgnr};5134103;3;2026-10 \xe6\n".encode("latin-1")
    )

    with pytest.raises(CommandError, match="8 av 9 rader ble avvist"):
        run(path)

    rows = ImportRun.objects.get().rejected_rows
    assert [(row["line"], row["reason"]) for row in rows] == [
        (3, "ugyldig organisasjonsnummer '974760674'"),
        (4, "stillingskoden '513410' er ikke 7 sifre"),
        (5, "antall arbeidsforhold 'tre' er ikke et heltall"),
        (6, "ugyldig periode '2026-13' (skriv ÅÅÅÅ-MM)"),
        (7, "har 3 felt, ventet 4"),
        (10, "raden er ikke gyldig UTF-8"),
        (8, f"{a.orgnr} med stillingskode 5134103 står også på linje 2"),
        (9, "ukjent virksomhet 974760673 (ikke i Enhetsregisteret)"),
    ]
    assert not Employment.objects.exists()


def test_valid_rows_are_applied_when_rejections_stay_under_the_threshold(employers, tmp_path):
    a, *_ = employers
    lines = [f"{a.orgnr};{5000000 + n};1;2026-10" for n in range(199)] + [
        "974760674;5134103;1;2026-10"
    ]
    out, err = run(write(tmp_path, lines))
    assert "200 lest, 199 opprettet" in out
    assert "1 avvist" in out
    assert "linje 201: ugyldig organisasjonsnummer '974760674'" in err


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("", [], "er tom"),
        (HEADER, [], "har ingen rader"),
        ("orgnr;stillingskode;antall\n", [], "mangler antall_arbeidsforhold, periode"),
        ("orgnr,stillingskode,antall_arbeidsforhold,periode\n1,2,3,4\n", [], "feil skilletegn"),
        (
            HEADER + "{a};5134103;3;2026-10\n",
            ["--period", "2026-09"],
            "gjelder flere måneder eller feil måned",
        ),
        (
            HEADER + "{a};5134103;3;2026-10\n{a};5134101;3;2026-09\n",
            [],
            "gjelder flere måneder eller feil måned",
        ),
    ],
)
def test_file_level_faults_fail_before_any_write(employers, tmp_path, content, args, message):
    path = tmp_path / "aa.csv"
    path.write_text(content.format(a=employers[0].orgnr), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path, *args)
    assert not Employment.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
