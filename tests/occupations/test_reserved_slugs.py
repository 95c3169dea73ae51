"""An occupation cannot take an address that is another page under /yrker/."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["omrader", "sammenlign"])
def test_the_addresses_of_other_pages_are_refused(slug):
    occupation = OccupationFactory.build(title="Områder", slug=slug)
    with pytest.raises(ValidationError) as refused:
        occupation.full_clean(exclude=["title_plural"])
    assert f"/yrker/{slug}/ er en annen side" in str(refused.value.message_dict["slug"])


def test_an_ordinary_address_is_fine():
    OccupationFactory.build(title="Områdeleder", slug="omradeleder").clean_fields(
        exclude=["title_plural", "lead", "description"]
    )
