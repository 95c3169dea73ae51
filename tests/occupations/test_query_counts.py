import pytest
from django.urls import reverse

from tests.factories import (
    AlternativeTitleFactory,
    DutyFactory,
    EducationFactory,
    GraduateOutcomeFactory,
    JobTitleFactory,
    OccupationEducationFactory,
    OccupationFactory,
    QualityReviewFactory,
    StyrkGroupFactory,
    WorkplaceFactory,
)

# 10 for the content and at most 10 for the employers section (see tests/employers).
PAGE_QUERIES = 20


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
    occupation.styrk_groups.add(*[StyrkGroupFactory() for _ in range(n)])


@pytest.mark.django_db
@pytest.mark.parametrize("size", [1, 10])
def test_occupation_page_queries_do_not_grow_with_content(
    client, django_assert_max_num_queries, size
):
    occupation = OccupationFactory()
    grow(occupation, size)
    url = reverse("occupations:detail", kwargs={"slug": occupation.slug})
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("<li>oppgave") == size


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
