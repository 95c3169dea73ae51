"""Every write the admin offers on register data (job titles, trades, employers, employment,
apprenticeship approvals, data-source texts) reaches every public page that shows it, through
the page cache: the occupation page's employers, /bedrifter/, the employer page and /sok/."""

import pytest

from classifications.models import JobTitle, Trade
from employers.models import ApprenticeshipApproval, Employer, Employment, JobTitleEmployees
from occupations.models import Occupation
from registers.models import DataSource
from tests.factories import EmployerFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/classifications/jobtitle/"


@pytest.mark.writes(
    ("classifications.jobtitle", "add"),
    ("classifications.jobtitle", "change"),
    ("classifications.jobtitle", "delete"),
    ("classifications.jobtitle", "action:map_to_occupation"),
)
def test_job_titles_reach_the_page_and_search(site, admin, visitor):
    page, title = site["reference"].get_absolute_url(), site["employment"].job_title
    visitor.warm(page)
    admin.change(title, name="TANNKLINIKKSEKRETÆR")
    visitor.sees(page, f"{title.code} - TANNKLINIKKSEKRETÆR")
    assert visitor.search("tannklinikksekretær")[:1] == [page]

    admin.add(JobTitle, code="9999001", name="BRØNNBORERASSISTENT")
    new = JobTitle.objects.get(code="9999001")
    occupation = Occupation.objects.get(slug="tannpleier")
    assert visitor.search("brønnborerassistent") == []
    admin.post(
        CHANGELIST,
        {
            "action": "map_to_occupation",
            "_selected_action": [new.pk],
            "occupation": occupation.pk,
            "apply": "1",
        },
    )
    visitor.sees(occupation.get_absolute_url(), "9999001 - BRØNNBORERASSISTENT")
    assert visitor.search("brønnborerassistent") == [occupation.get_absolute_url()]

    admin.delete(new)
    visitor.misses(occupation.get_absolute_url(), "9999001")
    assert visitor.search("brønnborerassistent") == []


@pytest.mark.writes(
    ("classifications.trade", "add"),
    ("classifications.trade", "change"),
    ("classifications.trade", "delete"),
)
def test_trades_reach_the_employer_pages_and_the_search_form(site, admin, visitor):
    approval = site["approval"]
    page = approval.employer.get_absolute_url()
    visitor.warm(page, "/bedrifter/")
    admin.change(approval.trade, name="Omsorgsarbeiderfaget")
    visitor.sees(page, "Omsorgsarbeiderfaget")
    visitor.sees("/bedrifter/", "Omsorgsarbeiderfaget")

    # A new trade shows once a company is approved in it; deleting it takes its links along.
    admin.add(Trade, name="Brønnborerfaget")
    trade = Trade.objects.get(name="Brønnborerfaget")
    admin.change(approval, trade=trade.pk)
    visitor.sees("/bedrifter/", "Brønnborerfaget")
    visitor.sees(page, "Brønnborerfaget")
    admin.change(approval, trade=site["approval"].trade_id)
    admin.delete(trade)
    visitor.misses("/bedrifter/", "Brønnborerfaget")


@pytest.mark.writes(("employers.employer", "delete"))
def test_a_deleted_employer_leaves_every_page(site, admin, visitor):
    employer, page = site["employer"], site["reference"].get_absolute_url()
    name, listing = employer.name, "/bedrifter/?yrke=tannhelsesekretaer&sorter=navn"
    pages = [f"{page}?fylke={employer.municipality.county.code}", employer.get_absolute_url()]
    visitor.warm(*pages)
    assert employer.get_absolute_url() in visitor.search(employer.orgnr)

    admin.delete(employer)

    visitor.misses(pages[0], name)
    visitor.get(employer.get_absolute_url(), status=404)
    assert visitor.search(employer.orgnr) == []
    visitor.misses(f"{listing}&q={employer.orgnr}", name)


