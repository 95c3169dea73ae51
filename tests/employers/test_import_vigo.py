import io

import pytest
from django.core.management import CommandError, call_command

from classifications.models import Trade
from employers.models import ApprenticeshipApproval, OccupationEmployer
from regions.models import County
from registers.models import ImportRun
from tests.factories import ApprovalFactory, EmployerFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "orgnr;fylkesnummer;programomradekode;laerefag;godkjent;godkjent_fra;godkjent_til;"
    "lopende_laerekontrakter\n"
)


@pytest.fixture
def setting(demo_content, places):
    """Two employers in Vestland and one in Oslo; Helsearbeiderfaget leads to helsefagarbeider."""
    return {
        "bergen": EmployerFactory(municipality=places["4601"]),
        "voss": EmployerFactory(municipality=places["4621"]),
        "oslo": EmployerFactory(municipality=places["0301"]),
        "trade": Trade.objects.get(name="Helsearbeiderfaget"),
    }


def write(tmp_path, lines, name="vigo-46.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def run(path, county="46", *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_vigo", str(path), "--county", county, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_approvals_are_imported_and_the_trade_gets_its_code(setting, tmp_path):
    bergen, voss = setting["bergen"], setting["voss"]
    path = write(
        tmp_path,
        [
            f"{bergen.orgnr};46;HSHEA3----;Helsearbeiderfaget;ja;2015-08-01;;3",
            f"{voss.orgnr};46;HSHEA3----;Helsearbeiderfaget;nei;2010-01-01;2020-06-30;0",
        ],
    )

    out, _ = run(path)

    assert "2 lest, 2 opprettet" in out
    trade = Trade.objects.get(pk=setting["trade"].pk)
    assert trade.code == "HSHEA3----"
    approval = ApprenticeshipApproval.objects.get(employer=bergen)
    assert (approval.county.code, approval.is_approved, approval.running_contracts) == (
        "46",
        True,
        3,
    )
    assert not ApprenticeshipApproval.objects.get(employer=voss).is_approved
    row = OccupationEmployer.objects.get(employer=bergen, occupation__slug="helsefagarbeider")
    assert (row.is_apprenticeship_company, row.contracts) == (True, 3)
    assert not OccupationEmployer.objects.filter(employer=voss).exists()


def test_second_run_changes_nothing(setting, tmp_path):
    path = write(tmp_path, [f"{setting['bergen'].orgnr};46;HSHEA3----;Helsearbeiderfaget;ja;;;1"])
    run(path)
    out, _ = run(path)
    assert "1 lest, 0 opprettet, 0 oppdatert, 1 uendret, 0 lukket, 0 avvist" in out


def test_a_countys_file_replaces_that_county_only(setting, tmp_path):
    oslo_approval = ApprovalFactory(
        employer=setting["oslo"], trade=setting["trade"], county=County.objects.get(code="03")
    )
    run(write(tmp_path, [f"{setting['bergen'].orgnr};46;HSHEA3----;Helsearbeiderfaget;ja;;;1"]))

    out, _ = run(
        write(
            tmp_path, [f"{setting['voss'].orgnr};46;HSHEA3----;Helsearbeiderfaget;ja;;;2"], "b.csv"
        )
    )

    assert "1 opprettet, 0 oppdatert, 0 uendret, 1 lukket" in out
    assert set(ApprenticeshipApproval.objects.values_list("employer", flat=True)) == {
        setting["voss"].pk,
        oslo_approval.employer_id,
    }


def test_unknown_trade_code_and_name_creates_the_trade(setting, tmp_path):
    run(write(tmp_path, [f"{setting['bergen'].orgnr};46;XYZAB3----;Nytt fag;ja;;;0"]))
    assert Trade.objects.get(code="XYZAB3----").name == "Nytt fag"


def test_bad_rows_are_rejected_with_reasons(setting, tmp_path):
    bergen = setting["bergen"].orgnr
    path = write(
        tmp_path,
        [
            f"{bergen};46;HSHEA3----;Helsearbeiderfaget;ja;;;1",
            "974760674;46;HSHEA3----;Helsearbeiderfaget;ja;;;1",
            f"{bergen};46;HSHEA3----;Helsearbeiderfaget;kanskje;;;1",
            f"{bergen};46;HSHEA3----;Helsearbeiderfaget;ja;2020-13-01;;1",
            f"{bergen};46;HSHEA3----;Helsearbeiderfaget;ja;2020-01-01;2019-01-01;1",
            f"{bergen};46;HSHEA3----;Helsearbeiderfaget;ja;;;mange",
            f"{bergen};46;HSHEA3----;Helsearbeiderfaget;ja;;;2",
            "974760673;46;HSHEA3----;Helsearbeiderfaget;ja;;;1",
        ],
    )
    with pytest.raises(CommandError, match="7 av 8 rader ble avvist"):
        run(path)

    assert [(row["line"], row["reason"]) for row in ImportRun.objects.get().rejected_rows] == [
        (3, "ugyldig organisasjonsnummer '974760674'"),
        (4, "godkjent må være ja eller nei, ikke 'kanskje'"),
        (5, "ugyldig dato (skriv ÅÅÅÅ-MM-DD)"),
        (6, "godkjent til er før godkjent fra"),
        (7, "ugyldig antall lærekontrakter 'mange'"),
        (8, f"{bergen} i HSHEA3---- står også på linje 2"),
        (9, "ukjent virksomhet 974760673 (ikke i Enhetsregisteret)"),
    ]
    assert not ApprenticeshipApproval.objects.exists()


@pytest.mark.parametrize(
    ("content", "county", "message"),
    [
        ("", "46", "er tom"),
        (HEADER, "46", "har ingen rader"),
        (HEADER.replace(";", ","), "46", "feil skilletegn"),
        ("orgnr;fylkesnummer\n", "46", "mangler kolonnene"),
        (
            HEADER + "{orgnr};03;HSHEA3----;Helsearbeiderfaget;ja;;;1\n",
            "46",
            "er ikke for fylke 46",
        ),
        (HEADER, "77", "Ukjent fylkesnummer '77'"),
    ],
)
def test_file_level_faults_fail_before_any_write(setting, tmp_path, content, county, message):
    path = tmp_path / "vigo.csv"
    path.write_text(content.format(orgnr=setting["oslo"].orgnr), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path, county)
    assert not ApprenticeshipApproval.objects.exists()
    assert setting["trade"].code == ""
