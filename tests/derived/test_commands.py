"""Every management command that writes reaches every public page that shows what it wrote,
through the page cache. Each test is marked with the commands it covers; a command of this
project with neither a scenario nor a reason in NOT_WRITE_PATHS fails test_registry.py."""

import datetime
import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.utils import timezone

from classifications.models import JobTitle
from employers.models import Employment, OccupationEmployer
from occupations.models import Occupation
from tests.derived.registry import PROJECT_APPS

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data"
POSTEN = "918018395"  # a real establishment in tests/data/brreg (Oslo)

# Commands that change nothing a public page shows, with the reason.
NOT_WRITE_PATHS = {
    "apply_changes": "the change path's own refresh (tests/derived/test_change_path.py)",
    "refresh_derived": "rebuilds the derived data from scratch (test_change_path.py)",
    "setup_roles": "the editorial roles' permissions; no public page shows them",
    "make_image_renditions": "writes image files beside the stored images; no row changes",
    "build_county_map": "writes the map asset data/county-map.json (tests/regions/); no rows",
}


def commands_without_scenario():
    ours = {name for name, app in get_commands().items() if app in PROJECT_APPS | {"roles"}}
    covered = set()
    for function in vars(sys.modules[__name__]).values():
        for mark in getattr(function, "pytestmark", []):
            if mark.name == "command":
                covered.update(mark.args)
    return sorted(ours - covered - set(NOT_WRITE_PATHS))


