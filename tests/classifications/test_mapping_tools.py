"""The Dataforvalter's tools for linking NAV's job titles to occupations."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from classifications.models import JobTitle
from employers.models import OccupationEmployer
from employers.summary import job_title_employees_refresh
from search.index import search_index_update
from tests.factories import (
    EmployerFactory,
    EmploymentFactory,
    JobTitleFactory,
    OccupationFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:classifications_jobtitle_changelist")
OLD_MONTH = datetime.date(2026, 9, 1)
NEW_MONTH = datetime.date(2026, 10, 1)


@pytest.fixture
def data_steward(client, django_user_model):
    """A staff user with the job-title permissions only (what the Dataforvalter group has)."""
    user = django_user_model.objects.create_user(
        "dataforvalter", password="et-langt-passord-for-test", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="classifications",
            codename__in=["view_jobtitle", "change_jobtitle"],
        )
    )
    client.force_login(user)
    return client


def employ(title, *counts, period=NEW_MONTH):
    """Employment rows, and the employees per title brought up to date (as the change path
    does after an import)."""
    for count in counts:
        EmploymentFactory(
            job_title=title, count=count, period=period, employer=EmployerFactory(municipality=None)
        )
    job_title_employees_refresh()


def test_unmapped_titles_are_listed_most_employees_first(data_steward):
    small = JobTitleFactory(name="LITEN")
    large = JobTitleFactory(name="STOR")
    none = JobTitleFactory(name="INGEN")
    mapped = JobTitleFactory(name="KOBLET")
    employ(small, 2)
    employ(large, 5, 7)
    employ(large, 100, period=OLD_MONTH)  # an older month does not count
    employ(mapped, 1000)
    OccupationFactory().job_titles.add(mapped)

    response = data_steward.get(CHANGELIST, {"koblet": "nei"})

    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == [large, small, none]
    assert [row.employees for row in rows] == [12, 2, 0]
    html = response.content.decode()
    assert "Ansatte siste måned" in html
    assert "KOBLET" not in html


def test_the_unmapped_list_takes_the_same_number_of_queries_for_more_titles(data_steward):
    def make(n):
        for _ in range(n):
            title = JobTitleFactory()
            employ(title, 3, 4)
            employ(title, 5, period=OLD_MONTH)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert data_steward.get(CHANGELIST, {"koblet": "nei"}).status_code == 200
        return len(queries)

    make(3)
    few = count_queries()
    make(30)
    many = count_queries()

    assert many == few
    assert few <= 12


def test_bulk_mapping_asks_for_the_occupation_first(data_steward):
    titles = [JobTitleFactory(name=f"TITTEL {n}") for n in range(3)]
    OccupationFactory(title="Rørlegger")

    response = data_steward.post(
        CHANGELIST,
        {"action": "map_to_occupation", "_selected_action": [t.pk for t in titles]},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Koble stillingstitler til et yrke" in html
    assert "TITTEL 2" in html
    assert "Rørlegger" in html
    assert not JobTitle.objects.filter(occupations__isnull=False).exists()


def test_bulk_mapping_links_the_titles_and_rebuilds_the_employer_list(data_steward):
    titles = [JobTitleFactory() for _ in range(3)]
    employ(titles[0], 4)
    occupation = OccupationFactory(title="Rørlegger")
    occupation.job_titles.add(titles[2])

    response = data_steward.post(
        CHANGELIST,
        {
            "action": "map_to_occupation",
            "_selected_action": [t.pk for t in titles],
            "occupation": occupation.pk,
            "apply": "1",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "2 stillingstitler ble koblet til Rørlegger." in response.content.decode()
    assert set(occupation.job_titles.all()) == set(titles)
    assert OccupationEmployer.objects.filter(occupation=occupation, employed=4).count() == 1


def test_bulk_mapping_without_an_occupation_shows_the_form_again(data_steward):
    title = JobTitleFactory()

    response = data_steward.post(
        CHANGELIST,
        {"action": "map_to_occupation", "_selected_action": [title.pk], "apply": "1"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["occupation"]
    assert not title.occupations.exists()


def test_staff_who_may_only_view_job_titles_cannot_map_them(client, django_user_model):
    user = django_user_model.objects.create_user("skribent", password="x" * 14, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_jobtitle"))
    client.force_login(user)
    title = JobTitleFactory()
    occupation = OccupationFactory()

    response = client.post(
        CHANGELIST,
        {
            "action": "map_to_occupation",
            "_selected_action": [title.pk],
            "occupation": occupation.pk,
            "apply": "1",
        },
    )

    assert response.status_code in {200, 302}
    assert not occupation.job_titles.exists()


def test_a_mapped_title_finds_the_occupation_in_the_search(data_steward):
    title = JobTitleFactory(name="FLISLEGGER SPESIAL")
    occupation = OccupationFactory(title="Murer")
    search_index_update(occupations=[occupation.pk])
    search = reverse("search:results")
    assert "Murer" not in data_steward.get(search, {"q": "flislegger"}).content.decode()

    data_steward.post(
        CHANGELIST,
        {
            "action": "map_to_occupation",
            "_selected_action": [title.pk],
            "occupation": occupation.pk,
            "apply": "1",
        },
    )

    assert "Murer" in data_steward.get(search, {"q": "flislegger"}).content.decode()
