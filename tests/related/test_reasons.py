"""Each reason two occupations are related, with data that proves it, and their order."""

import pytest

from classifications.models import FieldOfWork
from employers.models import OccupationEmployer
from related.compute import MIN_COMMON_EMPLOYERS, MIN_COMMON_SHARE_PERCENT, related_refresh
from related.models import SHOWN, RelatedChoice, RelatedOccupation
from tests.factories import (
    EducationFactory,
    EmployerFactory,
    OccupationEducationFactory,
    OccupationFactory,
    StyrkGroupFactory,
    TradeFactory,
)

pytestmark = pytest.mark.django_db


def related(occupation):
    related_refresh()
    return [
        (row.related.title, row.reason, row.label, row.shared, row.total)
        for row in RelatedOccupation.objects.for_page(occupation)
    ]


def occupation(title, *groups):
    made = OccupationFactory(title=title, title_plural=title.lower() + "er")
    made.styrk_groups.add(*groups)
    return made


def employ(occupation, employers, employed=2):
    OccupationEmployer.objects.bulk_create(
        OccupationEmployer(
            occupation=occupation,
            employer=employer,
            employed=employed,
            contracts=0,
            is_apprenticeship_company=False,
        )
        for employer in employers
    )


def test_the_same_unit_group():
    group = StyrkGroupFactory(code="9101", name="Helsesekretærer")
    secretary, other = occupation("Tannhelsesekretær", group), occupation("Legesekretær", group)

    assert related(secretary) == [("Legesekretær", "unit_group", "Helsesekretærer", None, None)]
    assert related(other)[0][0] == "Tannhelsesekretær"


def test_the_same_minor_group():
    minor = StyrkGroupFactory(code="910", name="Andre helseyrker")
    secretary = occupation("Tannhelsesekretær", StyrkGroupFactory(code="9101", parent=minor))
    occupation("Tannpleier", StyrkGroupFactory(code="9102", parent=minor))
    occupation("Elektriker", StyrkGroupFactory(code="9201"))

    assert related(secretary) == [("Tannpleier", "minor_group", "Andre helseyrker", None, None)]


def test_the_same_education_programme_and_the_same_trade():
    secretary, assistant, chef, cook = (
        occupation(title)
        for title in ["Tannhelsesekretær", "Klinikkassistent", "Kokk", "Kokkelærling"]
    )
    education = EducationFactory(name="Tannhelsesekretær", level="Vg3")
    OccupationEducationFactory(occupation=secretary, education=education)
    OccupationEducationFactory(occupation=assistant, education=education)
    trade = TradeFactory(name="Kokkfaget")
    chef.trades.add(trade)
    cook.trades.add(trade)

    assert related(secretary) == [
        ("Klinikkassistent", "education", "Vg3 Tannhelsesekretær", None, None)
    ]
    assert related(chef) == [("Kokkelærling", "trade", "Kokkfaget", None, None)]


def test_the_same_field_counting_the_editors_additions_and_removals():
    area = FieldOfWork.objects.create(name="Helse og sosial", slug="helse-og-sosial", level=1)
    dental = FieldOfWork.objects.create(
        name="Tannhelse/-pleie", slug="tannhelse", level=2, parent=area
    )
    first, second = StyrkGroupFactory(code="9101"), StyrkGroupFactory(code="9201")
    dental.styrk_groups.add(first)
    hygienist, dentist = occupation("Tannpleier", first), occupation("Tannlege", second)

    assert related(hygienist) == []
    dentist.fields_added.add(dental)
    assert related(hygienist) == [("Tannlege", "field", "Tannhelse/-pleie", None, None)]
    hygienist.fields_removed.add(dental)
    assert related(hygienist) == []


def test_the_same_area_of_fields():
    area = FieldOfWork.objects.create(name="Håndverkere", slug="handverkere", level=1)
    for slug, code in [("elektro", "9101"), ("ror", "9201")]:
        field = FieldOfWork.objects.create(name=slug, slug=slug, level=2, parent=area)
        field.styrk_groups.add(StyrkGroupFactory(code=code))
    electrician = occupation("Elektriker", StyrkGroupFactory(code="9101"))
    occupation("Rørlegger", StyrkGroupFactory(code="9201"))

    assert related(electrician) == [("Rørlegger", "area", "Håndverkere", None, None)]


@pytest.fixture
def secretaries():
    """Tannhelsesekretær with employers that also employ other occupations."""
    secretary = occupation("Tannhelsesekretær")
    employers = EmployerFactory.create_batch(10)
    employ(secretary, employers)
    return secretary, employers


def test_employers_in_common_at_the_threshold_count(secretaries):
    secretary, employers = secretaries
    hygienist = occupation("Tannpleier")
    employ(hygienist, employers[:7])
    employ(hygienist, EmployerFactory.create_batch(5))  # elsewhere: does not count
    assert 10 * MIN_COMMON_SHARE_PERCENT <= 7 * 100
    assert MIN_COMMON_EMPLOYERS <= 7

    assert related(secretary) == [("Tannpleier", "employers", "", 7, 10)]
    assert related(hygienist) == [("Tannhelsesekretær", "employers", "", 7, 12)]