def run(*args):
    call_command(*args, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.command("load_regions", "load_classifications", "load_demo_content")
@pytest.mark.command("generate_employers")
def test_the_loaders_build_every_page(db, visitor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    visitor.warm("/", "/yrker/", "/bedrifter/", "/sok/?q=tannhelsesekret%C3%A6r")
    for command in ["load_regions", "load_classifications", "load_demo_content"]:
        run(command)
    run("generate_employers", "--employers", "40")

    page = "/yrker/tannhelsesekretaer/"
    visitor.sees("/yrker/", "Tannhelsesekretær")
    visitor.sees("/", "Tannhelsesekretær")
    visitor.sees("/bedrifter/", "Vestland")
    assert visitor.search("tannhelsesekretær")[:1] == [page]
    busiest = (
        OccupationEmployer.objects.filter(occupation__slug="tannhelsesekretaer")
        .select_related("employer")
        .order_by("-employed")
        .first()
    )
    visitor.sees(page, busiest.employer.name)
    visitor.sees(busiest.employer.get_absolute_url(), "Tannhelsesekretær")


def _brreg(tmp_path, rename=None):
    records = json.loads((DATA / "brreg/underenheter-sample.json").read_text(encoding="utf-8"))
    if rename:
        next(r for r in records if r["organisasjonsnummer"] == POSTEN)["navn"] = rename
    path = tmp_path / "underenheter_alle.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(records, handle, ensure_ascii=False)
    return path


def _next_month(period):
    return (period + datetime.timedelta(days=32)).replace(day=1)


@pytest.mark.command("import_brreg", "import_aa", "import_vigo")
def test_register_imports_reach_every_page(site, visitor, tmp_path):
    month = _next_month(site["period"])
    occupation_page = "/yrker/tannhelsesekretaer/?fylke=03"
    apprenticeships = "/yrker/helsefagarbeider/?fylke=03"
    listing = f"/bedrifter/?yrke=tannhelsesekretaer&q={POSTEN}"
    visitor.warm(occupation_page, apprenticeships, listing)

    run("import_brreg", str(_brreg(tmp_path)))
    employer_page = f"/bedrifter/{POSTEN}/"
    visitor.sees(employer_page, "POSTEN BRING AS ALFASET OMDELING")
    assert employer_page in visitor.search("posten bring alfaset")

    aa = tmp_path / f"aa-{month:%Y-%m}.csv"
    aa.write_text(
        f"orgnr;stillingskode;antall_arbeidsforhold;periode\n{POSTEN};5134103;4;{month:%Y-%m}\n",
        encoding="utf-8",
    )
    run("import_aa", str(aa))
    visitor.sees(occupation_page, "POSTEN BRING AS ALFASET OMDELING")
    visitor.sees(listing, "POSTEN BRING AS ALFASET OMDELING")
    visitor.sees(employer_page, "Tannhelsesekretær")
    # The newest month replaces the older one: employers not in it leave the pages.
    visitor.misses(site["reference"].get_absolute_url(), site["employer"].name)

    vigo = tmp_path / "vigo-03.csv"
    vigo.write_text(
        "orgnr;fylkesnummer;programomradekode;laerefag;godkjent;godkjent_fra;godkjent_til;"
        f"lopende_laerekontrakter\n{POSTEN};03;HSHEA3----;Helsearbeiderfaget;ja;2019-08-01;;2\n",
        encoding="utf-8",
    )
    run("import_vigo", str(vigo), "--county", "03")
    visitor.sees(apprenticeships, "POSTEN BRING AS ALFASET OMDELING", "2 lærekontrakter")
    visitor.sees(employer_page, "Helsearbeiderfaget")

    run("import_brreg", str(_brreg(tmp_path, rename="POSTEN BRING AS ALFASET TERMINAL")))
    for page in [occupation_page, apprenticeships, listing, employer_page]:
        visitor.sees(page, "POSTEN BRING AS ALFASET TERMINAL")
    assert employer_page in visitor.search("alfaset terminal")


@pytest.mark.command("import_aa")
def test_an_employment_import_brings_employers_in_common(site, visitor, tmp_path):
    page = site["reference"].get_absolute_url()
    nurse = Occupation.objects.get(slug="sykepleier")
    nurse.job_titles.add(JobTitle.objects.get(code="5134101"))  # as if mapped earlier
    visitor.warm(page)
    month = _next_month(site["period"])
    employers = list(
        Employment.objects.filter(period=site["period"])
        .values_list("employer__orgnr", flat=True)
        .distinct()
        .order_by("employer__orgnr")[:4]
    )
    aa = tmp_path / f"aa-{month:%Y-%m}.csv"
    lines = ["orgnr;stillingskode;antall_arbeidsforhold;periode"]
    for orgnr in employers:
        lines += [f"{orgnr};5134103;2;{month:%Y-%m}", f"{orgnr};5134101;1;{month:%Y-%m}"]
    aa.write_text("\n".join(lines) + "\n", encoding="utf-8")

    run("import_aa", str(aa))

    visitor.sees(page, "4 av 4 bedrifter med tannhelsesekretærer har også sykepleiere")


@pytest.mark.command("import_all")
def test_files_dropped_for_import_all_reach_the_pages(site, visitor, settings, tmp_path):
    employer, county = site["employer"], site["employer"].municipality.county.code
    settings.IMPORT_DIR = tmp_path / "inbox"
    (settings.IMPORT_DIR / "aa-registeret").mkdir(parents=True)
    (settings.IMPORT_DIR / "vigo").mkdir()
    month = _next_month(site["period"])
    (settings.IMPORT_DIR / f"aa-registeret/aa-{month:%Y-%m}.csv").write_text(
        "orgnr;stillingskode;antall_arbeidsforhold;periode\n"
        f"{employer.orgnr};5134101;765;{month:%Y-%m}\n",
        encoding="utf-8",
    )
    (settings.IMPORT_DIR / f"vigo/vigo-{county}.csv").write_text(
        "orgnr;fylkesnummer;programomradekode;laerefag;godkjent;godkjent_fra;godkjent_til;"
        f"lopende_laerekontrakter\n{employer.orgnr};{county};HSHEA3----;Helsearbeiderfaget;ja;"
        "2019-08-01;;4\n",
        encoding="utf-8",
    )
    pages = [
        f"/yrker/tannhelsesekretaer/?fylke={county}",
        f"/yrker/helsefagarbeider/?fylke={county}",
    ]
    visitor.warm(*pages, employer.get_absolute_url())

    run("import_all")

    visitor.sees(pages[0], employer.name, "765")
    visitor.sees(pages[1], employer.name, "4 lærekontrakter")
    visitor.sees(employer.get_absolute_url(), "765", "Helsearbeiderfaget")


@pytest.mark.command("import_ssb_salary", "import_ssb_education")
def test_statistics_reach_the_occupation_page(site, visitor):
    page = site["reference"].get_absolute_url()
    visitor.warm(page)
    visitor.misses(page, "Lønn</h2>")
    run("import_ssb_salary", str(DATA / "ssb/manedslonn-yrke.json"))
    visitor.sees(page, "Lønn</h2>", "48\xa0760\xa0kr")
    # The file's second education is not in the demo: its cells are rejected, so allow them.
    run(
        "import_ssb_education",
        str(DATA / "ssb/sysselsatte-utdanning-yrke.json"),
        "--threshold",
        "60",
    )
    visitor.sees(page, "Helsesekretærer</th><td>60,0 %")


@pytest.mark.command("load_job_titles", "import_klass_styrk08")
def test_classification_updates_reach_the_page_and_search(site, visitor, tmp_path):
    page = site["reference"].get_absolute_url()
    visitor.warm(page)
    titles = tmp_path / "titles.csv"
    titles.write_text("code,name,styrk08\n5134103,TANNKLINIKKSEKRETÆR,3256\n", encoding="utf-8")
    run("load_job_titles", str(titles))
    visitor.sees(page, "5134103 - TANNKLINIKKSEKRETÆR")
    assert visitor.search("tannklinikksekretær")[:1] == [page]

    codes = json.loads((DATA / "klass/styrk08.json").read_text(encoding="utf-8"))
    group = next(code for code in codes["codes"] if code["code"] == "3256")
    group["name"] = "Helsesekretærer og tannklinikkmedarbeidere"
    path = tmp_path / "styrk08.json"
    path.write_text(json.dumps(codes, ensure_ascii=False), encoding="utf-8")
    run("import_klass_styrk08", str(path))
    visitor.sees(page, "3256 - Helsesekretærer og tannklinikkmedarbeidere")
    assert visitor.search("tannklinikkmedarbeidere")[:1] == [page]


@pytest.mark.command("import_klass_regions")
def test_region_updates_reach_the_employer_pages(site, visitor, tmp_path):
    employer = site["employer"]
    municipality = employer.municipality
    visitor.warm(employer.get_absolute_url(), "/bedrifter/")
    codes = json.loads((DATA / "klass/kommuner.json").read_text(encoding="utf-8"))
    next(c for c in codes["codes"] if c["code"] == municipality.code)["name"] = "Nyby"
    path = tmp_path / "kommuner.json"
    path.write_text(json.dumps(codes, ensure_ascii=False), encoding="utf-8")

    run("import_klass_regions", str(path), "--kind", "kommune")

    visitor.sees(employer.get_absolute_url(), ">Nyby</a>")
    visitor.sees(f"/bedrifter/?fylke={municipality.county.code}", ">Nyby<")


@pytest.mark.command("load_fields_of_work")
def test_the_fields_of_work_reach_the_field_pages(demo_content, visitor, tmp_path):
    area = "/yrker/omrader/helse-og-sosial/"
    visitor.warm("/yrker/omrader/", area, "/yrker/tannpleier/")
    path = tmp_path / "kategorier.csv"
    path.write_text(
        "styrk08_code,styrk_description,category_level1,category_level2\n"
        "3251,Tannpleier,Helse og sosial,Munnhelse\n",
        encoding="utf-8",
    )

    run("load_fields_of_work", "--path", str(path))

    visitor.sees("/yrker/omrader/", '<a href="/yrker/omrader/munnhelse/">Munnhelse</a>')
    visitor.sees("/yrker/omrader/munnhelse/", ">Tannpleier<")
    visitor.sees("/yrker/tannpleier/", '<a href="/yrker/omrader/munnhelse/">Munnhelse</a>')
    visitor.misses(area, ">Sykepleier<")  # 2223 is in no field of the new file


@pytest.mark.command("publish_due", "work")
@pytest.mark.parametrize(
    "command", [["publish_due"], ["work", "--run", "planlagt-publisering"]], ids=["cron", "worker"]
)
def test_scheduled_publishing_reaches_every_page(site, admin, visitor, command):
    reference = site["reference"]
    visitor.warm(reference.get_absolute_url(), "/yrker/")
    draft = admin.working_draft(reference)
    admin.change(draft, title="Tannklinikksekretær", title_plural="tannklinikksekretærer")
    Occupation.all_objects.filter(pk=draft.pk).update(
        publish_scheduled_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    run(*command)

    visitor.sees(reference.get_absolute_url(), "<h1>Tannklinikksekretær</h1>")
    visitor.sees("/yrker/", "Tannklinikksekretær")
    assert visitor.search("tannklinikksekretær")[:1] == [reference.get_absolute_url()]
