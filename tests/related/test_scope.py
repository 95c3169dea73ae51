"""Which occupations' related lists a change makes stale (derived/rules.py)."""

import pytest

from changes.changeset import ChangeSet
from derived.rules import EVERYTHING, related_scope
from employers.models import OccupationEmployer
from occupations.models import Occupation
from related.compute import MIN_COMMON_EMPLOYERS, related_refresh
from related.models import RelatedChoice, RelatedOccupation
from tests.factories import EmployerFactory, OccupationFactory, StyrkGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_of_three():
    group = StyrkGroupFactory(code="9101")
    occupations = OccupationFactory.create_batch(3)
    for occupation in occupations:
        occupation.styrk_groups.add(group)
    lonely = OccupationFactory()
    related_refresh()
    return occupations, lonely


def test_an_occupation_s_change_reaches_those_it_shares_with(group_of_three):
    (first, second, third), _lonely = group_of_three
    changes = ChangeSet.of(rows=[first], fields=["styrk_groups"])

    assert related_scope(changes, employers=set()) == {first.pk, second.pk, third.pk}


def test_a_change_to_text_alone_reaches_no_list(group_of_three):
    (first, *_), _lonely = group_of_three

    assert related_scope(ChangeSet.of(rows=[first], fields=["lead"]), employers=set()) == set()


def test_a_deleted_occupation_leaves_the_lists_that_showed_it_stale(group_of_three):
    (first, second, third), _lonely = group_of_three
    changes = ChangeSet.of(rows=[first])
    Occupation.objects.filter(pk=first.pk).delete()

    assert related_scope(changes, employers=set()) == {second.pk, third.pk}
    related_refresh(occupations=[second.pk, third.pk])
    assert not RelatedOccupation.objects.filter(related__isnull=True).exists()


def test_an_editor_s_choice_reaches_its_own_list_only(group_of_three):
    (first, second, _third), _lonely = group_of_three
    choice = RelatedChoice.objects.create(occupation=first, related=second, kind="hide")

    assert related_scope(ChangeSet.of(rows=[choice]), employers=set()) == {first.pk}


def test_a_working_draft_reaches_no_list(group_of_three):
    (first, *_), _lonely = group_of_three
    draft = OccupationFactory(draft=True, draft_of=first, slug=first.slug)

    assert related_scope(ChangeSet.of(rows=[draft]), employers=set()) == set()


def test_bulk_changes_reach_every_list(group_of_three):
    assert related_scope(ChangeSet(), employers=EVERYTHING) == EVERYTHING
    assert related_scope(ChangeSet.of(models=[Occupation]), employers=set()) == EVERYTHING


def test_employers_reach_the_lists_that_have_enough_in_common(db):
    changed, partner, stranger = OccupationFactory.create_batch(3)
    employers = EmployerFactory.create_batch(MIN_COMMON_EMPLOYERS)
    OccupationEmployer.objects.bulk_create(
        OccupationEmployer(
            occupation=occupation,
            employer=employer,
            employed=1,
            contracts=0,
            is_apprenticeship_company=False,
        )
        for occupation, some in [
            (changed, employers),
            (partner, employers),
            (stranger, employers[:1]),
        ]
        for employer in some
    )

    assert related_scope(ChangeSet(), employers={changed.pk}) == {changed.pk, partner.pk}