def test_employers_in_common_below_the_threshold_are_noise(secretaries):
    secretary, employers = secretaries
    at_the_edge, below = occupation("Tannlege"), occupation("Vaktmester")
    employ(at_the_edge, employers[:MIN_COMMON_EMPLOYERS])
    employ(below, employers[: MIN_COMMON_EMPLOYERS - 1])

    assert [title for title, *_ in related(secretary)] == ["Tannlege"]


def test_the_share_of_employers_has_a_threshold_too():
    large, small = occupation("Stort yrke"), occupation("Lite yrke")
    total = 100 // MIN_COMMON_SHARE_PERCENT * MIN_COMMON_EMPLOYERS  # the share exactly at it
    employers = EmployerFactory.create_batch(total + 1)
    employ(large, employers[:total])
    employ(small, employers[:MIN_COMMON_EMPLOYERS])

    assert related(large) == [("Lite yrke", "employers", "", MIN_COMMON_EMPLOYERS, total)]
    employ(large, employers[total:])  # one employer more: the share falls below it
    assert related(large) == []
    assert related(small)[0][3:] == (MIN_COMMON_EMPLOYERS, MIN_COMMON_EMPLOYERS)


def test_employers_with_no_one_employed_in_the_occupation_do_not_count(secretaries):
    secretary, employers = secretaries
    apprenticeships = occupation("Lærling")
    employ(apprenticeships, employers, employed=0)

    assert related(secretary) == []


def test_the_best_reason_first_and_each_pair_once_with_its_best():
    minor = StyrkGroupFactory(code="910", name="Andre helseyrker")
    unit = StyrkGroupFactory(code="9101", name="Helsesekretærer", parent=minor)
    secretary = occupation("Tannhelsesekretær", unit)
    education = EducationFactory(name="Helsesekretær", level="Vg3")
    OccupationEducationFactory(occupation=secretary, education=education)
    by_education = occupation("Apotektekniker")
    OccupationEducationFactory(occupation=by_education, education=education)
    occupation("Tannpleier", StyrkGroupFactory(code="9102", parent=minor))
    both = occupation("Legesekretær", unit)  # the unit group and the education
    OccupationEducationFactory(occupation=both, education=education)

    assert [(title, reason) for title, reason, *_ in related(secretary)] == [
        ("Legesekretær", "unit_group"),
        ("Tannpleier", "minor_group"),
        ("Apotektekniker", "education"),
    ]


def test_at_most_six_the_same_reason_a_to_aa():
    group = StyrkGroupFactory(code="9101")
    secretary = occupation("Tannhelsesekretær", group)
    for title in ["Åkerarbeider", "Øvrig", "Zoolog", "Aasen", "Bonde", "Ærlig", "Avis", "Cellist"]:
        occupation(title, group)

    assert [title for title, *_ in related(secretary)] == [
        "Avis",
        "Bonde",
        "Cellist",
        "Zoolog",
        "Ærlig",
        "Øvrig",
    ]
    assert len(related(secretary)) == SHOWN


def test_editors_pin_with_their_reason_and_hide():
    group = StyrkGroupFactory(code="9101", name="Helsesekretærer")
    secretary = occupation("Tannhelsesekretær", group)
    hidden = occupation("Legesekretær", group)
    occupation("Kontorsekretær", group)
    dentist = occupation("Tannlege")
    RelatedChoice.objects.create(
        occupation=secretary, related=dentist, kind="pin", reason="Jobber tett sammen"
    )
    RelatedChoice.objects.create(occupation=secretary, related=hidden, kind="hide")

    assert related(secretary) == [
        ("Tannlege", "pinned", "Jobber tett sammen", None, None),
        ("Kontorsekretær", "unit_group", "Helsesekretærer", None, None),
    ]
    assert [title for title, *_ in related(hidden)] == ["Kontorsekretær", "Tannhelsesekretær"]


def test_only_published_occupations_are_related_and_drafts_show_their_page_s():
    group = StyrkGroupFactory(code="9101")
    secretary = occupation("Tannhelsesekretær", group)
    unpublished = occupation("Upublisert", group)
    unpublished.status, unpublished.published_at = "draft", None
    unpublished.save()
    RelatedChoice.objects.create(
        occupation=secretary, related=unpublished, kind="pin", reason="Ikke publisert"
    )
    working_draft = OccupationFactory(draft=True, draft_of=secretary, slug=secretary.slug)

    assert related(secretary) == []
    assert related(unpublished) == [("Tannhelsesekretær", "unit_group", group.name, None, None)]
    assert related(working_draft) == related(secretary)
