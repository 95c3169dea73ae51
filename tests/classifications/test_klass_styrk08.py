"""STYRK-08 updates from KLASS JSON: groups and parents, renumbering that keeps links."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from classifications.importers.klass_json import klass_styrk08_import
from classifications.models import JobTitle, StyrkGroup
from occupations.models import GraduateOutcome
from registers.importing import ImportFailed
from registers.models import DataSource, ImportRun
from registers.runs import import_run
from tests.factories import (
    GraduateOutcomeFactory,
    JobTitleFactory,
    OccupationFactory,
    StyrkGroupFactory,
)

pytestmark = pytest.mark.django_db

CODES = Path(__file__).resolve().parents[1] / "data" / "klass" / "styrk08.json"


def update(changes=None, path=CODES, **options):
    return import_run(
        source=DataSource.Key.SSB,
        path=path,
        importer=klass_styrk08_import,
        changes=changes,
        **options,
    )


def changes_file(tmp_path, *changes):
    """A changes file in KLASS's shape. STYRK-08 has no published code changes to copy, so the
    tests make them up: old codes 3252, 3253 and 3255, which STYRK-08 does not use."""
    items = [
        {
            "oldCode": old,
            "oldName": old_name,
            "oldShortName": "",
            "newCode": new,
            "newName": new_name,
            "newShortName": "",
            "changeOccurred": "2027-01-01",
        }
        for old, old_name, new, new_name in changes
    ]
    path = tmp_path / "styrk-endringer.json"
    path.write_text(json.dumps({"codeChanges": items}, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def old_group():
    """A unit group under 325 with a job title, an occupation and a graduate outcome."""
    group = StyrkGroupFactory(code="3252", name="Gamle helsesekretærer")
    title = JobTitleFactory(code="5134103", name="TANNHELSESEKRETÆR", unit_group=group)
    occupation = OccupationFactory(title="Tannhelsesekretær")
    occupation.styrk_groups.add(group)
    outcome = GraduateOutcomeFactory(styrk_group=group)
    return group, title, occupation, outcome


def test_loads_the_classification_with_its_hierarchy():
    run = update()

    assert (run.read, run.created, run.rejected) == (582, 582, 0)
    group = StyrkGroup.objects.get(code="3256")
    assert group.name == "Helsesekretærer"
    assert group.parent.code == "325"
    assert StyrkGroup.objects.get(code="0110").parent.code == "011"


def test_says_what_the_csv_says(styrk08):
    run = update()
    assert (run.unchanged, run.created, run.updated) == (582, 0, 0)


def test_renumbering_changes_the_code_in_place_and_keeps_every_link(tmp_path, old_group):
    group, title, occupation, outcome = old_group
    changes = changes_file(tmp_path, ("3252", "Gamle helsesekretærer", "3256", "Helsesekretærer"))

    run = update(changes)

    group.refresh_from_db()
    assert (group.code, group.name, group.parent.code) == ("3256", "Helsesekretærer", "325")
    assert JobTitle.objects.get(pk=title.pk).unit_group_id == group.pk
    assert list(occupation.styrk_groups.all()) == [group]
    assert GraduateOutcome.objects.get(pk=outcome.pk).styrk_group_id == group.pk
    assert (run.created, run.updated) == (578, 4)  # 3 ancestors had factory names
    assert "STYRK-08 3252 Gamle helsesekretærer har fått koden 3256" in run.message


def test_renumbering_to_a_stored_code_moves_the_links(styrk08, tmp_path, old_group):
    group, title, occupation, outcome = old_group
    changes = changes_file(tmp_path, ("3252", "Gamle helsesekretærer", "3256", "Helsesekretærer"))

    run = update(changes)

    new = StyrkGroup.objects.get(code="3256")
    assert JobTitle.objects.get(pk=title.pk).unit_group == new
    assert list(occupation.styrk_groups.all()) == [new]
    assert GraduateOutcome.objects.get(pk=outcome.pk).styrk_group == new
    assert not StyrkGroup.objects.filter(pk=group.pk).exists()
    assert run.closed == 1


def test_a_merge_moves_links_and_drops_what_would_be_twice(styrk08, tmp_path, old_group):
    _, title, occupation, outcome = old_group
    other = StyrkGroupFactory(code="3253", name="Gamle legesekretærer")
    occupation.styrk_groups.add(other)
    GraduateOutcomeFactory(
        styrk_group=other, education=outcome.education, year=outcome.year, share_percent="3.0"
    )
    other_title = JobTitleFactory(unit_group=other)
    changes = changes_file(
        tmp_path,
        ("3252", "Gamle helsesekretærer", "3256", "Helsesekretærer"),
        ("3253", "Gamle legesekretærer", "3256", "Helsesekretærer"),
    )

    run = update(changes)

    new = StyrkGroup.objects.get(code="3256")
    assert set(JobTitle.objects.filter(unit_group=new)) == {title, other_title}
    assert list(occupation.styrk_groups.all()) == [new]
    assert list(GraduateOutcome.objects.filter(styrk_group=new)) == [outcome]
    assert not StyrkGroup.objects.filter(code__in=["3252", "3253"]).exists()
    assert (
        "Antall koblinger fra STYRK-08 3253 Gamle legesekretærer som fantes fra før i 3256 og er "
        "fjernet: 2."
    ) in run.message.splitlines()


def test_a_split_keeps_the_links_and_lists_them_for_an_editor(styrk08, tmp_path, old_group):
    group, title, occupation, outcome = old_group
    changes = changes_file(
        tmp_path,
        ("3252", "Gamle helsesekretærer", "3256", "Helsesekretærer"),
        ("3252", "Gamle helsesekretærer", "3259", "Andre helseyrker"),
    )

    run = update(changes)

    assert JobTitle.objects.get(pk=title.pk).unit_group == group
    assert list(occupation.styrk_groups.all()) == [group]
    assert GraduateOutcome.objects.get(pk=outcome.pk).styrk_group == group
    split = "STYRK-08 3252 Gamle helsesekretærer, som er delt i 3256 Helsesekretærer, 3259 Andre"
    assert run.message.splitlines() == [
        "STYRK-08 3252 Gamle helsesekretærer er delt i 3256 Helsesekretærer, 3259 Andre "
        "helseyrker fra 2027-01-01; 3 koblinger står fortsatt på 3252.",
        f"Kontroller: hva de utdannede jobber som «{outcome}» peker på {split} helseyrker. Velg "
        "ny yrkesgruppe i admin.",
        f"Kontroller: stillingstittel «{title}» peker på {split} helseyrker. Velg ny yrkesgruppe "
        "i admin.",
        f"Kontroller: yrke «Tannhelsesekretær» peker på {split} helseyrker. Velg ny yrkesgruppe "
        "i admin.",
    ]
    assert (run.updated, run.closed) == (0, 0)


def test_a_second_run_changes_nothing(tmp_path, old_group):
    changes = changes_file(tmp_path, ("3252", "Gamle helsesekretærer", "3256", "Helsesekretærer"))
    update(changes)

    run = update(changes)

    assert (run.created, run.updated, run.closed, run.unchanged) == (0, 0, 0, 582)


def test_a_dry_run_writes_nothing(tmp_path, old_group):
    changes = changes_file(tmp_path, ("3252", "Gamle helsesekretærer", "3256", "Helsesekretærer"))

    run = update(changes, dry_run=True)

    assert (run.status, run.updated) == (ImportRun.Status.DRY_RUN, 4)
    assert StyrkGroup.objects.get(pk=old_group[0].pk).code == "3252"
    assert StyrkGroup.objects.count() == 4


@pytest.mark.parametrize(
    ("codes", "changes", "message"),
    [
        ("", None, "er tom"),
        ('{"codes": [', None, "er ikke gyldig JSON"),
        ('{"kode": []}', None, "mangler listen «codes»"),
        (None, '{"changes": []}', "mangler listen «codeChanges»"),
    ],
)
def test_a_faulty_file_writes_nothing(tmp_path, codes, changes, message):
    def write(name, text):
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path

    path = CODES if codes is None else write("styrk.json", codes)
    changes = None if changes is None else write("endringer.json", changes)

    with pytest.raises(ImportFailed, match=message):
        update(changes, path=path)

    assert not StyrkGroup.objects.exists()


def test_changes_across_levels_are_rejected(tmp_path):
    changes = changes_file(tmp_path, ("325", "Andre helseyrker", "3256", "Helsesekretærer"))

    run = update(changes, threshold=1)

    assert run.rejected_rows == [
        {
            "unit": "post",
            "line": 1,
            "reason": "styrk-endringer.json: 325 og 3256 er på ulike nivåer",
        }
    ]


def test_hierarchy_problems_are_rejected_by_position(tmp_path):
    path = tmp_path / "styrk.json"
    codes = [
        {"code": "1", "parentCode": None, "level": "1", "name": "Ledere"},
        {"code": "11", "parentCode": "1", "level": "3", "name": "Feil nivå"},
        {"code": "21", "parentCode": "2", "level": "2", "name": "Foreldreløs"},
    ]
    path.write_text(json.dumps({"codes": codes}), "utf-8")

    run = update(path=path, threshold=1)

    assert [(row["line"], row["reason"]) for row in run.rejected_rows] == [
        (2, "nivået '3' passer ikke med koden 11 (2 sifre)"),
        (3, "overordnet kode 2 finnes ikke i filen"),
    ]
    assert list(StyrkGroup.objects.values_list("code", flat=True)) == ["1"]


def test_command_prints_the_summary_and_the_notes(tmp_path, old_group):
    changes = changes_file(tmp_path, ("3252", "Gamle helsesekretærer", "3256", "Helsesekretærer"))
    out = io.StringIO()

    call_command("import_klass_styrk08", CODES, f"--changes={changes}", stdout=out)

    assert out.getvalue().splitlines() == [
        "Statistisk sentralbyrå: 583 lest, 578 opprettet, 4 oppdatert, 1 uendret, 0 lukket, "
        "0 avvist.",
        "STYRK-08 3252 Gamle helsesekretærer har fått koden 3256 (Helsesekretærer) fra "
        "2027-01-01; alle koblinger er beholdt.",
    ]
