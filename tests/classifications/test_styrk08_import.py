import io
import textwrap

import pytest
from django.core.management import CommandError, call_command

from classifications.importers.styrk08 import styrk08_import
from classifications.models import StyrkGroup

pytestmark = pytest.mark.django_db


def write(tmp_path, text, name="styrk.csv"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_loads_the_real_classification_with_its_hierarchy(styrk08):
    assert StyrkGroup.objects.count() == 582
    assert StyrkGroup.objects.filter(level=4).count() == 407
    group = StyrkGroup.objects.get(code="3256")
    assert group.name == "Helsesekretærer"
    assert [group.parent.code, group.parent.parent.code, group.parent.parent.parent.code] == [
        "325",
        "32",
        "3",
    ]
    assert StyrkGroup.objects.get(code="0110").parent.code == "011"


def test_second_run_reports_everything_unchanged(styrk08):
    out = io.StringIO()
    call_command("load_classifications", stdout=out)
    assert out.getvalue().splitlines() == [
        "STYRK-08: 582 lest, 0 opprettet, 0 oppdatert, 582 uendret, 0 lukket, 0 avvist",
        "Lærefag: 182 lest, 0 opprettet, 0 oppdatert, 170 uendret, 0 lukket, 0 avvist",
        "  12 utdanninger er ikke lærefag (ikke opplæring i bedrift).",
    ]


def test_changed_name_is_updated(tmp_path):
    first = write(tmp_path, "code,parent_code,level,name_nb\n1,,1,Ledere\n11,1,2,Politikere\n")
    styrk08_import(path=first)
    second = write(
        tmp_path, "code,parent_code,level,name_nb\n1,,1,Ledere\n11,1,2,Folkevalgte\n", "b.csv"
    )

    report = styrk08_import(path=second)

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert StyrkGroup.objects.get(code="11").name == "Folkevalgte"


def test_malformed_rows_are_named_by_line_and_nothing_is_written(tmp_path):
    path = write(
        tmp_path,
        """
        code,parent_code,level,name_nb
        1,,1,Ledere
        11,1,3,Feil nivå
        1x2,1,3,Ikke sifre
        12,1,2,
        13,1,2,For mange,felt
        """,
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"4 avvist\. Ingenting ble skrevet"):
        call_command("load_classifications", styrk08=path, stderr=err, stdout=io.StringIO())

    assert err.getvalue().splitlines() == [
        "Avvist linje 3: nivået '3' passer ikke med koden 11 (2 sifre)",
        "Avvist linje 4: koden '1x2' er ikke 1–4 sifre",
        "Avvist linje 5: koden 12 mangler navn",
        "Avvist linje 6: har 5 felt, ventet 4",
    ]
    assert not StyrkGroup.objects.exists()


def test_unknown_parent_is_rejected(tmp_path):
    path = write(tmp_path, "code,parent_code,level,name_nb\n1,,1,Ledere\n21,2,2,Foreldreløs\n")
    report = styrk08_import(path=path)
    assert [str(r) for r in report.rejections] == ["linje 3: overordnet kode 2 finnes ikke i filen"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "er tom"),
        ("kode,navn\n1,Ledere\n", "mangler kolonnene code, parent_code, level, name_nb"),
        ("kode;navn\n1;Ledere\n", "bruker feil skilletegn"),
        ("code;parent_code;level;name_nb\n1;;1;Ledere\n", "bruker feil skilletegn"),
    ],
)
def test_file_level_problems_fail_with_a_message(tmp_path, content, message):
    path = tmp_path / "styrk.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("load_classifications", styrk08=path, stdout=io.StringIO())


def test_wrong_encoding_is_reported(tmp_path):
    path = tmp_path / "styrk.csv"
    path.write_bytes("code,parent_code,level,name_nb\n1,,1,Høyskole\n".encode("latin-1"))
    with pytest.raises(CommandError, match="er ikke UTF-8"):
        call_command("load_classifications", styrk08=path, stdout=io.StringIO())
