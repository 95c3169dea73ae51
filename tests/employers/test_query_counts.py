"""Query counts on the employer pages stay flat from 10 to 2,000 employers."""

import pytest

from classifications.models import JobTitle
from employers.demo import employers_generate
from employers.summary import occupation_employers_refresh
from tests.employers.conftest import PERIOD
from tests.factories import EmploymentFactory

pytestmark = pytest.mark.django_db

OCCUPATION_PAGE = 19  # with the fields of work and the related occupations (one query each)
SEARCH_PAGE = 11
EMPLOYER_PAGE = 10


@pytest.fixture(params=[10, 2000], ids=["10-employers", "2000-employers"])
def many_employers(request, reference_occupation, regions):
    employers_generate(count=request.param, seed=7, period=PERIOD, batch_size=500)
    assert JobTitle.objects.count() == 3
    return request.param


def test_occupation_page(client, many_employers, django_assert_max_num_queries):
    with django_assert_max_num_queries(OCCUPATION_PAGE):
        response = client.get("/yrker/tannhelsesekretaer/", {"fylke": "46"})
    assert response.status_code == 200


def test_counsellor_search(client, many_employers, django_assert_max_num_queries):
    with django_assert_max_num_queries(SEARCH_PAGE):
        response = client.get("/bedrifter/", {"fylke": "46", "yrke": "tannhelsesekretaer"})
    assert response.status_code == 200


def test_employer_page(client, many_employers, django_assert_max_num_queries):
    from employers.models import Employer

    employer = Employer.objects.order_by("pk").first()
    EmploymentFactory(employer=employer, job_title=JobTitle.objects.get(code="5134101"))
    occupation_employers_refresh()
    with django_assert_max_num_queries(EMPLOYER_PAGE):
        response = client.get(employer.get_absolute_url())
    assert response.status_code == 200
