import re
from itertools import product

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from occupations.models import SalaryStatistic
from pagecache.cache import current_generation
from related.models import RelatedOccupation
from tests.factories import (
    AlternativeTitleFactory,
    DutyFactory,
    EducationFactory,
    GraduateOutcomeFactory,
    JobTitleFactory,
    OccupationEducationFactory,
    OccupationFactory,
    QualityReviewFactory,
    SalaryStatisticFactory,
    StyrkGroupFactory,
    WorkplaceFactory,
)

# 13 for the content (one of them SSB's salary figures, one the fields of work, one the related
# occupations) and the rest for the employers section (see tests/employers).
PAGE_QUERIES = 18


def grow(occupation, n):
    AlternativeTitleFactory.create_batch(n, occupation=occupation)
    DutyFactory.create_batch(n, occupation=occupation)
    WorkplaceFactory.create_batch(n, occupation=occupation)
    QualityReviewFactory.create_batch(n, occupation=occupation)
    for _ in range(n):
        education = EducationFactory()
        GraduateOutcomeFactory.create_batch(3, education=education)
        OccupationEducationFactory(occupation=occupation, education=education)
    occupation.job_titles.add(*JobTitleFactory.create_batch(n, unit_group=StyrkGroupFactory()))
    groups = [StyrkGroupFactory() for _ in range(n)]
    occupation.styrk_groups.add(*groups)
    RelatedOccupation.objects.bulk_create(
        RelatedOccupation(
            occupation=occupation, related=other, rank=rank, reason="unit_group", label="Gruppe"
        )
        for rank, other in enumerate(OccupationFactory.create_batch(n), 1)
    )
    SalaryStatistic.objects.bulk_create(
        SalaryStatisticFactory.build(
            styrk_group=group,
            year=year,
            sector_code=f"S{sector}",
            sector_label=f"Sektor {sector}",
            sector_order=sector,
            measure=measure,
        )
        for group, year, sector, measure in product(
            groups, [2023, 2024], range(n), SalaryStatistic.Measure
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 10])
def test_occupation_page_queries_do_not_grow_with_content(
    client, django_assert_max_num_queries, size
):
    occupation = OccupationFactory()
    grow(occupation, size)
    url = reverse("occupations:detail", kwargs={"slug": occupation.slug})
    current_generation()  # made once per change, not per page (a query on PostgreSQL)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<li>oppgave") == size
    captions = re.findall(r"<caption>[^<]*månedslønn etter sektor", response.content.decode())
    assert len(captions) == size
    assert response.content.decode().count("samme yrkesgruppe: <span>Gruppe</span>") == min(size, 6)


@pytest.mark.django_db
def test_occupation_page_makes_the_same_queries_with_ten_times_the_content(client):
    counts = []
    current_generation()  # made once per change, not per page: not what this test counts
    for size in [1, 10]:
        occupation = OccupationFactory()
        grow(occupation, size)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("occupations:detail", kwargs={"slug": occupation.slug}))
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 30])
def test_index_and_home_queries_do_not_grow_with_occupations(
    client, django_assert_max_num_queries, size
):
    OccupationFactory.create_batch(size)
    for name in ["occupations:index", "occupations:home"]:
        with django_assert_max_num_queries(2):
            response = client.get(reverse(name))
        assert response.status_code == 200
