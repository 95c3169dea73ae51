import io

import pytest
from django.core.management import call_command
from stdnum.no import orgnr as stdnum_orgnr

from employers.models import ApprenticeshipApproval, Employer, Employment

pytestmark = pytest.mark.django_db


def test_generated_employers_are_valid_fictitious_and_repeatable(reference_occupation, regions):
    call_command("generate_employers", "--employers", "120", "--seed", "3", stdout=io.StringIO())
    first = list(
        Employer.objects.order_by("orgnr").values_list("orgnr", "name", "municipality__code")
    )
    out = io.StringIO()

    call_command("generate_employers", "--employers", "120", "--seed", "3", stdout=out)

    assert "0 opprettet" in out.getvalue()
    assert len(first) == 120
    assert all(stdnum_orgnr.is_valid(orgnr) and orgnr.startswith("1") for orgnr, *_ in first)
    assert all(name.startswith("Eksempel ") for _, name, _ in first)
    assert len({municipality[:2] for *_, municipality in first}) > 5
    assert Employment.objects.exists()
    assert set(Employment.objects.values_list("job_title__code", flat=True)) <= {
        "5134101",
        "5134102",
        "5134103",
    }


def test_same_seed_gives_the_same_employers(reference_occupation, regions):
    call_command("generate_employers", "--employers", "30", "--seed", "9", stdout=io.StringIO())
    first = list(Employer.objects.order_by("orgnr").values_list("orgnr", "name"))
    Employer.objects.all().delete()
    call_command("generate_employers", "--employers", "30", "--seed", "9", stdout=io.StringIO())
    assert list(Employer.objects.order_by("orgnr").values_list("orgnr", "name")) == first


def test_approvals_only_in_trades_linked_to_occupations(demo_content, regions):
    call_command("generate_employers", "--employers", "200", stdout=io.StringIO())
    from classifications.models import Trade

    used = set(ApprenticeshipApproval.objects.values_list("trade", flat=True))
    linked = set(Trade.objects.filter(occupations__isnull=False).values_list("pk", flat=True))
    assert used
    assert used <= linked