@pytest.mark.writes(
    ("employers.employment", "add"),
    ("employers.employment", "change"),
    ("employers.employment", "delete"),
)
def test_employment_reaches_the_occupation_and_employer_pages(site, admin, visitor):
    """Finding 1: an admin edit of employment used to clear the cache but leave the employers
    per occupation (the read model) as they were, so the pages stayed wrong."""
    newcomer = EmployerFactory(
        name="Eksempel Enestående Tannklinikk", municipality=site["employer"].municipality
    )
    page = site["reference"].get_absolute_url()
    county = f"{page}?fylke={newcomer.municipality.county.code}"
    listing = f"/bedrifter/?yrke=tannhelsesekretaer&q={newcomer.orgnr}"
    visitor.warm(county, newcomer.get_absolute_url(), listing)
    visitor.misses(county, newcomer.name)

    admin.add(
        Employment,
        employer=newcomer.pk,
        job_title=site["employment"].job_title.pk,
        period=site["period"].isoformat(),
        count=987,
    )
    visitor.sees(county, newcomer.name, "987")
    visitor.sees(newcomer.get_absolute_url(), "Tannhelsesekretær", "987")
    visitor.sees(listing, newcomer.name)

    employment = Employment.objects.get(employer=newcomer)
    admin.change(employment, count=654)
    visitor.sees(county, "654")
    visitor.sees(newcomer.get_absolute_url(), "654")

    admin.delete(employment)
    visitor.misses(county, newcomer.name)
    visitor.misses(newcomer.get_absolute_url(), "Tannhelsesekretær")
    visitor.misses(listing, newcomer.name)


def test_employment_reaches_the_employees_per_job_title(site, admin):
    """The job-title mapping list sorts by the read model JobTitleEmployees."""
    title = site["employment"].job_title

    def employees():
        return JobTitleEmployees.objects.get(job_title=title).employees

    before = employees()
    newcomer = EmployerFactory(name="Eksempel Ny Klinikk", municipality=None)
    admin.add(
        Employment,
        employer=newcomer.pk,
        job_title=title.pk,
        period=site["period"].isoformat(),
        count=987,
    )
    assert employees() == before + 987
    admin.change(Employment.objects.get(employer=newcomer), count=654)
    assert employees() == before + 654
    admin.delete(newcomer)  # the employer, and its employment with it
    assert employees() == before


def test_bulk_deleting_employment_reaches_the_pages(site, admin, visitor):
    employer, page = site["employer"], site["reference"].get_absolute_url()
    county = f"{page}?fylke={employer.municipality.county.code}"
    visitor.warm(county)
    visitor.sees(county, employer.name)
    admin.delete_selected(Employment, Employment.objects.filter(employer=employer))
    visitor.misses(county, employer.name)


@pytest.mark.writes(
    ("employers.apprenticeshipapproval", "add"),
    ("employers.apprenticeshipapproval", "change"),
    ("employers.apprenticeshipapproval", "delete"),
)
def test_approvals_reach_the_apprenticeship_lists(site, admin, visitor):
    """Finding 1 again, for apprenticeship approvals."""
    trade = Trade.objects.get(name="Helsearbeiderfaget")
    newcomer = EmployerFactory(
        name="Eksempel Lærevillig Omsorg", municipality=site["employer"].municipality
    )
    occupation_page = f"/yrker/helsefagarbeider/?fylke={newcomer.municipality.county.code}"
    listing = f"/bedrifter/?laerebedrift=on&yrke=helsefagarbeider&q={newcomer.orgnr}"
    visitor.warm(occupation_page, listing, newcomer.get_absolute_url())

    admin.add(
        ApprenticeshipApproval,
        employer=newcomer.pk,
        trade=trade.pk,
        county=newcomer.municipality.county.pk,
        is_approved="on",
        running_contracts=3,
    )
    visitor.sees(occupation_page, newcomer.name, "3 lærekontrakter")
    visitor.sees(listing, newcomer.name)
    visitor.sees(newcomer.get_absolute_url(), "Helsearbeiderfaget")

    approval = ApprenticeshipApproval.objects.get(employer=newcomer)
    admin.change(approval, is_approved="", running_contracts=0)
    visitor.misses(occupation_page, newcomer.name)
    visitor.misses(listing, newcomer.name)
    visitor.sees(newcomer.get_absolute_url(), "Ikke godkjent")

    url, data = admin.form(Employer.objects.get(pk=newcomer.pk))  # the employer's inline
    admin.post(url, {**data, "approvals-0-DELETE": "on"})
    visitor.misses(newcomer.get_absolute_url(), "Helsearbeiderfaget")


@pytest.mark.writes(("registers.datasource", "change"))
def test_data_source_texts_reach_the_occupation_page(site, admin, visitor):
    page = site["reference"].get_absolute_url()
    visitor.warm(page)
    source = DataSource.objects.get(key=DataSource.Key.AA_REGISTERET)
    admin.change(source, explanation="Tallene gjelder arbeidsforhold som NAV kjenner til.")
    visitor.sees(page, "Tallene gjelder arbeidsforhold som NAV kjenner til.")
