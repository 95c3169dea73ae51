import io

import pytest
from django.core.management import call_command

from occupations.models import Occupation

pytestmark = pytest.mark.django_db


def test_demo_content_has_the_reference_and_at_least_twelve_more(demo_content):
    published = Occupation.objects.published()
    assert published.filter(slug="tannhelsesekretaer").exists()
    assert Occupation.objects.count() >= 13
    for occupation in Occupation.objects.prefetch_related("styrk_groups"):
        assert occupation.styrk_groups.all(), f"{occupation} has no STYRK-08 unit group"
        assert all(group.level == 4 for group in occupation.styrk_groups.all())


def test_running_again_never_overwrites_an_editors_change(demo_content):
    occupation = Occupation.objects.get(slug="tannhelsesekretaer")
    occupation.lead = "Endret av en redaktør."
    occupation.save()
    out = io.StringIO()

    call_command("load_demo_content", stdout=out)

    occupation.refresh_from_db()
    assert occupation.lead == "Endret av en redaktør."
    assert "ingenting ble endret" in out.getvalue()
